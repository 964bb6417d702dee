"""The one schema of every raw and clean table, loaded from `schema/*.yaml`.

The codebook, the raw-table reader and the checks all read this; nothing else
defines a column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

COLUMN_TYPES = ("string", "integer", "number", "date", "boolean")
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "string"
    required: bool = False
    description: str = ""
    vocabulary: str | None = None
    pattern: str | None = None
    verbatim: str | None = None
    multi: bool = False
    future: bool = False  # a date column that may hold dates after today (bounds in raw.yaml)
    unique: str | None = None  # "folded": no two cells the same under name matching (case, ')


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    ref_columns: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    layer: str
    path: str
    title: str
    description: str
    columns: dict[str, Column]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    name: str
    description: str
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Schema:
    tables: dict[str, Table]
    vocabularies: dict[str, Vocabulary]
    coding_rules: tuple[str, ...]
    conventions: tuple[str, ...]
    bounds: dict = field(default_factory=dict)  # plausibility bounds by type (raw.yaml)

    def table(self, layer: str, name: str) -> Table:
        return self.tables[f"{layer}.{name}"]

    def layer(self, layer: str) -> list[Table]:
        return [t for t in self.tables.values() if t.layer == layer]


def _table(layer: str, name: str, spec: dict, tables: dict[str, Table]) -> Table:
    columns: dict[str, Column] = {}
    if spec.get("inherit"):  # a clean table that carries a raw table's columns first
        parent = tables[f"raw.{spec['inherit']}"]
        drop = set(spec.get("drop") or ())
        columns.update({k: v for k, v in parent.columns.items() if k not in drop})
    for col_name, col in (spec.get("columns") or {}).items():
        col = dict(col or {})
        unknown = set(col) - set(Column.__dataclass_fields__)
        if unknown:
            raise ValueError(f"schema: {layer}.{name}.{col_name}: unknown keys {sorted(unknown)}")
        if col.get("type", "string") not in COLUMN_TYPES:
            raise ValueError(f"schema: {layer}.{name}.{col_name}: unknown type {col['type']!r}")
        columns[col_name] = Column(name=col_name, **col)
    fks = tuple(
        ForeignKey(tuple(fk["columns"]), fk["table"], tuple(fk["ref_columns"]))
        for fk in spec.get("foreign_keys") or ()
    )
    return Table(
        name=name,
        layer=layer,
        path=spec["path"],
        title=spec.get("title", name),
        description=spec.get("description", ""),
        columns=columns,
        primary_key=tuple(spec.get("primary_key") or ()),
        foreign_keys=fks,
    )


@cache
def load_schema() -> Schema:
    """Read the packaged schema files (raw.yaml, clean.yaml)."""
    tables: dict[str, Table] = {}
    vocabularies: dict[str, Vocabulary] = {}
    coding_rules: list[str] = []
    conventions: list[str] = []
    bounds: dict = {}
    folder = resources.files("deportdata") / "schema"
    for layer in ("raw", "clean"):
        resource = folder / f"{layer}.yaml"
        if not resource.is_file():
            continue
        doc = yaml.load(resource.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
        for name, spec in (doc.get("vocabularies") or {}).items():
            vocabularies[name] = Vocabulary(
                name, spec.get("description", ""), dict(spec.get("values") or {})
            )
        for name, spec in (doc.get("tables") or {}).items():
            tables[f"{layer}.{name}"] = _table(layer, name, spec, tables)
        coding_rules += doc.get("coding_rules") or []
        conventions += doc.get("conventions") or []
        bounds.update(doc.get("bounds") or {})
    return Schema(tables, vocabularies, tuple(coding_rules), tuple(conventions), bounds)
