"""04-timeline: context events and publication dates, and the real-world events the articles
report with how many articles report each.

Every figure has a bounded height: rows are capped (`limit`) and what grows with the corpus
(publications, events) is drawn as counts per period. Each layer is one artist (a collection
or a step patch) drawn from arrays, never one call per row.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from deportdata.report.plots.common import (
    DAY,
    crowded_window,
    date_axis,
    date_window,
    given,
    short,
)

ROW = 0.28  # inches per row of events
COUNTS = 1.5  # inches of a panel of counts per period
LIMIT = 40  # rows of events drawn at most
SOURCE_COLORS = {"articles": "C0", "articles and reference": "C2", "reference": "C7"}


def _nums(days) -> np.ndarray:
    """Dates (a Series or sequence) as matplotlib date numbers."""
    return mdates.date2num(pd.to_datetime(pd.Series(list(days))).dt.to_pydatetime())


def _bars(ax, y, x0, x1, *, height: float, **style) -> PolyCollection:
    """Horizontal bars from x0 to x1 at rows y, as one collection."""
    y, x0, x1 = (np.asarray(v, dtype=float) for v in (y, x0, x1))
    lo, hi = y - height / 2, y + height / 2
    verts = np.stack([np.column_stack(p) for p in ((x0, lo), (x1, lo), (x1, hi), (x0, hi))], axis=1)
    bars = PolyCollection(verts.reshape(-1, 4, 2), **style)
    ax.add_collection(bars)
    return bars


def _spans(earliest, latest, start, end, *, least: float = 2.0):
    """An interval's days clipped to the window (start, end], as date numbers at least
    `least` days wide, and its middle."""
    s, e = _nums([start])[0], _nums([end])[0]
    x0 = np.clip(_nums(earliest), s, e)
    x1 = np.clip(_nums(pd.Series(list(latest)) + DAY), s, e)
    x1 = np.maximum(x1, x0 + least)
    return x0, x1, (x0 + x1) / 2


def period_edges(start, end) -> tuple[pd.DatetimeIndex, str]:
    """The edges of the periods a count panel over (start, end) uses, and their name:
    months up to five years, quarters up to twelve, else years."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    years = (end - start).days / 365.25
    freq, name = (
        ("MS", "month") if years <= 5 else ("QS", "quarter") if years <= 12 else ("YS", "year")
    )
    first = pd.Timestamp(start).to_period(freq[0]).start_time
    edges = pd.date_range(first, end + pd.offsets.DateOffset(years=1), freq=freq)
    return edges[: int(np.searchsorted(edges, end, side="left")) + 1], name


def _counts(ax, earliest, latest, start, end, *, color) -> tuple[int, str]:
    """Counts per period of the intervals' middles in the window, as one step patch; the
    number of middles before the window and the period's name."""
    edges, period = period_edges(start, end)
    middles = _nums(earliest) + (_nums(pd.Series(list(latest)) + DAY) - _nums(earliest)) / 2
    counts, _ = np.histogram(middles, bins=mdates.date2num(edges.to_pydatetime()))
    ax.stairs(counts, mdates.date2num(edges.to_pydatetime()), fill=True, color=color, alpha=0.7)
    ax.set_ylim(0, max(int(counts.max(initial=0)), 1) * 1.15)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=3))
    return int((middles < _nums([start])[0]).sum()), period


def _pinned(ax, y, days, x, marker: str, *, offset: int) -> None:
    """Rows whose dates lie outside the window: an arrow at the edge and the year."""
    if len(y) == 0:
        return
    ax.scatter(np.full(len(y), x), y, marker=marker, s=30, color="0.3", clip_on=False, zorder=3)
    for yy, day in zip(y, days, strict=True):
        ax.annotate(
            f"{pd.Timestamp(day):%Y}", (x, yy), xytext=(offset, -3), textcoords="offset points",
            fontsize=7, color="0.3", ha="left" if offset > 0 else "right",
        )  # fmt: skip


