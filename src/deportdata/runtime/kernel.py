"""Start a process that dies with its parent: `python -m deportdata.runtime.kernel CMD ARGS...`.

jupyter_client starts each notebook kernel in a session of its own, so killing the
build's process group does not reach it; a kernel that outlived its build would go on
writing into the build's staging folder. This launcher asks Linux to kill it when its
parent dies (PR_SET_PDEATHSIG), checks that the parent is still the one that started it,
then becomes the kernel (exec). The crash-test variables are not passed on: a kernel's
writes go to its own staging folder, which is not part of the project until published.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys

from deportdata.errors import Exit

PR_SET_PDEATHSIG = 1
NOT_INHERITED = ("DEPORTDATA_CRASH_AT", "DEPORTDATA_CRASH_LOG")


def die_with_parent() -> None:
    """Have the kernel send SIGKILL to this process when its parent dies (Linux only)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def main(argv: list[str]) -> None:
    parent = os.environ.get("JPY_PARENT_PID", "")
    die_with_parent()
    if parent.isdigit() and os.getppid() != int(parent):
        os._exit(Exit.FAILED)  # the parent died before the request took effect
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    os.execvpe(argv[0], argv, env)


if __name__ == "__main__":
    main(sys.argv[1:])
