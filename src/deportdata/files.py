"""Deterministic, atomic file writing: a failed run never leaves a half-written output."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path


def write_bytes_atomic(path: Path, data: bytes) -> bool:
    """Write `data` to `path` through a temporary file and a rename.

    Returns False (and leaves the file untouched, mtime included) when the
    content is already identical.
    """
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
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


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Rows as RFC 4180 CSV text with a header and `\\n` line endings."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([format_cell(v) for v in row])
    return buf.getvalue()


def frame_csv_text(frame) -> str:
    """A DataFrame as deterministic CSV text (rows in the frame's order)."""
    return csv_text(list(frame.columns), frame.itertuples(index=False, name=None))


@contextlib.contextmanager
def staged_directory(target: Path) -> Iterator[Path]:
    """Build a replacement for `target` in a sibling folder, then swap it in.

    If the body raises, or the process is killed, `target` is left as it was; a
    leftover `.old` folder from a swap that was interrupted is restored first.
    """
    recover_directory(target)
    stage = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.stage-"))
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    old = target.with_name(f".{target.name}.old")
    if target.exists():
        os.replace(target, old)
    os.replace(stage, target)
    shutil.rmtree(old, ignore_errors=True)


def recover_directory(target: Path) -> None:
    """Undo a swap that was interrupted between its two renames; drop stale stages."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        if target.exists():
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(old, target)
    for stale in target.parent.glob(f".{target.name}.stage-*"):
        shutil.rmtree(stale, ignore_errors=True)
