"""Cumulative totals never fall within a series: compared by bounds and date intervals."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from deportdata.text.interval import Bounds

TOTAL_COLUMNS = ("as_of_earliest", "as_of_latest", "value_low", "value_high")


@dataclass(frozen=True)
class Total:
    """One cumulative total: its series, when it was true and its inclusive bounds."""

    group: str
    as_of_earliest: str | None  # ISO date; None = unknown (the total is never ordered)
    as_of_latest: str | None
    low: float | None  # None = unbounded below
    high: float | None  # None = unbounded above

    @property
    def bounds(self) -> Bounds:
        return Bounds(self.low, self.high)


def _date(value: object) -> str | None:
    return None if pd.isna(value) else str(value)[:10]


def _number(value: object) -> float | None:
    return None if pd.isna(value) else float(value)


def totals_of(
    frame: pd.DataFrame, group: str, columns: Sequence[str] = TOTAL_COLUMNS
) -> list[Total]:
    """The rows of a frame as `Total`s, in order: `group` names the series column, `columns`
    the as-of interval and the bounds (as_of_earliest, as_of_latest, value_low, value_high)."""
    earliest, latest, low, high = columns
    return [
        Total(str(g), _date(e), _date(la), _number(lo), _number(hi))
        for g, e, la, lo, hi in zip(
            frame[group], frame[earliest], frame[latest], frame[low], frame[high], strict=True
        )
    ]


def falling(totals: Sequence[Total]) -> list[int | None]:
    """For each total, the index of an earlier total in its group that it falls below, or None.

    Total A is surely earlier than B when A.as_of_latest < B.as_of_earliest; B falls
    below A when B's bounds are below A's (B's upper bound is under A's lower bound, so
    "more than 560" and a later 566 agree). Overlapping intervals have no order and are
    never compared. Among several earlier totals that B falls below, the one with the
    highest lower bound is named (the lowest index on ties).
    """
    result: list[int | None] = [None] * len(totals)
    groups: dict[str, list[int]] = {}
    for i, t in enumerate(totals):
        groups.setdefault(t.group, []).append(i)
    for members in groups.values():
        # earlier candidates sorted by as_of_latest, with the one of highest lower bound so far
        order = sorted(
            (i for i in members if totals[i].as_of_latest is not None),
            key=lambda i: (totals[i].as_of_latest, i),
        )
        keys = [totals[i].as_of_latest for i in order]
        best: list[tuple[float, int]] = []
        for i in order:
            candidate = (totals[i].bounds.floor, -i)
            best.append(max(best[-1], candidate) if best else candidate)
        for i in members:
            bounds, earliest = totals[i].bounds, totals[i].as_of_earliest
            if bounds.high is None or earliest is None:
                continue
            n = bisect.bisect_left(keys, earliest)  # totals strictly earlier
            if n and bounds.below(totals[-best[n - 1][1]].bounds):
                result[i] = -best[n - 1][1]
    return result
