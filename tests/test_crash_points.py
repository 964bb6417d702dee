"""Crash points enumerated, not timed: every write point of every writing command, killed.

`deportdata.io.files.crash_point` is called before every step of the write helpers that a
reader could observe. For each writing command, the test walks N = 1, 2, ... : a forked
child runs the command's writes with the N-th crash point armed, and dies there with
`os._exit` (no clean-up runs, as with SIGKILL); the walk ends at the first N that the
command completes. For each N it checks that

1. the tree holds the complete old state or the complete new one (a publication that
   was committed but not yet moved into place counts as new: the next command, which
   repairs first, completes it, and the test checks that it does);
2. the next run completes, with the new state;
3. no staging folder, journal or temporary file stays.

The trees are small copies, so that the whole walk takes a second or two and can be
run many times in a row (`make test-repeat`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO, cli, copy_project, tree_digest

from deportdata.config import Project
from deportdata.errors import Exit
from deportdata.io import files
from deportdata.io.recover import recover

LEFTOVER = re.compile(r"(\.stage-|^journal-|\.tmp$|\.old$)")


def leftovers(root: Path) -> list[str]:
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*") if LEFTOVER.search(p.name)
    )


def crash_at(n: int, action) -> int:
    """Run `action` in a forked child whose n-th crash point exits; return its exit status."""
    pid = os.fork()
    if pid == 0:  # the child: no pytest machinery runs here, whatever happens
        status = 0
        try:
            files.arm_crash(n)
            action()
        except BaseException as exc:
            os.write(2, f"crash walk: {type(exc).__name__}: {exc}\n".encode())
            status = 1
        os._exit(status)
    _, wait_status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(wait_status)


def committed_journal(root: Path) -> bool:
    return any((root / ".deportdata-cache").glob("journal-*/plan.json"))


def walk(
    root: Path, restore, action, state, *, restorable=lambda root: False, idempotent=True
) -> int:
    """The crash walk for one command; returns its number of crash points.

    A command that is not idempotent (add-article refuses an id it has added) is run
    again only when the repaired tree holds the old state.
    """
    restore(root)
    old = state(root)
    action(Project(root))
    new = state(root)
    assert new != old, "the command must change something for the walk to mean anything"
    n = 0
    while True:
        n += 1
        restore(root)
        status = crash_at(n, lambda: action(Project(root)))
        if status == 0:
            return n - 1
        assert status == Exit.CRASHED, f"crash point {n}: the child failed ({status})"
        at_crash, committed = state(root), committed_journal(root)
        assert at_crash in (old, new) or committed or restorable(root), (
            f"crash point {n}: a mixed state, neither old nor new nor committed"
        )
        recover(Project(root))  # what every writing command does first
        repaired = state(root)
        assert repaired == (new if committed else repaired) and repaired in (old, new), (
            f"crash point {n}: after repair, neither the complete old nor the new state"
        )
        if idempotent or repaired == old:
            action(Project(root))  # the next run
        assert state(root) == new, f"crash point {n}: the next run did not complete"
        assert not leftovers(root), f"crash point {n}: left {leftovers(root)}"


def _copy(parts: tuple[str, ...]):
    def restore(root: Path) -> None:
        shutil.rmtree(root, ignore_errors=True)
        copy_project(root, parts)

    return restore


# --- clean: the clean layer is built in a stage, then swapped in --------------------------


@pytest.fixture(scope="module")
def clean_result():
    from deportdata.clean.run import build

    result = build(Project(REPO))
    result.tables["claims"] = result.tables["claims"][:-1]  # a new state that differs
    first = sorted(result.texts)[0]
    result.texts[first] += "\nA line the old state does not have.\n"
    return result


def test_clean_crash_points(tmp_path, clean_result):
    from deportdata.clean.run import save

    def clean_swap_pending(root: Path) -> bool:  # between the two renames: restorable
        return (root / "data/.clean.old").is_dir() and not (root / "data/clean").exists()

    points = walk(
        tmp_path / "p",
        _copy(("data/clean",)),
        lambda project: save(project, clean_result),
        lambda root: tree_digest(root, ("data/clean",)),
        restorable=clean_swap_pending,
    )
    assert points >= len(clean_result.tables) + len(clean_result.texts) + 2


# --- validate: the check results and the Data Docs, together ------------------------------


def _validate_old(root: Path) -> None:
    shutil.rmtree(root, ignore_errors=True)
    (root / "reports/data-docs/validations").mkdir(parents=True)
    (root / "reports/data-docs/index.html").write_text("old docs\n", encoding="utf-8")
    (root / "reports/data-docs/validations/a.html").write_text("old a\n", encoding="utf-8")
    (root / "reports/validation.json").write_text('{"old": true}\n', encoding="utf-8")


def _validate_new(project: Project) -> None:
    from deportdata.checks.outputs import CheckOutputs

    outputs = CheckOutputs.staged(project)
    docs = outputs.docs
    (docs / "static").mkdir(parents=True)
    (docs / "index.html").write_text("new docs\n", encoding="utf-8")
    (docs / "static/style.css").write_text("body{}\n", encoding="utf-8")
    outputs.results.write_text('{"new": true}\n', encoding="utf-8")
    outputs.publish(project)
    outputs.discard(project)


def test_validate_crash_points(tmp_path):
    points = walk(
        tmp_path / "p",
        _validate_old,
        _validate_new,
        lambda root: tree_digest(root, ("reports/data-docs", "reports/validation.json")),
    )
    assert points >= 5


# --- report: every notebook's figures, tables and executed copy, and index.html -----------

NOTEBOOKS = ("01-first", "02-second", "03-third")


def _report_old(root: Path) -> None:
    shutil.rmtree(root, ignore_errors=True)
    (root / "notebooks").mkdir(parents=True)
    for name in NOTEBOOKS:
        cell = {"cell_type": "markdown", "metadata": {}, "source": [f"# Notebook {name}"]}
        doc = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        (root / "notebooks" / f"{name}.ipynb").write_text(json.dumps(doc), encoding="utf-8")
    for rel, text in {
        "figures/first.png": "old first figure",
        "figures/first.svg": "old first svg",
        "tables/first.csv": "a\n1\n",
        "tables/third.csv": "c\n3\n",
        "notebooks/01-first.html": "old html",
    }.items():
        (root / "reports" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "reports" / rel).write_text(text, encoding="utf-8")


def _report_stages(folder: Path) -> dict[str, Path]:
    outputs = {
        "01-first": {"figures/first.png": "new first figure", "tables/first.csv": "a\n1\n"},
        "02-second": {"figures/second.png": "a new figure", "tables/second.csv": "b\n2\n"},
    }
    stages = {}
    for name, produced in outputs.items():
        stage = folder / name
        for rel, text in {
            **produced,
            f"{name}.ipynb": "{}",
            f"{name}.html": f"<p>{name}</p>",
        }.items():
            (stage / rel).parent.mkdir(parents=True, exist_ok=True)
            (stage / rel).write_text(text, encoding="utf-8")
        stages[name] = stage
    return stages


def _report_state(root: Path) -> dict[str, str]:
    state = tree_digest(root, ("reports/figures", "reports/tables", "reports/notebooks"))
    index = root / "reports/index.html"
    if index.is_file():  # the build time and commit line changes from run to run
        text = re.sub(r"<p class='meta'>.*?</p>", "", index.read_text(encoding="utf-8"))
        state["reports/index.html"] = text
    return state


def test_report_crash_points(tmp_path):
    from deportdata.report.run import NotebookRun, publish

    stages = _report_stages(tmp_path / "stages")

    def action(project: Project) -> None:
        runs = [
            NotebookRun("01-first", "ran"),
            NotebookRun("02-second", "ran"),
            NotebookRun("03-third", "skipped"),
        ]
        publish(project, runs, stages)

    points = walk(tmp_path / "p", _report_old, action, _report_state)
    assert points >= 2 * 7 + 2  # 7 files staged and moved, the commit and the clean-up


# --- manifest --update, add-article, codebook: changes to the raw layer and the docs -----


def test_manifest_update_crash_points(tmp_path):
    from deportdata.io import manifest

    def restore(root: Path) -> None:
        _copy(("data/raw",))(root)
        with (root / "data/raw/articles.csv").open("a", encoding="utf-8") as fh:
            fh.write("")
        (root / "data/raw/rules/extra.yaml").write_text("a: 1\n", encoding="utf-8")

    points = walk(
        tmp_path / "p",
        restore,
        manifest.update,
        lambda root: tree_digest(root, ("data/raw",)),
    )
    assert points == 1


def test_add_article_crash_points(tmp_path):
    from deportdata.coding.add import NewArticle, add

    source = tmp_path / "new.txt"
    source.write_text("Officials said 14 Cambodians arrived on Monday.\n", encoding="utf-8")
    new = NewArticle(
        source=source,
        outlet="The Phnom Penh Post",
        headline="Fourteen more arrive",
        url="https://example.org/test-article",
        published_earliest=date(2020, 3, 3),
        published_latest=date(2020, 3, 3),
        basis="source",
        note="Written for the test.",
        article_id="005_00000000000000aa",
    )
    points = walk(
        tmp_path / "p",
        _copy(("data/raw",)),
        lambda project: add(project, new),
        lambda root: tree_digest(root, ("data/raw",)),
        # between the two renames of the raw layer's swap: put back by the next command
        restorable=lambda root: (root / "data" / ".raw.old").is_dir(),
        idempotent=False,
    )
    assert points >= 3  # the raw layer moved aside, the new one swapped in, the old removed


def test_export_crash_points(tmp_path):
    """The exports (SQLite, Stata, zip) are built in a stage and swapped in whole."""
    from deportdata.publish import export

    points = walk(
        tmp_path / "p",
        _copy(("data", "docs", "pyproject.toml")),
        lambda project: export.run(project, force=True),
        lambda root: tree_digest(root, ("reports/data",)),
        restorable=lambda root: (root / "reports" / ".data.old").is_dir(),
    )
    assert points >= 2  # the stage swapped in (and the old copy moved aside, removed)


def test_codebook_crash_points(tmp_path):
    from deportdata.publish.documents import codebook

    def restore(root: Path) -> None:
        _copy(("data/raw", "expectations"))(root)
        (root / "docs").mkdir()
        for name in ("CODEBOOK.md", "RULES.md"):
            (root / "docs" / name).write_text("an old version\n", encoding="utf-8")

    points = walk(
        tmp_path / "p",
        restore,
        codebook,
        lambda root: tree_digest(root, ("docs",)),
    )
    assert points >= 2 * 2 + 2


# --- the environment variable, end to end through the command line ----------------------


@pytest.mark.subprocess
def test_crash_at_from_the_environment(project_copy):
    """DEPORTDATA_CRASH_AT=N kills the real command at its N-th write point."""
    manifest_path = project_copy / "data/raw/MANIFEST.sha256"
    before = manifest_path.read_bytes()
    (project_copy / "data/raw/rules/extra.yaml").write_text("a: 1\n", encoding="utf-8")
    env = {files.CRASH_AT_ENV: "1"}
    crashed = cli("--root", str(project_copy), "manifest", "--update", env=env)
    assert crashed.returncode == Exit.CRASHED
    assert manifest_path.read_bytes() == before
    assert list((project_copy / "data/raw").glob(".MANIFEST.sha256.*.tmp"))  # as a kill leaves
    done = cli("--root", str(project_copy), "manifest", "--update")
    assert done.returncode == 0, done.stderr
    assert manifest_path.read_bytes() != before
    assert not leftovers(project_copy)
