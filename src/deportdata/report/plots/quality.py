"""07-data-quality: rules per suite by status; numeric mentions per article by status."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import pandas as pd

from deportdata.report.plots.common import stacked_barh

STATUS_COLORS = {"passed": "C2", "known": "C1", "failed": "C3"}
MENTION_COLORS = {"claim": "C0", "ignored": "C7", "uncoded": "C3"}
MAX_ARTICLES = (
    25  # articles drawn at most: those with uncoded mentions first, then the most mentions
)


def quality_rules(summary: pd.DataFrame):
    """Validation rules per suite (clean table): passed, known issue, failed.

    `summary` is `views.validation_summary`' result.
    """
    summary = summary.sort_values("suite", ascending=False).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(10, max(2.8, 1.6 + 0.45 * len(summary))))
    stacked_barh(
        ax,
        summary["suite"],
        [(s, summary[s], STATUS_COLORS[s]) for s in ("passed", "known", "failed")],
        height=0.6,
    )
    for y, r in summary.iterrows():
        ax.annotate(
            f"{r['passed']} passed, {r['known']} known, {r['failed']} failed",
            (r["rules"], y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.set_xlim(0, summary["rules"].max() * 1.5 if len(summary) else 1)
    ax.set_ylim(-0.6, len(summary) - 0.4)
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.set_xlabel("Rules (count)")
    ax.set_ylabel("Suite")
    ax.set_title("Validation rules per table (suite)")
    ax.legend(title="Status", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    return fig


def mention_coverage(
    coverage: pd.DataFrame, labels: Mapping[str, str], *, max_articles: int = MAX_ARTICLES
):
    """Numeric mentions per article: coded as a claim, ignored with a reason, or uncoded.

    `coverage` is `views.mention_coverage`' result, `labels` `views.article_labels`'. At
    most `max_articles` articles get a bar: those with uncoded mentions first, then those
    with the most mentions; the title sums up the others.
    """
    articles = coverage[coverage["article_id"] != "all"]
    ranked = articles.sort_values(
        ["uncoded", "total", "article_id"], ascending=[False, False, True]
    )
    shown = ranked.head(max_articles).sort_values("article_id", ascending=False)
    rest = ranked.iloc[len(shown) :]
    fig, ax = plt.subplots(figsize=(10, max(2.8, 1.6 + 0.5 * len(shown))))
    names = [labels.get(a, a) for a in shown["article_id"]]
    # two articles of the same number, outlet and date: each by its full id, so neither bar hides
    names = [
        f"{a}{n[3:]}" if names.count(n) > 1 else n
        for a, n in zip(shown["article_id"], names, strict=True)
    ]
    stacked_barh(
        ax,
        names,
        [(status, shown[status], color) for status, color in MENTION_COLORS.items()],
        height=0.6,
    )
    ax.set_xlim(0, max(shown["total"].max(), 1) * 1.1)
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.set_xlabel("Numeric mentions in the raw text (count)")
    ax.set_ylabel("Article")
    title = "What accounts for every number in the articles"
    if len(rest):
        parts = ", ".join(f"{int(rest[s].sum()):,} {s}" for s in MENTION_COLORS)
        title += (
            f"\n{len(shown)} of {len(articles):,} articles: those with uncoded or most mentions;"
            f"\nthe other {len(rest):,}: {parts}"
        )
    ax.set_title(title)
    ax.legend(
        title="Mention is", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False
    )
    return fig
