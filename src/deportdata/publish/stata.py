"""Stata files (.dta, format 118: Unicode) of every clean table, with labels from the schema.

Each variable carries its column description as its label (Stata allows 80 characters),
the data set carries the table's title; a column named like a Stata reserved word (`end`)
becomes `_end`, its label starting "(end)". Dates are Stata daily dates (%td), booleans 0/1
bytes, missing integers Stata's missing value. The time stamp in the file header is fixed,
so a rebuild gives the same bytes.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from deportdata.config import Project
from deportdata.schema import Schema, Table, load_schema

TIMESTAMP = datetime(1980, 1, 1)  # the zip format's earliest date; used for every export
LABEL_LIMIT = 80
STRING_LIMIT = 2045  # longer strings are written as strL
RESERVED = {"end": "_end"}  # column names that are Stata reserved words → variable names


def variable(name: str) -> str:
    """The Stata variable name of a column."""
    return RESERVED.get(name, name)


def _label(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= LABEL_LIMIT:
        return text
    return text[: LABEL_LIMIT - 1].rstrip() + "…"


def frame(table: Table, project: Project):
    """The clean table as a DataFrame Stata can hold (types from the schema)."""
    import pandas as pd

    from deportdata.io.load import load_table

    data = load_table(table.name, project)
    for name, column in table.columns.items():
        series = data[name]
        if column.type == "string":
            data[name] = series.astype(object).where(series.notna(), "")
        elif column.type == "boolean":
            data[name] = series.astype("Int8")
        elif column.type == "integer" and column.required:
            data[name] = series.astype("int32")  # Stata long
        elif column.type in ("integer", "number"):
            data[name] = series.astype("float64")  # double: empty cells are Stata's missing "."
        elif column.type == "date":
            data[name] = pd.to_datetime(series)
    return data


def write(project: Project, folder: Path, schema: Schema | None = None) -> list[Path]:
    """One .dta file per clean table into `folder`; returns the files written."""
    schema = schema or load_schema()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in schema.layer("clean"):
        if not (project.clean / table.path).is_file():
            continue
        data = frame(table, project)
        long_strings = [
            name
            for name, column in table.columns.items()
            if column.type == "string" and data[name].str.len().max() > STRING_LIMIT
        ]
        path = folder / f"{table.name}.dta"
        labels = {
            variable(n): _label(c.description if variable(n) == n else f"({n}) {c.description}")
            for n, c in table.columns.items()
        }
        data.rename(columns=RESERVED).to_stata(
            path,
            write_index=False,
            version=118,
            time_stamp=TIMESTAMP,
            data_label=_label(table.title),
            variable_labels=labels,
            convert_dates={variable(n): "td" for n, c in table.columns.items() if c.type == "date"},
            convert_strl=[variable(n) for n in long_strings],
        )
        written.append(path)
    return written