def _rows(ax, rows: pd.DataFrame, start, end, colors, *, spread: bool) -> None:
    """Rows of intervals (0, 1, ... from the top): a bar over each interval's days in the
    window, a dot at its middle, a thin line over the widest span its mentions allow when
    `spread`, and the rows outside the window pinned to its edges."""
    y = np.arange(len(rows), dtype=float)
    s, e = _nums([start])[0], _nums([end + DAY])[0]
    first, last = _nums(rows["date_earliest"]), _nums(rows["date_latest"] + DAY)
    before, after = last <= s, first >= e
    inside = ~(before | after)
    x0, x1, mid = _spans(rows["date_earliest"], rows["date_latest"], start, end + DAY)
    if spread:
        u0, u1, _ = _spans(rows["mentions_earliest"], rows["mentions_latest"], start, end + DAY)
        ax.hlines(y[inside], u0[inside], u1[inside], color="0.35", lw=0.9, zorder=1)
    _bars(ax, y[inside], x0[inside], x1[inside], height=0.6, color=colors[inside], alpha=0.45,
          lw=0, zorder=2)  # fmt: skip
    ax.scatter(mid[inside], y[inside], s=16, color=colors[inside], edgecolors="black",
               linewidths=0.4, zorder=3)  # fmt: skip
    _pinned(ax, y[before], rows["date_earliest"][before], s, "<", offset=6)
    _pinned(ax, y[after], rows["date_earliest"][after], e, ">", offset=-6)
    ax.set_ylim(len(rows) - 0.5, -0.5)


def _in_window(window, fallback) -> tuple[pd.Timestamp, pd.Timestamp]:
    """`window` (start, end) with an end left out (None) taken from `fallback`."""
    if not given(window):
        return fallback
    return tuple(fallback[i] if pd.isna(end) else pd.Timestamp(end) for i, end in enumerate(window))


def _grid(rows: int, width_ratios: Sequence[float], **figure):
    """A figure of two rows of panels: `rows` rows of events over a panel of counts, the
    events' panels sharing their rows and each column its dates."""
    top = ROW * max(rows, 3)
    fig, axes = plt.subplots(
        2, len(width_ratios), figsize=(13, top + COUNTS + 2.0),
        gridspec_kw={"width_ratios": width_ratios, "height_ratios": [top, COUNTS]}, **figure,
    )  # fmt: skip
    for col in range(1, len(width_ratios)):
        axes[0, col].sharey(axes[0, 0])
        axes[0, col].tick_params(labelleft=False)
    for col in range(len(width_ratios)):
        axes[0, col].sharex(axes[1, col])
        axes[0, col].tick_params(labelbottom=False)
    return fig, axes


def _years(window, earliest, latest) -> str:
    """The years of the dates drawn in `window`, as a title ("2002–2020")."""
    first = max(pd.to_datetime(pd.Series(list(earliest))).min(), window[0])
    last = min(pd.to_datetime(pd.Series(list(latest))).max(), window[1])
    return f"{first.year}–{last.year}" if first.year < last.year else f"{first.year}"


