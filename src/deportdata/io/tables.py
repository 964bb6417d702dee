"""The one reader of the schema's tables, raw and clean.

Every step reads a table through here: the clean step (raw rows with their line
numbers, every problem named by file, line and column), the checks (clean frames read
leniently: a bad cell is blanked and reported in `schema_problems`, so it fails a rule
instead of stopping the run), the coding tools, the notebooks and the exports (typed
frames). What a valid cell is lives in `deportdata.io.cells` only, so a value the checks
would reject on type is rejected by the clean step too.
"""

from __future__ import annotations

import csv
import io
import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported only by the frame readers: clean and cite need none
    import pandas as pd

from deportdata.config import Project
from deportdata.errors import DeportdataError, ErrorList
from deportdata.io.cells import (  # noqa: F401 (the reader's vocabulary, re-exported)
    DTYPES,
    LINE,
    canonical,
    cell_problem,
    normalised,
    type_problem,
    typed,
    vocabulary_of,
)
from deportdata.schema import Table, load_schema

MODES = ("raw", "clean")
FRAME_LINE = "line"  # the CSV line of each row, as a column of a frame read with lines=True
PROBLEMS = "schema_problems"  # in lenient frames: cells of the wrong type, empty required cells


@dataclass
class Parsed:
    """A CSV file split into its header and records (with the line each starts on)."""

    header: list[str] = field(default_factory=list)
    records: list[tuple[int, list[str]]] = field(default_factory=list)
    errors: list[DeportdataError] = field(default_factory=list)


def parse_csv(path: Path, display: str, *, strict: bool = True, crlf: bool = True) -> Parsed:
    """Split one CSV file. `strict` (the raw layer): a BOM and CRLF line ends are accepted
    (with `crlf`: a file saved with CRLF line ends is read as LF, also inside quoted fields),
    malformed quoting and a row with the wrong number of fields are errors. Lenient (the
    clean layer, for the checks): the bytes are read as written, a short or long row is
    padded or cut to the header and kept. A file the project writes itself (the clean layer)
    is read with `crlf` False: its lines end in LF, and a CR in a field is the field's."""
    out = Parsed()
    if path.is_symlink():  # an input is a regular file of the project, not a way out of it
        out.errors.append(
            DeportdataError(
                "is a symbolic link, not a regular file",
                file=display,
                hint="replace it by a copy of the file it stands for",
            )
        )
        return out
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        out.errors.append(DeportdataError("file is missing", file=display))
        return out
    except OSError as exc:  # a folder where the file should be, a file nobody may read
        out.errors.append(
            DeportdataError(
                f"cannot be read: {exc.strerror}", file=display, hint="it must be a readable file"
            )
        )
        return out
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        out.errors.append(
            DeportdataError(
                "is UTF-16 (it begins with a UTF-16 byte-order mark), not UTF-8",
                file=display,
                line=1,
                hint="save the file as UTF-8",
            )
        )
        return out
    try:
        text = data.decode("utf-8-sig" if strict else "utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        out.errors.append(
            DeportdataError(
                f"is not valid UTF-8 (byte {exc.start})",
                file=display,
                line=line,
                hint="save the file as UTF-8",
            )
        )
        return out
    if strict and crlf:
        text = text.replace("\r\n", "\n")  # CRLF files (also inside quoted fields) read as LF
    reader = csv.reader(io.StringIO(text, newline="\n" if strict else ""), strict=strict)
    try:
        out.header = [h.strip() for h in next(reader)] if strict else next(reader)
    except StopIteration:
        out.errors.append(
            DeportdataError("file is empty; a header row is needed", file=display, line=1)
        )
        return out
    except csv.Error as exc:
        out.errors.append(DeportdataError(f"unreadable header: {exc}", file=display, line=1))
        return out
    width = len(out.header)
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            out.errors.append(DeportdataError(f"malformed CSV: {exc}", file=display, line=start))
            break
        if not fields:
            continue
        if len(fields) != width and strict:
            out.errors.append(
                DeportdataError(
                    f"row has {len(fields)} fields, the header has {width}",
                    file=display,
                    line=start,
                    hint="check for a missing or extra comma, or an unquoted comma inside a field",
                )
            )
            continue
        out.records.append((start, fields))
    return out


