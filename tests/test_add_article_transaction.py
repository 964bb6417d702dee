"""add-article is one transaction: the raw layer, the manifest and the draft change together.

A failure while drafting (a rule file that cannot be read, a bug, Ctrl-C) and a kill at any
of add-article's write points leave data/raw, the manifest and data/drafts exactly as they
were, or complete (the crash walk of tests/test_crash_points.py, over add-article with its
draft)."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import HAND_CODED_ARTICLES, copy_project, tree_digest
from test_crash_points import leftovers, walk

from deportdata.coding import intake
from deportdata.coding.add import NewArticle, next_article_id
from deportdata.coding.intake import add_and_draft
from deportdata.config import Project
from deportdata.errors import DeportdataError

GUARDED = ("data/raw", "data/drafts")
TEXT = "Subscribe\nOfficials said 14 Cambodians arrived on Monday, the police said.\nComments (2)\n"


def _new(tmp_path: Path, root: Path) -> NewArticle:
    source = tmp_path / "new.txt"
    source.write_text(TEXT, encoding="utf-8")
    return NewArticle(
        source=source,
        outlet="An Invented Weekly",  # a new outlet: organisations.csv and the aliases change too
        headline="Fourteen more arrive",
        url="https://example.org/test-article",
        published_earliest=date(2009, 3, 3),
        published_latest=date(2009, 3, 3),
        note="Written for the test.",
        article_id=next_article_id(Project(root), TEXT.encode()),
    )


def _restore(root: Path) -> None:
    shutil.rmtree(root, ignore_errors=True)
    copy_project(root, ("data/raw",))


def test_add_article_crash_points(tmp_path):
    root = tmp_path / "p"
    _restore(root)
    new = _new(tmp_path, root)
    points = walk(
        root,
        _restore,
        lambda project: list(add_and_draft(project, new)),
        lambda root: tree_digest(root, GUARDED),
        idempotent=False,
    )
    # the raw layer and the draft staged, the plan committed, both moved into place
    assert points >= 5
    project = Project(root)
    _restore(root)
    list(add_and_draft(project, new))
    folder = root / "data/drafts" / new.article_id
    assert (folder / "claims.csv").is_file() and (folder / "residue.csv").is_file()
    assert "Fourteen more arrive" in (folder / "review.html").read_text(encoding="utf-8")
    assert (root / "data/raw/articles" / f"{new.article_id}.txt").read_text() == TEXT


@pytest.mark.parametrize(
    "failure", [DeportdataError("a rule is wrong"), RuntimeError("a bug"), KeyboardInterrupt()]
)
def test_a_failure_while_drafting_changes_nothing(tmp_path, monkeypatch, failure):
    root = tmp_path / "p"
    _restore(root)
    before = tree_digest(root, GUARDED)

    def fail(*args, **kwargs):
        raise failure

    monkeypatch.setattr(intake, "_draft", fail)
    with pytest.raises(type(failure)):
        list(add_and_draft(Project(root), _new(tmp_path, root)))
    assert tree_digest(root, GUARDED) == before
    assert not leftovers(root), leftovers(root)
    # and the same article can then be added: nothing of the failed run is in the way
    monkeypatch.undo()
    lines = list(add_and_draft(Project(root), _new(tmp_path, root)))
    assert any("Draft written to" in line for line in lines)


def test_a_bad_rule_file_is_named_and_nothing_changes(tmp_path):
    root = tmp_path / "p"
    _restore(root)
    rules = root / "data/raw/rules/furniture.yaml"
    rules.write_text("max_words: 3\nrepeated_line: {reason: x}\npatterns: 7\n", encoding="utf-8")
    from deportdata.io import manifest

    manifest.update(Project(root))  # a deliberate change: the manifest records it
    before = tree_digest(root, GUARDED)
    with pytest.raises(DeportdataError) as caught:
        list(add_and_draft(Project(root), _new(tmp_path, root)))
    assert "furniture.yaml" in str(caught.value)
    assert tree_digest(root, GUARDED) == before


def test_every_drafted_row_is_todo_and_furniture_is_proposed(tmp_path):
    root = tmp_path / "p"
    _restore(root)
    new = _new(tmp_path, root)
    list(add_and_draft(Project(root), new))
    folder = root / "data/drafts" / new.article_id
    for path in sorted(folder.glob("*.csv")):
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        assert {r["review"] for r in rows} <= {"todo"}, path.name
    residue = list(csv.DictReader((folder / "residue.csv").open(encoding="utf-8")))
    assert [r["line_text"] for r in residue] == ["Subscribe", "Comments (2)"]
    ignored = list(csv.DictReader((folder / "mentions_ignored.csv").open(encoding="utf-8")))
    residue_mentions = [r["mention_text"] for r in ignored if r["reason_code"] == "residue"]
    assert residue_mentions == ["2"]


def test_a_lost_draft_is_drafted_again_as_add_article_wrote_it(tmp_path):
    from deportdata.coding.intake import redraft

    root = tmp_path / "p"
    _restore(root)
    new = _new(tmp_path, root)
    list(add_and_draft(Project(root), new))
    folder = root / "data/drafts" / new.article_id
    written = tree_digest(root, ("data/drafts",))
    shutil.rmtree(folder)
    lines = list(redraft(Project(root), new.article_id))
    assert tree_digest(root, ("data/drafts",)) == written
    assert lines[-1].startswith(f"Draft written to data/drafts/{new.article_id}/")
    with pytest.raises(DeportdataError, match="already there"):
        list(redraft(Project(root), new.article_id))


def test_an_article_with_coded_rows_is_not_drafted_again(tmp_path):
    from deportdata.coding.intake import redraft

    root = tmp_path / "p"
    _restore(root)
    with pytest.raises(DeportdataError, match="already has coded rows in claims"):
        list(redraft(Project(root), HAND_CODED_ARTICLES[0]))
    assert not (root / "data/drafts").exists()
