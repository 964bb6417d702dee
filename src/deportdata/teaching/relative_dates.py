"""Lesson 2, relative dates against an uncertain publication date
(notebooks/teaching/02-relative-dates.ipynb): "on Thursday", "on Friday" in an article
published some day of a wide interval, and "late last month"."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from deportdata.config import Project
from deportdata.teaching.checking import (
    Exercise,
    Judge,
    as_day,
    as_tuple,
    not_a_count,
    published_interval,
    table_row,
)
from deportdata.text import dates
from deportdata.text.rules import Rules

WIDE_ARTICLE = "004_2a647670bcb548ec"  # published some day from 27 Jan to 4 Feb 2018
EVENT_THURSDAY = "E001"  # "an official said on Thursday" (published 10-12 Aug 2017)
EVENT_FRIDAY = "E036"  # "In a ruling on Friday" (article WIDE_ARTICLE)
EVENT_LATE = "E025"  # "a U.S. federal court ruling late last month"


def _event(event_id: str, project: Project) -> tuple[str, date, date]:
    """(date expression, published_earliest, published_latest) of an event."""
    row = table_row("events", "event_id", event_id, project)
    return (row["date_expression"], *published_interval(row["article_id"], project))


def resolved(event_id: str, project: Project) -> dates.Interval:
    """An event's date expression resolved against its article's publication interval."""
    expression, earliest, latest = _event(event_id, project)
    conventions = Rules.load(project).dates
    return dates.resolve(expression, earliest, latest, conventions).interval


def _per_day(event_id: str, project: Project) -> dict[date, dates.Interval]:
    """The interval the expression gives for each single possible publication day."""
    expression, earliest, latest = _event(event_id, project)
    conventions = Rules.load(project).dates
    days = [earliest + timedelta(n) for n in range((latest - earliest).days + 1)]
    return {d: dates.resolve(expression, d, d, conventions).interval for d in days}


def _publication_days(project: Project) -> int:
    earliest, latest = published_interval(WIDE_ARTICLE, project)
    return (latest - earliest).days + 1


def _judge_days(answer: Any, expected: int, project: Project) -> str | None:
    earliest, latest = published_interval(WIDE_ARTICLE, project)
    if answer is None or (hint := not_a_count(answer, "your answer")):
        return hint or "give a whole number of days, e.g. 3."
    if answer == expected:
        return None
    if answer == expected - 1:
        return (
            f"{answer} is the difference between {latest} and {earliest}, but both ends "
            "are possible days: count the first and the last day too."
        )
    return f"count the days from {earliest} to {latest}, both included."


def _interval_judge(event_id: str) -> Judge:
    """A judge for (earliest, latest) of one event's resolved date."""

    def judge(answer: Any, expected: dates.Interval, project: Project) -> str | None:
        pair = as_tuple(answer)
        if pair is None:
            return "give two dates in brackets, (earliest, latest), written 'YYYY-MM-DD'."
        return _interval_hint(tuple(as_day(d) for d in pair), expected, event_id, project)

    return judge


def _interval_hint(
    answer: tuple[date, date], expected: dates.Interval, event_id: str, project: Project
) -> str | None:
    first, last = answer
    if answer == (expected.earliest, expected.latest):
        return None
    expression, published_earliest, published_latest = _event(event_id, project)
    per_day = _per_day(event_id, project)
    if first > last:
        return f"the earliest date {first} is after the latest {last}."
    if last > published_latest:
        return (
            f"{last} is after the last possible publication day ({published_latest}): a "
            f"report dates what already happened, so {expression!r} looks back, not forward."
        )
    days = [d for d, i in per_day.items() if (i.earliest, i.latest) == answer]
    if days and len(days) < len(per_day):
        return (
            f"that is right if the article appeared on {', '.join(map(str, days))}; but it "
            f"may have appeared any day from {published_earliest} to {published_latest}. "
            "Resolve for every possible day and keep the earliest and latest results."
        )
    if first <= expected.earliest and last >= expected.latest:
        return (
            f"your interval holds the answer but is too wide: resolve {expression!r} for the "
            "first and the last possible publication day; no day outside those results is "
            "possible."
        )
    if last < expected.earliest:
        return (
            f"too early: whatever day the article appeared, {expression!r} is later than "
            "your interval; a report means the most recent such day, not an older one."
        )
    missed = next(d for d, i in per_day.items() if i.earliest < first or i.latest > last)
    i = per_day[missed]
    return (
        f"if the article appeared on {missed}, {expression!r} means {i.earliest}..{i.latest}, "
        "which your interval does not cover."
    )


def _judge_late(answer: Any, expected: dates.Interval, project: Project) -> str | None:
    triple = as_tuple(answer, 3)
    if triple is None:
        return "give (earliest, latest, precision), e.g. ('2018-01-01', '2018-01-01', 'day')."
    days = (as_day(triple[0]), as_day(triple[1]))
    if days != (expected.earliest, expected.latest):
        parts = Rules.load(project).dates.month_parts
        late = next(((a, b) for name, a, b in parts if name == "late"), None)
        if days[0].day != expected.earliest.day and late:
            return (
                f"where does 'late' start? The convention is written in "
                f"data/raw/rules/dates.yaml: late = days {late[0]} to {late[1]} of the month."
            )
        return _interval_hint(days, expected, EVENT_LATE, project)
    if triple[2] != expected.precision:
        return (
            f"the dates are right, but precision {triple[2]!r} is not: it names the kind of "
            f"interval ({', '.join(dates.PRECISIONS)}), and part of a month is none of "
            "day, week, month or year."
        )
    return None


def _explain_interval(i: dates.Interval) -> str:
    return f"{i.earliest} to {i.latest} (precision {i.precision}); dates.resolve agrees."


EXERCISES: dict[str, Exercise] = {
    "2.1": Exercise(
        "possible publication days",
        _publication_days,
        _judge_days,
        lambda e: f"{e} possible publication days, both ends included.",
    ),
    "2.2": Exercise(
        "'on Thursday'",
        lambda p: resolved(EVENT_THURSDAY, p),
        _interval_judge(EVENT_THURSDAY),
        _explain_interval,
        lambda e: (e.earliest.isoformat(), e.latest.isoformat()),
    ),
    "2.3": Exercise(
        "'on Friday' with a wide publication interval",
        lambda p: resolved(EVENT_FRIDAY, p),
        _interval_judge(EVENT_FRIDAY),
        _explain_interval,
        lambda e: (e.earliest.isoformat(), e.latest.isoformat()),
    ),
    "2.4": Exercise(
        "'late last month'",
        lambda p: resolved(EVENT_LATE, p),
        _judge_late,
        _explain_interval,
        lambda e: (e.earliest.isoformat(), e.latest.isoformat(), e.precision),
    ),
}