def _header_errors(header: list[str], table: Table, display: str) -> list[DeportdataError]:
    """Columns missing or doubled; in a raw table (typed by a person), a column the schema does
    not know is an error too, rather than being dropped without a word."""
    unknown = [name for name in header if name not in table.columns] if table.layer == "raw" else []
    errors = [
        DeportdataError(
            "is not a column of this table",
            file=display,
            line=1,
            column=name or "(empty name)",
            hint=f"its columns are: {', '.join(table.columns)}; remove it or correct its name",
        )
        for name in unknown
    ]
    errors += [
        DeportdataError(
            "column is missing from the header",
            file=display,
            line=1,
            column=name,
            hint=f"expected columns: {', '.join(table.columns)}",
        )
        for name in table.columns
        if name not in header
    ]
    seen: set[str] = set()
    for name in header:
        if name in seen:
            errors.append(
                DeportdataError(
                    "column appears twice in the header", file=display, line=1, column=name
                )
            )
        seen.add(name)
    return errors


def read_rows(
    path: Path, table: Table, display: str
) -> tuple[list[dict[str, str]], list[DeportdataError]]:
    """Read and check one CSV file strictly; return its rows (text, with `_line`) and
    every problem found (file, line, column): structure, types, vocabularies, patterns,
    required cells and duplicate ids (of a clean table: structure and types only)."""
    parsed = parse_csv(path, display, crlf=table.layer == "raw")
    errors = parsed.errors
    if errors and errors[0].message == "file is missing":
        errors[0] = DeportdataError(
            "file is missing",
            file=display,
            hint=f"every {table.layer} table of the schema is needed: {table.title}",
        )
    if not parsed.header:
        return [], errors
    header_errors = _header_errors(parsed.header, table, display)
    if any(e.message == "column is missing from the header" for e in header_errors):
        return [], header_errors
    rows: list[dict[str, str]] = []
    raw = table.layer == "raw"  # a clean table's other rules are the checks' (known issues)
    columns = [(c, vocabulary_of(c)) for c in table.columns.values()]
    for start, fields in parsed.records:
        row = dict(zip(parsed.header, fields, strict=True))
        for column, vocabulary in columns:
            value = row[column.name]
            problem = (raw or value) and cell_problem(column, value, vocabulary, full=raw)
            if problem:
                errors.append(
                    DeportdataError(problem, file=display, line=start, column=column.name)
                )
        row[LINE] = str(start)
        rows.append(row)
    errors.sort(key=lambda e: e.line or 0)  # in file order (a csv.Error stops the reading)
    duplicates = _duplicate_errors(rows, table, display) if raw else []
    return rows, header_errors + errors + duplicates


def folded(name: str) -> str:
    """A name as the matching of names sees it: case and the form of the apostrophe ignored."""
    return name.casefold().replace("'", "’")


def _folded_duplicates(rows: list[dict[str, str]], table: Table, display: str) -> list:
    errors = []
    for column in (c for c in table.columns.values() if c.unique == "folded"):
        first: dict[str, dict[str, str]] = {}
        for row in rows:
            key = folded(row[column.name])
            if key in first and row[column.name]:
                other = first[key]
                errors.append(
                    DeportdataError(
                        f"{row[column.name]!r} is the same name as {other[column.name]!r} (line "
                        f"{other[LINE]}) once case is ignored, as the matching of names ignores it",
                        file=display,
                        line=int(row[LINE]),
                        column=column.name,
                        hint="a name may be given once",
                    )
                )
            first.setdefault(key, row)
    return errors


def _duplicate_errors(rows: list[dict[str, str]], table: Table, display: str) -> list:
    if not table.primary_key:
        return []
    errors, first = _folded_duplicates(rows, table, display), {}
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
    return errors


def table_path(project: Project, table: Table) -> Path:
    return (project.raw if table.layer == "raw" else project.clean) / table.path


def _table(table: Table | str, mode: str) -> Table:
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    return load_schema().table(mode, table) if isinstance(table, str) else table


def read_records(project: Project, table: Table | str, mode: str = "raw") -> list[dict[str, str]]:
    """The rows of one table as text (with `_line`); every problem is raised together."""
    table = _table(table, mode)
    path = table_path(project, table)
    rows, errors = read_rows(path, table, project.rel(path))
    if errors:
        raise ErrorList(errors)
    return rows


