"""`deportdata export`: SQLite, Stata and the CSV zip hold exactly the rows of the clean CSVs."""

from __future__ import annotations

import csv
import sqlite3
import zipfile
from pathlib import Path

import pytest
from conftest import cli, copy_project

from deportdata.config import Project
from deportdata.io.files import format_cell
from deportdata.publish import archive, export, sqlite, stata
from deportdata.schema import load_schema

TABLES = [t for t in load_schema().layer("clean")]


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Project:
    project = Project(copy_project(tmp_path_factory.mktemp("export") / "project"))
    summary = export.run(project)
    assert not summary.skipped
    return project


def as_text(value: object, kind: str) -> str:
    if kind == "boolean" and value is not None:
        return {1: "true", 0: "false"}[value]
    return format_cell(value)


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_sqlite_rows_equal_the_csv(exported, table):
    con = sqlite3.connect(exported.data_exports / sqlite.FILENAME)
    cursor = con.execute(f'SELECT * FROM "{table.name}" ORDER BY rowid')
    header = [d[0] for d in cursor.description]
    kinds = [table.columns[c].type for c in header]
    rows = [[as_text(v, k) for v, k in zip(row, kinds, strict=True)] for row in cursor]
    assert [header, *rows] == csv_rows(exported.clean / table.path)


def test_sqlite_declares_types_and_keys_and_every_key_resolves(exported):
    con = sqlite3.connect(exported.data_exports / sqlite.FILENAME)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    claims = {row[1]: row for row in con.execute("PRAGMA table_info(claims)")}
    assert claims["value"][2] == "INTEGER" and claims["quote"][2] == "TEXT"
    assert claims["claim_id"][5] == 1 and claims["claim_id"][3] == 1  # primary key, NOT NULL
    fks = {(r[2], r[3]) for r in con.execute("PRAGMA foreign_key_list(claims)")}
    assert {("articles", "article_id"), ("organisations", "reporter_id")} <= fks
    indexes = {r[1] for r in con.execute("PRAGMA index_list(claims)")}
    assert {"idx_claims_article_id", "idx_claims_reporter_id"} <= indexes
    with pytest.raises(sqlite3.IntegrityError):  # STRICT: a word is not an integer
        con.execute("UPDATE claims SET value = 'many' WHERE claim_id = 'C001'")
    with pytest.raises(sqlite3.IntegrityError):  # the vocabulary is a CHECK constraint
        con.execute("UPDATE claims SET qualifier = 'roughly' WHERE claim_id = 'C001'")


def test_sqlite_views(exported):
    con = sqlite3.connect(exported.data_exports / sqlite.FILENAME)
    con.row_factory = sqlite3.Row
    views = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert {"claims_with_sources", "cumulative_series"} <= views
    c002 = con.execute("SELECT * FROM claims_with_sources WHERE claim_id = 'C002'").fetchone()
    assert c002["outlet_name"] == "The Cambodia Daily"
    assert c002["reporter_name"] == "Khmer Vulnerability Aid Organization"
    assert c002["headline"].startswith("No Issuance of New Travel Documents")
    n_claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
    assert con.execute("SELECT count(*) FROM claims_with_sources").fetchone()[0] == n_claims
    dates = [r[0] for r in con.execute("SELECT as_of_earliest FROM cumulative_series")]
    assert dates == sorted(dates) and len(dates) == len(csv_rows(exported.clean / "series.csv")) - 1


def _stata_text(value: object) -> str:
    if hasattr(value, "date") and hasattr(value, "hour"):
        return "" if value != value else value.date().isoformat()
    return format_cell(value)


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_stata_rows_and_labels(exported, table):
    import pandas as pd

    path = exported.data_exports / export.STATA_FOLDER / f"{table.name}.dta"
    with pd.io.stata.StataReader(path) as reader:
        frame = reader.read(convert_categoricals=False)
        labels = reader.variable_labels()
        assert reader.data_label == table.title[:80]
    assert list(labels) == [stata.variable(c) for c in table.columns]
    for name, column in table.columns.items():
        label = labels[stata.variable(name)]
        expected = (
            column.description if stata.variable(name) == name else f"({name}) {column.description}"
        )
        assert label == stata._label(expected) and len(label) <= 80
    rows = [[_stata_text(v) for v in row] for row in frame.itertuples(index=False)]
    kinds = [c.type for c in table.columns.values()]
    rows = [
        [
            {"1": "true", "0": "false"}.get(v, v) if k == "boolean" else v
            for v, k in zip(r, kinds, strict=True)
        ]
        for r in rows
    ]
    assert [list(table.columns), *rows] == csv_rows(exported.clean / table.path)


def test_zip_holds_the_clean_layer_and_the_data_package(exported):
    with zipfile.ZipFile(exported.data_exports / archive.FILENAME) as zf:
        names = zf.namelist()
        clean_names = [n for n in names if not n.startswith("deportdata/LICENSE")]
        assert clean_names == sorted(clean_names)
        for info in zf.infolist():
            assert info.date_time == archive.DATE
        clean = sorted(p for p in exported.clean.rglob("*") if p.is_file())
        for path in clean:
            name = f"deportdata/{path.relative_to(exported.clean).as_posix()}"
            assert zf.read(name) == path.read_bytes()
        assert "deportdata/datapackage.json" in names


def test_export_is_byte_identical_on_rebuild(exported, tmp_path):
    before = {
        p.relative_to(exported.data_exports): p.read_bytes()
        for p in exported.data_exports.rglob("*")
        if p.is_file()
    }
    summary = export.run(exported, force=True)
    after = {
        p.relative_to(exported.data_exports): p.read_bytes()
        for p in exported.data_exports.rglob("*")
        if p.is_file()
    }
    assert not summary.skipped
    assert sorted(before) == sorted(after)
    assert [str(k) for k in before if before[k] != after[k]] == []


def test_export_skips_when_nothing_changed_and_reruns_when_a_file_is_damaged(exported):
    assert export.run(exported).skipped
    db = exported.data_exports / sqlite.FILENAME
    good = db.read_bytes()
    db.write_bytes(b"damaged")
    assert not export.run(exported).skipped
    assert db.read_bytes() == good


def test_export_command(tmp_path):
    root = copy_project(tmp_path / "project")
    result = cli("--root", str(root), "export")
    assert result.returncode == 0, result.stderr
    for word in ("SQLite", "Stata", "CSV zip"):
        assert word in result.stdout
    assert (root / "reports/data" / sqlite.FILENAME).is_file()
    (root / "data/clean/datapackage.json").unlink()
    result = cli("--root", str(root), "export")
    assert (
        result.returncode == 1
        and "data/clean/datapackage.json: the data package is missing" in result.stderr
    )
