"""Deterministic, atomic file writing: a failed or killed run never leaves a half-written output.

Every write into the project goes through the helpers here (`write_bytes_atomic`,
`staged_directory`, `Transaction`), and each of them calls `crash_point` right before
every step that changes what a reader would see (a rename, a folder swap, the removal of
an old copy). That gives the code that writes one injection point, in the manner of
SQLite's crash tests: with DEPORTDATA_CRASH_AT=N in the environment, the N-th crash
point of the process ends it at once with `os._exit` (no clean-up handler runs, as with
SIGKILL). The tests walk N over every crash point of every writing command; a new
writer that uses these helpers is covered without further work. A command that publishes
several files that belong together uses a `Transaction` (under `.deportdata-cache/journal-*`,
completed by the next command's `deportdata.io.recover.recover` if it dies half-way), never
a sequence of separate atomic writes; a new command that writes also belongs in the CLI's
WRITERS, so that it takes the project lock and repairs a killed run first.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from deportdata.errors import Exit
from deportdata.runtime import interrupt

CRASH_AT_ENV = "DEPORTDATA_CRASH_AT"  # N: the N-th crash point of the process exits at once
CRASH_LOG_ENV = "DEPORTDATA_CRASH_LOG"  # a file: each crash point appends "<pid> <label>"
# a label fragment: the first crash point whose label contains it stops the process there
# (one line on stderr, then it waits for a signal), so a test can signal it at a known point
PAUSE_AT_ENV = "DEPORTDATA_PAUSE_AT"
_crash_count = 0
_paused = False
_crash_at: int | None = None  # set by tests in a forked child; else read from the environment


def crash_point(label: str) -> None:
    """A point where the process may die: the injection point of the crash tests.

    Called by the write helpers of this module before each step that a reader could
    observe. Does nothing unless DEPORTDATA_CRASH_AT (or `arm_crash`) asks for a crash;
    then the N-th call exits the process at once with status `Exit.CRASHED`.
    DEPORTDATA_PAUSE_AT=<label fragment> stops there instead, until SIGINT or SIGTERM
    (then handled as usual) or SIGUSR1 (go on) arrives.
    """
    global _crash_count, _paused
    _crash_count += 1
    pause = os.environ.get(PAUSE_AT_ENV)
    if pause and pause in label and not _paused:
        _paused = True
        _pause_here(label)
    log = os.environ.get(CRASH_LOG_ENV)
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} {_crash_count} {label}\n")
    at = _crash_at
    if at is None:
        env = os.environ.get(CRASH_AT_ENV, "")
        at = int(env) if env.isdigit() else 0
    if at and _crash_count == at:
        os._exit(Exit.CRASHED)


def _pause_here(label: str) -> None:
    """Wait at this point until SIGUSR1 (go on), or SIGINT/SIGTERM (handled as usual).

    The wait is a short sleep in a loop, not sigwait: a signal sent to the process may be
    delivered to any of its threads, and Python runs its handler in the main thread only
    at the next pause between two sleeps.
    """
    resumed = []
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGUSR1, lambda *_: resumed.append(1)) if main else None
    os.write(2, f"deportdata: paused at {label!r} in process {os.getpid()}\n".encode())
    try:
        while not resumed and interrupt.STATE.pending is None:
            time.sleep(0.02)  # SIGINT/SIGTERM: the handler ends the run or defers it
    finally:
        if main:
            signal.signal(signal.SIGUSR1, previous)


def arm_crash(n: int | None) -> None:
    """Make the n-th crash point from now exit the process (None: follow the environment)."""
    global _crash_count, _crash_at
    _crash_count, _crash_at = 0, n


def crash_points_passed() -> int:
    """How many crash points this process has passed since the last `arm_crash`."""
    return _crash_count


def _umask() -> int:
    """The process's umask, read without changing it (os.umask would race other threads)."""
    with (
        contextlib.suppress(OSError, ValueError),
        open("/proc/self/status", encoding="ascii") as fh,
    ):
        for line in fh:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode() -> int:
    """The mode a new file gets from the umask (0644 under umask 022)."""
    return 0o666 & ~_umask()


def folder_mode() -> int:
    """The mode a new folder gets from the umask (0755 under umask 022)."""
    return 0o777 & ~_umask()


