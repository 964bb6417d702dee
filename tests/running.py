"""Running a command as a user would stop it: in its own session, paused at a named write
point (DEPORTDATA_PAUSE_AT), then signalled. Shared by the interrupt tests and the bad-input
catalogue; nothing here sleeps to wait for a moment to come."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from deportdata.io.files import PAUSE_AT_ENV

LEFTOVER = re.compile(r"(\.stage-|^journal-|\.tmp$|\.old$)")
BOUND = 900  # seconds: only a guard against a hang (on a loaded machine too), never a condition


class Run:
    """A deportdata command started in its own session, tagged so that its processes
    (kernels included) can be found, with its stderr read line by line."""

    def __init__(
        self, root: Path | None, *args: str, pause: str | None = None, cwd: Path | None = None
    ) -> None:
        self.tag = uuid.uuid4().hex
        env = {**os.environ, "DEPORTDATA_TEST_TAG": self.tag}
        if pause:
            env[PAUSE_AT_ENV] = pause
        self.process = subprocess.Popen(
            [sys.executable, "-m", "deportdata", *(["--root", str(root)] if root else []), *args],
            cwd=cwd,
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
