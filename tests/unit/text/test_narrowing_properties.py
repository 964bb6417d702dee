"""text.narrowing, its properties: on any publication interval and constraints that hold on
the true day, narrowing never widens the interval nor excludes the true date, and it is a
fixed point."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from deportdata.text.dates import DateResolveError, resolve
from deportdata.text.interval import Interval
from deportdata.text.narrowing import Constraint, narrow

EXPRESSIONS = (
    "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
    "on Sunday", "yesterday", "today", "last month", "in April", "late last month",
    "early last month", "Last October", "over the last week", "last year", "February 5",
)  # fmt: skip
DAY = st.dates(min_value=date(2015, 1, 1), max_value=date(2021, 12, 31))


@st.composite
def scenario(draw):
    """A publication interval, the true publication day in it, and constraints that each
    contain the true date of their expression on that day (plus slack)."""
    start = draw(DAY)
    coded = Interval(start, start + timedelta(days=draw(st.integers(0, 40))))
    true_day = coded.earliest + timedelta(days=draw(st.integers(0, len(coded) - 1)))
    constraints, truths = [], []
    for n in range(draw(st.integers(0, 3))):
        expression = draw(st.sampled_from(EXPRESSIONS))
        try:
            meaning = resolve(expression, true_day, true_day).interval
        except DateResolveError:  # e.g. "February 5" in the days before 5 February
            continue
        truth = meaning.earliest + timedelta(
            days=draw(st.integers(0, (meaning.latest - meaning.earliest).days))
        )
        before, after = draw(st.integers(0, 10)), draw(st.integers(0, 10))
        allowed = Interval(truth - timedelta(days=before), truth + timedelta(days=after))
        constraints.append(Constraint(f"E{n:03d}", expression, allowed))
        truths.append(truth)
    return coded, true_day, constraints, truths


@settings(max_examples=150, deadline=None)
@given(scenario())
def test_narrowing_never_widens_and_never_excludes_the_true_date(case):
    coded, true_day, constraints, truths = case
    found = narrow(coded, constraints)
    assert found.narrowed.within(coded)
    assert true_day in found.narrowed
    for constraint, cut, truth in zip(constraints, found.constraints, truths, strict=True):
        assert cut.allowed.within(constraint.allowed)
        assert truth in cut.allowed
        meaning = resolve(constraint.expression, found.narrowed.earliest, found.narrowed.latest)
        assert meaning.interval.earliest <= truth <= meaning.interval.latest


@settings(max_examples=100, deadline=None)
@given(scenario())
def test_narrowing_is_a_fixed_point(case):
    coded, _, constraints, _ = case
    found = narrow(coded, constraints)
    again = narrow(found.narrowed, found.constraints)
    assert again.narrowed == found.narrowed and again.constraints == found.constraints