def read_table(
    project: Project,
    table: Table | str,
    mode: str = "clean",
    *,
    lenient: bool = False,
    lines: bool = False,
) -> pd.DataFrame:
    """One table as a DataFrame typed by the schema (dates as datetime64, whole numbers as
    Int64, ids as strings; empty cells missing).

    Strict (the default): a cell of the wrong type raises an ErrorList naming file, line
    and column (in the raw layer: every problem `read_rows` finds). `lenient` (the checks):
    bad cells are blanked and described in a `schema_problems` column, missing columns are
    left out for the `columns` rule to name; `lines` adds the CSV line of each row.
    """
    import pandas as pd

    table = _table(table, mode)
    path = table_path(project, table)
    display = project.rel(path)
    if not path.is_file() and table.layer == "clean":
        raise DeportdataError("clean table is missing", file=display, hint="run 'deportdata clean'")
    if table.layer == "raw" and not lenient:
        rows = read_records(project, table, "raw")
        header = list(table.columns)
        records = [(int(r[LINE]), [r[c] for c in header]) for r in rows]
    else:
        parsed = parse_csv(path, display, strict=False)
        if parsed.errors:
            raise ErrorList(parsed.errors)
        header, width = parsed.header, len(parsed.header)
        records = [(n, (f + [""] * width)[:width]) for n, f in parsed.records]
    frame = pd.DataFrame([f for _, f in records], columns=header, dtype=object)
    problems: list[list[str]] = [[] for _ in records]
    if lenient:
        for i, (_, f) in enumerate(parsed.records):
            if len(f) != width:
                problems[i].append(f"row has {len(f)} fields, the header has {width}")
    errors: list[DeportdataError] = []
    for column in table.columns.values():
        if column.name not in frame:
            continue
        cells = frame[column.name].astype(object)
        verdict = {v: cell_problem(column, v, full=False) for v in set(cells)}
        if not lenient:  # a typed frame needs typed cells; required cells are the checks' job
            verdict[""] = None
        for i in (i for i, v in enumerate(cells) if verdict[v]):
            if lenient:
                problems[i].append(f"{column.name}: {verdict[cells.iat[i]]}")
                if cells.iat[i] != "":
                    cells.iat[i] = ""
            else:
                errors.append(
                    DeportdataError(
                        verdict[cells.iat[i]], file=display, line=records[i][0], column=column.name
                    )
                )
        if not errors:
            frame[column.name] = typed(cells.replace("", None), column.type)
    if errors:
        raise ErrorList(errors)
    if lines or lenient:
        frame[FRAME_LINE] = pd.array([n for n, _ in records], dtype="Int64")
    if lenient:
        frame[PROBLEMS] = pd.array(["; ".join(p) or None for p in problems], dtype="string")
    return frame


def read_raw_tables(project: Project) -> dict[str, list[dict[str, str]]]:
    """Read and check every raw table of the schema, foreign keys included, raising all
    problems at once."""
    out: dict[str, list[dict[str, str]]] = {}
    errors: list[DeportdataError] = []
    unread = set()  # tables that could not be read at all: no knock-on foreign-key errors
    for table in load_schema().layer("raw"):
        path = table_path(project, table)
        out[table.name], problems = read_rows(path, table, project.rel(path))
        errors += problems
        if problems and not out[table.name]:
            unread.add(table.name)
    errors += _foreign_key_errors(project, {k: v for k, v in out.items() if k not in unread})
    if errors:
        raise ErrorList(errors)
    return out


def _foreign_key_errors(
    project: Project, tables: dict[str, list[dict[str, str]]]
) -> list[DeportdataError]:
    errors = []
    for table in load_schema().layer("raw"):
        for fk in table.foreign_keys:
            target = tables.get(fk.table)
            if target is None or table.name not in tables:
                continue
            known = {tuple(r[c] for c in fk.ref_columns) for r in target}
            for row in tables[table.name]:
                values = [
                    row[c].split(";") if table.columns[c].multi else [row[c]] for c in fk.columns
                ]
                for key in itertools.product(*values):
                    if all(key) and key not in known:
                        errors.append(
                            DeportdataError(
                                f"{'/'.join(key)!r} is not a known {fk.table} id",
                                file=project.rel(table_path(project, table)),
                                line=int(row[LINE]),
                                column=",".join(fk.columns),
                                hint=f"add it to {fk.table} first, or correct the spelling",
                            )
                        )
    return errors
