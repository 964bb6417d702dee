"""clean.events: quote offsets, the date expression resolved against the publication interval."""

from __future__ import annotations

from inline import RULES, TEXT, context, event, where

from deportdata.clean.events import build_events
from deportdata.clean.publication import narrow_publications

MET = "Officials met on Thursday to discuss the two countries’ agreement."
DEADLINE = "They must leave until Friday."
TEXTS = {"000_00000000deadbeef": TEXT + "\n" + DEADLINE}


def build(*rows, narrow=False):
    ctx = context(TEXTS, events=list(rows))
    if narrow:
        narrow_publications(ctx, RULES.dates)
    return build_events(ctx, RULES.dates), ctx


def dated(row):
    return row["date_earliest"], row["date_latest"], row["date_precision"]


def test_a_weekday_is_the_one_before_every_possible_publication_day():
    # published 10-12 August 2017 (Thursday to Saturday): "on Thursday" is 10 August
    (row,), ctx = build(event("E001", MET, "on Thursday"))
    assert ctx.errors == []
    assert dated(row) == ("2017-08-10", "2017-08-10", "day")
    assert row["date_relation"] == "at" and row["date_basis"] == "expression"
    assert row["is_deadline"] is False
    assert row["published_latest"] == "2017-08-12"
    text = TEXTS["000_00000000deadbeef"]
    assert text[row["quote_start"] : row["quote_end"]] == MET


def test_a_deadline_may_lie_after_publication():
    (row,), ctx = build(event("E001", DEADLINE, "until Friday", event_type="deadline"))
    assert ctx.errors == []
    # the next Friday of a publication day from Thursday 10 to Saturday 12 August
    assert dated(row) == ("2017-08-11", "2017-08-18", "range")
    assert row["date_relation"] == "until" and row["is_deadline"] is True


def test_until_alone_makes_a_deadline():
    (row,), _ = build(event("E001", DEADLINE, "until Friday", event_type="statement"))
    assert row["is_deadline"] is True


def test_a_constraint_cuts_the_interval_and_says_so():
    row = event(
        "E001",
        DEADLINE,
        "until Friday",
        event_type="deadline",
        date_constraint_earliest="2017-08-11",
        date_constraint_basis="inferred",
    )
    (out,), ctx = build(row, narrow=True)
    assert ctx.errors == []
    assert dated(out) == ("2017-08-11", "2017-08-11", "day")
    assert out["date_basis"] == "expression+constraint"


def test_rows_for_unknown_articles_are_skipped():
    rows, ctx = build(
        event("E001", MET, "on Thursday", article_id="999_ffffffffffffffff"),
        event("E002", MET, "on Thursday", line=3),
    )
    assert [r["event_id"] for r in rows] == ["E002"] and ctx.errors == []


def test_an_expression_outside_its_quote_is_reported():
    (row,), ctx = build(event("E001", MET, "on Friday", line=9))
    (error,) = ctx.errors
    assert where(error) == ("data/raw/events.csv", 9, "date_expression")
    assert "'on Friday' is not inside its quote" in error.message
    # the expression is still resolved: Friday 4 or 11 August, by the publication day
    assert dated(row) == ("2017-08-04", "2017-08-11", "range")


def test_an_unresolvable_expression_leaves_the_date_empty_and_names_the_cell():
    quote = "They met on Blursday."
    ctx = context(
        {"000_00000000deadbeef": quote}, events=[event("E001", quote, "on Blursday", line=4)]
    )
    (row,) = build_events(ctx, RULES.dates)
    (error,) = ctx.errors
    assert where(error) == ("data/raw/events.csv", 4, "date_expression")
    assert "cannot resolve the date expression 'on Blursday'" in error.message
    assert dated(row) == ("", "", "") and row["date_relation"] == ""


def test_a_date_after_publication_is_refused_unless_the_expression_says_until():
    quote = "They will meet on February 10, 2018, or leave until February 10, 2018."
    rows = [
        event("E001", quote, "on February 10, 2018", line=5),
        event("E002", quote, "until February 10, 2018", line=6, event_type="deadline"),
    ]
    ctx = context({"000_00000000deadbeef": quote}, events=rows)
    later, deadline = build_events(ctx, RULES.dates)
    (error,) = ctx.errors
    assert where(error) == ("data/raw/events.csv", 5, "date_expression")
    assert "would be after publication (2017-08-12)" in error.message
    assert dated(later) == ("", "", "")
    assert dated(deadline) == ("2018-02-10", "2018-02-10", "day") and deadline["is_deadline"]
