"""The one cell validator of the schema's tables, and the typing of valid cells.

What a valid cell is lives here only (`cell_problem`), so a value the checks would
reject on type is rejected by the clean step too; the reader is `deportdata.io.tables`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported only by the frame readers: clean and cite need none
    import pandas as pd

from deportdata.schema import Column, Table, load_schema

LINE = "_line"  # in raw rows: the 1-based CSV line where the row starts (header = line 1)
DTYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # date.fromisoformat alone also takes 20020301
WHOLE = re.compile(r"-?\d+")
BOOLEANS = {"true": True, "false": False}
# characters no text of the project may hold (C0 and C1 controls but tab, LF and CR): a NUL
# cuts a quote short in some outputs (Stata), the others are invisible in every one
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_problem(text: str) -> str | None:
    """Why `text` may not be stored (a control character, with its place), or None."""
    found = CONTROL.search(text)
    if found is None:
        return None
    return (
        f"holds the control character U+{ord(found.group()):04X} at character {found.start() + 1}"
    )


def bound_problem(column: Column, value: str, *, full: bool = True) -> str | None:
    """Why a valid cell lies outside the schema's plausibility bounds (`bounds` in raw.yaml:
    whole numbers every output format can store, dates no later than today unless the column
    allows `future` dates), or None. Without `full` (the checks, which test dates against the
    corpus's scope with rules of their own), a date only has to fit a typed frame."""
    bounds = load_schema().bounds
    if column.type == "integer":
        low, high = bounds["integer"]["min"], bounds["integer"]["max"]
        if not low <= int(value) <= high:
            return f"{value} is outside the whole numbers every output can store ({low} to {high})"
    if column.type == "date":
        earliest, typed_max = bounds["date"]["min"], bounds["date"]["typed_max"]
        if value < earliest:
            return f"{value} is before {earliest}, the earliest date the schema allows"
        today = date.today().isoformat()
        if full and not column.future and value > today:
            return (
                f"{value} is after today ({today}); the column {column.name} holds no future dates"
            )
        if value > typed_max:
            return f"{value} is after {typed_max}, the latest date the schema allows"
    return None


def type_problem(kind: str, value: str) -> str | None:
    """Why a non-empty cell is not of the schema type `kind`, or None."""
    if kind == "integer" and not WHOLE.fullmatch(value):
        return f"{value!r} is not a whole number"
    if kind == "number":
        try:
            ok = math.isfinite(float(value)) and value.strip() == value and "_" not in value
        except ValueError:
            ok = False
        if not ok:
            return f"{value!r} is not a number"
    if kind == "date":
        try:
            ok = ISO_DATE.fullmatch(value) is not None and bool(date.fromisoformat(value))
        except ValueError:
            ok = False
        if not ok:
            return f"{value!r} is not a date in the form YYYY-MM-DD"
    if kind == "boolean" and value not in BOOLEANS:
        return f"{value!r} is not true or false"
    return None


def cell_problem(
    column: Column, value: str, vocabulary: Mapping[str, str] | None = None, *, full: bool = True
) -> str | None:
    """What is wrong with one cell, or None.

    Always: an empty required cell, a value of the wrong type (each item of a `multi`
    list). With `full` also a value outside `vocabulary` or not matching the column's
    pattern (the checks test these with rules of their own, naming the rule).
    """
    if value == "":
        return "is empty but required" if column.required else None
    problem = control_problem(value)
    if problem:
        return problem
    for item in value.split(";") if column.multi else [value]:
        if column.multi and item == "":
            return f"{value!r} has an empty item (a list is ids separated by single ';')"
        problem = type_problem(column.type, item) or bound_problem(column, item, full=full)
        if problem:
            return problem
        if full and vocabulary is not None and item not in vocabulary:
            return f"{item!r} is not in the vocabulary ({', '.join(sorted(vocabulary))})"
        if full and column.pattern and not re.fullmatch(column.pattern, item):
            return f"{item!r} does not match the pattern {column.pattern}"
    return None


def vocabulary_of(column: Column) -> dict[str, str] | None:
    return load_schema().vocabularies[column.vocabulary].values if column.vocabulary else None


def typed(cells: pd.Series, kind: str) -> pd.Series:
    """Valid text cells (missing as None) as the schema type: datetime64, Int64, Float64,
    boolean or string."""
    import pandas as pd

    if kind == "date":
        return pd.to_datetime(cells, format="%Y-%m-%d")
    if kind == "boolean":
        return cells.map(BOOLEANS).astype("boolean")
    return cells.astype(DTYPES[kind])


def canonical(column: Column, value: str) -> str:
    """A valid cell in the one form the clean layer writes (whole numbers without leading
    zeros or '+', booleans lower-case); the value itself is not changed."""
    if value == "" or column.multi:
        return value
    if column.type == "integer":
        return str(int(value))
    if column.type == "number":
        return repr(float(value)) if not WHOLE.fullmatch(value) else str(int(value))
    return value


def normalised(table: Table, rows: Iterable[Mapping[str, str]]) -> list[dict[str, str]]:
    """Raw rows copied into the clean table `table`: its columns, in canonical form."""
    return [
        {name: canonical(column, row.get(name, "")) for name, column in table.columns.items()}
        for row in rows
    ]
