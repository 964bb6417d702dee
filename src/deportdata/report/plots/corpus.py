"""01-corpus: how well the publication dates are known."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd


def publication_intervals(dates: pd.DataFrame, *, xlim: tuple[float, float]):
    """Each article's publication interval, in days around its best date, with the dates.

    `dates` is `views.publication_dates`' result; `xlim` the days shown either side of the
    best date. The pale part of a bar is the coded days that joint narrowing excluded (the
    rows whose dated constraints excluded them are named).
    """
    fig, ax = plt.subplots(figsize=(12, 4.5))
    for y, row in dates.iterrows():
        best = row["published_best"]
        lo = (row["published_earliest"] - best).days
        hi = (row["published_latest"] - best).days
        nlo = (row["published_narrowed_earliest"] - best).days
        nhi = (row["published_narrowed_latest"] - best).days
        color = "C0" if row["published_basis"] == "source" else "C1"
        ax.barh(y, hi - lo + 1, left=lo - 0.5, height=0.5, color=color, alpha=0.18)
        ax.barh(y, nhi - nlo + 1, left=nlo - 0.5, height=0.5, color=color, alpha=0.55)
        ax.plot([0], [y], "o", color="black", markersize=5)
        text = f"{row['published_narrowed_earliest']:%d %b %Y} – {row['published_narrowed_latest']:%d %b %Y}"
        if (nlo, nhi) != (lo, hi):
            by = ", ".join(str(row["published_narrowed_by"]).split(";"))
            text += f"\n(coded {row['published_earliest']:%d %b} – {row['published_latest']:%d %b}; narrowed by {by})"
        ax.annotate(text, (hi + 0.8, y), va="center", fontsize=9)
    ax.set_yticks(
        range(len(dates)),
        [
            f"{b:%Y-%m-%d}  {h[:44]}{'…' if len(h) > 44 else ''}"
            for b, h in zip(dates["published_best"], dates["headline"], strict=True)
        ],
    )
    ax.set_xlim(*xlim)
    ax.set_xlabel("Days from the best publication date (− before, + after)")
    ax.set_title("How well the publication dates are known")
    handles = [plt.Rectangle((0, 0), 1, 1, color=c, alpha=0.55) for c in ("C0", "C1")]
    handles.append(plt.Rectangle((0, 0), 1, 1, color="0.5", alpha=0.18))
    ax.legend(
        handles,
        ["date from a source", "date inferred", "excluded by narrowing"],
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        fontsize=9,
        frameon=False,
    )
    return fig
