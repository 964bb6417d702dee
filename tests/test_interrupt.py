"""Real signals, at known moments: a killed or interrupted command leaves no process behind,
writes nothing after its death, publishes nothing half-way, and the next command completes.

No test sleeps. Each one starts the command with DEPORTDATA_PAUSE_AT, which stops the
process (or a notebook kernel) at a named write point and says so on stderr; the test
reads that line from the pipe, then sends the signal. Every crash point of every writing
command is covered without signals by tests/test_crash_points.py.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import signal
from pathlib import Path

import pytest
from conftest import cli, copy_project, tree_digest
from running import Run, leftovers, snapshot

# The tests that start from a copy of the project share one worker. The one that starts from
# the shared build (`built_copy`) is left out of the group, so that it runs once that build is
# made, never waiting for it at the start of the run.
interrupt_group = pytest.mark.xdist_group("interrupt")
OUTPUTS = ("data/clean", "reports/figures", "reports/tables")


def _one_line(stderr: str, pattern: str) -> None:
    lines = [line for line in stderr.splitlines() if line.startswith("interrupted")]
    assert len(lines) == 1 and re.fullmatch(pattern, lines[0]), stderr


@pytest.fixture
def small(tmp_path) -> Path:
    """A copy with two report notebooks (a kernel each) and no quality notebook: a quick build."""
    root = copy_project(tmp_path / "project")
    for nb in root.glob("notebooks/0[3-7]-*.ipynb"):
        nb.unlink()
    return root


@pytest.fixture
def two_stale(built_copy) -> Path:
    """A built copy (build cache included) in which two report notebooks changed, by a blank
    line at the end of their files: a build reruns those two (a kernel each) and skips the rest."""
    for nb in sorted(built_copy.glob("notebooks/0[12]-*.ipynb")):
        with nb.open("a", encoding="utf-8") as f:
            f.write("\n")
    return built_copy


@pytest.mark.subprocess
def test_build_killed_leaves_no_process_and_writes_nothing_after(two_stale):
    """SIGKILL to the process group while kernels are writing: they die with the build.

    The kernels are what could outlive it: jupyter_client starts each in a session of its own,
    out of reach of a signal to the build's process group (the checks run in a thread of the
    build, and their stopping is tested with SIGTERM below and in the bad-input catalogue)."""
    root = two_stale
    committed = tree_digest(root, OUTPUTS)
    run = Run(root, "build", pause=".png")  # a kernel, saving its first figure
    kernel = int(run.wait_for("paused at").split()[-1])
    run.kill_group()
    run.process.wait()  # the build is dead (its stderr stays open while a kernel lives)
    at_death = snapshot(root)
    with contextlib.suppress(ProcessLookupError):
        os.kill(kernel, signal.SIGUSR1)  # go on writing, if it is still alive
    run.wait_until_gone()  # no kernel outlives the build
    run.finish()
    assert snapshot(root) == at_death, "files were written after the build was killed"
    assert tree_digest(root, OUTPUTS) == committed
    again = cli("--root", str(root), "build")
    assert again.returncode == 0, again.stderr
    assert sorted(re.findall(r"start +(\S+)", again.stdout)) == ["01-corpus", "02-claims"], (
        again.stdout
    )
    assert tree_digest(root, OUTPUTS) == committed
    assert not leftovers(root)


@interrupt_group
def test_build_sigterm_stops_the_kernels_and_publishes_nothing(small):
    root = small
    committed = tree_digest(root, OUTPUTS)
    run = Run(root, "build", "--force", pause=".png")
    run.wait_for("paused at")
    os.kill(run.process.pid, signal.SIGTERM)  # the build only: it stops what it started
    code, stderr = run.finish()
    assert code == 143, stderr
    _one_line(
        stderr,
        # CITATION.cff: written by the build when it changed (the copy has none); the exports
        # (reports/data/) are published with the report, so not before it
        r"interrupted \(SIGTERM\): deportdata build stopped during the checks and the report "
        r"notebooks; data/clean/(, CITATION\.cff)?(, the check results)? had been "
        r"published before; nothing else was published, the other outputs are as they were",
    )
    run.wait_until_gone()
    assert tree_digest(root, OUTPUTS) == committed
    assert not leftovers(root), "an interrupted build must remove its own staging folders"


@interrupt_group
def test_report_ctrl_c(small):
    before = snapshot(small)
    run = Run(small, "report", "--force", "--jobs", "1", pause=".png")
    run.wait_for("paused at")
    os.kill(run.process.pid, signal.SIGINT)
    code, stderr = run.finish()
    assert code == 130, stderr
    _one_line(
        stderr,
        r"interrupted \(Ctrl-C\): deportdata report stopped during report; nothing was "
        r"published, the other outputs are as they were",
    )
    run.wait_until_gone()
    assert snapshot(small) == before
    assert not leftovers(small)


@interrupt_group
def test_clean_ctrl_c_while_staging(project_copy):
    before = tree_digest(project_copy, ("data/clean",))
    run = Run(project_copy, "clean", pause="rename claims.csv")
    run.wait_for("paused at")
    os.kill(run.process.pid, signal.SIGINT)
    code, stderr = run.finish()
    assert code == 130, stderr
    _one_line(
        stderr,
        r"interrupted \(Ctrl-C\): deportdata clean stopped during clean; nothing was published, .*",
    )
    assert tree_digest(project_copy, ("data/clean",)) == before
    assert not leftovers(project_copy)


@interrupt_group
def test_clean_sigterm_during_the_swap_lets_the_swap_finish(project_copy):
    """A signal among the renames of a publication takes effect after them, never between."""
    (project_copy / "data/clean/claims.csv").write_text("stale\n", encoding="utf-8")
    run = Run(project_copy, "clean", pause="swap in clean")
    run.wait_for("paused at")
    os.kill(run.process.pid, signal.SIGTERM)
    code, stderr = run.finish()
    assert code == 143, stderr
    _one_line(
        stderr,
        r".*deportdata clean stopped during clean; data/clean/ had been published before; .*",
    )
    assert (project_copy / "data/clean/claims.csv").read_text(encoding="utf-8") != "stale\n"
    assert not leftovers(project_copy)


# SIGTERM during validate: the bad-input case sigterm_during_validate (tests/bad_inputs/cases.yaml)


@interrupt_group
def test_a_second_command_waits_for_the_first(project_copy):
    """Two commands on one tree never mix: the second waits, says so, then completes."""
    lock = project_copy / ".deportdata-cache" / "lock"
    lock.parent.mkdir(parents=True)
    before = snapshot(project_copy)
    with open(lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running build holds it
        held.write("pid 1: deportdata build\n")
        held.flush()
        run = Run(project_copy, "clean")
        line = run.wait_for("waiting")
        assert "another deportdata command is working on" in line and "deportdata build" in line
        assert snapshot(project_copy) == before  # nothing written while it waits
    code, stderr = run.finish()  # the lock is released: it runs
    assert code == 0, stderr


@interrupt_group
def test_a_reading_command_waits_while_a_writer_is_between_its_renames(tmp_path):
    """`manifest` (a check, which writes nothing) shares the lock: it does not look at the raw
    layer while `accept` has moved it aside and not yet moved the new one in."""
    from bad_inputs.catalogue import apply

    root = copy_project(tmp_path / "project", ("data", "pyproject.toml"))
    apply(root, {"draft": {"id": "905_00000000000000a1"}})
    writer = Run(root, "accept", "905_00000000000000a1", pause="swap in raw")
    writer.wait_for("paused at")  # data/raw is moved aside, the new one not in place
    reader = Run(root, "manifest")
    assert "another deportdata command is working on" in reader.wait_for("waiting")
    os.kill(writer.process.pid, signal.SIGUSR1)  # the writer goes on, and releases the lock
    code, stderr = writer.finish()
    assert code == 0, stderr
    code, stderr = reader.finish()
    assert code == 0 and "Traceback" not in stderr, stderr
    assert not leftovers(root)


@interrupt_group
def test_reading_commands_do_not_wait_for_each_other(project_copy):
    lock = project_copy / ".deportdata-cache" / "lock"
    lock.parent.mkdir(parents=True)
    with open(lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_SH)  # as a running `trace` holds it
        result = cli("--root", str(project_copy), "manifest")
    assert result.returncode == 0 and "waiting" not in result.stderr, result.stderr


@pytest.mark.subprocess
@interrupt_group
def test_a_killed_run_leaves_nothing_the_next_one_trips_on(project_copy):
    """SIGKILL in the middle of a swap; the next command repairs the tree and completes."""
    before = tree_digest(project_copy, ("data/clean",))
    run = Run(project_copy, "clean", pause="swap in clean")  # clean is moved aside already
    run.wait_for("paused at")
    run.kill_group()
    run.finish()
    assert (
        not (project_copy / "data/clean").exists() and (project_copy / "data/.clean.old").is_dir()
    )
    result = cli("--root", str(project_copy), "manifest")  # a reader sees the project as it was
    assert result.returncode == 0
    result = cli("--root", str(project_copy), "clean")
    assert result.returncode == 0, result.stderr
    assert tree_digest(project_copy, ("data/clean",)) == before
    assert not leftovers(project_copy)
