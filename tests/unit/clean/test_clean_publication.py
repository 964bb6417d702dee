"""clean.publication: each article's publication interval narrowed by its rows' dated
constraints, and a row's interval cut to its own constraint."""

from __future__ import annotations

from datetime import date

from inline import ARTICLE, RULES, article, claim, context, event, where

from deportdata.clean.publication import (
    columns,
    constrained,
    constraint_of,
    narrow_publications,
    resolver,
)
from deportdata.text.interval import Interval

FRIDAY = "Officials met on Friday."
TEXTS = {ARTICLE: FRIDAY}


def friday(line=2, **constraint):
    return event("E001", FRIDAY, "on Friday", line=line, **constraint)


def test_constraint_of_reads_the_constraint_columns():
    row = friday(
        date_constraint_earliest="2017-08-11",
        date_constraint_basis="source",
        date_constraint_url="https://example.org/a",
        date_constraint_note="the day of the meeting",
    )
    found = constraint_of(context(TEXTS), "events", row)
    assert (found.row_id, found.expression, found.basis, found.url, found.note) == (
        "E001",
        "on Friday",
        "source",
        "https://example.org/a",
        "the day of the meeting",
    )
    assert found.allowed == Interval(date(2017, 8, 11), date(2017, 8, 11))  # empty latest: one day
    assert constraint_of(context(TEXTS), "events", friday()) is None  # none coded


def test_a_claims_constraint_is_read_from_its_as_of_columns():
    row = claim(
        "C004",
        FRIDAY,
        "x",
        as_of_expression="on Friday",
        as_of_constraint_earliest="2017-08-01",
        as_of_constraint_latest="2017-08-11",
    )
    found = constraint_of(context(TEXTS), "claims", row)
    assert found.row_id == "C004" and found.allowed == Interval(date(2017, 8, 1), date(2017, 8, 11))


def test_a_constraint_without_an_expression_is_reported():
    ctx = context(TEXTS)
    row = event("E001", FRIDAY, "", line=6, date_constraint_earliest="2017-08-11")
    assert constraint_of(ctx, "events", row) is None
    (error,) = ctx.errors
    assert where(error) == ("data/raw/events.csv", 6, "date_constraint_earliest")
    assert "a date_constraint needs an date_expression" in error.message


def test_an_unordered_constraint_is_reported_at_its_latest_day():
    ctx = context(TEXTS)
    row = friday(line=7, date_constraint_earliest="2017-08-11", date_constraint_latest="2017-08-01")
    assert constraint_of(ctx, "events", row) is None
    (error,) = ctx.errors
    assert where(error) == ("data/raw/events.csv", 7, "date_constraint_latest")
    assert "ends (2017-08-01) before it starts (2017-08-11)" in error.message


def test_a_constraint_narrows_the_publication_interval():
    # "on Friday" is 11 August only if the article appeared on 11 or 12 August
    ctx = context(TEXTS, events=[friday(date_constraint_earliest="2017-08-11")])
    narrowings = narrow_publications(ctx, RULES.dates)
    assert ctx.errors == []
    narrowing = narrowings[ARTICLE]
    assert narrowing.coded == Interval(date(2017, 8, 10), date(2017, 8, 12))
    assert narrowing.narrowed == Interval(date(2017, 8, 11), date(2017, 8, 12))
    assert narrowing.narrowed.within(narrowing.coded)
    assert set(ctx.constraints) == {("events", "E001")}
    assert columns(narrowing) == {
        "published_narrowed_earliest": "2017-08-11",
        "published_narrowed_latest": "2017-08-12",
        "published_narrowed_precision": "range",
        "published_narrowed_by": "E001",
    }


def test_an_article_without_constraints_keeps_its_interval():
    ctx = context(TEXTS, events=[friday()])
    narrowing = narrow_publications(ctx, RULES.dates)[ARTICLE]
    assert narrowing.narrowed == narrowing.coded and narrowing.narrowed_by == ()
    assert columns(narrowing)["published_narrowed_by"] == ""
    assert columns(None) == {}


def test_rows_of_unknown_articles_do_not_narrow_anything():
    row = friday(date_constraint_earliest="2017-08-11", article_id="999_ffffffffffffffff")
    ctx = context(TEXTS, events=[row])
    assert narrow_publications(ctx, RULES.dates)[ARTICLE].narrowed_by == ()
    assert ctx.constraints == {} and ctx.errors == []


def test_constraints_no_publication_day_fits_are_reported_at_the_article():
    ctx = context(
        TEXTS,
        articles=[article(line=3)],
        events=[friday(date_constraint_earliest="2017-08-18")],
    )
    assert narrow_publications(ctx, RULES.dates) == {}
    (error,) = ctx.errors
    assert where(error) == ("data/raw/articles.csv", 3, "published_earliest")
    assert "no publication day in 2017-08-10..2017-08-12 fits every dated constraint" in str(error)
    assert "E001 'on Friday' must mean 2017-08-18" in error.message


def test_an_unresolvable_constrained_expression_is_left_to_the_rows_own_report():
    quote = "They met on Blursday."
    row = event("E001", quote, "on Blursday", date_constraint_earliest="2017-08-11")
    ctx = context({ARTICLE: quote}, events=[row])
    assert narrow_publications(ctx, RULES.dates)[ARTICLE].narrowed_by == ()
    assert ctx.errors == [] and ctx.constraints == {}


def test_constrained_cuts_a_rows_interval_or_reports_a_contradiction():
    ctx = context(TEXTS, events=[friday(line=4, date_constraint_earliest="2017-08-11")])
    narrow_publications(ctx, RULES.dates)
    row = ctx.raw["events"][0]
    week = Interval(date(2017, 8, 4), date(2017, 8, 11))
    assert constrained(ctx, "events", row, week) == (Interval.day(date(2017, 8, 11)), True)
    earlier = Interval(date(2017, 8, 1), date(2017, 8, 4))
    assert constrained(ctx, "events", row, earlier) == (earlier, False)
    (error,) = ctx.errors
    assert where(error) == ("data/raw/events.csv", 4, "date_constraint_earliest")
    assert "the constraint 2017-08-11 contradicts 'on Friday' (2017-08-01..2017-08-04)" in str(
        error
    )
    unconstrained = event("E002", FRIDAY, "on Friday")
    assert constrained(ctx, "events", unconstrained, week) == (week, False)


def test_resolver_gives_the_days_an_expression_may_mean():
    publication = Interval(date(2017, 8, 10), date(2017, 8, 12))
    assert resolver("on Friday", publication, RULES.dates) == Interval(
        date(2017, 8, 4), date(2017, 8, 11)
    )
