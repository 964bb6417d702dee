"""Tests for deportdata.checks.cumulative: totals never fall within a series."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deportdata.checks.cumulative import Total, falling

# the corpus's own figures (articles 000, 001 and 003): "more than 560" then 566
MORE_THAN_560 = Total("risc", "2017-08-10", "2017-08-12", 561, None)
EXACT_566 = Total("risc", "2017-09-01", "2017-09-30", 566, 566)
SOME_550 = Total("risc", "2018-04-01", "2018-04-30", 545, 555)


def test_later_total_below_earlier_lower_bound_falls():
    totals = [
        Total("g", "2017-01-01", "2017-01-31", 538, 538),
        Total("g", "2018-01-01", "2018-01-31", 500, 500),
    ]
    assert falling(totals) == [None, 0]


def test_more_than_560_then_566_agree():
    assert falling([MORE_THAN_560, EXACT_566]) == [None, None]


def test_some_550_after_566_falls_and_names_the_566():
    assert falling([MORE_THAN_560, EXACT_566, SOME_550]) == [None, None, 1]


def test_order_of_rows_does_not_matter():
    assert falling([SOME_550, EXACT_566, MORE_THAN_560]) == [1, None, None]


def test_overlapping_intervals_are_never_compared():
    early = Total("g", "2017-01-01", "2017-12-31", 900, 900)
    inside = Total("g", "2017-06-01", "2017-06-30", 100, 100)
    touching = Total("g", "2017-12-31", "2018-01-31", 100, 100)  # shares a day with `early`
    assert falling([early, inside, touching]) == [None, None, None]


def test_unbounded_bounds_never_make_a_fall():
    no_low = Total("g", "2017-01-01", "2017-01-31", None, 10)
    no_high = Total("g", "2018-01-01", "2018-01-31", 5, None)
    assert falling([no_low, no_high]) == [None, None]
    assert falling([Total("g", "2016-01-01", "2016-01-31", 20, 20), no_high]) == [None, None]


def test_groups_are_separate():
    totals = [
        Total("a", "2017-01-01", "2017-01-31", 600, 600),
        Total("b", "2018-01-01", "2018-01-31", 1, 1),
    ]
    assert falling(totals) == [None, None]


def test_unknown_dates_are_never_compared():
    totals = [
        Total("g", "2017-01-01", "2017-01-31", 600, 600),
        Total("g", None, "2018-01-31", 1, 1),
        Total("g", "2016-01-01", None, 900, 900),
    ]
    assert falling(totals) == [None, None, None]


def test_the_highest_earlier_lower_bound_is_named():
    totals = [
        Total("g", "2015-01-01", "2015-01-31", 300, 300),
        Total("g", "2016-01-01", "2016-01-31", 400, 400),
        Total("g", "2017-01-01", "2017-01-31", 350, 350),
        Total("g", "2018-01-01", "2018-01-31", 100, 100),
    ]
    assert falling(totals) == [None, None, 1, 1]


DAY0 = date(2002, 1, 1)


@st.composite
def totals_lists(draw) -> list[Total]:
    out = []
    for _ in range(draw(st.integers(0, 12))):
        start = draw(st.integers(0, 40))
        length = draw(st.integers(0, 10))
        low = draw(st.none() | st.integers(0, 30))
        high = draw(st.none() | st.integers(0, 30))
        if low is not None and high is not None and high < low:
            low, high = high, low
        out.append(
            Total(
                draw(st.sampled_from("ab")),
                (DAY0 + timedelta(start)).isoformat(),
                (DAY0 + timedelta(start + length)).isoformat(),
                low,
                high,
            )
        )
    return out


def _surely_earlier_and_higher(a: Total, b: Total) -> bool:
    """The definition, pair by pair: a is surely earlier than b and b's top is under a's bottom."""
    return (
        a.group == b.group
        and a.as_of_latest < b.as_of_earliest
        and a.low is not None
        and b.high is not None
        and b.high < a.low
    )


@settings(max_examples=300, deadline=None)
@given(totals_lists())
def test_matches_the_pairwise_definition(totals):
    result = falling(totals)
    for i, b in enumerate(totals):
        offenders = [j for j, a in enumerate(totals) if _surely_earlier_and_higher(a, b)]
        if offenders:
            assert result[i] in offenders
            assert totals[result[i]].low == max(totals[j].low for j in offenders)
        else:
            assert result[i] is None


@settings(max_examples=100, deadline=None)
@given(totals_lists(), st.randoms())
def test_falling_rows_do_not_depend_on_row_order(totals, rnd):
    order = list(range(len(totals)))
    rnd.shuffle(order)
    shuffled = [totals[i] for i in order]
    assert {order[k] for k, f in enumerate(falling(shuffled)) if f is not None} == {
        i for i, f in enumerate(falling(totals)) if f is not None
    }


@settings(max_examples=100, deadline=None)
@given(totals_lists())
def test_a_non_decreasing_series_never_falls(totals):
    # the same intervals, with exact values that grow with the interval's end
    growing = [
        Total(t.group, t.as_of_earliest, t.as_of_latest, n, n)
        for n, t in sorted(
            ((date.fromisoformat(t.as_of_latest).toordinal(), t) for t in totals),
            key=lambda x: x[0],
        )
    ]
    assert all(f is None for f in falling(growing))


def test_bounds_order_overlap_and_arithmetic():
    from deportdata.text.interval import Bounds, EmptyBoundsError

    more_than_560, dozens, exact = Bounds(561, None), Bounds(24, 99), Bounds.exact(566)
    assert dozens.below(more_than_560) and not more_than_560.below(dozens)
    assert not Bounds(None, 10).below(Bounds(None, 20))  # an open side is never surely less
    assert more_than_560.overlaps(exact) and not dozens.overlaps(exact)
    assert more_than_560.intersection(Bounds(None, 600)) == Bounds(561, 600)
    assert dozens.intersection(exact) is None
    assert dozens + exact == Bounds(590, 665)
    assert exact - dozens == Bounds(467, 542)
    assert more_than_560 - dozens == Bounds(462, None) and dozens - more_than_560 == Bounds(
        None, -462
    )
    assert 30 in dozens and 100 not in dozens and 10**9 in more_than_560
    assert str(more_than_560) == "[561, +inf]"
    assert Bounds(10, 9).empty and not Bounds(9, 9).empty  # as coded; the checks find it
    assert Bounds(10, 9).intersection(Bounds(None, None)) is None
    assert Bounds.checked(9, 9) == Bounds.exact(9)
    with pytest.raises(EmptyBoundsError):
        Bounds.checked(10, 9)


def test_totals_of_a_frame():
    import pandas as pd

    from deportdata.checks.cumulative import totals_of

    frame = pd.DataFrame(
        {
            "series_id": ["s", "s"],
            "as_of_earliest": pd.to_datetime(["2010-01-01", "2012-01-01"]),
            "as_of_latest": pd.to_datetime(["2010-12-31", "2012-01-01"]),
            "value_low": pd.array([500, None], dtype="Int64"),
            "value_high": pd.array([None, 400], dtype="Int64"),
        }
    )
    totals = totals_of(frame, "series_id")
    assert totals[0] == Total("s", "2010-01-01", "2010-12-31", 500.0, None)
    assert totals[1].bounds.low is None and totals[1].bounds.high == 400.0
    assert falling(totals) == [None, 0]
