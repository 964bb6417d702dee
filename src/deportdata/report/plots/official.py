"""05-official-vs-reported: official removals by fiscal year beside the reported counts."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from deportdata.report.plots.common import DAY, covering, date_axis, date_num, date_window

NGO_COLOR, FLIGHT_COLOR = "C1", "C4"
LABEL_BOX = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85}


def _draw_removals(ax, removals: pd.DataFrame) -> None:
    """A box per fiscal year and measure, as high as its removals."""
    styles = {
        "all_removals": {
            "facecolor": "none",
            "edgecolor": "0.2",
            "hatch": "///",
            "lw": 1.2,
            "ls": "--",
        },
        "ice_removals": {"facecolor": "C0", "edgecolor": "C0", "alpha": 0.3, "lw": 1},
    }
    for _, r in removals.iterrows():
        x0, x1 = date_num(r["fy_start"]), date_num(r["fy_end"] + DAY)
        ax.add_patch(Rectangle((x0, 0), x1 - x0, r["removals"], **styles[r["measure"]]))
        dhs = r["measure"] == "all_removals"
        ax.annotate(
            f"{r['reporter']} FY{r['fiscal_year']}: {r['removals']}",
            ((x0 + x1) / 2, r["removals"]),
            xytext=(0, -13 if dhs else 3),
            textcoords="offset points",
            ha="center",
            fontsize=8.5,
            color="0.1",
            fontweight="normal" if dhs else "bold",
            bbox=LABEL_BOX if dhs else None,
        )


def _draw_counts(ax, counts: pd.DataFrame) -> None:
    """A bar across each reported count's period; a star for the arrivals on one flight.

    One mark per quantity, labelled with its reporters (and how many claims, when more than
    one claim per reporter gives it)."""
    for _, group in counts.groupby("quantity_key", sort=True):
        c = group.iloc[0]
        reporters = sorted(set(group["reporter"]))
        repeated = f", {len(group):,} claims" if len(group) > len(reporters) else ""
        value = float(c["value_low"])
        x0, x1 = date_num(c["period_start"]), date_num(c["period_end"] + DAY)
        if x1 - x0 <= 2:  # one day: arrivals on one flight
            ax.plot(
                [(x0 + x1) / 2],
                [value],
                "*",
                color=FLIGHT_COLOR,
                markersize=14,
                mec="black",
                mew=0.5,
            )
            who = f"{len(reporters)} reporters" if len(reporters) > 1 else reporters[0]
            ax.annotate(
                f"{c['value_text']} on one flight,\n{c['period_start']:%d %b %Y} ({who}{repeated})",
                ((x0 + x1) / 2, value),
                xytext=(-9, 0),
                textcoords="offset points",
                ha="right",
                va="center",
                fontsize=8,
                color="0.1",
                bbox=LABEL_BOX,
            )
            continue
        ax.plot([x0, x1], [value, value], color=NGO_COLOR, lw=3.5, solid_capstyle="butt")
        ax.plot([x0, x1], [value, value], "|", color=NGO_COLOR, markersize=10, mew=2)
        ax.annotate(
            f"{c['value_text']} ({', '.join(reporters)}: “{c['period_expression']}”{repeated})",
            ((x0 + x1) / 2, value),
            xytext=(0, -5),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=8,
            color="0.1",
            bbox=LABEL_BOX,
        )


def _draw_differences(ax, diffs: pd.DataFrame) -> None:
    """Each usable difference of two cumulative totals, dotted over its as-of uncertainty."""
    for _, d in diffs.iterrows():
        x0, x1 = date_num(d["from_latest"] + DAY), date_num(d["to_earliest"])
        lo, hi = float(d["difference_low"]), float(d["difference_high"])
        mid = (lo + hi) / 2
        ax.plot([x0, x1], [mid, mid], color=NGO_COLOR, lw=2, ls=(0, (4, 2)))
        ax.plot([date_num(d["from_earliest"]), x0], [mid, mid], color=NGO_COLOR, lw=1, ls=":")
        ax.plot([x1, date_num(d["to_latest"] + DAY)], [mid, mid], color=NGO_COLOR, lw=1, ls=":")
        if hi > lo:
            ax.plot([(x0 + x1) / 2] * 2, [lo, hi], color=NGO_COLOR, lw=2)
        text = f"{int(lo)}" if lo == hi else f"{int(lo)}–{int(hi)}"
        short = x1 - x0 < 120  # days: label beside the segment, not above it
        ax.annotate(
            f"{text} ({d['earlier_value_text']} → {d['later_value_text']})",
            (date_num(d["to_latest"] + DAY) if short else (x0 + x1) / 2, mid if short else hi),
            xytext=(4, 0) if short else (0, 4),
            textcoords="offset points",
            ha="left" if short else "center",
            va="center" if short else "bottom",
            fontsize=8,
            color="0.1",
            bbox=LABEL_BOX,
        )


def _legend(ax, ngo: str) -> None:
    handles = [
        Patch(
            facecolor="none",
            edgecolor="0.2",
            hatch="///",
            ls="--",
            label="DHS: all removals\n(Yearbook Table 41)",
        ),
        Patch(facecolor="C0", alpha=0.3, label="ICE removals"),
        Line2D([], [], color=NGO_COLOR, lw=3.5, label=f"{ngo}: count over\na period (article)"),
        Line2D(
            [],
            [],
            color=NGO_COLOR,
            lw=2,
            ls=(0, (4, 2)),
            label=f"difference of two {ngo}\ncumulative totals (dotted:\nas-of uncertainty)",
        ),
        Line2D(
            [],
            [],
            color=FLIGHT_COLOR,
            marker="*",
            ls="",
            markersize=11,
            mec="black",
            mew=0.5,
            label="arrivals on one flight",
        ),
    ]
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False
    )


def official_vs_reported(
    removals: pd.DataFrame,
    counts: pd.DataFrame,
    differences: pd.DataFrame,
    *,
    ngo: str,
    start: str | None = None,
    end: str | None = None,
):
    """Official removals by fiscal year against the counts the articles and the NGO report.

    `removals`, `counts` and `differences` are the results of `views.removals_by_fiscal_year`,
    `views.reported_counts` and `views.cumulative_differences`; `ngo` names the reporter
    of the differenced totals in the legend; `start`..`end` are the dates shown.

    Each mark spans the period its count covers and stands at the count over that
    whole period (not a rate). Fiscal-year boxes run October–September. Differences
    of the NGO's cumulative totals are drawn only where they are `usable`. `start` or
    `end` left out (None) comes from the data: the fiscal years, the counts' periods and the
    differences. A window given is widened where an article's count lies outside it, so that
    a window chosen for the corpus as it was hides nothing of a grown one.
    """
    diffs = differences[differences["usable"]]
    firsts = pd.concat([removals["fy_start"], counts["period_start"], diffs["from_latest"]])
    lasts = pd.concat([removals["fy_end"], counts["period_end"], diffs["to_earliest"]])
    start, end = date_window([start, end], firsts, lasts)
    if len(counts) and (counts["period_start"].min() < start or counts["period_end"].max() > end):
        start, end = covering((start, end), date_window(None, firsts, lasts))
    fig, ax = plt.subplots(figsize=(12, 6))
    _draw_removals(ax, removals)
    _draw_counts(ax, counts)
    _draw_differences(ax, diffs)
    top = max([float(removals["removals"].max())] + [float(v) for v in diffs["difference_high"]])
    ax.set_ylim(0, top * 1.15)
    date_axis(ax, start, end, years=1)
    ax.xaxis.set_minor_locator(mdates.MonthLocator((10,)))
    ax.grid(which="minor", axis="x", color="0.6", ls=":")
    ax.set_xlabel("Date (dotted lines: 1 October, start of a US fiscal year)")
    ax.set_ylabel("Persons counted over the period drawn")
    ax.set_title("Official removals by fiscal year and the counts the articles report")
    _legend(ax, ngo)
    return fig