def timeline_overview(
    timeline: pd.DataFrame,
    *,
    overview: Sequence[str] | None = None,
    zoom: Sequence[str] | None = None,
    limit: int = LIMIT,
):
    """Context events and publication dates: the `overview` dates (start, end) on the left,
    a zoom on the `zoom` dates on the right.

    `timeline` is `views.timeline_events`' result. One row per reference event (the first
    `limit` by date), each date drawn as the interval it may lie in; beneath them, how many
    articles were published per period (by the middle of each publication interval). Left
    out (None), `overview` spans every context and publication date and `zoom` the
    publication dates.
    """
    context = timeline[timeline["lane"] == "reference"]
    context = context.sort_values(["date_earliest", "date_latest", "id"]).reset_index(drop=True)
    published = timeline[timeline["kind"] == "publication"]
    shown = context.head(limit)
    dated = pd.concat([context, published])
    overview = date_window(overview, dated["date_earliest"], dated["date_latest"])
    basis = published if len(published) else dated
    zs, ze = date_window(zoom, basis["date_earliest"], basis["date_latest"], pad=0.1)
    fig, axes = _grid(len(shown), [1, 2.2])
    colors = np.array(["C0"] * len(shown), dtype=object)
    ticks = [f"{i}  {short(d, 60)}" for i, d in zip(shown["id"], shown["description"], strict=True)]
    for col, (start, end) in enumerate((overview, (zs, ze))):
        top, bottom = axes[0, col], axes[1, col]
        _rows(top, shown, start, end, colors, spread=False)
        _, period = _counts(bottom, published["date_earliest"], published["date_latest"],
                            start, end, color="C3")  # fmt: skip
        bottom.set_title(f"Articles published per {period}", fontsize=9, fontweight="normal")
        bottom.set_xlabel("Date (bar = every day the date may be)")
    axes[0, 0].set_yticks(range(len(shown)), ticks, fontsize=8.5)
    date_axis(axes[1, 0], overview[0], overview[1] + DAY, years=4)
    for ax in axes[:, 0]:
        ax.axvspan(
            mdates.date2num(zs), mdates.date2num(ze), color="0.85", alpha=0.5, lw=0, zorder=0
        )
    years = _years(overview, dated["date_earliest"], dated["date_latest"])
    axes[0, 0].set_title(years)
    date_axis(axes[1, 1], zs, ze + DAY, years=1)
    axes[1, 1].xaxis.set_minor_locator(mdates.MonthLocator((1, 4, 7, 10)))
    axes[0, 1].grid(which="minor", axis="x", color="0.93")
    axes[0, 1].set_title(f"Zoom: {zs:%b %Y} – {ze:%b %Y}")
    more = (
        f" (the first {len(shown)} of {len(context)} context events)"
        if len(shown) < len(context)
        else ""
    )
    fig.suptitle(
        f"Context events and publication dates, {years}{more}",
        x=0.01, ha="left", fontweight="bold", fontsize=13,
    )  # fmt: skip
    handles = [
        Line2D([], [], marker="o", color="C0", ls="", label="context event (reference)"),
        Patch(color="C3", alpha=0.7, label=f"articles published ({len(published)} in all)"),
    ]
    axes[0, 1].legend(handles=handles, loc="upper right", fontsize=8, frameon=True)
    return fig


def shown_occurrences(occurrences: pd.DataFrame, limit: int = LIMIT) -> pd.DataFrame:
    """The events a figure of at most `limit` rows draws, in date order: all of them when
    they fit, else those reported by the most articles, whole ties only (the events reported
    by more articles than the first event left out), or the first `limit` by date when even
    the most reported tie does not fit."""
    order = ["date_earliest", "date_latest", "occurrence_id"]
    ranked = occurrences.sort_values(order).sort_values(
        ["articles", "mentions"], ascending=False, kind="stable"
    )
    if len(ranked) > limit:
        cut = ranked["articles"].iloc[limit]
        above = ranked[ranked["articles"] > cut]
        ranked = above if 0 < len(above) <= limit else ranked.head(limit)
    return ranked.sort_values(order).reset_index(drop=True)


def _source(occurrences: pd.DataFrame) -> pd.Series:
    """Who reports each event: "articles", "articles and reference" or "reference"."""
    in_articles = occurrences["articles"].fillna(0) > 0
    reference = occurrences["in_reference"].fillna(False).astype(bool)
    both = np.where(reference, "articles and reference", "articles")
    return pd.Series(np.where(in_articles, both, "reference"), index=occurrences.index)


