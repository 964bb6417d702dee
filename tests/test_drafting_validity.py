"""A draft is valid by construction: every row add-article writes passes the checks accept
applies (its cell checks, and the clean step's: quotes found, values the number parser
reads, date expressions the resolver reads, every numeric mention accounted for).

INVENTED TEST TEXT. The sentences below were written for these tests, full of the traps
that once gave a draft accept refused (times of day, "3." at a sentence's end, "last
week", "this morning", "earlier this year", decimals, a sentence that never ends); they
are not reports of real events.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from functools import cache

import pytest
from conftest import REPO, cli

from deportdata.coding.draft import draft_text, registry_of
from deportdata.coding.draftfiles import NEEDS_PERSON, REVIEW, TODO
from deportdata.coding.drafting.rows import cell_problems, problems
from deportdata.coding.drafting.rules import drafting_rules
from deportdata.config import Project
from deportdata.schema import load_schema
from deportdata.text.mentions import load_rules as load_mention_rules

# invented test text
TRAPS = (
    "Thu, 10 May 2018\n"
    "A flight carrying 31 Cambodians landed at 9:45am on Thursday, and another is due at "
    "6:30 p.m. on Friday.\n"
    "The plane left Texas at 9.15 and touched down at 11am, officials said.\n"
    "Some 40 deportees were detained last week, the ministry said this morning.\n"
    "Earlier this year, about 120 people were deported, and 13 more were sent back in "
    "March; the total for the spring rose to 3.\n"
    "In 2017, 3 groups of 12 were removed, and the group said the 2.5 estimate was wrong.\n"
    "The agency said 12 detainees, out of 112, were released this week, while 12.\n"
)
PUBLISHED = "2018-05-10"
ARTICLE = {
    "outlet": "phnom_penh_post",
    "published_best": PUBLISHED,
    "published_earliest": PUBLISHED,
    "published_latest": PUBLISHED,
}
# columns a person writes as free text (they may hold a TODO); every other must not
FREE_TEXT = {"description", "note", NEEDS_PERSON, "draft_reason", "reason"}


def _draft(text: str):
    project = Project(REPO)
    return draft_text(
        "900_0000000000000000", text, ARTICLE, registry_of(project), drafting_rules(project),
        load_mention_rules(project.rules / "mentions.yaml"),
    )  # fmt: skip


@cache
def traps():
    return _draft(TRAPS)


def test_every_drafted_row_passes_the_checks_accept_applies():
    d = traps()
    published = (date.fromisoformat(PUBLISHED),) * 2
    numbers = drafting_rules(Project(REPO)).numbers
    for name, frame in d.tables.items():
        for row in frame.to_dict("records"):
            assert problems(name, row, TRAPS, published, numbers) == {}, (name, row)
            assert row[REVIEW] == "todo"
            coded = {c: v for c, v in row.items() if c not in FREE_TEXT}
            assert not any(str(v).startswith(TODO) for v in coded.values()), (name, row)


def test_times_of_day_are_not_claims():
    ignored = {
        r["mention_text"]: r["reason_code"]
        for r in traps().tables["mentions_ignored"].to_dict("records")
    }
    for part in ("9", "45am", "6", "30", "9.15", "11am"):
        assert ignored.get(part) == "date", part
    values = set(traps().tables["claims"]["value_text"])
    assert {"31", "Some 40", "about 120", "13"} <= values
    assert not values & {"9", "45am", "6", "30", "9.15", "11am", "3."}


def test_unreadable_expressions_are_left_out_and_noted_on_their_row():
    claims = {r["value_text"]: r for r in traps().tables["claims"].to_dict("records")}
    for value, expression in (("Some 40", "last week"), ("about 120", "Earlier this year")):
        row = claims[value]
        assert (row["period_expression"], row["as_of_expression"]) == ("", "")
        assert f"'{expression}'" in row[NEEDS_PERSON] and "resolver" in row[NEEDS_PERSON]
    events = set(traps().tables["events"]["date_expression"])
    assert not events & {"last week", "this morning", "Earlier this year", "this week"}
    summary = traps().summary()
    assert "'this morning'" in summary and "need a person" in summary


def test_a_figure_made_unique_by_its_full_stop_is_read_where_it_is_printed():
    (row,) = [r for r in traps().tables["claims"].to_dict("records") if r["value_text"] == "3"]
    assert row["quote"].endswith("rose to 3.") and row["quote"].find("3") == len(row["quote"]) - 2
    assert "earlier '3'" in row[NEEDS_PERSON]


def test_a_decimal_the_parser_cannot_read_is_ignored_for_a_person():
    (row,) = [
        r
        for r in traps().tables["mentions_ignored"].to_dict("records")
        if r["mention_text"] == "2.5"
    ]
    assert row["reason_code"] == "not_a_count" and "parser cannot read" in row[NEEDS_PERSON]


@pytest.fixture
def small_field_limit():
    """The CSV reader's field limit lowered to 20,000 characters for one test (restored after),
    so that a text longer than it stays small enough to draft in a fraction of a second."""
    before = csv.field_size_limit(20_000)
    yield
    csv.field_size_limit(before)


def test_a_sentence_that_never_ends_gives_quotes_below_every_reader_limit(small_field_limit):
    # invented test text: 30 KB without a full stop, longer than the CSV reader's field limit
    text = "About 25 deportees arrived on Monday and " * 750 + "officials said so.\n"
    assert len(text) > csv.field_size_limit()
    d = _draft(text)
    limit = int(drafting_rules(Project(REPO))["max_sentence_chars"])
    for name, frame in d.tables.items():
        for row in frame.to_dict("records"):
            assert cell_problems(name, row) == {}
            for column in ("quote", "context"):
                assert len(row.get(column, "")) <= limit
                assert row.get(column, "") in text
    published = (date.fromisoformat(PUBLISHED),) * 2
    numbers = drafting_rules(Project(REPO)).numbers
    for row in d.tables["claims"].head(20).to_dict("records"):
        assert problems("claims", row, text, published, numbers) == {}


def _read(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.mark.build
def test_the_trap_draft_once_reviewed_is_accepted(project_copy, tmp_path):
    """add-article drafts the traps; a person sets every row ok and writes each TODO cell,
    changing nothing else; accept (its cell checks and the clean step's) takes it."""
    article = tmp_path / "traps.txt"
    article.write_text(TRAPS, encoding="utf-8")
    added = cli(
        "--root", str(project_copy), "add-article", str(article), "--outlet", "phnom_penh_post",
        "--headline", "Deportees arrive", "--url", "https://example.org/traps",
        "--published-earliest", PUBLISHED, "--published-latest", PUBLISHED,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    (folder,) = (project_copy / "data/drafts").iterdir()
    for path in folder.glob("*.csv"):
        rows = _read(path)
        if not rows:
            continue
        columns = list(rows[0])
        for row in rows:
            if REVIEW in row:
                row[REVIEW] = "ok"
            for column, value in row.items():
                if value.startswith(TODO):
                    row[column] = "Written by the reviewer."
        out = io.StringIO()
        writer = csv.DictWriter(out, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
    accepted = cli("--root", str(project_copy), "accept", folder.name)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    raw = project_copy / "data/raw" / load_schema().table("raw", "claims").path
    claims = [r for r in _read(raw) if r["article_id"] == folder.name]
    assert claims and all(r["coded_by"] == "drafted_reviewed" for r in claims)
