"""Tables that the notebooks show: small, named, tested functions over the clean tables."""

from __future__ import annotations

import pandas as pd

from deportdata.load import load_table
from deportdata.paths import Project


def corpus_summary(project: Project) -> pd.DataFrame:
    """One row per article: outlet, headline, publication interval, what cleaning removed."""
    articles = load_table("articles", project)
    outlets = load_table("organisations", project).set_index("organisation_id")["name"]
    frame = pd.DataFrame({
        "article_id": articles["article_id"],
        "outlet": articles["outlet"].map(outlets),
        "headline": articles["headline"],
        "published_earliest": articles["published_earliest"].dt.date,
        "published_latest": articles["published_latest"].dt.date,
        "published_basis": articles["published_basis"],
        "raw_chars": articles["raw_chars"],
        "residue_removed": articles["residue_removed"],
        "chars_removed": articles["raw_chars"] - articles["clean_chars"],
    })
    return frame.sort_values(["published_earliest", "article_id"]).reset_index(drop=True)
