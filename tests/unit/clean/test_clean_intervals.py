"""clean.intervals: intervals as `<name>_earliest/_latest/_precision` columns, and their meeting."""

from __future__ import annotations

from datetime import date

import pytest

from deportdata.clean.intervals import columns, intersect, precision, span
from deportdata.text.dates import DateInterval, DateResolveError


@pytest.mark.parametrize(
    ("earliest", "latest", "expected"),
    [
        (date(2017, 8, 10), date(2017, 8, 10), "day"),
        (date(2017, 8, 1), date(2017, 8, 31), "month"),
        (date(2016, 2, 1), date(2016, 2, 29), "month"),  # a leap February
        (date(2017, 2, 1), date(2017, 2, 28), "month"),
        (date(2017, 1, 1), date(2017, 12, 31), "year"),
        (date(2017, 8, 1), date(2017, 8, 30), "range"),  # a day short of the month
        (date(2017, 8, 2), date(2017, 8, 31), "range"),
        (date(2017, 2, 1), date(2017, 3, 31), "range"),  # two months
        (date(2017, 1, 1), date(2018, 12, 31), "range"),  # two years
        (date(2017, 1, 2), date(2017, 12, 31), "range"),
    ],
)
def test_precision_names_the_calendar_unit_exactly(earliest, latest, expected):
    assert precision(earliest, latest) == expected
    assert span(earliest, latest) == DateInterval(earliest, latest, expected)


def test_columns_of_an_interval_and_of_none():
    interval = span(date(2016, 12, 1), date(2016, 12, 31))
    assert columns("as_of", interval) == {
        "as_of_earliest": "2016-12-01",
        "as_of_latest": "2016-12-31",
        "as_of_precision": "month",
    }
    assert columns("date", None) == {"date_earliest": "", "date_latest": "", "date_precision": ""}


def test_intersect_keeps_the_first_interval_when_it_lies_inside_the_second():
    week = DateInterval(date(2017, 8, 7), date(2017, 8, 13), "week")
    month = span(date(2017, 8, 1), date(2017, 8, 31))
    assert intersect(week, month) is week  # its own precision ("week") is kept
    assert intersect(month, week) == DateInterval(date(2017, 8, 7), date(2017, 8, 13), "range")


def test_intersect_of_overlapping_intervals_is_relabelled():
    a = span(date(2017, 7, 20), date(2017, 8, 5))
    b = span(date(2017, 8, 1), date(2017, 9, 30))
    assert intersect(a, b) == DateInterval(date(2017, 8, 1), date(2017, 8, 5), "range")
    assert intersect(b, span(date(2017, 8, 31), date(2017, 8, 31))).precision == "day"


def test_intervals_that_do_not_meet_have_no_intersection():
    a = span(date(2017, 8, 1), date(2017, 8, 10))
    b = span(date(2017, 8, 11), date(2017, 8, 20))
    assert intersect(a, b) is None and intersect(b, a) is None


def test_an_unordered_interval_is_refused():
    with pytest.raises(DateResolveError, match="invalid date interval"):
        span(date(2017, 8, 12), date(2017, 8, 10))
