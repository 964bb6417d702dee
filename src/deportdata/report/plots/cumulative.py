"""03-cumulative: the cumulative totals since 2002 on one time axis, with the breaks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from deportdata.report import figures
from deportdata.report.plots import labels
from deportdata.report.plots.common import (
    DAY,
    covering,
    crowded_window,
    date_axis,
    date_num,
    date_window,
    given,
    middle,
    palette,
    value_window,
    wrap,
    years_title,
)
from deportdata.report.views.common import same_readings
from deportdata.report.views.cumulative import TOTAL_READING

ORIGIN_MARKERS = {"corpus": "o", "reference": "s"}
BREAK_COLOR = "black"
MARKER_SIZE = 7  # points
LABEL_STYLE = {"fontsize": 8, "color": "0.15"}
DRAW_ORDER = ["as_of_earliest", "as_of_latest", "value_low", "value_high", "reporter", "origin",
              "value_text", "qualifier"]  # fmt: skip


def _readings(series: pd.DataFrame, pairs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The totals drawn (one per reading, with `label`) and the pairs between them."""
    # totals that give the same reading are drawn once, labelled with how many ("538 ×100")
    drawn = same_readings(series, TOTAL_READING, "series_row_id")
    # drawn in an order of what they say (the id only among equal readings, never drawn)
    drawn = drawn.sort_values([*DRAW_ORDER, "series_row_id"], na_position="last")
    drawn = drawn.reset_index(drop=True)
    drawn["label"] = [
        t if n == 1 else f"{t} ×{n:,}"
        for t, n in zip(drawn["value_text"], drawn["repeated"], strict=True)
    ]
    first = {i: ids[0] for ids in drawn["ids"] for i in ids}
    pairs = pairs.assign(
        earlier_id=pairs["earlier_id"].map(first), later_id=pairs["later_id"].map(first)
    )
    return drawn, pairs


@dataclass
class _Marks:
    """What the zoom panel draws that labels must keep clear of, in data coordinates."""

    points: list = field(default_factory=list)  # (x, y) of each marker
    segments: list = field(default_factory=list)  # (start, end, width in points)

    def boxes(self, ax) -> np.ndarray:
        xs, ys = zip(*self.points, strict=True) if self.points else ((), ())
        parts = [labels.marker_boxes(ax, xs, ys, MARKER_SIZE + 2)]
        parts += [labels.segment_boxes(ax, a, b, w) for a, b, w in self.segments]
        return np.vstack(parts)


def _draw_total(ax, row, color, ylim, marks: _Marks | None = None, *, label_text=None):
    """One cumulative total: date interval across, value bounds up, open bound as an arrow.

    A vague amount ("hundreds") is a hatched box over its bounds, without a point, its label
    inside the box's top left (returned). With `marks`, what is drawn is added to them, and
    the total's value label is returned as a `labels.Label` to place.
    """
    x0, x1 = date_num(row["as_of_earliest"]), date_num(row["as_of_latest"] + DAY)
    xm = (x0 + x1) / 2
    low = float(row["value_low"]) if not pd.isna(row["value_low"]) else ylim[0]
    high = float(row["value_high"]) if not pd.isna(row["value_high"]) else None
    if row["qualifier"] == "vague" and high is not None:
        ax.add_patch(
            Rectangle(
                (x0, low),
                x1 - x0,
                high - low,
                facecolor=color,
                alpha=0.12,
                edgecolor=color,
                hatch="//",
                lw=0.8,
            )
        )
        if label_text:
            return ax.annotate(
                f"{label_text}\n({int(low)}–{int(high)})",
                (x0, min(high, ylim[1])),
                xytext=(3, -3),
                textcoords="offset points",
                fontsize=8,
                color="0.15",
                ha="left",
                va="top",
            )
        return None
    marker = ORIGIN_MARKERS[row["origin"]]
    face = color if row["origin"] == "corpus" else "white"
    if high is not None and high > low:
        ax.plot([xm, xm], [low, high], color=color, lw=2)
    ax.plot([x0, x1], [low, low], color=color, lw=2.5, solid_capstyle="butt")
    if high is None:
        ax.annotate(
            "",
            xy=(xm, ylim[1]),
            xytext=(xm, low),
            arrowprops={"arrowstyle": "->", "color": color, "lw": 1.5},
        )
    ax.plot(
        [xm], [low], marker, color=color, mfc=face, mec=color, mew=1.6, markersize=MARKER_SIZE,
        zorder=5,
    )  # fmt: skip
    if marks is None:
        return None
    marks.points.append((xm, low))
    marks.segments.append(((x0, low), (x1, low), 2.5))
    marks.segments.append(((xm, low), (xm, ylim[1] if high is None else high), 2))
    return labels.Label(xm, low, label_text, LABEL_STYLE) if label_text else None


