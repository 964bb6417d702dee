"""What the figures share: colours, date axes, text that fits, stacked bars."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

import matplotlib.dates as mdates
import pandas as pd

from deportdata.report import figures

DAY = pd.Timedelta(days=1)


def palette(keys: Iterable[str]) -> dict[str, tuple]:
    """A colour per key (sorted, so the same keys always get the same colours)."""
    keys = sorted(set(keys))
    return dict(zip(keys, figures.colors(max(len(keys), 1)), strict=False))


def date_num(day) -> float:
    """A date as a matplotlib date number."""
    return mdates.date2num(pd.Timestamp(day).to_pydatetime())


def middle(earliest, latest) -> float:
    """The middle of the days `earliest`..`latest` (both included), as a date number."""
    return (date_num(earliest) + date_num(latest + DAY)) / 2


def wrap(text: str, width: int = 28) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def short(text: str, width: int) -> str:
    text = str(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def wrapped(text: str, width: int, lines: int) -> str:
    """`text` on up to `lines` lines of `width` characters; only what is left over is cut."""
    parts = textwrap.wrap(str(text), width)
    if len(parts) > lines:
        parts = [*parts[: lines - 1], short(" ".join(parts[lines - 1 :]), width)]
    return "\n".join(parts)


def date_axis(ax, start, end, *, years: int = 1, fmt: str = "%Y") -> None:
    ax.set_xlim(date_num(start), date_num(end))
    ax.xaxis.set_major_locator(mdates.YearLocator(years))
    ax.xaxis.set_major_formatter(mdates.DateFormatter(fmt))


def stacked_barh(
    ax, labels: Sequence[str], parts: Iterable[tuple[str, pd.Series, object]], *, height: float
) -> None:
    """Horizontal bars, one per label, stacked from (legend label, values, colour) parts."""
    left = None
    for label, values, color in parts:
        if left is None:
            left = pd.Series(0, index=values.index)
        ax.barh(
            labels,
            values,
            left=left,
            color=color,
            label=label,
            height=height,
            edgecolor="white",
        )
        left = left + values
