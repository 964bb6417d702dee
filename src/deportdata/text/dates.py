"""Resolve a printed date expression ("on Thursday", "late last month") to an interval.

Relative expressions are resolved for every possible publication day and the
results are joined (hull); the precision is the hull's own (text.interval derives
it from the days: a calendar day, month or year, else "range"). Unless the relation
is "until" (an announced deadline), a date cannot be after publication: per
publication day, an interval is cut at that day and a day on which it would lie
wholly after publication is dropped; if every day is dropped, it is an error.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from deportdata.config import source_project
from deportdata.errors import DeportdataError
from deportdata.text.interval import PRECISIONS, Interval  # noqa: F401 (the vocabulary, re-exported)
from deportdata.text.rulefile import load_rule_file

RELATIONS = ("at", "since", "until", "during")


def is_deadline(date_relation: str, event_type: str) -> bool:
    """An announced deadline: a date the event runs until, or an event typed as a deadline.
    The one rule: the clean step stores it as `is_deadline`, and the checks verify the stored
    flag against it."""
    return date_relation == "until" or event_type == "deadline"


# Leading words and the relation they give; "on"/"in"/"at" keep the form's own relation.
PREPOSITIONS = {
    "on": None, "in": None, "at": None, "since": "since", "until": "until", "by": "until",
    "over": "during", "during": "during",
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = (
    "january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
    "august aug", "september sep sept", "october oct", "november nov", "december dec",
)  # fmt: skip
MONTHS = {name: n for n, names in enumerate(_MONTH_NAMES, start=1) for name in names.split()}
UNDERSTOOD = (
    'understood: "on Thursday"/"Friday", "yesterday", "today", "last month", "last year", '
    '"over the last year|month|week", "last October", "in April", "early|mid|late" before '
    'a month ("late last month"), "April 2017", "2004", "February 5"/"Sept. 2", '
    '"February 10, 2018"/"10 February 2018"; optionally after "only" and one of '
    f"{', '.join(PREPOSITIONS)}"
)


class DateResolveError(DeportdataError):
    """A date expression that cannot be resolved without guessing."""


@dataclass(frozen=True)
class ResolvedDate:
    """A resolved expression: its interval, its relation to the event, and relativity."""

    interval: Interval  # its precision derived from its days
    relation: str
    is_relative: bool


@dataclass(frozen=True)
class DateConventions:
    """Parameters of date resolution (see dates.yaml)."""

    month_parts: tuple[tuple[str, int, int], ...]
    max_publication_days: int
    nearest_day_window_days: int

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DateConventions:
        """Build and check conventions from a mapping shaped like dates.yaml."""
        try:
            parts = tuple((k, int(a), int(b)) for k, (a, b) in data["month_parts"].items())
            conventions = cls(
                parts, int(data["max_publication_days"]), int(data["nearest_day_window_days"])
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DeportdataError(f"date conventions are malformed: {exc!r}") from exc
        if any(not 1 <= a <= b <= 31 for _, a, b in parts) or conventions.max_publication_days < 1:
            raise DeportdataError("date conventions: month parts need 1 <= first <= last <= 31")
        return conventions


def load_conventions(path: Path) -> DateConventions:
    """Load date conventions from a YAML file such as data/raw/rules/dates.yaml."""
    return load_rule_file(path, DateConventions.from_dict)


@cache
def default_conventions() -> DateConventions:
    """The conventions of the package's own project (data/raw/rules/dates.yaml)."""
    return load_conventions(source_project().rule_file("dates"))


# A form maps (publication day, is_deadline) to an interval.
_At = Callable[[date, bool], Interval]


@dataclass(frozen=True)
class _Form:
    """A recognised expression: its resolver, default relation, and relativity."""

    at: _At
    relation: str
    is_relative: bool


def resolve(
    expression: str,
    published_earliest: date,
    published_latest: date,
    conventions: DateConventions | None = None,
) -> ResolvedDate:
    """Resolve an expression against every possible publication day (see module doc);
    `conventions` default to the project's dates.yaml."""
    conventions = conventions or default_conventions()
    if published_latest < published_earliest:
        raise DateResolveError(
            f"publication interval ends ({published_latest}) before it starts "
            f"({published_earliest})"
        )
    words = re.sub(r"[.,]|(?<=[a-z])-(?=[a-z])", " ", expression.lower()).split()
    if words[:1] == ["only"]:
        words = words[1:]
    relation = PREPOSITIONS.get(words[0]) if words else None
    if words and words[0] in PREPOSITIONS:
        words = words[1:]
    form = _parse(words, conventions)
    if form is None:
        raise DateResolveError(
            f"cannot resolve the date expression {expression!r}", hint=UNDERSTOOD
        )
    relation = relation or form.relation
    days = (published_latest - published_earliest).days + 1
    if form.is_relative and days > conventions.max_publication_days:
        raise DateResolveError(
            f"publication interval of {days} days is too wide to resolve {expression!r}"
        )
    publication_days = [published_latest - timedelta(days=n) for n in range(days)]
    if not form.is_relative:
        publication_days = publication_days[:1]
    try:
        found = [_cut(form.at(p, relation == "until"), p, relation) for p in publication_days]
    except (ValueError, OverflowError) as exc:
        raise DateResolveError(f"cannot resolve {expression!r}: {exc}") from exc
    found = [interval for interval in found if interval is not None]
    if not found:
        raise DateResolveError(
            f"{expression!r} would be after publication ({published_latest}); only "
            '"until"/"by" may name a later date'
        )
    return ResolvedDate(_hull(found), relation, form.is_relative)


