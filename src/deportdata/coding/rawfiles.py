"""Change several raw files at once: all of the changes, with the manifest, or none.

`deportdata add-article` and `deportdata accept` are the only commands that write
to `data/raw/`, and only on a person's instruction. They build a copy of the raw
layer with the changes and the new `MANIFEST.sha256` in a staged folder and swap it
in (`files.staged_directory`), so a failed or killed run leaves the old raw layer
or the new one, never a mix.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from deportdata.config import Project
from deportdata.io import manifest
from deportdata.io.files import (
    CsvWriter,
    recover_directory,
    staged_directory,
    write_bytes_atomic,
)
from deportdata.io.tables import LINE, read_rows
from deportdata.schema import Table, load_schema


class StagedProject(Project):
    """The project as it will be: its raw layer in a staged folder (to draft or check
    against it before the swap)."""

    def __init__(self, root: Path, raw: Path) -> None:
        super().__init__(root)
        object.__setattr__(self, "_raw", raw)

    @property
    def raw(self) -> Path:
        return self._raw


def table_rows(project: Project, name: str) -> list[dict[str, str]]:
    """The rows of one raw table; its first problem is raised (file, line, column)."""
    table = load_schema().table("raw", name)
    path = project.raw / table.path
    rows, errors = read_rows(path, table, project.rel(path))
    if errors:
        raise errors[0]
    return rows


def table_text(table: Table, rows: Iterable[Mapping[str, str]]) -> str:
    """A raw table as CSV text in the schema's column order, as the coding rules ask."""
    buf = io.StringIO()
    writer = CsvWriter(buf)
    columns = [c for c in table.columns if c != LINE]
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return buf.getvalue()


def natural_key(value: str) -> tuple:
    """'C010' < 'C100' < 'C1000': runs of digits compare as numbers."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", value))


def sorted_rows(table: Table, rows: Iterable[Mapping[str, str]]) -> list[Mapping[str, str]]:
    """Rows sorted by their primary key (the coding rules keep raw tables in id order)."""
    return sorted(rows, key=lambda r: tuple(natural_key(r[c]) for c in table.primary_key))


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)  # unchanged files cost nothing; changes replace, never edit
    except OSError:
        shutil.copy2(source, target)


def fill_stage(
    project: Project, stage: Path, changes: Mapping[str, bytes], removals: Sequence[str] = ()
) -> None:
    """Fill an empty staged folder with the raw layer, `changes` (paths relative to
    data/raw/ → bytes) and `removals` applied, and the manifest that matches."""
    stage.rmdir()
    shutil.copytree(project.raw, stage, copy_function=_link_or_copy)
    for name in removals:
        (stage / name).unlink(missing_ok=True)
    for name, data in changes.items():
        write_bytes_atomic(stage / name, data)
    sums = manifest.compute_folder(stage, stage / project.manifest.name)
    write_bytes_atomic(stage / project.manifest.name, manifest.manifest_text(sums).encode())


def replace(project: Project, changes: Mapping[str, bytes], removals: Sequence[str] = ()) -> None:
    """Write `changes`, drop `removals`, update the manifest, and swap the new raw layer
    in as one step."""
    recover_directory(project.raw)
    with staged_directory(project.raw) as stage:
        fill_stage(project, stage, changes, removals)
