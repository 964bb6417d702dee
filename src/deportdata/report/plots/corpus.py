"""01-corpus: how well the publication dates are known."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from deportdata.report.views.common import same_readings

MAX_ROWS = 30  # articles drawn at most: those whose dates are least certain


def least_certain(dates: pd.DataFrame, max_rows: int = MAX_ROWS) -> tuple[pd.DataFrame, int]:
    """(the articles drawn, how many articles they stand for): articles with the same
    headline and dates are one row (`repeated` says how many: a story printed twice); at
    most `max_rows` rows, the widest coded intervals first, drawn latest first (the rows that
    narrowed a repeated story's dates are the first article's)."""
    columns = [c for c in dates.columns if c not in ("article_id", "published_narrowed_by")]
    rows = same_readings(dates, columns, "article_id")
    rows["width"] = rows["published_latest"] - rows["published_earliest"]
    rows = rows.sort_values(["width", "published_best", "article_id"], ascending=False)
    rows = rows.head(max_rows).sort_values(["published_best", "article_id"], ascending=False)
    return rows.reset_index(drop=True), int(rows["repeated"].sum())


def publication_intervals(
    dates: pd.DataFrame, *, xlim: tuple[float, float], max_rows: int = MAX_ROWS
):
    """Each article's publication interval, in days around its best date, with the dates.

    `dates` is `views.publication_dates`' result; `xlim` the days shown either side of the
    best date. The pale part of a bar is the coded days that joint narrowing excluded (the
    rows whose dated constraints excluded them are named). Articles with the same headline
    and dates share a row ("×2"); at most `max_rows` rows are drawn, the least certain
    dates first, and the title says how many articles are not.
    """
    total = len(dates)
    dates, drawn = least_certain(dates, max_rows)
    fig, ax = plt.subplots(figsize=(12, max(4.5, 1.5 + 0.6 * len(dates))))
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
            by = str(row["published_narrowed_by"]).split(";")
            by = ", ".join(by[:3]) + (f" and {len(by) - 3} more" if len(by) > 3 else "")
            text += f"\n(coded {row['published_earliest']:%d %b} – {row['published_latest']:%d %b}; narrowed by {by})"
        ax.annotate(text, (hi + 0.8, y), va="center", fontsize=9)
    ax.set_yticks(
        range(len(dates)),
        [
            f"{b:%Y-%m-%d}  {h[:44]}{'…' if len(h) > 44 else ''}{f' ×{n:,}' if n > 1 else ''}"
            for b, h, n in zip(
                dates["published_best"], dates["headline"], dates["repeated"], strict=True
            )
        ],
    )
    ax.set_xlim(*xlim)
    ax.set_xlabel("Days from the best publication date (− before, + after)")
    title = "How well the publication dates are known"
    if drawn < total:
        title += f"\n(the {drawn:,} least certain of {total:,} articles)"
    ax.set_title(title)
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
