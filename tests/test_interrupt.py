"""A build killed half-way loses nothing: previous outputs stay intact and the next build completes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import REPO, cli, copy_project, tree_digest

sys.path.insert(0, str(REPO / "benchmarks"))
from scale import make_project

pytestmark = pytest.mark.xdist_group("interrupt")


def _start(root, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "deportdata", "--root", str(root), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _kill_after(process: subprocess.Popen, seconds: float) -> bool:
    """SIGKILL the process group after `seconds`; False if it had already finished."""
    try:
        process.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return True


@pytest.mark.parametrize("delay", [0.4, 0.9, 1.4])
def test_clean_killed(tmp_path, delay):
    root = make_project(tmp_path / "big", 60)  # slow enough to be killed mid-way
    assert cli("--root", str(root), "clean").returncode == 0
    before = tree_digest(root, ("data/clean",))
    rules = root / "data/raw/rules/numbers.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace(
            "approx_mode: granularity", "approx_mode: relative"
        ),
        encoding="utf-8",
    )
    assert cli("--root", str(root), "manifest", "--update").returncode == 0
    killed = _kill_after(_start(root, "clean"), delay)
    at_kill = tree_digest(root, ("data/clean",))
    caught_mid_swap = (root / "data/.clean.old").is_dir() and not (root / "data/clean").exists()
    assert cli("--root", str(root), "clean").returncode == 0
    after = tree_digest(root, ("data/clean",))
    assert after != before and after  # the new conventions took effect, completely
    if killed:  # the clean layer was the complete old one, the complete new one, or restorable
        assert at_kill in (before, after) or caught_mid_swap
    assert not list((root / "data").glob(".clean.*")), "a staging folder was left behind"


def test_report_killed(tmp_path):
    root = copy_project(tmp_path / "project")
    committed = tree_digest(root, ("reports/figures", "reports/tables"))
    assert cli("--root", str(root), "validate").returncode == 0
    process = _start(root, "report", "--force")
    time.sleep(0.5)
    assert _kill_after(process, 4.0), "report finished before it could be killed"
    assert tree_digest(root, ("reports/figures", "reports/tables")) == committed
    result = cli("--root", str(root), "build")
    assert result.returncode == 0, result.stderr
    assert tree_digest(root, ("reports/figures", "reports/tables")) == committed
    assert not list((root / "reports").glob(".stage-*"))
