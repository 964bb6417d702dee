"""Read the clean tables as typed pandas DataFrames (what notebooks and checks use)."""

from __future__ import annotations

import pandas as pd

from deportdata.config import Project
from deportdata.errors import DeportdataError
from deportdata.schema import load_schema

DTYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}


def load_table(name: str, project: Project | None = None) -> pd.DataFrame:
    """One clean table, typed by the schema (dates as datetime64, ids as strings)."""
    project = project or Project.find()
    table = load_schema().table("clean", name)
    path = project.clean / table.path
    if not path.is_file():
        raise DeportdataError(
            "clean table is missing", file=project.rel(path), hint="run 'deportdata clean'"
        )
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    for column in table.columns.values():
        if column.name not in frame:
            continue
        if column.type == "date":
            frame[column.name] = pd.to_datetime(frame[column.name], format="%Y-%m-%d")
        elif column.type == "boolean":
            frame[column.name] = (
                frame[column.name].map({"true": True, "false": False}).astype("boolean")
            )
        else:
            frame[column.name] = frame[column.name].astype(DTYPES[column.type])
    return frame


def article_text(article_id: str, project: Project | None = None, *, raw: bool = False) -> str:
    """An article's cleaned text (or, with raw=True, the text as received)."""
    project = project or Project.find()
    folder = project.raw_articles if raw else project.clean_articles
    return (folder / f"{article_id}.txt").read_bytes().decode("utf-8")
