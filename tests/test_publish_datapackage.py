"""data/clean/datapackage.json: generated from the schema, current, and valid for Frictionless."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, cli

from deportdata.clean import datapackage, metadata
from deportdata.schema import load_schema

FRICTIONLESS = Path(sys.executable).with_name("frictionless")
COMMITTED = REPO / "data" / "clean" / datapackage.FILENAME


def frictionless_validate(folder: Path) -> dict:
    """`frictionless validate --json` on a data package; the report as a dict."""
    if not FRICTIONLESS.is_file():
        pytest.skip("frictionless is not installed (a dev dependency)")
    result = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", datapackage.FILENAME],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    assert (result.returncode == 0) == report["valid"], result.stderr
    return report


def errors(report: dict) -> list[dict]:
    return [e for task in report["tasks"] for e in task["errors"]]


def test_the_committed_data_package_is_current():
    """Fails when the schema or a clean table changed and `deportdata clean` was not rerun."""
    assert COMMITTED.read_text(encoding="utf-8") == datapackage.render(COMMITTED.parent), (
        "data/clean/datapackage.json is stale: run `deportdata clean` and commit it"
    )


def test_the_staleness_check_can_fail(project_copy):
    claims = project_copy / "data/clean/claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    stale = (project_copy / "data/clean" / datapackage.FILENAME).read_text(encoding="utf-8")
    assert stale != datapackage.render(project_copy / "data/clean")


def test_clean_writes_it_byte_for_byte(project_copy):
    (project_copy / "data/clean" / datapackage.FILENAME).unlink()
    result = cli("--root", str(project_copy), "clean")
    assert result.returncode == 0, result.stderr
    rebuilt = project_copy / "data/clean" / datapackage.FILENAME
    assert rebuilt.read_bytes() == COMMITTED.read_bytes()


def test_it_describes_every_clean_table_from_the_schema():
    package = json.loads(COMMITTED.read_text(encoding="utf-8"))
    schema = load_schema()
    tables = {
        r["name"]: r for r in package["resources"] if r.get("profile") == "tabular-data-resource"
    }
    assert set(tables) == {t.name for t in schema.layer("clean")}
    for table in schema.layer("clean"):
        resource = tables[table.name]
        assert resource["title"] == table.title and resource["description"] == table.description
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        assert list(fields) == list(table.columns)
        for name, column in table.columns.items():
            field = fields[name]
            assert field["type"] == column.type and field["description"].startswith(
                column.description
            )
            constraints = field.get("constraints", {})
            assert constraints.get("required", False) == column.required
            assert constraints.get("pattern") == column.pattern
            if column.vocabulary:
                assert constraints["enum"] == list(schema.vocabularies[column.vocabulary].values)
        assert resource["schema"].get("primaryKey", []) == list(table.primary_key)
        declared = {
            (tuple(k["fields"]), k["reference"]["resource"])
            for k in resource["schema"].get("foreignKeys", [])
        }
        assert {(fk.columns, fk.table) for fk in table.foreign_keys} <= declared
        path = COMMITTED.parent / resource["path"]
        assert resource["bytes"] == path.stat().st_size
        assert resource["hash"] == f"sha256:{metadata.sha256(path)}"


def test_licences_and_sources():
    package = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert package["version"] == metadata.version()
    assert [lic["name"] for lic in package["licenses"]] == ["CC-BY-4.0"]
    texts = [r for r in package["resources"] if r["path"].startswith("articles/")]
    corpus = metadata.articles(COMMITTED.parent)
    assert [r["path"] for r in texts] == [f"articles/{a.article_id}.txt" for a in corpus]
    assert package["title"] == metadata.title(corpus)  # how many articles, which years
    assert package["description"] == metadata.description(corpus)
    for resource in texts:  # the article texts are the publishers', not CC BY
        assert [lic["name"] for lic in resource["licenses"]] == ["other-closed"]
        assert "copyright" in resource["licenses"][0]["title"].lower()
    claims = next(r for r in package["resources"] if r["name"] == "claims")
    quote = next(f for f in claims["schema"]["fields"] if f["name"] == "quote")
    assert "publisher's copyright" in quote["description"]
    with (REPO / "data/raw/articles.csv").open(encoding="utf-8", newline="") as fh:
        articles = list(csv.DictReader(fh))
    assert [s.get("path") for s in package["sources"]] == [a["url"] for a in articles]
    for source, article in zip(package["sources"], articles, strict=True):
        assert article["headline"] in source["title"]
    assert "original URL was not found" in package["sources"][2]["title"]


@pytest.mark.subprocess
@pytest.mark.xdist_group("frictionless")
def test_frictionless_validate_passes(tmp_path):
    report = frictionless_validate(REPO / "data" / "clean")
    assert report["valid"], errors(report)[:5]


def _break_claims(folder: Path) -> None:
    """Give claim C003 a qualifier outside the vocabulary, and update bytes and hash."""
    path = folder / "claims.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    column = rows[0].index("qualifier")
    row = next(r for r in rows if r[0] == "C003")
    row[column] = "roughly"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    (folder / datapackage.FILENAME).write_text(datapackage.render(folder), encoding="utf-8")


@pytest.mark.subprocess
@pytest.mark.xdist_group("frictionless")
def test_frictionless_validate_fails_on_a_broken_row(project_copy):
    folder = project_copy / "data" / "clean"
    _break_claims(folder)
    report = frictionless_validate(folder)
    assert not report["valid"]
    found = errors(report)
    assert [(e["type"], e["fieldName"], e["cell"]) for e in found] == [
        ("constraint-error", "qualifier", "roughly")
    ]
    assert found[0]["rowNumber"] == 4  # C003: the header is row 1


@pytest.mark.subprocess
@pytest.mark.xdist_group("frictionless")
def test_frictionless_validate_fails_on_a_changed_file(project_copy):
    folder = project_copy / "data" / "clean"
    events = folder / "events.csv"
    events.write_bytes(events.read_bytes() + b"\n")
    found = errors(frictionless_validate(folder))
    assert {e["type"] for e in found} >= {"hash-count"}