def timeline_occurrences(
    occurrences: pd.DataFrame,
    *,
    dates: Sequence[str | None] | None = None,
    share: float = 0.9,
    limit: int = LIMIT,
):
    """The real-world events over time, each drawn once, with how many articles report it.

    `occurrences` is `views.timeline_occurrences`' result. At most `limit` rows
    (`shown_occurrences`): the bar covers the days every mention allows, the thin line the
    widest span any mention allows, and the bar on the right counts the articles reporting
    the event ("+ ref" when the reference table has it too); beneath, every event, drawn
    or not, counted per period by the middle of its interval. An event outside the dates is
    pinned to the edge with its year. `dates` (start, end) left out (None), or either end of
    it, comes from the data: the shortest stretch holding `share` of the events
    (`common.crowded_window`).
    """
    shown = shown_occurrences(occurrences, limit)
    auto = crowded_window(occurrences["date_earliest"], occurrences["date_latest"], share=share)
    s, e = _in_window(dates, auto)
    source = _source(shown)
    colors = source.map(SOURCE_COLORS).to_numpy(dtype=object)
    # laid out at the resolution it is saved at: text measured at another dpi overflows
    dpi = plt.rcParams["savefig.dpi"]
    fig, axes = _grid(len(shown), [5, 1], dpi=None if dpi == "figure" else dpi)
    main, count, hist, corner = axes[0, 0], axes[0, 1], axes[1, 0], axes[1, 1]
    corner.set_visible(False)
    count.tick_params(labelbottom=True, labelleft=False)
    _rows(main, shown, s, e, colors, spread=True)
    ticks = [short(str(d), 50) for d in shown["description"]]
    main.set_yticks(range(len(shown)), ticks, fontsize=7.5)
    main.grid(which="minor", axis="x", color="0.93")
    y = np.arange(len(shown))
    articles = shown["articles"].fillna(0).astype(int).to_numpy()
    bars = count.barh(y, articles, height=0.6, color=colors, alpha=0.7)
    labels = [
        f"{n}{' + ref' if r != 'articles' else ''}" if n else "ref"
        for n, r in zip(articles, source, strict=True)
    ]
    count.bar_label(bars, labels, padding=2, fontsize=7)
    count.set_xlim(0, max(int(articles.max(initial=0)), 1) * 1.9)
    count.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=3))
    count.set_title("Articles reporting it", fontsize=9, fontweight="normal")
    earlier, period = _counts(hist, occurrences["date_earliest"], occurrences["date_latest"],
                              s, e + DAY, color="C0")  # fmt: skip
    date_axis(hist, s, e + DAY, years=1)
    hist.xaxis.set_minor_locator(mdates.MonthLocator((1, 4, 7, 10)))
    hist.set_title(
        f"All {len(occurrences):,} events per {period}, by the middle of their dates"
        + (f" ({earlier:,} before {s:%b %Y})" if earlier else ""),
        fontsize=9, fontweight="normal",
    )  # fmt: skip
    hist.set_xlabel("Date (bar = days every mention allows)")
    least = int(articles.min()) if len(articles) else 0
    drawn = (
        f"All {len(occurrences)} events"
        if len(shown) == len(occurrences)
        else f"The {len(shown)} events reported by the most articles ({least:,} or more), "
        f"of {len(occurrences):,}"
    )
    main.set_title(drawn, fontsize=10)
    fig.suptitle(
        f"Real-world events and the articles reporting them, {s:%b %Y} – {e:%b %Y}",
        x=0.01, ha="left", fontweight="bold", fontsize=13,
    )  # fmt: skip
    handles = [
        Patch(color=c, alpha=0.6, label=f"reported by {k}") for k, c in SOURCE_COLORS.items()
    ]
    handles.append(Line2D([], [], color="0.35", lw=0.9, label="widest span one mention allows"))
    handles.append(Line2D([], [], marker="<", color="0.3", ls="", label=f"before {s:%b %Y}"))
    main.legend(handles=handles, loc="upper right", fontsize=7.5, frameon=True, framealpha=0.95)
    return fig
