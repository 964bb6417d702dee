"""publish.sqlite: the clean tables as one SQLite file, with their keys and views."""

from __future__ import annotations

import csv
import sqlite3

import pytest
from conftest import REPO, copy_project

from deportdata.config import Project
from deportdata.errors import DeportdataError
from deportdata.publish import sqlite
from deportdata.schema import load_schema


def test_a_key_that_does_not_resolve_stops_the_export(tmp_path):
    project = Project(copy_project(tmp_path / "project"))
    path = project.clean / "claims.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",cambodia_daily,1426,", ",no_such_org,1426,"),
        encoding="utf-8",
    )
    with pytest.raises(DeportdataError, match=r"foreign key.*claims row 1 → organisations"):
        sqlite.write(project.clean, tmp_path / "x.sqlite")


def test_occurrence_mentions_list_each_article_mention_once(tmp_path):
    """The occurrences view: one row per event mention, with its article's headline."""

    sqlite.write(Project(REPO).clean, tmp_path / "a.sqlite", load_schema())
    con = sqlite3.connect(tmp_path / "a.sqlite")
    rows = con.execute(
        "SELECT occurrence_id, event_id, headline FROM occurrence_mentions"
    ).fetchall()
    with open(Project(REPO).clean / "events.csv", encoding="utf-8", newline="") as fh:
        events = {r["event_id"]: r["occurrence_id"] for r in csv.DictReader(fh)}
    assert sorted((o, e) for o, e, _ in rows) == sorted((o, e) for e, o in events.items())
    assert all(headline for _, _, headline in rows)


def test_a_view_waits_for_its_table(tmp_path, monkeypatch):
    """A view whose table or column is missing is not made; the others are."""
    extra = ("nosuchtable", "claims.nosuchcolumn")
    monkeypatch.setitem(sqlite.VIEWS, "needs_more", (extra, "test view", "SELECT 1"))
    sqlite.write(Project(REPO).clean, tmp_path / "a.sqlite", load_schema())
    con = sqlite3.connect(tmp_path / "a.sqlite")
    views = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert "needs_more" not in views
    assert {"claims_with_sources", "cumulative_series", "occurrence_mentions"} <= views
