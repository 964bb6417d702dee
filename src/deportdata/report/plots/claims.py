"""02-claims: claims per kind and reporter; the bounds of every claim."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import pandas as pd
from matplotlib.patches import Patch

from deportdata.report.plots.common import log_window, palette, short, stacked_barh, wrap
from deportdata.report.views.common import same_readings

# claims equal in these are drawn as one bar, labelled with how many there are
READING = ["kind", "reporter", "value_text", "qualifier", "value", "value_low", "value_high"]
MAX_ROWS = 40  # bars drawn at most: the most repeated readings


def bound_readings(claims: pd.DataFrame, max_rows: int = MAX_ROWS) -> tuple[pd.DataFrame, int]:
    """(the readings drawn, how many readings are left out): the claims grouped by reading
    (`READING`, `views.common.same_readings`), the `max_rows` most repeated of them (ties by
    first claim id), last claim id first (the order the figure draws them top to bottom)."""
    readings = same_readings(claims, READING, "claim_id")
    shown = readings.sort_values(["repeated", "claim_id"], ascending=[False, True]).head(max_rows)
    shown = shown.sort_values("claim_id", ascending=False).reset_index(drop=True)
    return shown, len(readings) - len(shown)


def claims_by_kind(claims: pd.DataFrame, *, reporters: Sequence[str] | None = None):
    """Claims per kind, stacked by the reporter they are attributed to.

    `claims` is `views.claims_table`' result.
    """
    counts = claims.groupby(["kind", "reporter"]).size().unstack(fill_value=0)
    counts = counts.loc[sorted(counts.index, key=lambda k: (counts.loc[k].sum(), k))]
    colors = palette(counts.columns, reporters)
    fig, ax = plt.subplots(figsize=(10, 5.5))
    stacked_barh(
        ax,
        [k.replace("_", " ") for k in counts.index],
        [(wrap(r, 30), counts[r], colors[r]) for r in sorted(counts.columns)],
        height=0.65,
    )
    ax.set_xlabel("Claims (count)")
    ax.set_ylabel("Kind of claim")
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.set_title("Numeric claims in the articles, by kind and reporter")
    ax.legend(
        title="Reporter", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False
    )
    return fig


def claim_bounds(
    claims: pd.DataFrame,
    *,
    xlim: tuple[float, float] | None = None,
    max_rows: int = MAX_ROWS,
    reporters: Sequence[str] | None = None,
):
    """Every claim's bounds on a log scale: a bar from low to high, a dot at the value.

    `claims` is `views.claims_table`' result, `xlim` the persons shown (log axis). An open
    bound runs to the edge of the axis as an arrow; a lower bound of 0 is drawn to the left
    edge (a log axis has no 0). `xlim` left out (None) comes from the data: the powers of
    ten around every bound. Claims that give the same reading (kind, reporter, figure and
    bounds) share a bar labelled with the first claim id and how many there are ("×2"); at
    most `max_rows` bars are drawn, the most repeated, and the title says how many are not.
    """
    claims, left_out = bound_readings(claims, max_rows)
    colors = palette(claims["reporter"], reporters)
    xmin, xmax = log_window(xlim, pd.concat([claims["value_low"], claims["value_high"]]))
    fig, ax = plt.subplots(figsize=(12.5, 1.8 + 0.3 * max(len(claims), 4)))
    ax.set_xscale("log")
    ax.set_xlim(xmin, xmax)
    for y, c in enumerate(claims.to_dict("records")):
        color = colors[c["reporter"]]
        low = xmin if pd.isna(c["value_low"]) or c["value_low"] == 0 else float(c["value_low"])
        high = xmax if pd.isna(c["value_high"]) else float(c["value_high"])
        if low == high:
            ax.plot([low], [y], "|", color=color, markersize=12, mew=2)
        else:
            ax.plot([low, high], [y, y], color=color, lw=5, alpha=0.45, solid_capstyle="butt")
        for edge, bound in ((xmax, c["value_high"]), (xmin, c["value_low"])):
            if pd.isna(bound) or (edge == xmin and bound == 0):
                start = float(c["value_low"]) if edge == xmax else float(c["value_high"])
                ax.annotate(
                    "",
                    xy=(edge, y),
                    xytext=(start, y),
                    arrowprops={"arrowstyle": "->", "color": color, "lw": 1.5},
                )
        if not pd.isna(c["value"]):
            ax.plot([float(c["value"])], [y], "o", color=color, markersize=6, mec="black", mew=0.5)
    unit = {"rate_limit": ", a month"}
    ax.set_yticks(
        range(len(claims)),
        [
            f"{c['claim_id']}{f' ×{n:,}' if n > 1 else ''}  {short(c['value_text'], 26)}  "
            f"({c['kind'].replace('_', ' ')}{unit.get(c['kind'], '')})"
            for c, n in zip(claims.to_dict("records"), claims["repeated"], strict=True)
        ],
        fontsize=8.5,
    )
    ax.xaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_ylim(-0.7, len(claims) - 0.3)
    ax.set_xlabel(
        "Persons (log scale); bar = inclusive bounds, dot = best value, arrow = open bound;"
        " ×n = n claims give the figure"
    )
    title = "The bounds of every numeric claim"
    if left_out:
        title += (
            f" (the {len(claims)} most repeated figures; {left_out:,} more in the claims table)"
        )
    ax.set_title(title)
    handles = [Patch(color=colors[r], alpha=0.7, label=wrap(r, 30)) for r in sorted(colors)]
    ax.legend(
        handles=handles,
        title="Reporter",
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        fontsize=8,
        frameon=False,
    )
    return fig
