"""Date intervals as clean-table columns: `<name>_earliest`, `<name>_latest`, `<name>_precision`."""

from __future__ import annotations

import calendar
from datetime import date

from deportdata.text.dates import DateInterval


def columns(name: str, interval: DateInterval | None) -> dict[str, object]:
    """The three columns of one interval (empty when unknown)."""
    if interval is None:
        return {f"{name}_earliest": "", f"{name}_latest": "", f"{name}_precision": ""}
    return {
        f"{name}_earliest": interval.earliest.isoformat(),
        f"{name}_latest": interval.latest.isoformat(),
        f"{name}_precision": interval.precision,
    }


def span(earliest: date, latest: date) -> DateInterval:
    """A known interval labelled by the calendar unit it is: one day, exactly one calendar
    month, exactly one calendar year, or else a range."""
    return DateInterval(earliest, latest, precision(earliest, latest))


def precision(earliest: date, latest: date) -> str:
    """day, month or year when the interval is exactly that calendar unit, else range."""
    if earliest == latest:
        return "day"
    month_end = date(
        earliest.year, earliest.month, calendar.monthrange(earliest.year, earliest.month)[1]
    )
    if earliest.day == 1 and latest == month_end:
        return "month"
    if (earliest.month, earliest.day) == (1, 1) and latest == date(earliest.year, 12, 31):
        return "year"
    return "range"


def intersect(a: DateInterval, b: DateInterval) -> DateInterval | None:
    """The days both intervals allow, or None when they do not meet."""
    earliest, latest = max(a.earliest, b.earliest), min(a.latest, b.latest)
    if earliest > latest:
        return None
    if (earliest, latest) == (a.earliest, a.latest):
        return a
    return span(earliest, latest)