def _parse(words: list[str], conventions: DateConventions) -> _Form | None:
    """Recognise an expression without its leading "only" and preposition."""
    parts = {name: (first, last) for name, first, last in conventions.month_parts}
    if words and words[0] in parts:
        month = _parse_month(words[1:])
        if month is None:
            return None
        first, last = parts[words[0]]
        return _Form(lambda p, d: _part(month.at(p, d), first, last), "at", month.is_relative)
    month = _parse_month(words)
    if month is not None:
        return month
    window = conventions.nearest_day_window_days
    if len(words) in (2, 3) and words[1] in MONTHS:  # "10 February [2018]" -> "february 10 ..."
        words = [words[1], words[0], *words[2:]]
    match words:
        case [weekday] if weekday in WEEKDAYS:
            number = WEEKDAYS.index(weekday)
            return _Form(lambda p, d: _day(_weekday(p, number, d)), "at", True)
        case ["yesterday"]:
            return _Form(lambda p, d: _day(p - timedelta(days=1)), "at", True)
        case ["today"]:
            return _Form(lambda p, d: _day(p), "at", True)
        case ["last", "year"]:
            return _Form(lambda p, d: _year(p.year - 1), "during", True)
        case ["the", "last" | "past", "year" | "month" | "week" as unit]:
            return _Form(lambda p, d: _trailing(p, unit), "during", True)
        case [year] if _year_number(year):
            return _Form(lambda p, d: _year(_year_number(year)), "at", False)
        case [m, day] if m in MONTHS and _day_number(day):
            month_day = (MONTHS[m], _day_number(day))
            return _Form(lambda p, d: _day(_nearest(p, *month_day, window)), "at", True)
        case [m, day, year] if m in MONTHS and _day_number(day) and _year_number(year):
            when = (_year_number(year), MONTHS[m], _day_number(day))
            return _Form(lambda p, d: _day(date(*when)), "at", False)
    return None


def _parse_month(words: list[str]) -> _Form | None:
    """Recognise an expression that names one calendar month."""
    match words:
        case ["last", "month"]:
            return _Form(lambda p, d: _month(*_shift(p.year, p.month, -1)), "during", True)
        case ["last", m] if m in MONTHS:
            number = MONTHS[m]
            return _Form(lambda p, d: _month(p.year - (number >= p.month), number), "at", True)
        case [m] if m in MONTHS:
            number = MONTHS[m]
            return _Form(lambda p, d: _month(_month_year(p, number, d), number), "at", True)
        case [m, year] if m in MONTHS and _year_number(year):
            return _Form(lambda p, d: _month(_year_number(year), MONTHS[m]), "at", False)
    return None


def _month_year(publication: date, month: int, is_deadline: bool) -> int:
    """Year of the most recent such month started by publication, or for a deadline the next."""
    if is_deadline:
        return publication.year + (month < publication.month)
    return publication.year - (month > publication.month)


def _weekday(publication: date, weekday: int, is_deadline: bool) -> date:
    """That weekday in the 7 days ending on publication, or for a deadline starting on it."""
    if is_deadline:
        return publication + timedelta(days=(weekday - publication.weekday()) % 7)
    return publication - timedelta(days=(publication.weekday() - weekday) % 7)


def _nearest(publication: date, month: int, day: int, window: int) -> date:
    """The occurrence of month/day nearest to publication, within window days."""
    candidates = []
    for year in range(publication.year - 1, publication.year + 2):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    candidates.sort(key=lambda c: abs((c - publication).days))
    distances = [abs((c - publication).days) for c in candidates[:2]]
    if not distances or distances[0] > window:
        raise ValueError(f"no {month}/{day} within {window} days of {publication}")
    if distances[1:] == distances[:1]:
        raise ValueError(f"{month}/{day} is equally near to {publication} twice")
    return candidates[0]


def _trailing(publication: date, unit: str) -> Interval:
    """The year, month or week ending on the publication day."""
    if unit == "week":
        return Interval(publication - timedelta(days=6), publication)
    year, month = _shift(publication.year, publication.month, -12 if unit == "year" else -1)
    day = min(publication.day, calendar.monthrange(year, month)[1])
    return Interval(date(year, month, day) + timedelta(days=1), publication)


def _part(month: Interval, first: int, last: int) -> Interval:
    """Days first..last (cut to the month's end) of a month interval."""
    end = min(last, month.latest.day)
    return Interval(month.earliest.replace(day=first), month.earliest.replace(day=end))


def _cut(interval: Interval, publication: date, relation: str) -> Interval | None:
    """Cut an interval at publication unless it is a deadline; None if wholly after it."""
    if relation == "until" or interval.latest <= publication:
        return interval
    if interval.earliest > publication:
        return None
    return Interval(interval.earliest, publication)


def _hull(intervals: list[Interval]) -> Interval:
    """The hull of the intervals found for every publication day."""
    return Interval(min(i.earliest for i in intervals), max(i.latest for i in intervals))


def _shift(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) moved by a number of months."""
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _day(day: date) -> Interval:
    return Interval(day, day)


def _month(year: int, month: int) -> Interval:
    last = calendar.monthrange(year, month)[1]
    return Interval(date(year, month, 1), date(year, month, last))


def _year(year: int) -> Interval:
    return Interval(date(year, 1, 1), date(year, 12, 31))


def _day_number(text: str) -> int | None:
    """1..31 from "5" or "5th", else None."""
    found = re.fullmatch(r"([0-9]{1,2})(?:st|nd|rd|th)?", text, re.ASCII)
    return int(found.group(1)) if found and 1 <= int(found.group(1)) <= 31 else None


def _year_number(text: str) -> int | None:
    """A four-digit year, else None."""
    return int(text) if re.fullmatch(r"[0-9]{4}", text, re.ASCII) else None
