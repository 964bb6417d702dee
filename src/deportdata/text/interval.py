"""An inclusive interval of calendar days: the one value type for dates, with set operations.

Its precision is derived from its days (`day`, `month`, `year` when it is exactly that
calendar unit, else `range`); it is read from and written to a table's
`<name>_earliest` / `<name>_latest` / `<name>_precision` columns here, once.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

# The precision vocabulary (schema: vocabulary precision); "week" is a coded value only.
PRECISIONS = ("day", "week", "month", "year", "range")


class EmptyIntervalError(ValueError):
    """An interval whose last day is before its first."""


@dataclass(frozen=True, order=True)
class Interval:
    """The days `earliest` .. `latest`, both included; ordered by (earliest, latest)."""

    earliest: date
    latest: date

    def __post_init__(self) -> None:
        if self.latest < self.earliest:
            raise EmptyIntervalError(
                f"interval ends ({self.latest}) before it starts ({self.earliest})"
            )

    @classmethod
    def day(cls, day: date) -> Interval:
        return cls(day, day)

    @classmethod
    def parse(cls, earliest: str, latest: str | None = None) -> Interval:
        """From ISO dates; an empty `latest` means the same day as `earliest`."""
        first = date.fromisoformat(earliest)
        return cls(first, date.fromisoformat(latest) if latest else first)

    @classmethod
    def of_row(cls, row: Mapping[str, object], name: str) -> Interval:
        """The interval a row codes in `<name>_earliest` and `<name>_latest` (ISO dates; an
        empty latest is the earliest day); EmptyIntervalError when it is unordered."""
        return cls.parse(str(row[f"{name}_earliest"]), str(row.get(f"{name}_latest") or ""))

    @classmethod
    def hull_of(cls, days: Iterable[date]) -> Interval:
        """The shortest interval holding every day given (at least one)."""
        days = list(days)
        if not days:
            raise EmptyIntervalError("the hull of no days is empty")
        return cls(min(days), max(days))

    @property
    def precision(self) -> str:
        """day, month or year when the interval is exactly that calendar unit, else range."""
        first, last = self.earliest, self.latest
        if first == last:
            return "day"
        month_end = calendar.monthrange(first.year, first.month)[1]
        if first.day == 1 and last == first.replace(day=month_end):
            return "month"
        if (first.month, first.day) == (1, 1) and last == date(first.year, 12, 31):
            return "year"
        return "range"

    def __len__(self) -> int:
        """Number of days."""
        return (self.latest - self.earliest).days + 1

    def __iter__(self) -> Iterator[date]:
        """Every day, earliest first."""
        return (self.earliest + timedelta(days=n) for n in range(len(self)))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.earliest <= day <= self.latest

    def __str__(self) -> str:
        if self.earliest == self.latest:
            return self.earliest.isoformat()
        return f"{self.earliest.isoformat()}..{self.latest.isoformat()}"

    def overlaps(self, other: Interval) -> bool:
        """Whether the two share at least one day."""
        return self.earliest <= other.latest and other.earliest <= self.latest

    def within(self, other: Interval) -> bool:
        """Whether every day of this interval is in `other`."""
        return other.earliest <= self.earliest and self.latest <= other.latest

    def intersection(self, other: Interval) -> Interval | None:
        """The days both allow, or None when they do not meet."""
        if not self.overlaps(other):
            return None
        return Interval(max(self.earliest, other.earliest), min(self.latest, other.latest))

    def hull(self, other: Interval) -> Interval:
        """The shortest interval holding both."""
        return Interval(min(self.earliest, other.earliest), max(self.latest, other.latest))


def columns(name: str, interval: Interval | None) -> dict[str, object]:
    """The three table columns of one interval, `<name>_earliest/_latest/_precision`
    (empty when unknown)."""
    if interval is None:
        return {f"{name}_earliest": "", f"{name}_latest": "", f"{name}_precision": ""}
    return {
        f"{name}_earliest": interval.earliest.isoformat(),
        f"{name}_latest": interval.latest.isoformat(),
        f"{name}_precision": interval.precision,
    }


def intersect_all(intervals: Iterable[Interval]) -> Interval | None:
    """The days every interval allows (None when they do not all meet, or none are given)."""
    items = iter(intervals)
    found = next(items, None)
    for interval in items:
        if found is None:
            break
        found = found.intersection(interval)
    return found


class EmptyBoundsError(ValueError):
    """Bounds whose upper bound is below their lower bound."""


@dataclass(frozen=True)
class Bounds:
    """The inclusive range `low` .. `high` of a count; None is an open (unbounded) side.

    "more than 560" is Bounds(561, None), "dozens" Bounds(24, 99), an exact 34 Bounds(34, 34).
    Bounds as coded may be empty (high below low: the checks' frames hold broken data);
    `checked` refuses them.
    """

    low: float | None = None
    high: float | None = None

    @classmethod
    def checked(cls, low: float | None, high: float | None) -> Bounds:
        """Bounds that allow at least one value; EmptyBoundsError otherwise."""
        bounds = cls(low, high)
        if bounds.empty:
            raise EmptyBoundsError(f"bounds end ({high}) below their start ({low})")
        return bounds

    @property
    def empty(self) -> bool:
        return self.ceiling < self.floor

    @classmethod
    def exact(cls, value: float) -> Bounds:
        return cls(value, value)

    @property
    def floor(self) -> float:
        """The lower bound, -inf when open (for comparing and sorting)."""
        return float("-inf") if self.low is None else self.low

    @property
    def ceiling(self) -> float:
        """The upper bound, +inf when open."""
        return float("inf") if self.high is None else self.high

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int | float) and self.floor <= value <= self.ceiling

    def __str__(self) -> str:
        low = "-inf" if self.low is None else f"{self.low:g}"
        high = "+inf" if self.high is None else f"{self.high:g}"
        return f"[{low}, {high}]"

    def below(self, other: Bounds) -> bool:
        """Whether every value allowed here is smaller than every value `other` allows
        (surely less: "fewer than 500" is below "more than 560"; open sides never are)."""
        return self.ceiling < other.floor

    def overlaps(self, other: Bounds) -> bool:
        """Whether some value is allowed by both."""
        return self.intersection(other) is not None

    def intersection(self, other: Bounds) -> Bounds | None:
        """The values both allow, or None when there are none."""
        found = Bounds(_open(max(self.floor, other.floor)), _open(min(self.ceiling, other.ceiling)))
        return None if found.empty else found

    def __add__(self, other: Bounds) -> Bounds:
        """The bounds of a sum of one value from each."""
        return Bounds(_open(self.floor + other.floor), _open(self.ceiling + other.ceiling))

    def __sub__(self, other: Bounds) -> Bounds:
        """The bounds of a difference (this value minus the other's)."""
        return Bounds(_open(self.floor - other.ceiling), _open(self.ceiling - other.floor))


def _open(value: float) -> float | None:
    """An infinite bound is an open side (None)."""
    return None if value in (float("inf"), float("-inf")) else value