def _draw_breaks(ax, series: pd.DataFrame, pairs: pd.DataFrame, marks: _Marks) -> list:
    """A dotted arrow from each earlier total to the later one that breaks it; the "break"
    labels to place, one at each later total's upper bound."""
    breaks = pairs[pairs["verdict"] == "break"].drop_duplicates(["earlier_id", "later_id"])
    points = series.set_index("series_row_id")
    ends = []
    for earlier, later in zip(breaks["earlier_id"], breaks["later_id"], strict=True):
        a, b = points.loc[earlier], points.loc[later]
        start = (middle(a["as_of_earliest"], a["as_of_latest"]), float(a["value_low"]))
        end = (middle(b["as_of_earliest"], b["as_of_latest"]), float(b["value_high"]))
        ax.annotate(
            "",
            xy=end,
            xytext=start,
            arrowprops={"arrowstyle": "->", "color": BREAK_COLOR, "lw": 1.2, "ls": ":"},
        )
        marks.segments.append((start, end, 1.2))
        ends.append(end)
    style = {**LABEL_STYLE, "color": BREAK_COLOR, "fontweight": "bold"}
    return [labels.Label(x, y, "break", style) for x, y in sorted(set(ends))]


def _legends(ax1, ax2, colors: dict) -> None:
    reporters = [Patch(color=colors[r], label=wrap(r, 26)) for r in sorted(colors)]
    origins = [
        Line2D([], [], marker="o", ls="", color="0.3", mfc="0.3", label="printed in an article"),
        Line2D(
            [], [], marker="s", ls="", color="0.3", mfc="white", mew=1.6, label="reference figure"
        ),
        Patch(facecolor="0.7", alpha=0.4, hatch="//", label="vague amount"),
        Line2D([], [], marker=r"$\uparrow$", ls="", color="0.3", label="open upper bound"),
        Line2D(
            [], [], color=BREAK_COLOR, ls=":", label="break: a later total\nbelow an earlier one"
        ),
    ]
    ax1.legend(handles=reporters, title="Reporter", loc="upper left", fontsize=8, framealpha=0.9)
    ax2.legend(
        handles=origins,
        title="Origin",
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        fontsize=8,
        frameon=False,
    )


