"""Read the clean tables as typed pandas DataFrames (what notebooks and report views use).

A thin wrapper over the one reader, `deportdata.io.tables.read_table`.
"""

from __future__ import annotations

import pandas as pd

from deportdata.config import Project
from deportdata.io.tables import DTYPES, read_table

__all__ = ["DTYPES", "article_text", "load_table"]


def load_table(name: str, project: Project | None = None) -> pd.DataFrame:
    """One clean table, typed by the schema (dates as datetime64, ids as strings); a cell
    of the wrong type raises an error naming file, line and column."""
    return read_table(project or Project.find(), name, "clean")


def article_text(article_id: str, project: Project | None = None, *, raw: bool = False) -> str:
    """An article's cleaned text (or, with raw=True, the text as received)."""
    project = project or Project.find()
    folder = project.raw_articles if raw else project.clean_articles
    return (folder / f"{article_id}.txt").read_bytes().decode("utf-8")
