"""Date intervals as clean-table columns: `<name>_earliest`, `<name>_latest`, `<name>_precision`."""

from __future__ import annotations

from datetime import date

from deportdata.dates import DateInterval


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
    """A known interval: one day, or a range."""
    return DateInterval(earliest, latest, "day" if earliest == latest else "range")


def intersect(a: DateInterval, b: DateInterval) -> DateInterval | None:
    """The days both intervals allow, or None when they do not meet."""
    earliest, latest = max(a.earliest, b.earliest), min(a.latest, b.latest)
    if earliest > latest:
        return None
    if (earliest, latest) == (a.earliest, a.latest):
        return a
    return span(earliest, latest)
