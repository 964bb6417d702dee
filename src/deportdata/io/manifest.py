"""Checksums of every raw file (`data/raw/MANIFEST.sha256`, in `sha256sum` format)."""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from deportdata.config import Project
from deportdata.errors import DeportdataError, ErrorList
from deportdata.io.files import write_text_atomic


def raw_files(project: Project) -> list[Path]:
    """Every file under data/raw/ except the manifest itself, in a stable order."""
    return _files(project.raw, project.manifest)


def _files(folder: Path, manifest_path: Path) -> list[Path]:
    """The raw files; every one must be a regular file of the raw layer: a symbolic link (to a
    file outside the project, say) or a device is refused, naming it."""
    found, errors = [], []
    for p in sorted(folder.rglob("*")):
        if p == manifest_path or p.name.startswith("."):
            continue
        if p.is_symlink() or not (p.is_file() or p.is_dir()):
            errors.append(
                DeportdataError(
                    "is not a regular file (a link or a device): the raw layer holds its files "
                    "itself",
                    file=f"data/raw/{p.relative_to(folder).as_posix()}",
                    hint="replace it by a copy of the file it stands for",
                )
            )
        elif p.is_file():
            found.append(p)
    if errors:
        raise ErrorList(errors)
    return found


def _folders_for_files(project: Project, recorded: dict | None = None) -> list[DeportdataError]:
    """A folder where the manifest records a file (so that an update would drop its entry);
    `recorded`: the manifest as `read` gave it, when the caller has read it."""
    if not project.manifest.is_file():
        return []
    display = project.rel(project.manifest)
    return [
        DeportdataError(
            f"data/raw/{name} is a folder where the manifest records a file",
            file=display,
            line=number,
            hint="put the file back, or remove the folder",
        )
        for name, (_, number) in (read(project) if recorded is None else recorded).items()
        if (project.raw / name).is_dir()
    ]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compute(project: Project) -> dict[str, str]:
    """Path (relative to data/raw/, with `/`) → checksum, for every raw file."""
    return compute_folder(project.raw, project.manifest)


def compute_folder(folder: Path, manifest_path: Path) -> dict[str, str]:
    """The same for a raw layer in another folder (a staged copy about to be swapped in)."""
    return {p.relative_to(folder).as_posix(): sha256(p) for p in _files(folder, manifest_path)}


def manifest_text(sums: dict[str, str]) -> str:
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(sums.items()))


def read(project: Project) -> dict[str, tuple[str, int]]:
    """Recorded path → (checksum, line number); a malformed line is an error naming the line."""
    display = project.rel(project.manifest)
    if not project.manifest.is_file():
        raise DeportdataError(
            "the manifest is missing",
            file=display,
            hint="run 'deportdata manifest --update' after checking the raw files",
        )
    sums = {}
    for number, line in enumerate(project.manifest.read_text(encoding="utf-8").splitlines(), 1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64:
            raise DeportdataError(
                "malformed line: expected '<sha256>  <path>'", file=display, line=number
            )
        sums[name] = (digest, number)
    return sums


def restore_interrupted_swap(project: Project) -> None:
    """Put back a raw layer that `deportdata accept` or `add-article` moved aside just
    before it was killed, ahead of moving the new one in (files.staged_directory)."""
    old = project.raw.with_name(f".{project.raw.name}.old")
    if not project.raw.exists() and old.is_dir():
        with contextlib.suppress(FileNotFoundError):  # another reader put it back first
            os.replace(old, project.raw)


def verify(project: Project) -> list[DeportdataError]:
    """One error per raw file that was changed, added or removed since the manifest."""
    restore_interrupted_swap(project)
    recorded = read(project)
    folders = _folders_for_files(project, recorded)
    if folders:
        return folders
    actual = compute(project)
    display = project.rel(project.manifest)
    hint = (
        "raw files are never edited by code; if the change is deliberate, "
        "run 'deportdata manifest --update' and commit both"
    )
    errors = []
    for name in sorted(set(recorded) | set(actual)):
        if name not in actual:
            errors.append(
                DeportdataError(
                    f"data/raw/{name} is listed but missing",
                    file=display,
                    line=recorded[name][1],
                    hint=hint,
                )
            )
        elif name not in recorded:
            errors.append(
                DeportdataError(f"data/raw/{name} is not in the manifest", file=display, hint=hint)
            )
        elif recorded[name][0] != actual[name]:
            errors.append(
                DeportdataError(
                    f"data/raw/{name} has changed (checksum differs)",
                    file=display,
                    line=recorded[name][1],
                    hint=hint,
                )
            )
    return errors


def update(project: Project) -> bool:
    """Rewrite the manifest from the files as they are; True if it changed."""
    restore_interrupted_swap(project)
    errors = _folders_for_files(project)
    if errors:
        raise ErrorList(errors)
    return write_text_atomic(project.manifest, manifest_text(compute(project)))