def write_bytes_atomic(path: Path, data: bytes) -> bool:
    """Write `data` to `path` through a temporary file and a rename.

    The file gets the mode the umask gives, as a plain `open` would. Returns False
    (and leaves the file untouched, mtime included) when the content is already identical.
    """
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, file_mode())  # mkstemp creates 0600
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        crash_point(f"rename {path.name}")
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return True


def write_text_atomic(path: Path, text: str) -> bool:
    """Write UTF-8 text with `\\n` line endings atomically."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def format_cell(value: object) -> str:
    """One cell as text: empty for missing, whole numbers without '.0', floats fixed."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer():
            return str(int(value))
        return f"{value:.6g}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat") and hasattr(value, "hour"):  # datetime / Timestamp
        if value != value:  # NaT
            return ""
        return (
            value.date().isoformat()
            if (value.hour, value.minute, value.second) == (0, 0, 0)
            else value.isoformat()
        )
    text = str(value)
    return "" if text in ("nan", "NaT", "<NA>", "None") else text


class CsvWriter:
    """An RFC 4180 CSV writer with `\\n` line endings that also quotes a field holding a
    carriage return (Python's writer quotes only the line terminator's characters, so a CR
    from a text saved with CRLF line ends would otherwise be written bare, and no reader
    could read it back)."""

    def __init__(self, buf) -> None:
        self.minimal = csv.writer(buf, lineterminator="\n")
        self.quoted = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def writerow(self, row: Sequence[str]) -> None:
        bare_cr = any("\r" in cell for cell in row)
        (self.quoted if bare_cr else self.minimal).writerow(row)


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Rows as RFC 4180 CSV text with a header and `\\n` line endings."""
    buf = io.StringIO()
    writer = CsvWriter(buf)
    writer.writerow(list(columns))
    for row in rows:
        writer.writerow([format_cell(v) for v in row])
    return buf.getvalue()


def frame_csv_text(frame) -> str:
    """A DataFrame as deterministic CSV text (rows in the frame's order)."""
    return csv_text(list(frame.columns), frame.itertuples(index=False, name=None))


# --- staging folders, owned by a process -----------------------------------------------


def pid_alive(pid: int) -> bool:
    """True if a process with this id exists (and is not a zombie)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with (
        contextlib.suppress(OSError),
        open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh,
    ):
        return fh.read().rsplit(")", 1)[-1].split()[0] != "Z"
    return True


def stage_folder(parent: Path, prefix: str, name: str = "") -> Path:
    """A new staging folder `<parent>/<prefix>pid<pid>-[<name>-]XXXX`, owned by this process.

    The process id in its name is its ownership marker: `remove_stale_stages` never
    removes the stage of a process that is still alive.
    """
    parent.mkdir(parents=True, exist_ok=True)
    tag = f"pid{os.getpid()}-{name + '-' if name else ''}"
    stage = Path(tempfile.mkdtemp(dir=parent, prefix=f"{prefix}{tag}"))
    os.chmod(stage, folder_mode())  # mkdtemp creates 0700
    return stage


def stage_owner(stage: Path, prefix: str) -> int:
    """The process id recorded in a stage folder's name (0 if there is none)."""
    head = stage.name[len(prefix) :].split("-", 1)[0]
    return int(head[3:]) if head.startswith("pid") and head[3:].isdigit() else 0


def remove_stale_stages(parent: Path, prefix: str, *, also_mine: bool = False) -> list[Path]:
    """Remove the staging folders under `parent` whose owner has died; return them."""
    removed = []
    for stale in sorted(parent.glob(f"{prefix}*")):
        owner = stage_owner(stale, prefix)
        if owner and pid_alive(owner) and not (also_mine and owner == os.getpid()):
            continue
        shutil.rmtree(stale, ignore_errors=True)
        removed.append(stale)
    return removed


def remove_stale_temporaries(folder: Path) -> None:
    """Remove the `.<name>.XXXX.tmp` files that a killed `write_bytes_atomic` left in `folder`."""
    for tmp in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            if tmp.is_file():
                tmp.unlink()


@contextlib.contextmanager
def staged_directory(target: Path, label: str | None = None) -> Iterator[Path]:
    """Build a replacement for `target` in a sibling folder, then swap it in.

    If the body raises, or the process is killed, `target` is left as it was; a
    leftover `.old` folder from a swap that was interrupted is restored first. Ctrl-C
    waits for the swap (two renames); `label` names the output in the interruption message.
    """
    recover_directory(target)
    stage = stage_folder(target.parent, f".{target.name}.stage-")
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    old = target.with_name(f".{target.name}.old")
    with interrupt.critical():
        if target.exists():
            crash_point(f"move {target.name} aside")
            os.replace(target, old)
        crash_point(f"swap in {target.name}")
        os.replace(stage, target)
        interrupt.published(label or f"{target.name}/")
    crash_point(f"remove old {target.name}")
    shutil.rmtree(old, ignore_errors=True)


def recover_directory(target: Path) -> None:
    """Undo a swap that was interrupted between its two renames; drop stale stages."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        if target.exists():
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(old, target)
    remove_stale_stages(target.parent, f".{target.name}.stage-")


# --- several outputs replaced together -------------------------------------------------

PLAN = "plan.json"


class Transaction:
    """Files and folders under `base` replaced together: all of them, or none.

    The new contents are first gathered in the `journal` folder (on the same file
    system as `base`); writing its plan (one rename) is the commit point. The moves into
    place follow; if the process dies among them, `recover_journal` (run by the next
    command) completes them. A journal without a plan is discarded.

        txn = Transaction(journal, base)
        txn.add_bytes(base / "reports/index.html", html)
        txn.add_directory(base / "reports/data-docs", built_folder)
        txn.commit()
    """

    def __init__(self, journal: Path, base: Path, label: str = "") -> None:
        recover_journal(journal, base)
        journal.mkdir(parents=True)
        self.journal, self.base, self.label = journal, base, label
        self.entries: list[tuple[str, str]] = []  # (kind, target relative to base)

    def _next(self, target: Path, kind: str) -> Path:
        rel = target.resolve().relative_to(self.base.resolve()).as_posix()
        self.entries.append((kind, rel))
        return self.journal / str(len(self.entries) - 1)

    def add_bytes(self, target: Path, data: bytes) -> None:
        """Stage a file's new content (nothing at `target` changes yet)."""
        crash_point(f"stage {target.name}")
        with open(self._next(target, "file"), "xb") as fh:  # mode from the umask
            fh.write(data)

    def add_directory(self, target: Path, staged: Path) -> None:
        """Stage a folder built elsewhere on this file system (it is moved into the journal)."""
        crash_point(f"stage {target.name}")
        os.replace(staged, self._next(target, "dir"))

    def commit(self) -> None:
        """Write the plan (the commit point), then move everything into place."""
        plan = json.dumps({"entries": self.entries}, indent=1).encode()
        tmp = self.journal / f".{PLAN}.tmp"
        tmp.write_bytes(plan)
        with interrupt.critical():  # Ctrl-C takes effect after the moves, never among them
            crash_point("commit")
            os.replace(tmp, self.journal / PLAN)
            _apply(self.journal, self.base, self.entries, crash=True)
            if self.label:
                interrupt.published(self.label)


def _apply(journal: Path, base: Path, entries: list, *, crash: bool) -> None:
    point = crash_point if crash else (lambda label: None)
    for k, (kind, rel) in enumerate(entries):
        source, target = journal / str(k), base / rel
        if not (source.exists() or source.is_symlink()):
            continue  # moved already, by a run that died after it
        target.parent.mkdir(parents=True, exist_ok=True)
        if kind == "dir" and target.exists():
            old = journal / f"{k}.old"
            if old.exists():
                shutil.rmtree(target)
            else:
                point(f"move {rel} aside")
                os.replace(target, old)
        point(f"move in {rel}")
        os.replace(source, target)
    point("remove journal")
    shutil.rmtree(journal)


def recover_journal(journal: Path, base: Path) -> str | None:
    """Finish or discard a transaction that a killed run left: "completed", "discarded" or None."""
    if not journal.exists():
        return None
    plan = journal / PLAN
    if not plan.is_file():
        shutil.rmtree(journal, ignore_errors=True)
        return "discarded"
    entries = json.loads(plan.read_text(encoding="utf-8"))["entries"]
    _apply(journal, base, entries, crash=False)
    return "completed"
