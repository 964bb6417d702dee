"""01-corpus: the articles, their outlets and how well their publication dates are known."""

from __future__ import annotations

import pandas as pd

from deportdata.report.views.common import Tables


def corpus_summary(tables: Tables) -> pd.DataFrame:
    """One row per article: outlet, headline, publication interval (coded, and narrowed by the
    dated constraints of its rows), what cleaning removed.

    Uses: articles, organisations.
    """
    articles = tables["articles"]
    outlets = tables["organisations"].set_index("organisation_id")["name"]
    frame = pd.DataFrame(
        {
            "article_id": articles["article_id"],
            "outlet": articles["outlet"].map(outlets),
            "headline": articles["headline"],
            "published_earliest": articles["published_earliest"].dt.date,
            "published_latest": articles["published_latest"].dt.date,
            "published_narrowed_earliest": articles["published_narrowed_earliest"].dt.date,
            "published_narrowed_latest": articles["published_narrowed_latest"].dt.date,
            "published_narrowed_by": articles["published_narrowed_by"].fillna(""),
            "published_basis": articles["published_basis"],
            "raw_chars": articles["raw_chars"],
            "residue_removed": articles["residue_removed"],
            "chars_removed": articles["raw_chars"] - articles["clean_chars"],
        }
    )
    return frame.sort_values(["published_earliest", "article_id"]).reset_index(drop=True)


def publication_dates(tables: Tables) -> pd.DataFrame:
    """Each article's best publication date with its coded and narrowed intervals, latest
    first (the order the figure draws them top to bottom).

    Uses: articles.
    """
    columns = [
        "article_id", "headline", "published_best", "published_earliest", "published_latest",
        "published_narrowed_earliest", "published_narrowed_latest", "published_narrowed_by",
        "published_basis",
    ]  # fmt: skip
    articles = tables["articles"][columns]
    return articles.sort_values("published_best", ascending=False).reset_index(drop=True)


def cleaning_log(tables: Tables) -> pd.DataFrame:
    """What cleaning removed from each article: the rule, the offsets in the raw text, the text.

    Uses: cleaning_log.
    """
    return tables["cleaning_log"][["article_id", "rule", "start", "end", "removed_text"]]
