"""The foreign keys a published table declares: its own, and those of the raw table it inherits.

A clean table that inherits a raw table keeps its columns, so the raw table's keys hold
there too (the checks verify them on the raw layer). Keys over `;`-separated list columns
cannot be declared in a data package or SQL, so they are left out. A data package reads a
composite key with one empty part as a broken key (SQL does not), so `composite_nulls=False`
leaves out composite keys over optional columns.
"""

from __future__ import annotations

from deportdata.schema import ForeignKey, Schema, Table


def foreign_keys(
    table: Table, schema: Schema, *, composite_nulls: bool = True
) -> tuple[ForeignKey, ...]:
    """Declared keys of a clean table, then inherited ones not already declared, in schema order."""
    keys = list(table.foreign_keys)
    parent = schema.tables.get(f"raw.{table.name}")
    clean = {t.name for t in schema.layer("clean")}
    for fk in parent.foreign_keys if parent else ():
        if (
            fk.table in clean
            and all(c in table.columns and not table.columns[c].multi for c in fk.columns)
            and all(c in schema.table("clean", fk.table).columns for c in fk.ref_columns)
            and all(fk.columns != k.columns for k in keys)
            and (
                composite_nulls
                or len(fk.columns) == 1
                or all(table.columns[c].required for c in fk.columns)
            )
        ):
            keys.append(fk)
    return tuple(keys)
