"""An inclusive interval of calendar days: a small value type with set operations."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta


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
    def hull_of(cls, days: Iterable[date]) -> Interval:
        """The shortest interval holding every day given (at least one)."""
        days = list(days)
        if not days:
            raise EmptyIntervalError("the hull of no days is empty")
        return cls(min(days), max(days))

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


def intersect_all(intervals: Iterable[Interval]) -> Interval | None:
    """The days every interval allows (None when they do not all meet, or none are given)."""
    items = iter(intervals)
    found = next(items, None)
    for interval in items:
        if found is None:
            break
        found = found.intersection(interval)
    return found
