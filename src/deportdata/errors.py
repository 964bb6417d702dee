"""The package's own error (one clear line naming file, line and column) and the exit
statuses of every command, defined once (`Exit`)."""

from __future__ import annotations

import enum
import errno
import os


class Exit(enum.IntEnum):
    """What a `deportdata` command's exit status means; every module returns these."""

    OK = 0
    FAILED = 1  # bad input (the message names file, line and column), a failed check or notebook
    USAGE = 2  # not a project, or a wrong command line (argparse's own status)
    CRASHED = 86  # a simulated crash at a write point (tests of crash safety)
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as a shell reports it
    BROKEN_PIPE = 141  # the reader of the output left (128 + SIGPIPE)
    TERMINATED = 143  # SIGTERM (128 + SIGTERM)


class DeportdataError(Exception):
    """A problem in the project's inputs, reported to the user without a traceback.

    Args:
        message: what is wrong, in one sentence.
        file: the file the problem is in (relative to the project root when known).
        line: 1-based line number in that file (the header is line 1 of a CSV).
        column: the column name (CSV) or 1-based character column (text).
        hint: what to do about it.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: str | int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.hint = hint

    def located(
        self, *, file: str | None = None, line: int | None = None, column: str | int | None = None
    ) -> DeportdataError:
        """Return a copy with location fields filled in where they were missing."""
        return type(self)(
            self.message,
            file=self.file or file,
            line=self.line or line,
            column=self.column if self.column is not None else column,
            hint=self.hint,
        )

    def relative_to(self, root: os.PathLike | str) -> DeportdataError:
        """A copy whose file is named relative to `root` (the project) when it lies inside it."""
        if not self.file or not os.path.isabs(self.file):
            return self
        rel = _inside(self.file, root)
        if rel is None:
            return self
        return type(self)(
            self.message, file=rel, line=self.line, column=self.column, hint=self.hint
        )

    def __reduce__(self):
        """Keep file, line, column and hint when the error crosses a process boundary."""
        return (_rebuild, (type(self), self.message, self.file, self.line, self.column, self.hint))

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
            if self.column is not None:
                where += f": column {self.column}"
            where += ": "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


def _rebuild(cls: type, message: str, file, line, column, hint) -> DeportdataError:
    return cls(message, file=file, line=line, column=column, hint=hint)


class ErrorList(DeportdataError):
    """Several problems found in one pass; each is printed on its own line."""

    def __init__(self, errors: list[DeportdataError]) -> None:
        super().__init__(f"{len(errors)} problem(s) found")
        self.errors = errors

    def relative_to(self, root: os.PathLike | str) -> ErrorList:
        return ErrorList([e.relative_to(root) for e in self.errors])

    def __reduce__(self):
        return (ErrorList, (self.errors,))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


# what to do about an operating-system error, by its errno
OS_HINTS = {
    errno.EACCES: "check the permissions of the file and of its folder",
    errno.EPERM: "check the permissions of the file and of its folder",
    errno.EROFS: "the project is on a read-only file system",
    errno.ENOSPC: "the disk is full: free some space and run the command again",
    errno.EDQUOT: "the disk quota is used up: free some space and run the command again",
    errno.EISDIR: "a folder stands where a file should be",
    errno.ENOTDIR: "a file stands where a folder should be",
    errno.ENOENT: "the file or folder is missing",
}


def _inside(path: os.PathLike | str, root: os.PathLike | str) -> str | None:
    """`path` relative to `root` when it lies inside it, else None."""
    rel = os.path.relpath(os.fspath(path), os.fspath(root))
    return None if rel.startswith("..") else rel


def os_error_message(error: OSError, root: os.PathLike | str | None = None) -> str:
    """One line for an operating-system error (a file that cannot be read or written, a full
    disk): the file (relative to `root` when inside it), what went wrong and what to do, and
    that nothing was published (every output is written beside the old one, then renamed)."""
    name = error.filename
    if name is not None and root is not None:
        name = _inside(name, root) or os.fspath(name)
    what = error.strerror or type(error).__name__
    hint = OS_HINTS.get(error.errno or 0, "")
    where = f"{name}: " if name is not None else ""
    text = f"{where}{what}{f' ({hint})' if hint else ''}"
    return f"{text}; nothing was published, the outputs are as they were"
