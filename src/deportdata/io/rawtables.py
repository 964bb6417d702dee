"""Read the hand-coded raw CSV tables and check them against the schema.

Every problem becomes one `DeportdataError` naming the file, the line and the
column; all problems in a table are reported together.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from datetime import date
from pathlib import Path

from deportdata.config import Project
from deportdata.errors import DeportdataError, ErrorList
from deportdata.schema import Column, Table, load_schema

LINE = "_line"  # the 1-based line in the CSV file where a row starts (header = line 1)


def _check_value(col: Column, value: str, vocab: dict[str, str] | None) -> str | None:
    """What is wrong with one cell, or None."""
    if value == "":
        return "is empty but required" if col.required else None
    values = value.split(";") if col.multi else [value]
    for v in values:
        if col.type == "integer" and not re.fullmatch(r"-?\d+", v):
            return f"{v!r} is not a whole number"
        if col.type == "number":
            try:
                float(v)
            except ValueError:
                return f"{v!r} is not a number"
        if col.type == "date":
            try:
                date.fromisoformat(v)
            except ValueError:
                return f"{v!r} is not a date in the form YYYY-MM-DD"
        if col.type == "boolean" and v not in ("true", "false"):
            return f"{v!r} is not true or false"
        if vocab is not None and v not in vocab:
            return f"{v!r} is not in the vocabulary ({', '.join(sorted(vocab))})"
        if col.pattern and not re.fullmatch(col.pattern, v):
            return f"{v!r} does not match the pattern {col.pattern}"
    return None


def read_rows(
    path: Path, table: Table, display: str
) -> tuple[list[dict[str, str]], list[DeportdataError]]:
    """Read one CSV file; return its rows (with `_line`) and the problems found."""
    errors: list[DeportdataError] = []
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return [], [
            DeportdataError(
                "file is missing",
                file=display,
                hint=f"every raw table of the schema is needed: {table.title}",
            )
        ]
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return [], [
            DeportdataError(
                f"is not valid UTF-8 (byte {exc.start})",
                file=display,
                line=line,
                hint="save the file as UTF-8",
            )
        ]
    text = text.replace("\r\n", "\n")  # CRLF files (also inside quoted fields) read as LF
    reader = csv.reader(io.StringIO(text, newline="\n"), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return [], [DeportdataError("file is empty; a header row is needed", file=display, line=1)]
    except csv.Error as exc:
        return [], [DeportdataError(f"unreadable header: {exc}", file=display, line=1)]
    header = [h.strip() for h in header]
    missing = [c for c in table.columns if c not in header]
    for name in missing:
        errors.append(
            DeportdataError(
                "column is missing from the header",
                file=display,
                line=1,
                column=name,
                hint=f"expected columns: {', '.join(table.columns)}",
            )
        )
    seen: set[str] = set()
    for name in header:
        if name in seen:
            errors.append(
                DeportdataError(
                    "column appears twice in the header", file=display, line=1, column=name
                )
            )
        seen.add(name)
    if missing:
        return [], errors
    vocabularies = load_schema().vocabularies
    rows: list[dict[str, str]] = []
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(DeportdataError(f"malformed CSV: {exc}", file=display, line=start))
            break
        if not fields:
            continue
        if len(fields) != len(header):
            errors.append(
                DeportdataError(
                    f"row has {len(fields)} fields, the header has {len(header)}",
                    file=display,
                    line=start,
                    hint="check for a missing or extra comma, or an unquoted comma inside a field",
                )
            )
            continue
        row = dict(zip(header, fields, strict=True))
        for col in table.columns.values():
            vocab = vocabularies[col.vocabulary].values if col.vocabulary else None
            problem = _check_value(col, row[col.name], vocab)
            if problem:
                errors.append(DeportdataError(problem, file=display, line=start, column=col.name))
        row[LINE] = str(start)
        rows.append(row)
    if table.primary_key:
        first: dict[tuple[str, ...], str] = {}
        for row in rows:
            key = tuple(row[c] for c in table.primary_key)
            if key in first:
                errors.append(
                    DeportdataError(
                        f"duplicate id {'/'.join(key)!r} (first on line {first[key]})",
                        file=display,
                        line=int(row[LINE]),
                        column=",".join(table.primary_key),
                    )
                )
            else:
                first[key] = row[LINE]
    return rows, errors


def read_raw_tables(project: Project) -> dict[str, list[dict[str, str]]]:
    """Read and check every raw table of the schema, raising all problems at once."""
    schema = load_schema()
    out: dict[str, list[dict[str, str]]] = {}
    errors: list[DeportdataError] = []
    for table in schema.layer("raw"):
        path = project.raw / table.path
        rows, problems = read_rows(path, table, project.rel(path))
        out[table.name] = rows
        errors += problems
    errors += _foreign_key_errors(project, out)
    if errors:
        raise ErrorList(errors)
    return out


def _foreign_key_errors(
    project: Project, tables: dict[str, list[dict[str, str]]]
) -> list[DeportdataError]:
    schema = load_schema()
    errors = []
    for table in schema.layer("raw"):
        for fk in table.foreign_keys:
            target = tables.get(fk.table)
            if target is None:
                continue
            known = {tuple(r[c] for c in fk.ref_columns) for r in target}
            for row in tables[table.name]:
                values = [
                    row[c].split(";") if table.columns[c].multi else [row[c]] for c in fk.columns
                ]
                keys = [key for key in itertools.product(*values) if all(key)]
                for key in keys:
                    if key not in known:
                        errors.append(
                            DeportdataError(
                                f"{'/'.join(key)!r} is not a known {fk.table} id",
                                file=project.rel(project.raw / table.path),
                                line=int(row[LINE]),
                                column=",".join(fk.columns),
                                hint=f"add it to {fk.table} first, or correct the spelling",
                            )
                        )
    return errors
