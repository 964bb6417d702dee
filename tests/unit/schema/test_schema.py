"""schema: the one schema of every raw and clean table, its inherited keys, and the codebook."""

from __future__ import annotations

from dataclasses import replace

from deportdata.schema import COLUMN_TYPES, Column, ForeignKey, Schema, Table, load_schema
from deportdata.schema.codebook import render
from deportdata.schema.keys import foreign_keys

SCHEMA = load_schema()


def test_every_table_has_a_key_typed_columns_and_known_vocabularies():
    for table in SCHEMA.tables.values():
        assert set(table.primary_key) <= set(table.columns), table.name
        for column in table.columns.values():
            assert column.type in COLUMN_TYPES, (table.name, column.name)
            assert column.vocabulary is None or column.vocabulary in SCHEMA.vocabularies


def test_foreign_keys_name_tables_and_columns_that_exist():
    for table in SCHEMA.tables.values():
        for fk in table.foreign_keys:
            target = SCHEMA.table(table.layer, fk.table)
            assert set(fk.columns) <= set(table.columns), (table.name, fk)
            assert set(fk.ref_columns) <= set(target.columns), (table.name, fk)


def _table(layer: str, name: str, columns: dict[str, Column], fks=()) -> Table:
    return Table(name, layer, f"{name}.csv", name, "", columns, ("id",), tuple(fks))


def test_a_clean_table_inherits_its_raw_tables_keys_except_over_lists_and_optional_parts():
    columns = {
        "id": Column("id", required=True),
        "org": Column("org"),
        "orgs": Column("orgs", multi=True),
        "a": Column("a", required=True),
        "b": Column("b"),
    }
    org = ForeignKey(("org",), "orgs", ("id",))
    listed = ForeignKey(("orgs",), "orgs", ("id",))
    composite = ForeignKey(("a", "b"), "pairs", ("a", "b"))
    gone = ForeignKey(("org",), "not_published", ("id",))
    pair_columns = {"id": Column("id"), "a": Column("a"), "b": Column("b")}
    schema = Schema(
        tables={
            "raw.claims": _table("raw", "claims", columns, [org, listed, composite, gone]),
            "clean.claims": _table("clean", "claims", columns),
            "clean.orgs": _table("clean", "orgs", {"id": Column("id")}),
            "clean.pairs": _table("clean", "pairs", pair_columns),
        },
        vocabularies={},
        coding_rules=(),
        conventions=(),
    )
    clean = schema.table("clean", "claims")
    assert foreign_keys(clean, schema) == (org, composite)
    assert foreign_keys(clean, schema, composite_nulls=False) == (org,)
    declared = replace(clean, foreign_keys=(org,))  # declared once, not twice
    assert foreign_keys(declared, schema) == (org, composite)


def test_the_codebook_names_every_clean_table_and_vocabulary():
    text = render(SCHEMA)
    for table in SCHEMA.layer("clean"):
        assert table.name in text
    for name in SCHEMA.vocabularies:
        assert name in text
