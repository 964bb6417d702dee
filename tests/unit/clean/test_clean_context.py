"""clean.context: the builders' shared inputs, and problems recorded at file, line and column."""

from __future__ import annotations

from datetime import date

import pytest
from inline import ARTICLE, RULES, TEXT, article, claim, context, where

from deportdata.errors import DeportdataError
from deportdata.text.interval import Interval

SINCE = "Since 2002, more than 560 Cambodians have been deported from the U.S."


def test_attempt_returns_the_value_or_records_the_error_where_the_row_is():
    ctx = context()
    row = claim("C001", SINCE, "more than 560", line=12)
    assert ctx.attempt("claims", row, "quote", lambda: 42) == 42

    def fails():
        raise DeportdataError("bad cell", hint="fix it")

    assert ctx.attempt("claims", row, "value_text", fails) is None
    (error,) = ctx.errors
    assert where(error) == ("data/raw/claims.csv", 12, "value_text")
    assert str(error) == "data/raw/claims.csv:12: column value_text: bad cell (fix it)"


def test_attempt_keeps_a_location_the_error_already_has():
    ctx = context()

    def fails():
        raise DeportdataError("inside", column=3)

    ctx.attempt("events", claim("C001", SINCE, "x", line=4), "quote", fails)
    assert where(ctx.errors[0]) == ("data/raw/events.csv", 4, 3)


def test_other_exceptions_are_not_swallowed():
    ctx = context()
    with pytest.raises(ZeroDivisionError):  # a programming error is not a data problem
        ctx.attempt("claims", claim("C001", SINCE, "x"), "quote", lambda: 1 / 0)
    assert ctx.errors == []


def test_problem_names_the_reference_tables_by_their_path():
    ctx = context()
    ctx.problem("reference_cumulative", {"_line": "5"}, "value_text", "odd", hint="look")
    assert str(ctx.errors[0]) == (
        "data/raw/reference/cumulative_counts.csv:5: column value_text: odd (look)"
    )


def test_quote_span_finds_the_quote_and_the_occurrence_asked():
    text = "He said no. She said no. They said no."
    ctx = context({ARTICLE: text})
    row = claim("C001", "said no.", "no", line=2)
    assert ctx.quote_span("claims", row) is None
    (error,) = ctx.errors
    assert where(error) == ("data/raw/claims.csv", 2, "quote")
    assert "occurs 3 times" in error.message
    second = {**row, "quote_occurrence": "2"}
    assert ctx.quote_span("claims", second) == (16, 24)
    assert text[16:24] == "said no."
    fourth = {**row, "quote_occurrence": "4"}
    assert ctx.quote_span("claims", fourth) is None
    assert "occurrence 4 asked, but the quote occurs 3 time(s)" in ctx.errors[-1].message


def test_quote_span_of_an_unknown_article_is_none_without_a_second_report():
    ctx = context()
    assert (
        ctx.quote_span("claims", claim("C001", SINCE, "x", article_id="999_ffffffffffffffff"))
        is None
    )
    assert ctx.errors == []


def test_part_span_is_inside_the_quote():
    ctx = context()
    row = claim("C001", SINCE, "more than 560")
    span = ctx.quote_span("claims", row)
    start, end = ctx.part_span("claims", row, "value_text", span)
    assert span[0] <= start < end <= span[1] and TEXT[start:end] == "more than 560"
    assert ctx.part_span("claims", row, "value_text", None) is None
    assert ctx.part_span("claims", {**row, "value_text": ""}, "value_text", span) is None
    assert ctx.errors == []
    # "Officials" is in the text, but not inside this quote
    assert ctx.part_span("claims", {**row, "value_text": "Officials"}, "value_text", span) is None
    assert where(ctx.errors[0]) == ("data/raw/claims.csv", 2, "value_text")


def test_published_is_the_narrowed_interval_once_there_is_one():
    ctx = context(articles=[article(earliest="2017-08-01", latest="2017-08-31")])
    assert ctx.published(ARTICLE) == Interval(date(2017, 8, 1), date(2017, 8, 31))
    ctx.narrowed[ARTICLE] = Interval(date(2017, 8, 10), date(2017, 8, 11))
    assert ctx.published(ARTICLE) == Interval(date(2017, 8, 10), date(2017, 8, 11))
    assert ctx.coded[ARTICLE] == Interval(date(2017, 8, 1), date(2017, 8, 31))


def test_resolve_date_records_an_unresolvable_expression():
    ctx = context()
    row = claim("C001", SINCE, "x", line=3, as_of_expression="last Octember")
    assert ctx.resolve_date("claims", row, "as_of_expression", RULES.dates) is None
    assert where(ctx.errors[0]) == ("data/raw/claims.csv", 3, "as_of_expression")
    resolved = ctx.resolve_date(
        "claims", {**row, "as_of_expression": "last month"}, "as_of_expression", RULES.dates
    )
    assert (resolved.interval.earliest, resolved.interval.latest) == (
        date(2017, 7, 1),
        date(2017, 7, 31),
    )
