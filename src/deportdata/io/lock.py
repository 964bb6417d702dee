"""One writing command at a time per project: an exclusive lock on `.deportdata-cache/lock`.

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

OWNER_ENV = "DEPORTDATA_LOCK_OWNER"  # set for a child process that works under its parent's lock


def lock_path(project: Project):
    return project.build_state / "lock"


@contextlib.contextmanager
def project_lock(project: Project, command: str) -> Iterator[None]:
    """Hold the project's lock for the body; wait (saying so once) while another command has it.

    A child started by a command that holds the lock (the checks that `build` runs in a
    second process) inherits it: the variable DEPORTDATA_LOCK_OWNER names its parent.
    """
    owner = os.environ.get(OWNER_ENV, "")
    if owner.isdigit() and int(owner) == os.getppid():
        yield
        return
    path = lock_path(project)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another command"
            print(
                f"waiting: another deportdata command is working on {project.root} ({holder}); "
                "this one starts when it ends",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}: deportdata {command}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock
