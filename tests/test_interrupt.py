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
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from conftest import cli, copy_project, tree_digest

from deportdata.files import PAUSE_AT_ENV

pytestmark = pytest.mark.xdist_group("interrupt")
OUTPUTS = ("data/clean", "reports/figures", "reports/tables")
LEFTOVER = re.compile(r"(\.stage-|^journal-|\.tmp$|\.old$)")
BOUND = 120  # seconds: only a guard against a hang, never a condition of the test


class Run:
    """A deportdata command started in its own session, tagged so that its processes
    (kernels included) can be found, with its stderr read line by line."""

    def __init__(self, root: Path, *args: str, pause: str | None = None) -> None:
        self.tag = uuid.uuid4().hex
        env = {**os.environ, "DEPORTDATA_TEST_TAG": self.tag}
        if pause:
            env[PAUSE_AT_ENV] = pause
        self.process = subprocess.Popen(
            [sys.executable, "-m", "deportdata", "--root", str(root), *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self._guard = threading.Timer(BOUND, self.kill_group)
        self._guard.start()

    def wait_for(self, text: str) -> str:
        """Block until a stderr line contains `text` (fails if the command ends first)."""
        for line in self.process.stderr:
            self.lines.append(line)
            if text in line:
                return line
        raise AssertionError(f"the command ended before {text!r}: {''.join(self.lines)}")

    def kill_group(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def finish(self) -> tuple[int, str]:
        rest = self.process.stderr.read()
        code = self.process.wait()
        self._guard.cancel()
        return code, "".join(self.lines) + rest

    def processes(self) -> list[int]:
        """Processes still running with this run's tag (the command and all it started)."""
        found = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                with contextlib.suppress(OSError):
                    environ = Path(f"/proc/{entry}/environ").read_bytes()
                    if f"DEPORTDATA_TEST_TAG={self.tag}".encode() in environ.split(b"\0"):
                        stat = Path(f"/proc/{entry}/stat").read_text(errors="replace")
                        if stat.rsplit(")", 1)[1].split()[0] != "Z":
                            found.append(int(entry))
        return found

    def wait_until_gone(self) -> None:
        """Wait (for the event, bounded) until no process of this run is left."""
        import time

        deadline = time.monotonic() + BOUND
        while self.processes():
            assert time.monotonic() < deadline, f"processes left running: {self.processes()}"
            time.sleep(0.05)


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under the project, hidden ones included: (size, mtime in ns)."""
    return {
        p.relative_to(root).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file() and ".deportdata-cache" not in p.parts
    }


def leftovers(root: Path) -> list[str]:
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*") if LEFTOVER.search(p.name)
    )


def _one_line(stderr: str, pattern: str) -> None:
    lines = [line for line in stderr.splitlines() if line.startswith("interrupted")]
    assert len(lines) == 1 and re.fullmatch(pattern, lines[0]), stderr


@pytest.fixture
def small(tmp_path) -> Path:
    """A copy with two report notebooks (a kernel each), and the check results it needs none of."""
    root = copy_project(tmp_path / "project")
    for nb in root.glob("notebooks/0[3-7]-*.ipynb"):
        nb.unlink()
    return root


def test_build_killed_leaves_no_process_and_writes_nothing_after(tmp_path):
    """SIGKILL to the process group while kernels are writing: they die with the build."""
    root = copy_project(tmp_path / "project")
    committed = tree_digest(root, OUTPUTS)
    run = Run(root, "build", "--force", pause=".png")  # a kernel, saving its first figure
    run.wait_for("paused at")
    run.kill_group()
    run.finish()
    at_death = snapshot(root)
    run.wait_until_gone()  # no kernel outlives the build
    assert snapshot(root) == at_death, "files were written after the build was killed"
    assert tree_digest(root, OUTPUTS) == committed
    again = cli("--root", str(root), "build")
    assert again.returncode == 0, again.stderr
    assert tree_digest(root, OUTPUTS) == committed
    assert not leftovers(root)


def test_build_sigterm_stops_the_kernels_and_publishes_nothing(tmp_path):
    root = copy_project(tmp_path / "project")
    committed = tree_digest(root, OUTPUTS)
    run = Run(root, "build", "--force", pause=".png")
    run.wait_for("paused at")
    os.kill(run.process.pid, signal.SIGTERM)  # the build only: it stops what it started
    code, stderr = run.finish()
    assert code == 143, stderr
    _one_line(
        stderr,
        r"interrupted \(SIGTERM\): deportdata build stopped during the checks and the report "
        r"notebooks; data/clean/(, the check results)? had been published before; nothing else "
        r"was published, the other outputs are as they were",
    )
    run.wait_until_gone()
    assert tree_digest(root, OUTPUTS) == committed
    assert not leftovers(root), "an interrupted build must remove its own staging folders"


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


def test_validate_sigterm(project_copy):
    run = Run(project_copy, "validate", pause="stage data-docs")
    run.wait_for("paused at")
    os.kill(run.process.pid, signal.SIGTERM)
    code, stderr = run.finish()
    assert code == 143, stderr
    _one_line(stderr, r".*deportdata validate stopped during validate; nothing was published, .*")
    run.wait_until_gone()
    assert not (project_copy / "reports/validation.json").exists()
    assert not (project_copy / "reports/data-docs").exists()
    assert not leftovers(project_copy)


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
