"""Read article texts strictly: UTF-8, not empty; problems name the file, line and column."""

from __future__ import annotations

from pathlib import Path

from deportdata.errors import DeportdataError
from deportdata.io.cells import CONTROL


def read_article(path: Path, display: str) -> str:
    """The article text decoded as UTF-8, exactly as stored (no newline translation); a text
    holding a control character (NUL and the like; tab and line ends aside) is refused at its
    line and column."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise DeportdataError(
            "is not a regular file (a folder, a link or a device)",
            file=display,
            hint="an input file must be a regular file of its own",
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DeportdataError(
            "article file is missing",
            file=display,
            hint="every article in articles.csv needs its text in data/raw/articles/",
        ) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise DeportdataError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            file=display,
            line=line,
            column=column,
            hint="convert the file to UTF-8 before adding it",
        ) from None
    found = CONTROL.search(text)
    if found:
        line, column = line_and_column(text, found.start())
        raise DeportdataError(
            f"holds the control character U+{ord(found.group()):04X}",
            file=display,
            line=line,
            column=column,
            hint="remove it: a text holds no control characters but tab and line ends",
        )
    if not text.strip():
        raise DeportdataError(
            "article text is empty",
            file=display,
            line=1,
            hint="an article file must hold the received text",
        )
    return text


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