def cumulative_series(
    series: pd.DataFrame,
    pairs: pd.DataFrame,
    *,
    overview: Sequence[str] | None = None,
    overview_ylim: Sequence[float] | None = None,
    zoom: Sequence[str] | None = None,
    zoom_ylim: Sequence[float] | None = None,
    reporters: Sequence[str] | None = None,
):
    """Cumulative deportees since 2002, corpus and reference, each with its date and value bounds.

    `series` and `pairs` are `views.cumulative_series`' and `views.cumulative_pairs`'
    results. Left: the `overview` dates (start, end); right: a zoom on the `zoom` dates,
    where the totals crowd, with each total labelled and the breaks drawn. The labels are
    placed by rule (`labels.place`): each next to its total where it covers no other label
    and no marker, bar or arrow, whatever the ids.
    Colours are reporters, filled circles the totals printed in the articles (the corpus),
    open squares the reference figures; a hatched box is a vague amount ("hundreds"). Totals that give the same reading
    (reporter, dates and bounds: one figure printed by several articles) are drawn once,
    labelled with how many there are ("538 ×3").

    A window left out (None or empty) comes from the data: the overview spans every
    total's as-of interval, from 0 persons to above the highest bound (a given overview
    window is widened to that where a total lies outside it, so that a window chosen for
    one corpus hides nothing of a grown one); the zoom is the
    shortest stretch of dates holding half the totals (`common.crowded_window`), over the
    bounds of those of its totals with both bounds finite.
    """
    series, pairs = _readings(series, pairs)
    spans_all = date_window(None, series["as_of_earliest"], series["as_of_latest"])
    overview = date_window(overview, series["as_of_earliest"], series["as_of_latest"])
    if series["as_of_earliest"].min() < overview[0] or series["as_of_latest"].max() > overview[1]:
        overview = covering(overview, spans_all)  # the overview holds every total
    if not given(zoom):
        zoom = crowded_window(series["as_of_earliest"], series["as_of_latest"])
    zoom = date_window(zoom, series["as_of_earliest"], series["as_of_latest"])
    tops = pd.concat([series["value_low"], series["value_high"]])
    if not given(overview_ylim):
        overview_ylim = (0.0, value_window(None, tops)[1])
    elif pd.to_numeric(tops, errors="coerce").max() > overview_ylim[1]:
        overview_ylim = (overview_ylim[0], value_window(None, tops)[1])  # and every bound
    finite = series.dropna(subset=["value_low", "value_high"])
    inside = finite[(finite["as_of_latest"] >= zoom[0]) & (finite["as_of_earliest"] <= zoom[1])]
    zoom_ylim = value_window(zoom_ylim, pd.concat([inside["value_low"], inside["value_high"]]))
    colors = palette(series["reporter"], reporters)
    fig, (ax1, ax2) = plt.subplots(
        1, 2, figsize=(12.5, 5.8), gridspec_kw={"width_ratios": [1, 1.5]}
    )
    full, near = tuple(overview_ylim), tuple(zoom_ylim)
    zs, ze = pd.Timestamp(zoom[0]), pd.Timestamp(zoom[1])
    for ax, ylim in ((ax1, full), (ax2, near)):
        ax.set_ylim(*ylim)
    marks, values, fixed = _Marks(), [], []
    for row in series.to_dict("records"):
        _draw_total(ax1, row, colors[row["reporter"]], full)
        if row["as_of_latest"] >= zs and row["as_of_earliest"] <= ze:
            drawn = _draw_total(
                ax2, row, colors[row["reporter"]], near, marks, label_text=row["label"]
            )
            (values if isinstance(drawn, labels.Label) else fixed).append(drawn)
    breaks = _draw_breaks(ax2, series, pairs, marks)
    date_axis(ax1, overview[0], overview[1], years=3)
    ax1.axvspan(date_num(zs), date_num(ze), color="0.85", alpha=0.5, lw=0)
    ax1.annotate("zoomed →", (date_num(zs), full[1] * 0.96), fontsize=8, color="0.35", ha="right")
    ax1.set_title(years_title(*overview))
    date_axis(ax2, zs, ze, years=1)
    ax2.xaxis.set_minor_locator(mdates.MonthLocator((1, 4, 7, 10)))
    ax2.grid(which="minor", axis="x", color="0.93")
    ax2.set_title(f"Zoom: {zs:%b %Y} – {ze:%b %Y}")
    ax1.set_ylabel("Deportees received since 2002 (persons)")
    for ax in (ax1, ax2):
        ax.set_xlabel("Date the total refers to (as-of interval)")
    fig.suptitle(
        "Cumulative deportees since 2002, as reported",
        x=0.01,
        ha="left",
        fontweight="bold",
        fontsize=13,
    )
    _legends(ax1, ax2, colors)
    figures.layout(fig)
    labels.place(
        ax2,
        [*values, *breaks],
        marks=marks.boxes(ax2),
        taken=[t for t in fixed if t is not None],
    )
    return fig
