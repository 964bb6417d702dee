"""The build's step graph (deportdata.build), without running the steps: the order of the
stages, what runs side by side, which notebooks wait for the checks (declared, not named),
and how a failing step stops the build. The full build is in tests/test_build.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO

from deportdata import build
from deportdata.build import NEEDS_CHECKS, STEPS, Step, stages, waits_for_checks
from deportdata.config import Project
from deportdata.errors import Exit
from deportdata.io import cache


def names(graph) -> list[tuple[str, ...]]:
    return [tuple(s.name for s in stage) for stage in graph]


def test_the_stages_are_clean_export_then_validate_beside_report():
    assert names(stages()) == [("clean",), ("export",), ("validate", "report")]


def test_the_report_publishes_only_after_the_checks():
    report = {s.name: s for s in STEPS}["report"]
    assert report.publishes_after == ("validate",)
    assert {s.name for s in STEPS if s.publishes_after} == {"report"}


def test_a_stage_is_what_the_interruption_message_names():
    doing = [" and ".join(s.doing for s in stage) for stage in stages()]
    assert doing == ["clean", "export", "the checks and the report notebooks"]


def test_a_gating_step_starts_before_the_step_it_gates():
    steps = (Step("a"), Step("late", after=("a",), publishes_after=("b",)), Step("b", after=("a",)))
    assert names(stages(steps)) == [("a",), ("b", "late")]


@pytest.mark.parametrize(
    "steps, message",
    [
        ((Step("a", after=("b",)), Step("b", after=("a",))), "wait for each other"),
        ((Step("a", after=("nowhere",)),), "unknown step 'nowhere'"),
        ((Step("a"), Step("b", after=("a",), publishes_after=("a",))), "not beside it"),
    ],
)
def test_a_wrong_graph_is_refused(steps, message):
    with pytest.raises(ValueError, match=message):
        stages(steps)


def test_every_notebook_declared_to_wait_for_the_checks_exists():
    present = {p.stem for p in (REPO / "notebooks").glob("*.ipynb")}
    assert NEEDS_CHECKS and present >= NEEDS_CHECKS


def test_waiting_is_declared_not_read_from_the_name():
    assert waits_for_checks(Path("notebooks/07-data-quality.ipynb"))
    assert not waits_for_checks(Path("notebooks/08-more-quality.ipynb"))
    assert not waits_for_checks(Path("notebooks/02-claims.ipynb"))


# --- running the graph with stand-in steps ---------------------------------------------------


class FakeChecks(build.Started):
    """The checks' process, standing in: records that it was waited for."""

    status_on_wait = 0

    def __init__(self, project: Project) -> None:
        super().__init__()
        CALLS.append("validate (background)")

    def wait(self) -> int:
        CALLS.append("wait for the checks")
        return self.status_on_wait


CALLS: list[str] = []


@pytest.fixture
def stand_ins(monkeypatch, tmp_path):
    CALLS.clear()
    statuses = {"clean": 0, "report": 0}

    def clean(project, *, in_build=False):
        CALLS.append("clean")
        return statuses["clean"]

    def documents(project):
        CALLS.append("documents")

    def export(project, *, force=False, staged=None):
        CALLS.append("export")
        staged.append((project.data_exports, project.root / "staged-exports"))
        return 0

    def validate(project, *, reuse=False):
        CALLS.append(f"validate (reuse={reuse})")
        return 0

    def report(
        project, *, force=False, jobs=None, gate=None, stopped=None, folders=(), checks=None
    ):
        CALLS.append(f"report starts, publishing with it {[t.name for t, _ in folders]}")
        passed = gate()
        CALLS.append(f"report sees the checks {'pass' if passed else 'fail'}")
        return statuses["report"]

    steps = (("clean", clean), ("documents", documents), ("export", export), ("validate", validate))
    for name, func in steps:
        monkeypatch.setattr(build, name, func)
    monkeypatch.setattr(build, "report", report)
    monkeypatch.setattr(build, "Checks", FakeChecks)
    monkeypatch.setattr(cache, "validation_is_current", lambda project: False)
    monkeypatch.setattr(FakeChecks, "status_on_wait", 0)
    return Project(tmp_path), statuses, monkeypatch


def test_the_checks_start_before_the_report_and_gate_it(stand_ins, capsys):
    project, _, _ = stand_ins
    assert build.build(project) == 0
    assert CALLS == [
        "clean",
        "documents",
        "export",
        "validate (background)",
        "report starts, publishing with it ['data']",
        "wait for the checks",
        "report sees the checks pass",
        "wait for the checks",
    ]
    out = capsys.readouterr().out
    assert "== clean\n== export\n== validate and report\n" in out
    assert "build finished in " in out


def test_current_checks_are_reused_not_rerun(stand_ins):
    project, _, monkeypatch = stand_ins
    monkeypatch.setattr(cache, "validation_is_current", lambda project: True)
    assert build.build(project) == 0
    assert "validate (reuse=True)" in CALLS and "validate (background)" not in CALLS
    assert build.build(project, force=True) == 0
    assert "validate (background)" in CALLS


def test_failing_checks_fail_the_build_after_the_report(stand_ins, capsys):
    project, _, monkeypatch = stand_ins
    monkeypatch.setattr(FakeChecks, "status_on_wait", 1)
    assert build.build(project) == Exit.FAILED
    assert "report sees the checks fail" in CALLS
    assert "build FAILED in " in capsys.readouterr().out


def test_a_failing_clean_stops_the_build_at_once(stand_ins, capsys):
    project, statuses, _ = stand_ins
    statuses["clean"] = Exit.FAILED
    assert build.build(project) == Exit.FAILED
    assert CALLS == ["clean"]
    assert "build " not in capsys.readouterr().out  # no summary line: nothing else ran


def test_a_failing_notebook_fails_the_build(stand_ins):
    project, statuses, _ = stand_ins
    statuses["report"] = 1
    assert build.build(project) == Exit.FAILED
