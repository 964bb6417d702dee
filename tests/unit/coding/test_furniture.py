"""Page furniture proposed by general patterns, and the article-scoped residue rules it becomes."""

from __future__ import annotations

import re

import pandas
import pytest

from deportdata.coding import furniture
from deportdata.coding.draft import Draft
from deportdata.config import source_project
from deportdata.errors import DeportdataError
from deportdata.io.files import csv_text
from deportdata.text.residue import ResidueRule, find_residue, load_rules, remove
from deportdata.text.rules import default_rules

RULES = furniture.load_rules(source_project().rule_file("furniture"))

# An invented page: furniture above and below an invented report.
HEADLINE = "Eleven returnees land in the capital"
TEXT = "\n".join(
    [
        "Search …",
        "Site logo",
        "News | World | Sport | Opinion",
        HEADLINE,
        "",
        HEADLINE,
        "KAMPOT, June 2 -- Eleven men sent back from the United States landed on Sunday, "
        "a police officer said.",
        "A spokesman said 40 more could follow by the end of the year.",
        "Home",
        "(Photo: Staff/Archive)",
        "Share this article",
        "Facebook | Twitter | Email",
        "3 Comments",
        "Leave a Reply",
        "© 2011 The Example Times",
    ]
)


def _proposed(text: str = TEXT) -> dict[str, str]:
    return {p.line: p.rule for p in furniture.propose(text, RULES)}


def test_each_kind_of_furniture_is_proposed_and_the_report_is_not():
    found = _proposed()
    assert found == {
        "Search …": "search_box",
        "Site logo": "logo",
        "News | World | Sport | Opinion": "menu",
        HEADLINE: "repeated_line",
        "Home": "page_links",
        "(Photo: Staff/Archive)": "photo_credit",
        "Share this article": "share_widget",
        "Facebook | Twitter | Email": "share_widget",
        "3 Comments": "comment_widget",
        "Leave a Reply": "comment_widget",
        "© 2011 The Example Times": "copyright",
    }


def test_the_first_copy_of_a_repeated_line_is_kept():
    repeats = [p for p in furniture.propose(TEXT, RULES) if p.rule == "repeated_line"]
    assert len(repeats) == 1
    assert repeats[0].start == TEXT.index(HEADLINE, TEXT.index(HEADLINE) + 1)


def test_long_lines_are_never_furniture():
    line = "Share this article with " + " ".join(["the"] * 20)
    assert _proposed(line + "\n") == {}


def test_lines_a_residue_rule_removes_already_are_left_to_it():
    kept = find_residue(TEXT, [ResidueRule("x", re.compile(r"^Home\n", re.M), "y")])
    assert "Home" not in {p.line for p in furniture.propose(TEXT, RULES, kept)}


def test_offsets_take_the_whole_line_and_its_line_breaks():
    text = "Intro line of the report.\nLeave a comment\n\nNext line.\n"
    (p,) = furniture.propose(text, RULES)
    assert text[p.start : p.end] == "Leave a comment\n\n"


def test_accepted_rules_remove_exactly_the_confirmed_lines_in_that_article_only(tmp_path):
    proposals = furniture.propose(TEXT, RULES)
    rows = furniture.draft_rows("009_00000000000000ab", proposals)
    rules = furniture.residue_rules(TEXT, "009_00000000000000ab", rows)
    path = tmp_path / "residue.yaml"
    path.write_text(furniture.append_rules("", "009_00000000000000ab", rules), encoding="utf-8")
    loaded = load_rules(path)
    clean = remove(TEXT, find_residue(TEXT, loaded, "009_00000000000000ab"))
    assert clean.count(HEADLINE) == 1  # the repeat went, the headline stayed
    assert "Eleven men sent back" in clean and "40 more" in clean
    for p in proposals:
        assert p.line not in clean.replace(HEADLINE, "")
    assert find_residue(TEXT, loaded, "010_00000000000000cd") == []  # another article


def test_the_n_th_match_only_when_occurrence_is_set(tmp_path):
    path = tmp_path / "residue.yaml"
    path.write_text(
        "- {name: r, pattern: '^Ad\\n', reason: x, article_id: a, occurrence: 2}\n",
        encoding="utf-8",
    )
    (removal,) = find_residue("Ad\nText\nAd\nEnd\n", load_rules(path), "a")
    assert removal.start == 8


