"""Ctrl-C and SIGTERM: stop at once, leave nothing half-done, say so in one line.

On SIGINT or SIGTERM a command kills the processes it started (notebook kernels, the
checks that `build` runs beside the notebooks) and waits for them, removes its staging
folders, prints one line saying what was interrupted and what, if anything, had been
published, and exits (130 for Ctrl-C, 143 for SIGTERM) without unwinding: no thread is
waited for. A signal that arrives while outputs are being moved into place (a few
renames) takes effect right after them, so a publication is never cut in half.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from typing import ClassVar

from deportdata.config import Project
from deportdata.errors import Exit

EXIT = {signal.SIGINT: Exit.INTERRUPTED, signal.SIGTERM: Exit.TERMINATED}
NAMES = {signal.SIGINT: "Ctrl-C", signal.SIGTERM: "SIGTERM"}


class _State:
    command = ""
    phase = ""
    project: Project | None = None
    # finishes or discards this run's transactions after an interruption (io.recover.recover);
    # passed in by the command, so that this module does not import the writers
    recover: Callable[..., list[str]] | None = None
    published: ClassVar[list[str]] = []
    critical = 0
    pending: int | None = None
    previous: ClassVar[dict] = {}  # the handlers before `install`, restored by `uninstall`


STATE = _State()


def install(
    command: str,
    project: Project,
    *,
    recover: Callable[..., list[str]] | None = None,
) -> None:
    """Handle SIGINT and SIGTERM for this command (call from the main thread)."""
    STATE.command, STATE.project = command, project
    STATE.recover = recover
    STATE.published = []
    STATE.previous = {signum: signal.getsignal(signum) for signum in EXIT}
    for signum in EXIT:
        signal.signal(signum, _handler)


def uninstall() -> None:
    """The handlers as they were before `install`, and no command recorded: a command run
    inside another program (a test, a notebook) leaves it as it found it."""
    for signum, handler in STATE.previous.items():
        signal.signal(signum, handler)
    STATE.command = STATE.phase = ""
    STATE.project = STATE.recover = STATE.pending = None
    STATE.published, STATE.critical, STATE.previous = [], 0, {}


def phase(text: str) -> None:
    """What the command is doing now, for the interruption message."""
    STATE.phase = text


def published(what: str) -> None:
    """Record an output that has been published (it stays if the command is interrupted)."""
    STATE.published.append(what)


@contextlib.contextmanager
def critical() -> Iterator[None]:
    """Defer SIGINT and SIGTERM until the body has finished (publication: a few renames)."""
    STATE.critical += 1
    try:
        yield
    finally:
        STATE.critical -= 1
        if STATE.critical == 0 and STATE.pending is not None:
            abort(STATE.pending)


def _handler(signum, frame) -> None:
    if STATE.critical:
        STATE.pending = signum
        return
    abort(signum)


def children() -> list[int]:
    """The process ids of this process's children (Linux /proc)."""
    me, found = os.getpid(), []
    with contextlib.suppress(OSError):
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                with (
                    contextlib.suppress(OSError, IndexError, ValueError),
                    open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh,
                ):
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == me:
                        found.append(int(entry))
    return found


def stop_children() -> None:
    """SIGKILL every child and wait until each is gone, so that none writes any more."""
    for _ in range(3):  # a child may have been starting one of its own meanwhile
        pids = children()
        if not pids:
            return
        for pid in pids:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        for pid in pids:
            with contextlib.suppress(ChildProcessError, OSError):
                os.waitpid(pid, 0)


def message(signum: int) -> str:
    where = f" during {STATE.phase}" if STATE.phase else ""
    if STATE.published:
        kept = f"{', '.join(STATE.published)} had been published before; nothing else was published"
    else:
        kept = "nothing was published"
    return (
        f"interrupted ({NAMES.get(signum, signum)}): deportdata {STATE.command} stopped{where}; "
        f"{kept}, the other outputs are as they were"
    )


def stop_threads(wait: float = 1.0) -> None:
    """Stop this process's other threads (the checks beside the report, the notebook runners)
    at their next Python instruction, by raising SystemExit in each, and wait up to `wait`
    seconds for them to end: none of them then writes a staging folder after the clean-up
    has removed it. A thread blocked in a system call (waiting on a kernel) stops when it
    returns, or is ended with the process."""
    me = threading.current_thread()
    others = [t for t in threading.enumerate() if t is not me and t.ident is not None]
    for thread in others:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(thread.ident), ctypes.py_object(SystemExit)
        )
    deadline = time.monotonic() + wait
    for thread in others:
        thread.join(max(0.0, deadline - time.monotonic()))


def abort(signum: int) -> None:
    """Stop now: kill the children, stop the other threads, remove this run's staging
    folders, one line, exit."""
    for s in EXIT:
        with contextlib.suppress(ValueError):
            signal.signal(s, signal.SIG_IGN)
    stop_children()
    stop_threads()
    stop_children()  # what a thread started meanwhile
    if STATE.project is not None and STATE.recover is not None:
        with contextlib.suppress(Exception):
            for line in STATE.recover(
                STATE.project, also_mine=True
            ):  # a child's publication, finished
                STATE.published.append(line.rsplit(" of ", 1)[-1])
    os.write(2, (message(signum) + "\n").encode())
    os._exit(EXIT.get(signum, 128 + int(signum)))
