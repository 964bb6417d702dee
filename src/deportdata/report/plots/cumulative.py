"""03-cumulative: the cumulative totals since 2002 on one time axis, with the breaks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from deportdata.report.plots.common import (
    DAY,
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

ORIGIN_MARKERS = {"corpus": "o", "reference": "s"}
BREAK_COLOR = "black"
LABEL_OFFSET = (6, 3)  # points, right of and above the total
# totals equal in these are drawn once, labelled with how many print them ("538 ×100")
READING = [
    "origin", "series_id", "reporter", "as_of_earliest", "as_of_latest", "value_text",
    "qualifier", "value_low", "value_high",
]  # fmt: skip


def _readings(series: pd.DataFrame, pairs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The totals drawn (one per reading, with `label`) and the pairs between them."""
    drawn = same_readings(series, READING, "series_row_id")
    drawn = drawn.sort_values(["as_of_earliest", "as_of_latest", "series_row_id"])
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


def _draw_total(ax, row, color, ylim, *, label_text: str | None = None, offset=(4, 3)) -> None:
    """One cumulative total: date interval across, value bounds up, open bound as an arrow.

    A vague amount ("hundreds") is a hatched box over its bounds, without a point.
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
            ax.annotate(
                f"{label_text}\n({int(low)}–{int(high)})",
                (x0, min(high, ylim[1])),
                xytext=(3, -3),
                textcoords="offset points",
                fontsize=8,
                color="0.15",
                ha="left",
                va="top",
            )
        return
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
    ax.plot([xm], [low], marker, color=color, mfc=face, mec=color, mew=1.6, markersize=7, zorder=5)
    if label_text:
        ax.annotate(
            label_text,
            (xm, low),
            xytext=offset,
            textcoords="offset points",
            fontsize=8,
            color="0.15",
            ha="left" if offset[0] >= 0 else "right",
            va="bottom",
        )


def _draw_breaks(ax, series: pd.DataFrame, pairs: pd.DataFrame) -> None:
    """A dotted arrow from each earlier total to the later one that breaks it, and a label."""
    breaks = pairs[pairs["verdict"] == "break"].drop_duplicates(["earlier_id", "later_id"])
    points = series.set_index("series_row_id")
    for _, pair in breaks.iterrows():
        a, b = points.loc[pair["earlier_id"]], points.loc[pair["later_id"]]
        ax.annotate(
            "",
            xy=(middle(b["as_of_earliest"], b["as_of_latest"]), float(b["value_high"])),
            xytext=(middle(a["as_of_earliest"], a["as_of_latest"]), float(a["value_low"])),
            arrowprops={"arrowstyle": "->", "color": BREAK_COLOR, "lw": 1.2, "ls": ":"},
        )
    for later_id in breaks["later_id"].unique():
        b = points.loc[later_id]
        ax.annotate(
            "break",
            (middle(b["as_of_earliest"], b["as_of_latest"]), float(b["value_high"])),
            xytext=(-4, 10),
            textcoords="offset points",
            fontsize=8,
            color=BREAK_COLOR,
            ha="right",
            va="bottom",
            fontweight="bold",
        )


def _legends(ax1, ax2, colors: dict) -> None:
    reporters = [Patch(color=colors[r], label=wrap(r, 26)) for r in sorted(colors)]
    origins = [
        Line2D([], [], marker="o", ls="", color="0.3", mfc="0.3", label="in the five articles"),
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
    label_offsets: Mapping[str, Sequence[float]] | None = None,
):
    """Cumulative deportees since 2002, corpus and reference, each with its date and value bounds.

    `series` and `pairs` are `views.cumulative_series`' and `views.cumulative_pairs`'
    results. Left: the `overview` dates (start, end); right: a zoom on the `zoom` dates,
    where the totals crowd, with each total labelled (`label_offsets`: series_row_id →
    label offset in points, where the default would collide) and the breaks drawn.
    Colours are reporters, filled circles the five articles, open squares the reference
    figures; a hatched box is a vague amount ("hundreds"). Totals that give the same reading
    (reporter, dates and bounds: one figure printed by several articles) are drawn once,
    labelled with how many there are ("538 ×3").

    A window left out (None or empty) comes from the data: the overview spans every
    total's as-of interval, from 0 persons to above the highest bound; the zoom is the
    shortest stretch of dates holding half the totals (`common.crowded_window`), over the
    bounds of those of its totals with both bounds finite.
    """
    label_offsets = label_offsets or {}
    series, pairs = _readings(series, pairs)
    overview = date_window(overview, series["as_of_earliest"], series["as_of_latest"])
    if not given(zoom):
        zoom = crowded_window(series["as_of_earliest"], series["as_of_latest"])
    zoom = date_window(zoom, series["as_of_earliest"], series["as_of_latest"])
    tops = pd.concat([series["value_low"], series["value_high"]])
    overview_ylim = (
        (0.0, value_window(None, tops)[1]) if not given(overview_ylim) else overview_ylim
    )
    finite = series.dropna(subset=["value_low", "value_high"])
    inside = finite[(finite["as_of_latest"] >= zoom[0]) & (finite["as_of_earliest"] <= zoom[1])]
    zoom_ylim = value_window(zoom_ylim, pd.concat([inside["value_low"], inside["value_high"]]))
    colors = palette(series["reporter"])
    fig, (ax1, ax2) = plt.subplots(
        1, 2, figsize=(12.5, 5.8), gridspec_kw={"width_ratios": [1, 1.5]}
    )
    full, near = tuple(overview_ylim), tuple(zoom_ylim)
    zs, ze = pd.Timestamp(zoom[0]), pd.Timestamp(zoom[1])
    for ax, ylim in ((ax1, full), (ax2, near)):
        ax.set_ylim(*ylim)
    for row in series.to_dict("records"):
        _draw_total(ax1, row, colors[row["reporter"]], full)
        inside = row["as_of_latest"] >= zs and row["as_of_earliest"] <= ze
        if inside:
            _draw_total(
                ax2,
                row,
                colors[row["reporter"]],
                near,
                label_text=row["label"],
                offset=tuple(label_offsets.get(row["series_row_id"], LABEL_OFFSET)),
            )
    _draw_breaks(ax2, series, pairs)
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
    return fig
