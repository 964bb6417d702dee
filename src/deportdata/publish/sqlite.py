"""A SQLite database of every clean table: declared types, keys, indexes and a few views.

Tables are STRICT (SQLite checks each value's type), with NOT NULL for required columns,
CHECK constraints for vocabularies, booleans and ISO dates, primary and foreign keys, and
an index on every id column that is not already a key. Only the standard library is used.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from deportdata.errors import DeportdataError, ErrorList
from deportdata.io.tables import LINE
from deportdata.io.tables import read_rows as read_csv_rows
from deportdata.schema import Column, Schema, Table, load_schema
from deportdata.schema.keys import foreign_keys

FILENAME = "deportdata.sqlite"
SQL_TYPES = {
    "string": "TEXT",
    "integer": "INTEGER",
    "number": "REAL",
    "date": "TEXT",
    "boolean": "INTEGER",
}
# name → (tables and table.columns it needs, description, SELECT); a view is made only when
# they all exist
VIEWS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "claims_with_sources": (
        ("claims", "articles", "organisations"),
        "Every claim with its article's headline and date, the outlet's name and the reporter's name.",
        """SELECT c.claim_id, c.article_id, a.headline, a.published_best,
       a.outlet, outlet.name AS outlet_name, c.reporter_id, reporter.name AS reporter_name,
       c.kind, c.value_text, c.qualifier, c.value, c.value_low, c.value_high,
       c.as_of_earliest, c.as_of_latest, c.quantity_key, c.quote
FROM claims AS c
JOIN articles AS a ON a.article_id = c.article_id
LEFT JOIN organisations AS outlet ON outlet.organisation_id = a.outlet
LEFT JOIN organisations AS reporter ON reporter.organisation_id = c.reporter_id
ORDER BY c.claim_id""",
    ),
    "cumulative_series": (
        ("series", "organisations"),
        "Cumulative totals of deportees since 2002 (corpus and reference), in as-of order, with the reporter's name.",
        """SELECT s.as_of_earliest, s.as_of_latest, s.series_id, s.origin, s.reporter_id,
       reporter.name AS reporter_name, s.value_text, s.qualifier, s.value, s.value_low,
       s.value_high, s.source_id, s.article_id, s.url, s.basis
FROM series AS s
LEFT JOIN organisations AS reporter ON reporter.organisation_id = s.reporter_id
ORDER BY s.as_of_earliest, s.as_of_latest, s.series_row_id""",
    ),
    "occurrence_mentions": (
        ("occurrences", "events", "events.occurrence_id", "articles"),
        "Every real-world event (occurrence) with each article mention of it: the article's headline and date, the date expression and the quote.",
        """SELECT o.occurrence_id, o.description, o.event_type, o.date_earliest, o.date_latest,
       o.date_precision, o.articles, e.event_id, e.article_id, a.headline, a.published_best,
       e.date_expression, e.quote
FROM occurrences AS o
JOIN events AS e ON e.occurrence_id = o.occurrence_id
LEFT JOIN articles AS a ON a.article_id = e.article_id
ORDER BY o.date_earliest, o.occurrence_id, e.event_id""",
    ),
}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _column_sql(column: Column, schema: Schema) -> str:
    name = _quote(column.name)
    parts = [name, SQL_TYPES[column.type]]
    if column.required:
        parts.append("NOT NULL")
    if column.type == "boolean":
        parts.append(f"CHECK ({name} IN (0, 1))")
    elif column.type == "date":
        parts.append(f"CHECK ({name} = date({name}))")
    if column.vocabulary:
        values = ", ".join(_literal(v) for v in schema.vocabularies[column.vocabulary].values)
        parts.append(f"CHECK ({name} IN ({values}))")
    return " ".join(parts)


def create_table_sql(table: Table, schema: Schema) -> str:
    """CREATE TABLE for one clean table, from the schema."""
    lines = [_column_sql(c, schema) for c in table.columns.values()]
    if table.primary_key:
        lines.append(f"PRIMARY KEY ({', '.join(map(_quote, table.primary_key))})")
    for fk in foreign_keys(table, schema):
        lines.append(
            f"FOREIGN KEY ({', '.join(map(_quote, fk.columns))}) REFERENCES "
            f"{_quote(fk.table)} ({', '.join(map(_quote, fk.ref_columns))})"
        )
    body = ",\n  ".join(lines)
    return f"CREATE TABLE {_quote(table.name)} (\n  {body}\n) STRICT"


def index_sql(table: Table) -> list[str]:
    """An index on each id column that is not the whole primary key."""
    out = []
    for name in table.columns:
        if name.endswith("_id") and (name,) != table.primary_key:
            out.append(
                f"CREATE INDEX {_quote(f'idx_{table.name}_{name}')} "
                f"ON {_quote(table.name)} ({_quote(name)})"
            )
    return out


def cell(text: str, column: Column) -> object:
    """A CSV cell as the SQL value its column declares (empty → NULL)."""
    if text == "":
        return None
    if column.type == "integer":
        return int(text)
    if column.type == "number":
        return float(text)
    if column.type == "boolean":
        return {"true": 1, "false": 0}[text]
    return text


def read_rows(path: Path, table: Table) -> list[tuple]:
    """The rows of a clean CSV, typed by the schema, in file order (read by the one reader:
    a cell of the wrong type is an error naming its line and column)."""
    rows, errors = read_csv_rows(path, table, str(path))
    if errors:
        raise ErrorList(errors)
    if rows and [c for c in rows[0] if c != LINE] != list(table.columns):
        raise DeportdataError(
            f"the header does not match the schema of {table.name}", file=str(path)
        )
    cols = list(table.columns.values())
    return [tuple(cell(row[c.name], c) for c in cols) for row in rows]


def write(clean: Path, target: Path, schema: Schema | None = None) -> dict[str, int]:
    """Write the database of a clean layer folder to `target` (a new file); rows per table."""
    schema = schema or load_schema()
    tables = [t for t in schema.layer("clean") if (clean / t.path).is_file()]
    names = {t.name for t in tables}
    counts = {}
    con = sqlite3.connect(target)
    try:
        con.execute("PRAGMA foreign_keys = OFF")  # load in any order, check everything after
        con.execute("PRAGMA journal_mode = OFF")
        for table in tables:
            con.execute(create_table_sql(table, schema))
            rows = read_rows(clean / table.path, table)
            marks = ", ".join("?" * len(table.columns))
            con.executemany(f"INSERT INTO {_quote(table.name)} VALUES ({marks})", rows)
            counts[table.name] = len(rows)
            for statement in index_sql(table):
                con.execute(statement)
        available = names | {f"{t.name}.{c}" for t in tables for c in t.columns}
        for view, (needs, _, select) in VIEWS.items():
            if set(needs) <= available:
                con.execute(f"CREATE VIEW {_quote(view)} AS\n{select}")
        con.commit()
        broken = con.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            table, rowid, parent, _ = broken[0]
            raise DeportdataError(
                f"{len(broken)} foreign key(s) do not resolve; first: {table} row {rowid} → {parent}",
                file=str(target),
            )
        con.execute("VACUUM")
    finally:
        con.close()
    return counts
