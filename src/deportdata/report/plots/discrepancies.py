"""06-discrepancies: the bounds of the claims about one quantity, panel by panel."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import pandas as pd

from deportdata.report.plots.common import palette
from deportdata.report.views.discrepancies import bounds_overlap


def _panel(ax, quantity: str, rows: pd.DataFrame, others: pd.DataFrame, colors: dict) -> None:
    """One quantity: each claim's bounds as a bar, the related claims as dashed lines."""
    finite = [
        float(v)
        for v in pd.concat([rows["value_low"], rows["value_high"], others["value"]]).dropna()
    ]
    lo, hi = min(finite), max(finite)
    pad = max((hi - lo) * 0.25, 4)
    xmin, xmax = max(lo - pad, 0), hi + pad
    ax.set_xlim(xmin, xmax)
    overlap, c_lo, c_hi = bounds_overlap(list(rows["value_low"]), list(rows["value_high"]))
    if overlap:
        ax.axvspan(c_lo - 0.5, (xmax if c_hi is None else c_hi) + 0.5, color="0.85", lw=0, zorder=0)
    for y, (_, c) in enumerate(rows.iterrows()):
        color = colors[c["reporter"]]
        low = float(c["value_low"])
        high = xmax if pd.isna(c["value_high"]) else float(c["value_high"])
        ax.plot(
            [low - 0.5, high + 0.5], [y, y], color=color, lw=6, alpha=0.55, solid_capstyle="butt"
        )
        if pd.isna(c["value_high"]):
            ax.annotate(
                "",
                xy=(xmax, y),
                xytext=(low, y),
                arrowprops={"arrowstyle": "->", "color": color, "lw": 1.5},
            )
        if not pd.isna(c["value"]):
            ax.plot([float(c["value"])], [y], "o", color=color, mec="black", mew=0.5, markersize=7)
        times = f" ×{int(c['repeated']):,}" if c["repeated"] > 1 else ""
        ax.annotate(
            f"  {c['claim_id']}{times} “{c['value_text']}” ({c['reporter']}, {c['articles']})",
            (xmin, y),
            xytext=(2, 7),
            textcoords="offset points",
            fontsize=8,
            va="bottom",
        )
    for _, o in others.iterrows():
        times = f" ×{int(o['repeated']):,}" if o["repeated"] > 1 else ""
        ax.axvline(float(o["value"]), color="0.3", ls="--", lw=1.2)
        ax.annotate(
            f"{o['claim_id']}{times} “{o['value_text']}” {o['kind']} ({o['reporter']})",
            (float(o["value"]), 0),
            xytext=(-4, 7),
            textcoords="offset points",
            ha="right",
            va="bottom",
            fontsize=8,
            color="0.25",
        )
    ax.set_ylim(len(rows) - 0.2, -0.7)
    ax.set_yticks([])
    ax.set_title(f"{quantity}: {rows['verdict'].iloc[0]}", fontsize=10, loc="left")
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True, nbins=8))


def discrepancy_bounds(panels: pd.DataFrame, *, reporters: Sequence[str] | None = None):
    """One panel per quantity that several claims report: each claim's bounds, by reporter.

    `panels` is `views.discrepancy_panels`' result: the quantities, claims and related
    claims drawn, in order. The shaded band is the range all the claims share, when there
    is one; a related quantity's claims are dashed lines (the 47 requested beside the 36
    and 34 accepted). Claims that give the same reading share a bar, labelled with how many
    ("×2") and their articles, so a panel is as tall as its distinct figures.
    """
    claims = panels[panels["role"] == "claim"]
    quantities = list(dict.fromkeys(claims["quantity_key"]))
    if not quantities:
        raise ValueError("discrepancy_bounds: no quantity to draw")
    sizes = [int((claims["quantity_key"] == q).sum()) for q in quantities]
    colors = palette(claims["reporter"], reporters)
    fig, axes = plt.subplots(
        len(quantities),
        1,
        figsize=(10, 1.0 + 0.55 * sum(sizes) + 0.75 * len(quantities)),
        gridspec_kw={"height_ratios": [s + 0.8 for s in sizes]},
        squeeze=False,
    )
    for ax, quantity in zip(axes[:, 0], quantities, strict=True):
        own = panels["quantity_key"] == quantity
        _panel(
            ax,
            quantity,
            panels[own & (panels["role"] == "claim")],
            panels[own & (panels["role"] == "related")],
            colors,
        )
    axes[-1, 0].set_xlabel(
        "Persons (bar = inclusive bounds, dot = best value, shade = range all share)"
    )
    fig.suptitle(
        "Claims about the same quantity", x=0.01, ha="left", fontweight="bold", fontsize=13
    )
    return fig
