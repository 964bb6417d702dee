"""The bad-input catalogue: each defect is handled cleanly, and nothing already built is lost."""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
from pathlib import Path

import pytest
from bad_inputs.catalogue import DOC, apply, load_cases, messages, render_doc
from bad_inputs.faults import injected
from conftest import REPO, cli, copy_project, tree_digest
from running import Run, leftovers

CASES = load_cases()
# what a rejected input must leave byte-identical; a failed `validate` does rewrite
# reports/data-docs and reports/validation.json, on purpose, to show the failure
OUTPUTS = (
    "data/raw",
    "data/drafts",
    "data/clean",
    "reports/figures",
    "reports/tables",
    "reports/notebooks",
    "reports/index.html",
    "reports/data",
)
# the check results: rewritten by a failed `validate`; in a failed build, published alone when
# the checks failed, and left as they were when they passed (`check_results` of a case)
CHECK_RESULTS = ("reports/data-docs", "reports/validation.json")


def _interrupted(root: Path, command: list[str], stop: dict) -> subprocess.CompletedProcess:
    """Run the command, pause it at the named write point, send the signal."""
    run = Run(root, *command, pause=stop["at"])
    run.wait_for("paused at")
    if stop["signal"] == "SIGKILL":
        run.kill_group()
    else:
        os.kill(run.process.pid, getattr(signal, stop["signal"]))
    code, stderr = run.finish()
    run.wait_until_gone()
    lines = [line for line in stderr.splitlines() if not line.startswith("deportdata: paused")]
    return subprocess.CompletedProcess(command, code, "", "\n".join(lines) + "\n")


def _run(root: Path, case: dict):
    """Run the steps; return the last result and the outputs as they were before the last step."""
    result, before = None, tree_digest(root, OUTPUTS + CHECK_RESULTS)
    where = {"root": str(root)}
    if "root" in case:  # an empty --root is given as it is: it names no folder
        where["root"] = str(root.parent / case["root"]) if case["root"] else ""
    for i, command in enumerate(case["run"]):
        before = tree_digest(root, OUTPUTS + CHECK_RESULTS)
        args = shlex.split(command)
        if "cwd" in case:
            outside = root.parent / case["cwd"]
            outside.mkdir(exist_ok=True)
            result = cli(*args, cwd=outside)
        elif "interrupt" in case and i == len(case["run"]) - 1:
            result = _interrupted(root, args, case["interrupt"])
        else:
            fault = case.get("fault") if i == len(case["run"]) - 1 else None
            with injected(root, fault):
                result = cli("--root", where["root"], *args, cwd=root.parent)
        if result.returncode:
            break
    return result, before


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_bad_input(case, tmp_path, request):
    if "build" in case["run"]:
        # a built project, so that what a rejected build must keep exists, and only the
        # notebooks that read the broken input rerun
        root = request.getfixturevalue("built_copy")
    else:
        root = copy_project(tmp_path / "project")
    if "edit" in case:
        apply(root, case["edit"])
    if case.get("manifest") != "stale":
        assert cli("--root", str(root), "manifest", "--update").returncode == 0
    listing = sorted(p.name for p in tmp_path.iterdir())
    result, before = _run(root, case)
    expect = case["expect"]
    assert "Traceback" not in result.stderr, result.stderr
    if "root" in case or "cwd" in case:  # misdirected: nothing created anywhere
        made = {case.get("cwd")} - {None}
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted({*listing, *made})
        if "cwd" in case:
            assert not list((tmp_path / case["cwd"]).iterdir())
        assert not (root / "data" / ".deportdata-cache").exists()
    if expect["outcome"] == "recovered":
        assert result.returncode == -9, result.stderr
        again = cli("--root", str(root), *case["run"][-1].split())
        assert again.returncode == 0, again.stderr
        assert not leftovers(root), leftovers(root)
        return
    if expect["outcome"] == "rejected":
        assert result.returncode == expect["exit"], result.stdout + result.stderr
        lines = result.stderr.splitlines()
        for pattern in messages(expect):
            assert any(re.search(pattern, line) for line in lines), (pattern, result.stderr)
        if "lines" in expect:  # one message, no knock-on ones
            assert len(lines) == expect["lines"], result.stderr
        after = tree_digest(root, OUTPUTS + CHECK_RESULTS)
        changed = {rel for rel in {*before, *after} if before.get(rel) != after.get(rel)}
        outputs = {rel for rel in changed if not rel.startswith(CHECK_RESULTS)}
        assert not outputs, (
            f"a rejected input changed data/raw/, data/drafts/, data/clean/ or reports/: {sorted(outputs)}"
        )
        checks = changed - outputs
        if expect.get("check_results") == "unchanged":
            assert not checks, f"the check results were published: {sorted(checks)[:5]}"
        elif expect.get("check_results") == "published":
            assert "reports/validation.json" in checks, (
                "the failed checks' results were not published"
            )
        if "interrupt" in case:  # a stopped command removes its own staging folders
            assert not leftovers(root), leftovers(root)
    else:
        assert result.returncode == 0, result.stdout + result.stderr
        if expect.get("same_clean_output"):
            assert tree_digest(root, ("data/clean",)) == tree_digest(REPO, ("data/clean",))
        if expect.get("html_escaped"):
            pages = [p for p in (root / "reports").rglob("*.html")]
            assert pages
            for page in pages:
                assert expect["html_escaped"] not in page.read_text(encoding="utf-8"), page


def test_doc_is_current():
    """docs/BAD_INPUTS.md is rendered from the catalogue the tests run."""
    assert (REPO / DOC).read_text(encoding="utf-8") == render_doc(CASES), (
        'regenerate with: python -c \'import sys; sys.path[:0]=["tests"]; from bad_inputs.catalogue import *; '
        'open(DOC, "w").write(render_doc(load_cases()))\''
    )
