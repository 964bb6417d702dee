"""text.interval: the one interval of days: its derived precision, its columns, its meeting."""

from __future__ import annotations

from datetime import date

import pytest

from deportdata.text.interval import EmptyIntervalError, Interval, columns, intersect_all

D = date.fromisoformat


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
    assert Interval(earliest, latest).precision == expected


def test_columns_of_an_interval_and_of_none():
    assert columns("as_of", Interval(date(2016, 12, 1), date(2016, 12, 31))) == {
        "as_of_earliest": "2016-12-01",
        "as_of_latest": "2016-12-31",
        "as_of_precision": "month",
    }
    assert columns("date", None) == {"date_earliest": "", "date_latest": "", "date_precision": ""}


def test_an_interval_is_read_from_a_rows_columns():
    row = {"published_earliest": "2017-08-10", "published_latest": "2017-08-12"}
    assert Interval.of_row(row, "published") == Interval(date(2017, 8, 10), date(2017, 8, 12))
    # an empty latest is the earliest day (a constraint that pins one day)
    one = {"date_constraint_earliest": "2017-08-11", "date_constraint_latest": ""}
    assert Interval.of_row(one, "date_constraint") == Interval.day(date(2017, 8, 11))
    with pytest.raises(EmptyIntervalError, match=r"ends \(2017-08-01\) before it starts"):
        Interval.of_row({**row, "published_latest": "2017-08-01"}, "published")


def test_the_intersection_is_relabelled_by_its_days():
    week = Interval(date(2017, 8, 7), date(2017, 8, 13))
    month = Interval(date(2017, 8, 1), date(2017, 8, 31))
    assert week.intersection(month) == month.intersection(week) == week
    assert month.intersection(week).precision == "range"
    a = Interval(date(2017, 7, 20), date(2017, 8, 5))
    b = Interval(date(2017, 8, 1), date(2017, 9, 30))
    assert a.intersection(b) == Interval(date(2017, 8, 1), date(2017, 8, 5))
    assert b.intersection(Interval.day(date(2017, 8, 31))).precision == "day"
    assert intersect_all([a, b, month]) == Interval(date(2017, 8, 1), date(2017, 8, 5))


def test_intervals_that_do_not_meet_have_no_intersection():
    a = Interval(date(2017, 8, 1), date(2017, 8, 10))
    b = Interval(date(2017, 8, 11), date(2017, 8, 20))
    assert a.intersection(b) is None and b.intersection(a) is None
    assert intersect_all([a, b, a]) is None and intersect_all([]) is None


def test_an_unordered_interval_is_refused():
    with pytest.raises(EmptyIntervalError, match="before it starts"):
        Interval(date(2017, 8, 12), date(2017, 8, 10))


def test_days_membership_length_and_text():
    interval = Interval(date(2017, 8, 30), date(2017, 9, 2))
    assert len(interval) == 4 and list(interval)[-1] == date(2017, 9, 2)
    assert date(2017, 8, 31) in interval and date(2017, 9, 3) not in interval
    assert str(interval) == "2017-08-30..2017-09-02" and str(Interval.day(date(2017, 9, 2))) == (
        "2017-09-02"
    )
    assert Interval.hull_of([date(2017, 9, 2), date(2017, 8, 30)]) == interval


def test_interval_operations():
    a, b = Interval(D("2018-01-27"), D("2018-02-04")), Interval(D("2018-02-01"), D("2018-02-10"))
    assert a.intersection(b) == Interval(D("2018-02-01"), D("2018-02-04"))
    assert a.hull(b) == Interval(D("2018-01-27"), D("2018-02-10"))
    assert a.overlaps(b) and not a.within(b) and Interval.day(D("2018-02-02")).within(a)
    assert len(a) == 9 and D("2018-01-27") in a and D("2018-02-05") not in a
    assert a < b and sorted([b, a]) == [a, b]
    assert a.intersection(Interval.day(D("2018-03-01"))) is None
    assert intersect_all([a, b, Interval.day(D("2018-02-03"))]) == Interval.day(D("2018-02-03"))
    assert intersect_all([a, Interval.day(D("2019-01-01")), b]) is None
    assert intersect_all([]) is None
    assert str(a) == "2018-01-27..2018-02-04" and str(Interval.day(D("2018-01-26"))) == "2018-01-26"
    with pytest.raises(EmptyIntervalError):
        Interval(D("2018-02-04"), D("2018-01-27"))