@pytest.mark.parametrize(
    "text, message, line",
    [
        ("max_words: many\nrepeated_line: {reason: x}\npatterns: []\n", "max_words", 1),
        (
            "max_words: 3\nrepeated_line: {reason: x}\npatterns:\n  - {name: a, pattern: '(', reason: b}\n",
            "bad pattern",
            4,
        ),
        (
            "max_words: 3\nrepeated_line: {reason: x}\npatterns:\n  - {name: a, reason: b}\n",
            "lacks a text pattern",
            4,
        ),
        ("max_words: 3\npatterns: [\n", "not valid YAML", None),
        ("- a\n", "mapping", 1),
    ],
)
def test_a_bad_rule_file_names_file_line_and_column(tmp_path, text, message, line):
    path = tmp_path / "furniture.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DeportdataError) as caught:
        furniture.load_rules(path, "data/raw/rules/furniture.yaml")
    assert message in caught.value.message
    assert caught.value.file == "data/raw/rules/furniture.yaml"
    if line:
        assert caught.value.line == line


def test_numbers_in_furniture_are_ignored_as_residue_and_drafted_rows_there_dropped():
    text = "Officials said 12 men arrived.\nComments (4)\n"
    proposals = furniture.propose(text, RULES)
    cols = ["claim_id", "quote", "quote_occurrence", "value_text"]
    draft = Draft(
        "009_00000000000000ab",
        {
            "claims": pandas.DataFrame(
                [
                    ["D-C001", "Officials said 12 men arrived.", "", "12"],
                    ["D-C002", "Comments (4)", "", "4"],
                ],
                columns=cols,
                dtype=str,
            ),
            "events": pandas.DataFrame(columns=["event_id", "quote", "quote_occurrence"]),
            "mentions_ignored": pandas.DataFrame(
                columns=[
                    "mention_id",
                    "context",
                    "context_occurrence",
                    "mention_text",
                    "reason_code",
                    "reason",
                    "review",
                ]
            ),
        },
        ["D-C002 ('4'): no kind hint matched"],
    )
    furniture.set_aside(draft, text, proposals, default_rules().mentions)
    assert list(draft.tables["claims"]["claim_id"]) == ["D-C001"]
    (row,) = draft.tables["mentions_ignored"].to_dict("records")
    assert (row["mention_text"], row["context"], row["reason_code"]) == (
        "4",
        "Comments (4)",
        "residue",
    )
    assert row["review"] == "todo"
    assert draft.needs_person == []


def _residue_csv(tmp_path, rows: list[str]):
    path = tmp_path / "residue.csv"
    path.write_text(",".join(furniture.COLUMNS) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "start, end, line, column",
    [
        ("0", "6", "Search", "end"),  # the line's breaks left out: the rule would match nothing
        ("0", "3", "Sea", "line_text"),  # not a whole line
        ("1", "8", "earch", "line_text"),  # not at a line's start
        ("²", "8", "Search", "start"),  # not a whole number
    ],
)
def test_a_proposal_edited_out_of_its_line_is_refused(tmp_path, start, end, line, column):
    text = "Search\n\nThe report.\n"
    row = f"D-R001,a,{line},{start},{end},search_box,why,ok,,furniture"
    _, errors = furniture.read_rows(_residue_csv(tmp_path, [row]), "residue.csv", "a", text)
    assert [(e.line, e.column) for e in errors] == [(2, column)]


def test_a_crlf_text_gives_whole_lines_and_rules_that_match_them(tmp_path):
    text = "Search this site\r\nOfficials said 12 men arrived.\r\nLeave a comment\r\n"
    proposals = furniture.propose(text, RULES)
    assert [p.line for p in proposals] == ["Search this site", "Leave a comment"]
    rows = furniture.draft_rows("a", proposals)
    path = tmp_path / "residue.csv"
    cells = ([r[c] for c in furniture.COLUMNS] for r in rows)
    path.write_text(csv_text(furniture.COLUMNS, cells), encoding="utf-8")
    read, errors = furniture.read_rows(path, "residue.csv", "a", text)
    assert errors == [] and len(read) == 2
    rules = tmp_path / "residue.yaml"
    rules.write_text(
        furniture.append_rules("", "a", furniture.residue_rules(text, "a", read)), encoding="utf-8"
    )
    clean = remove(text, find_residue(text, load_rules(rules), "a"))
    assert clean == "Officials said 12 men arrived.\r\n"
