"""One writing command at a time per project: an exclusive lock on `.deportdata-cache/lock`;
commands that only read share it, so that none of them looks at the project while a writer is
between two renames (a check of the manifest would otherwise see a raw layer moved aside).

The lock is an `flock` on an open file, so the kernel releases it the moment its holder
dies, however it dies: a killed run never leaves a lock that blocks the next one. The
file itself stays (it is the lock); it holds the holder's process id and command, for
the message of a command that has to wait.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from collections.abc import Iterator

from deportdata.config import Project


def lock_path(project: Project):
    return project.build_state / "lock"


def _open(project: Project, shared: bool) -> int | None:
    """The lock file, opened for locking; None for a reader of a project it cannot write into
    (a read-only copy: no writer can be at work there either)."""
    path = lock_path(project)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        if not shared:
            raise
    try:
        return os.open(path, os.O_RDONLY)
    except OSError:
        return None


@contextlib.contextmanager
def project_lock(project: Project, command: str, *, shared: bool = False) -> Iterator[None]:
    """Hold the project's lock for the body; wait (saying so once) while another command has it.
    `shared`: a command that only reads, which waits for a writer but not for other readers.
    """
    fd = _open(project, shared)
    if fd is None:
        yield
        return
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    try:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another command"
            print(
                f"waiting: another deportdata command is working on {project.root} ({holder}); "
                "this one starts when it ends",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(fd, mode)
        if not shared:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"pid {os.getpid()}: deportdata {command}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock
