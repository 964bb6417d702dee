"""Tests for deportdata.text.dates: the corpus's date expressions and the resolution rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import yaml
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from deportdata.errors import DeportdataError
from deportdata.text.dates import (
    MONTHS,
    PRECISIONS,
    RELATIONS,
    WEEKDAYS,
    DateConventions,
    DateResolveError,
    default_conventions,
    load_conventions,
    resolve,
)
from deportdata.text.interval import Interval

RULES = REPO / "data" / "raw" / "rules" / "dates.yaml"
# the conventions as data: the rule file is their only source
DEFAULTS = yaml.safe_load(RULES.read_text(encoding="utf-8"))
DEFAULT_CONVENTIONS = load_conventions(RULES)

# Publication intervals from the research notes, by article.
PUB_000 = (date(2017, 8, 10), date(2017, 8, 12))
PUB_001 = (date(2017, 2, 1), date(2017, 2, 15))
PUB_002 = (date(2018, 2, 9), date(2018, 2, 10))
PUB_003 = (date(2020, 1, 16), date(2020, 1, 17))
PUB_004 = (date(2018, 1, 27), date(2018, 2, 4))


def day(y: int, m: int, d: int) -> Interval:
    return Interval(date(y, m, d), date(y, m, d))


def span(first: date, last: date) -> Interval:
    return Interval(first, last)


def month(y: int, m: int) -> Interval:
    following = date(y + m // 12, m % 12 + 1, 1)
    return Interval(date(y, m, 1), following - timedelta(days=1))


def year(y: int) -> Interval:
    return Interval(date(y, 1, 1), date(y, 12, 31))


# (expression, publication interval, expected interval, relation, is_relative)
CORPUS = [
    ("on Thursday", PUB_000, day(2017, 8, 10), "at", True),  # 10 Aug 2017 was a Thursday
    ("on Wednesday", PUB_000, day(2017, 8, 9), "at", True),
    ("since October", PUB_000, month(2016, 10), "since", True),
    ("In April", PUB_000, month(2017, 4), "at", True),
    ("in October", PUB_000, month(2016, 10), "at", True),
    ("in 2004", PUB_000, year(2004), "at", False),
    ("Since 2002", PUB_000, year(2002), "since", False),
    ("2002", PUB_000, year(2002), "at", False),  # "the 2002 agreement"
    ("2002", PUB_001, year(2002), "at", False),
    ("Since 2002", PUB_001, year(2002), "since", False),
    ("since 2002", PUB_002, year(2002), "since", False),
    ("On Wednesday", PUB_003, day(2020, 1, 15), "at", True),
    ("since 2002", PUB_003, year(2002), "since", False),
    # The Tuesdays in the 7 days ending on 1..15 Feb 2017: 31 Jan .. 14 Feb.
    ("on Tuesday", PUB_001, span(date(2017, 1, 31), date(2017, 2, 14)), "at", True),
    ("last month", PUB_001, month(2017, 1), "during", True),
    ("Only last month", PUB_001, month(2017, 1), "during", True),
    ("in December", PUB_001, month(2016, 12), "at", True),
    ("Last year", PUB_001, year(2016), "during", True),
    ("in September", PUB_001, month(2016, 9), "at", True),
    ("since September", PUB_001, month(2016, 9), "since", True),
    ("On Friday", PUB_002, day(2018, 2, 9), "at", True),  # 9 Feb 2018 was a Friday
    ("on Friday", PUB_002, day(2018, 2, 9), "at", True),
    ("Friday", PUB_002, day(2018, 2, 9), "at", True),
    ("late last month", PUB_002, span(date(2018, 1, 21), date(2018, 1, 31)), "at", True),
    ("last year", PUB_002, year(2017), "during", True),
    ("in September", PUB_002, month(2017, 9), "at", True),
    ("on Wednesday", PUB_003, day(2020, 1, 15), "at", True),
    ("on Thursday", PUB_003, day(2020, 1, 16), "at", True),
    ("Last October", PUB_003, month(2019, 10), "at", True),
    # Fridays in the 7 days ending on 27 Jan .. 4 Feb 2018.
    ("on Friday", PUB_004, span(date(2018, 1, 26), date(2018, 2, 2)), "at", True),
    ("On Saturday", PUB_004, span(date(2018, 1, 27), date(2018, 2, 3)), "at", True),
    ("yesterday", PUB_004, span(date(2018, 1, 26), date(2018, 2, 3)), "at", True),
    ("in October", PUB_004, month(2017, 10), "at", True),
    ("last year", PUB_004, year(2017), "during", True),
    # The 12 months ending on the first and on the last publication day.
    ("over the last year", PUB_004, span(date(2017, 1, 28), date(2018, 2, 4)), "during", True),
    ("until February 5", PUB_004, day(2018, 2, 5), "until", True),
]

OTHER_FORMS = [
    ("today", PUB_002, span(date(2018, 2, 9), date(2018, 2, 10)), "at", True),
    ("yesterday", (date(2018, 3, 1),) * 2, day(2018, 2, 28), "at", True),
    ("on Feb. 5", PUB_002, day(2018, 2, 5), "at", True),
    ("Sept. 2", PUB_002, day(2017, 9, 2), "at", True),  # nearer than 2 Sep 2018
    ("Sept 2", PUB_002, day(2017, 9, 2), "at", True),
    ("2nd September", PUB_002, day(2017, 9, 2), "at", True),
    ("February 10, 2018", PUB_002, day(2018, 2, 10), "at", False),
    ("10 February 2018", PUB_002, day(2018, 2, 10), "at", False),
    ("October 2017", PUB_002, month(2017, 10), "at", False),
    ("early last month", PUB_002, span(date(2018, 1, 1), date(2018, 1, 10)), "at", True),
    ("mid-October", PUB_002, span(date(2017, 10, 11), date(2017, 10, 20)), "at", True),
    (
        "late February",
        (date(2016, 3, 5),) * 2,
        span(date(2016, 2, 21), date(2016, 2, 29)),
        "at",
        True,
    ),
    (
        "over the past month",
        (date(2018, 3, 31),) * 2,
        span(date(2018, 3, 1), date(2018, 3, 31)),
        "during",
        True,
    ),
    ("last month", PUB_004, span(date(2017, 12, 1), date(2018, 1, 31)), "during", True),
    ("Last October", (date(2019, 10, 5),) * 2, month(2018, 10), "at", True),
    (
        "In October",
        (date(2019, 10, 5),) * 2,
        span(date(2019, 10, 1), date(2019, 10, 5)),
        "at",
        True,
    ),
    ("in 2018", PUB_002, span(date(2018, 1, 1), date(2018, 2, 10)), "at", False),
    ("on February 10", PUB_002, day(2018, 2, 10), "at", True),  # only if published the 10th
    ("until Friday", PUB_002, span(date(2018, 2, 9), date(2018, 2, 16)), "until", True),
    ("by October", PUB_002, month(2018, 10), "until", True),
    ("until 2030", PUB_002, year(2030), "until", False),
]

NOT_RESOLVED = [
    ("in the past", PUB_002),
    ("recently", PUB_002),
    ("", PUB_002),
    ("only", PUB_002),
    ("on", PUB_002),
    ("next month", PUB_002),
    ("late Friday", PUB_002),
    ("February 30", PUB_002),
    ("February 29", (date(2018, 2, 9),) * 2),  # no 29 Feb within six months
    ("February 30, 2018", PUB_002),
    ("in 2030", PUB_002),  # after publication and not a deadline
    ("on February 11", PUB_002),
    ("last month", (date(2016, 1, 1), date(2017, 6, 1))),  # publication interval too wide
]


@pytest.mark.parametrize(
    ("expression", "pub", "interval", "relation", "relative"), [*CORPUS, *OTHER_FORMS]
)
def test_resolve(expression, pub, interval, relation, relative) -> None:
    resolved = resolve(expression, *pub)
    assert (resolved.interval, resolved.relation, resolved.is_relative) == (
        interval,
        relation,
        relative,
    )


@pytest.mark.parametrize(("expression", "pub"), NOT_RESOLVED)
def test_not_resolved_raises(expression: str, pub: tuple[date, date]) -> None:
    with pytest.raises(DateResolveError) as caught:
        resolve(expression, *pub)
    assert repr(expression) in str(caught.value)


def test_unknown_expression_lists_the_forms_understood() -> None:
    with pytest.raises(DateResolveError) as caught:
        resolve("in the past", *PUB_002)
    assert "'in the past'" in str(caught.value)
    assert "last month" in str(caught.value.hint)


def test_publication_interval_must_be_ordered() -> None:
    with pytest.raises(DateResolveError):
        resolve("in 2004", PUB_002[1], PUB_002[0])


def test_defaults_are_the_rule_file() -> None:
    """With no conventions given, the readers use the package's project's dates.yaml."""
    assert default_conventions() == DEFAULT_CONVENTIONS
    assert default_conventions() is default_conventions()  # read once


def test_month_parts_are_parameters() -> None:
    parts = {"early": [1, 7], "mid": [8, 21], "late": [22, 31]}
    conventions = DateConventions.from_dict({**DEFAULTS, "month_parts": parts})
    resolved = resolve("late last month", *PUB_002, conventions)
    assert resolved.interval == span(date(2018, 1, 22), date(2018, 1, 31))


@pytest.mark.parametrize(
    "data",
    [
        {**DEFAULTS, "month_parts": {"late": [21, 40]}},
        {**DEFAULTS, "max_publication_days": "x"},
        {"month_parts": {}},
    ],
)
def test_bad_conventions_are_refused(data: dict) -> None:
    with pytest.raises(DeportdataError):
        DateConventions.from_dict(data)


publications = st.tuples(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 11, 1)), st.integers(0, 40)
).map(lambda pair: (pair[0], pair[0] + timedelta(days=pair[1])))
VOCABULARY = [*WEEKDAYS, *MONTHS, "only", "on", "in", "since", "until", "by", "over", "the",
              "last", "past", "year", "month", "week", "yesterday", "today", "early", "mid",
              "late", "5", "29", "31", "2018", "0001", "9999", ",", "."]  # fmt: skip
expressions = st.text() | st.lists(st.sampled_from(VOCABULARY), max_size=4).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(expression=expressions, pub=publications)
def test_any_expression_resolves_or_raises_date_resolve_error(expression, pub) -> None:
    try:
        resolved = resolve(expression, *pub)
    except DateResolveError:
        return
    interval = resolved.interval
    assert interval.earliest <= interval.latest
    assert interval.precision in PRECISIONS and resolved.relation in RELATIONS
    assert resolved.relation == "until" or interval.latest <= pub[1]


@settings(max_examples=200, deadline=None)
@given(
    expression=st.sampled_from([e for e, *_ in [*CORPUS, *OTHER_FORMS]]),
    pub=st.tuples(st.dates(date(1900, 1, 1), date(2100, 1, 1)), st.integers(0, 40)),
)
def test_known_expressions_resolve_in_order(expression, pub) -> None:
    first, last = pub[0], pub[0] + timedelta(days=pub[1])
    try:
        resolved = resolve(expression, first, last)
    except DateResolveError:
        return  # e.g. an explicit date after this publication interval
    assert resolved.interval.earliest <= resolved.interval.latest
    assert resolved.relation == "until" or resolved.interval.latest <= last
