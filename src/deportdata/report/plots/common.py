"""What the figures share: colours, date axes, text that fits, stacked bars."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Sequence

import matplotlib.dates as mdates
import pandas as pd

from deportdata.report import figures

DAY = pd.Timedelta(days=1)


def palette(keys: Iterable[str], order: Sequence[str] | None = None) -> dict[str, tuple]:
    """A colour per key. With `order` (`views.reporter_order`: every reporter of the build), a
    key has the colour of its place in `order`, the same in every figure that is given it;
    without, the keys drawn are coloured in their sorted order."""
    keys = sorted(set(keys))
    if order is None:
        return dict(zip(keys, figures.colors(max(len(keys), 1)), strict=False))
    places = {k: n for n, k in enumerate(dict.fromkeys(order))}
    if missing := [k for k in keys if k not in places]:
        raise ValueError(f"palette: {missing} not in the reporters' order {list(places)}")
    every = figures.colors(max(len(places), 1))
    return {k: every[places[k]] for k in keys}


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


def given(window) -> bool:
    """Whether a window parameter was set (None or empty means "from the data")."""
    return window is not None and len(window) > 0


def date_window(
    window, earliest, latest, *, pad: float = 0.05
) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The dates a panel shows: `window` (start, end) when given, else the data's range
    (an end given as None comes from the data too).

    From the data: the earliest of `earliest` to the day after the latest of `latest`,
    widened by `pad` of the span (at least 30 days) on each side.
    """
    if given(window) and not any(pd.isna(end) for end in window):
        return pd.Timestamp(window[0]), pd.Timestamp(window[1])
    auto = date_window(None, earliest, latest, pad=pad) if given(window) else None
    if auto is not None:  # one end given: the other from the data
        return tuple(auto[i] if pd.isna(end) else pd.Timestamp(end) for i, end in enumerate(window))
    first = pd.to_datetime(pd.Series(list(earliest))).min()
    last = pd.to_datetime(pd.Series(list(latest))).max() + DAY
    if pd.isna(first) or pd.isna(last):
        raise ValueError("date_window: no dates to draw and no window given")
    margin = max((last - first) * pad, pd.Timedelta(days=30))
    return (first - margin).normalize(), (last + margin).normalize()


def covering(window, auto) -> tuple:
    """`window` (low, high) widened, on a side where `auto` (the data's own window) reaches
    beyond it, to `auto`'s end on that side: a window chosen for the corpus as it was never
    hides what a grown corpus adds."""
    low, high = window
    return (min(low, auto[0]), max(high, auto[1]))


def log_window(window, values) -> tuple[float, float]:
    """The values a log axis shows: `window` (low, high) when given, else the powers of ten
    around the data's positive values."""
    if given(window):
        return float(window[0]), float(window[1])
    numbers = pd.to_numeric(pd.Series(list(values)), errors="coerce")
    numbers = numbers[numbers > 0]
    if numbers.empty:
        return 1.0, 10.0
    return 10.0 ** math.floor(math.log10(numbers.min())), 10.0 ** math.ceil(
        math.log10(numbers.max() * 1.5)
    )


def value_window(window, values, *, pad: float = 0.08, floor=None) -> tuple[float, float]:
    """The values an axis shows: `window` (low, high) when given, else the data's range
    widened by `pad` of the span on each side (not below `floor` when given)."""
    if given(window):
        return float(window[0]), float(window[1])
    numbers = pd.to_numeric(pd.Series(list(values)), errors="coerce").dropna()
    if numbers.empty:
        raise ValueError("value_window: no values to draw and no window given")
    low, high = float(numbers.min()), float(numbers.max())
    margin = max((high - low) * pad, 1.0)
    low = low - margin if floor is None else max(floor, low - margin)
    return low, high + margin


def years_title(start, end) -> str:
    """The full years a date window covers, as a panel title ("2002–2020")."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    first = start.year + (start != pd.Timestamp(start.year, 1, 1))
    last = end.year - (end < pd.Timestamp(end.year, 12, 31))
    return f"{first}–{last}" if first < last else f"{start:%b %Y} – {end:%b %Y}"


def crowded_window(earliest, latest, *, share: float = 0.5) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Where the dates crowd: the shortest stretch holding `share` of the intervals'
    middles (at least two), from the earliest to the latest day of those intervals, padded."""
    frame = pd.DataFrame(
        {"earliest": pd.to_datetime(pd.Series(list(earliest))),
         "latest": pd.to_datetime(pd.Series(list(latest)))}
    ).dropna()  # fmt: skip
    if frame.empty:
        raise ValueError("crowded_window: no dates to draw")
    frame["middle"] = frame["earliest"] + (frame["latest"] - frame["earliest"]) / 2
    frame = frame.sort_values("middle").reset_index(drop=True)
    k = min(len(frame), max(2, math.ceil(share * len(frame))))
    spans = [frame["middle"][i + k - 1] - frame["middle"][i] for i in range(len(frame) - k + 1)]
    first = spans.index(min(spans))
    chosen = frame.iloc[first : first + k]
    return date_window(None, chosen["earliest"], chosen["latest"])
