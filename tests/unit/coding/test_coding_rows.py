"""coding.rows: the checks every drafted row must pass, as `accept` and the clean step apply
them, and how a failing optional cell is cleared and noted. Invented test text."""

from __future__ import annotations

import csv
from datetime import date

from deportdata.coding.drafting.rows import cell_problems, columns, problems, settle
from deportdata.coding.drafting.sentences import Occurrences
from deportdata.text.numbers import default_conventions

TEXT = "Some 40 deportees were detained last week, the ministry said on Monday.\n"
QUOTE = TEXT.strip()
PUBLISHED = (date(2018, 5, 10), date(2018, 5, 10))


def claim(**cells) -> dict[str, str]:
    row = {
        "claim_id": "D-C001", "article_id": "900_0000000000000000", "quote": QUOTE,
        "value_text": "Some 40", "kind": "detained", "unit": "persons",
        "reporter": "phnom_penh_post", "quantity_key": "rounded_up_2018_05", "review": "todo",
        "draft_reason": "test",
    }  # fmt: skip
    return {**row, **cells}


def test_the_draft_columns_end_with_the_review_columns():
    assert columns("claims")[-4:] == ["review", "confidence", "needs_person", "draft_reason"]
    assert "coded_by" not in columns("claims")


def test_a_good_row_has_no_problem():
    assert problems("claims", claim(), TEXT, PUBLISHED, default_conventions()) == {}


def test_each_check_names_its_column():
    found = problems(
        "claims",
        claim(value_text="45am", as_of_expression="last week", kind="nonsense", review=""),
        TEXT, PUBLISHED, default_conventions(),
    )  # fmt: skip
    assert set(found) == {"value_text", "as_of_expression", "kind", "review"}
    assert "cannot read a number" in found["value_text"]
    assert "cannot resolve" in found["as_of_expression"]
    outside = problems(
        "claims", claim(value_text="Some 41"), TEXT, PUBLISHED, default_conventions()
    )
    assert "not inside its quote" in outside["value_text"]


def test_a_quote_not_in_the_text_or_too_long_for_the_csv_reader():
    found = problems("claims", claim(quote="Not printed."), TEXT, PUBLISHED, default_conventions())
    assert "not found verbatim" in found["quote"]
    long = "x" * (csv.field_size_limit() + 1)
    assert "over the CSV reader's limit" in cell_problems("claims", claim(note=long))["note"]


def test_the_word_index_finds_what_the_scan_finds():
    index = Occurrences(TEXT)
    row = claim(quote="Not printed.")
    assert problems("claims", row, TEXT, PUBLISHED, default_conventions(), index.starts) == (
        problems("claims", row, TEXT, PUBLISHED, default_conventions())
    )


def test_settle_clears_an_optional_cell_and_notes_it_keeps_a_required_one():
    row = claim(as_of_expression="last week", kind="nonsense")
    left = settle("claims", row, TEXT, PUBLISHED, default_conventions())
    assert row["as_of_expression"] == "" and "'last week' cleared" in row["needs_person"]
    assert left == [f"kind: {cell_problems('claims', claim(kind='nonsense'))['kind']}"]
    assert "; " not in row["needs_person"].replace("; as_of", "")
