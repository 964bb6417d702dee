"""Refusals of the operating system, injected into a command run in this process.

The tests run as root, whom no file mode stops, so an unreadable file or a read-only project
cannot be made with `chmod`. A case's `fault` makes the system calls refuse instead, as the
kernel would: `unreadable: FILE` (opening it raises EACCES) or `read_only: true` (every write
under the project raises EROFS, as on a read-only mount).
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import io
import os
from collections.abc import Iterator
from pathlib import Path

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _inside(path, root: Path) -> bool:
    try:
        return Path(os.path.abspath(os.fspath(path))).is_relative_to(root)
    except TypeError:  # a file descriptor, not a path
        return False


def _refuse(code: int, path) -> OSError:
    return OSError(code, os.strerror(code), os.fspath(path))


@contextlib.contextmanager
def injected(root: Path, fault: dict | None) -> Iterator[None]:
    """The fault (see the module) in force for the body; nothing when `fault` is None."""
    if not fault:
        yield
        return
    root = root.resolve()
    unreadable = root / fault["unreadable"] if "unreadable" in fault else None
    read_only = bool(fault.get("read_only"))
    real = {"open": io.open, "os_open": os.open, "mkdir": os.mkdir}
    real_replace, real_rename = os.replace, os.rename

    def refused_open(path, write: bool) -> OSError | None:
        named = _inside(path, root) and Path(os.path.abspath(os.fspath(path))) == unreadable
        if unreadable is not None and named:
            return PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        if read_only and write and _inside(path, root):
            return _refuse(errno.EROFS, path)
        return None

    def fake_open(file, mode="r", *args, **kwargs):
        error = refused_open(file, any(c in mode for c in "wax+"))
        if error:
            raise error
        return real["open"](file, mode, *args, **kwargs)

    def fake_os_open(path, flags, *args, **kwargs):
        error = refused_open(path, bool(flags & WRITE_FLAGS))
        if error:
            raise error
        return real["os_open"](path, flags, *args, **kwargs)

    def fake_mkdir(path, *args, **kwargs):
        if read_only and _inside(path, root):
            if os.path.exists(path):
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), os.fspath(path))
            raise _refuse(errno.EROFS, path)
        return real["mkdir"](path, *args, **kwargs)

    def moving(real_move):
        def move(src, dst, *args, **kwargs):
            if read_only and (_inside(src, root) or _inside(dst, root)):
                raise _refuse(errno.EROFS, dst)
            return real_move(src, dst, *args, **kwargs)

        return move

    patches = [
        (builtins, "open", fake_open),
        (io, "open", fake_open),
        (os, "open", fake_os_open),
        (os, "mkdir", fake_mkdir),
        (os, "replace", moving(real_replace)),
        (os, "rename", moving(real_rename)),
    ]
    saved = [(obj, name, getattr(obj, name)) for obj, name, _ in patches]
    try:
        for obj, name, value in patches:
            setattr(obj, name, value)
        yield
    finally:
        for obj, name, value in saved:
            setattr(obj, name, value)
