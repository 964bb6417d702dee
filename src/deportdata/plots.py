"""The report figures: one function per figure, each returning a matplotlib Figure."""

from __future__ import annotations

import matplotlib.pyplot as plt

from deportdata.paths import Project


def publication_intervals(project: Project):
    """Each article's publication interval, in days around its best date, labelled with the dates."""
    from deportdata.load import load_table

    articles = load_table("articles", project).sort_values("published_best", ascending=False).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(10, 4.5))
    for y, row in articles.iterrows():
        best = row["published_best"]
        lo = (row["published_earliest"] - best).days
        hi = (row["published_latest"] - best).days
        color = "C0" if row["published_basis"] == "source" else "C1"
        ax.barh(y, hi - lo + 1, left=lo - 0.5, height=0.5, color=color, alpha=0.5)
        ax.plot([0], [y], "o", color="black", markersize=5)
        ax.annotate(f"{row['published_earliest']:%d %b %Y} – {row['published_latest']:%d %b %Y}",
                    (hi + 0.8, y), va="center", fontsize=9)
    ax.set_yticks(range(len(articles)),
                  [f"{b:%Y-%m-%d}  {h[:44]}{'…' if len(h) > 44 else ''}"
                   for b, h in zip(articles["published_best"], articles["headline"], strict=True)])
    ax.set_xlim(-10, 16)
    ax.set_xlabel("Days before (−) or after (+) the best estimate of the publication date")
    ax.set_title("How well the publication dates are known")
    handles = [plt.Rectangle((0, 0), 1, 1, color=c, alpha=0.5) for c in ("C0", "C1")]
    ax.legend(handles, ["date from a source", "date inferred"], loc="lower left", fontsize=9)
    return fig
