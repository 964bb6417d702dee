"""data/clean/datapackage.json: a Frictionless (tabular) data package generated from the schema.

Types, required fields, patterns, vocabularies (as enums), keys, titles and descriptions
come from `schema/clean.yaml`; licences and sources from `publish.metadata`; `bytes` and
`hash` from the files themselves. The text is deterministic: keys in a fixed order, no
timestamps, so a rebuild gives the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path

from deportdata.clean import metadata
from deportdata.schema import Column, Schema, Table, load_schema
from deportdata.schema.keys import foreign_keys

FILENAME = "datapackage.json"
FIELD_TYPES = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "date": "date",
    "boolean": "boolean",
}


def _field(column: Column, schema: Schema) -> dict:
    field: dict = {"name": column.name, "type": FIELD_TYPES[column.type]}
    description = column.description
    if column.verbatim:
        description = f"{description} {metadata.ARTICLES_NOTICE}".strip()
    field["description"] = description
    if column.type == "boolean":
        field["trueValues"] = ["true"]
        field["falseValues"] = ["false"]
    if column.type == "date":
        field["format"] = "default"  # ISO 8601, YYYY-MM-DD
    constraints: dict = {}
    if column.required:
        constraints["required"] = True
    if column.pattern:
        constraints["pattern"] = column.pattern
    if column.vocabulary:
        constraints["enum"] = list(schema.vocabularies[column.vocabulary].values)
    if constraints:
        field["constraints"] = constraints
    return field


def _resource(table: Table, folder: Path, schema: Schema) -> dict:
    path = folder / table.path
    data = path.read_bytes()
    resource: dict = {
        "name": table.name,
        "path": table.path,
        "profile": "tabular-data-resource",
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": f"sha256:{metadata.sha256(path)}",
        "schema": {
            "fields": [_field(c, schema) for c in table.columns.values()],
            "missingValues": [""],
        },
    }
    if table.primary_key:
        resource["schema"]["primaryKey"] = list(table.primary_key)
    keys = foreign_keys(table, schema, composite_nulls=False)
    if keys:
        resource["schema"]["foreignKeys"] = [
            {
                "fields": list(fk.columns),
                "reference": {"resource": fk.table, "fields": list(fk.ref_columns)},
            }
            for fk in keys
        ]
    if any(c.verbatim for c in table.columns.values()):
        resource["licenses"] = [metadata.DATA_LICENSE, metadata.ARTICLES_LICENSE]
    return resource


def _text_resource(article: metadata.Article, folder: Path) -> dict:
    path = folder / "articles" / f"{article.article_id}.txt"
    return {
        "name": f"article-{article.article_id}",
        "path": f"articles/{article.article_id}.txt",
        "profile": "data-resource",
        "title": f"{article.outlet}: {article.headline} (cleaned text)",
        "description": (
            "The article text with scraping residue removed (cleaning_log lists every removal). "
            f"Copyright {article.outlet}; not covered by the data licence (see LICENSE-ARTICLES)."
        ),
        "format": "txt",
        "mediatype": "text/plain",
        "encoding": "utf-8",
        "bytes": path.stat().st_size,
        "hash": f"sha256:{metadata.sha256(path)}",
        "licenses": [metadata.ARTICLES_LICENSE],
    }


def _source(article: metadata.Article) -> dict:
    title = f"{article.outlet}, “{article.headline}”, published {article.date_note()}"
    if article.reposted_by:
        title += f". {article.repost_note()}"
    source = {"title": title}
    if article.url:
        source["path"] = article.url
    return source


def descriptor(folder: Path, schema: Schema | None = None) -> dict:
    """The data package of a clean layer folder (every clean table, then the article texts)."""
    schema = schema or load_schema()
    articles = metadata.articles(folder)
    return {
        "profile": "data-package",
        "name": metadata.NAME,
        "title": metadata.title(articles),
        "description": metadata.description(articles),
        "version": metadata.version(),
        "keywords": list(metadata.KEYWORDS),
        "contributors": [{"title": metadata.AUTHOR, "role": "author"}],
        "licenses": [metadata.DATA_LICENSE],
        "sources": [_source(a) for a in articles],
        "resources": [
            _resource(t, folder, schema)
            for t in schema.layer("clean")
            if (folder / t.path).is_file()
        ]
        + [_text_resource(a, folder) for a in articles],
    }


def render(folder: Path, schema: Schema | None = None) -> str:
    """The descriptor as JSON text: two-space indent, non-ASCII kept, a final newline."""
    return json.dumps(descriptor(folder, schema), indent=2, ensure_ascii=False) + "\n"
