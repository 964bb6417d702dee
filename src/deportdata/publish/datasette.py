"""Datasette metadata (titles, descriptions, licence, sources) generated from the schema."""

from __future__ import annotations

import json
from pathlib import Path

from deportdata.clean import metadata
from deportdata.publish.sqlite import VIEWS
from deportdata.schema import Schema, load_schema

FILENAME = "datasette-metadata.json"
DATABASE = "deportdata"  # the database file's stem: Datasette's name for it


def describe(clean: Path, schema: Schema | None = None) -> dict:
    """Metadata for `datasette serve --metadata`: instance, database, tables, views, columns."""
    schema = schema or load_schema()
    articles = metadata.articles(clean)
    sources = "; ".join(f"{a.outlet} ({a.year}), “{a.headline}”" for a in articles)
    tables: dict[str, dict] = {}
    for table in schema.layer("clean"):
        if not (clean / table.path).is_file():
            continue
        columns = {
            name: (
                f"{col.description} (Verbatim from the article: the publisher's copyright.)"
                if col.verbatim
                else col.description
            )
            for name, col in table.columns.items()
        }
        tables[table.name] = {
            "title": table.title,
            "description": table.description,
            "columns": columns,
        }
    columns_of = {f"{t}.{c}" for t, spec in tables.items() for c in spec["columns"]}
    for name, (needs, description, _) in VIEWS.items():
        if all(n in tables or n in columns_of for n in needs):
            tables[name] = {
                "title": name.replace("_", " ").capitalize(),
                "description": description,
            }
    title = metadata.title(articles)
    return {
        "title": title,
        "description": metadata.description(articles),
        "license": f"{metadata.DATA_LICENSE['name']} (coded data); article texts and quotes: publishers' copyright",
        "license_url": metadata.DATA_LICENSE["path"],
        "source": f"{metadata.count(len(articles)).capitalize()}: {sources}",
        "about": f"deportdata {metadata.version()}",
        "databases": {DATABASE: {"title": title, "tables": tables}},
    }


def render(clean: Path, schema: Schema | None = None) -> str:
    return json.dumps(describe(clean, schema), indent=2, ensure_ascii=False) + "\n"
