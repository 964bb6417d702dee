"""Export step: data/clean/ → reports/data/ (SQLite, Stata, a CSV zip, the data package).

Everything is written into a staged folder that replaces reports/data/ only when every
export succeeded. The step is skipped when the clean layer, the package and the licences
are unchanged and the outputs still match their checksums (reports/data/SHA256SUMS).
"""

from __future__ import annotations

import hashlib
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from deportdata.clean import datapackage
from deportdata.config import Project
from deportdata.errors import DeportdataError
from deportdata.io import cache
from deportdata.io.files import stage_folder, staged_directory, write_text_atomic
from deportdata.publish import archive, datasette, sqlite, stata
from deportdata.schema import codebook

CHECKSUMS = "SHA256SUMS"
CODEBOOK = "CODEBOOK.md"
STATA_FOLDER = "stata"


@dataclass
class ExportSummary:
    skipped: bool = False
    seconds: dict[str, float] = field(default_factory=dict)  # export → seconds
    files: dict[str, int] = field(default_factory=dict)  # path relative to reports/data → bytes
    staged: Path | None = None  # with run(staged=True): the new reports/data/, not yet in place

    def size(self, prefix: str) -> int:
        return sum(n for rel, n in self.files.items() if rel.startswith(prefix))

    def __str__(self) -> str:
        if self.skipped:
            return "export: unchanged since the last run (reports/data/)"
        lines = [
            f"export: wrote reports/data/{' (published with the report)' if self.staged else ''}"
        ]
        for name, prefix in (
            ("SQLite", sqlite.FILENAME),
            ("Stata", f"{STATA_FOLDER}/"),
            ("CSV zip", archive.FILENAME),
            ("other", "."),
        ):
            size = (
                self.size(prefix)
                if prefix != "."
                else sum(self.files.values())
                - sum(self.size(p) for p in (sqlite.FILENAME, f"{STATA_FOLDER}/", archive.FILENAME))
            )
            seconds = self.seconds.get(name, 0.0)
            lines.append(f"  {name:<8} {size / 1024:>8.1f} KiB  {seconds:>5.2f} s")
        return "\n".join(lines)


def inputs_digest(project: Project) -> str:
    files = sorted(p for p in project.clean.rglob("*") if p.is_file())
    files += sorted(project.rules.glob("*"))
    files += [project.root / name for name in archive.LICENCE_FILES]
    return cache.digest([*files, *cache.package_files()])


def _checksums(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != CHECKSUMS
    }


def is_current(project: Project) -> bool:
    """True when the last export ran on these inputs and its files are intact."""
    folder = project.data_exports
    state = cache.load(project, "export")
    if state.get("inputs") != inputs_digest(project) or not (folder / CHECKSUMS).is_file():
        return False
    recorded = dict(
        reversed(line.split("  ", 1))
        for line in (folder / CHECKSUMS).read_text(encoding="utf-8").splitlines()
    )
    return recorded == _checksums(folder)


def run(project: Project, *, force: bool = False, staged: bool = False) -> ExportSummary:
    """Write every export of the clean layer into reports/data/; with `staged`, into a staging
    folder left for the caller to publish (`summary.staged`) and `record`."""
    datapackage_file = project.clean / datapackage.FILENAME
    if not datapackage_file.is_file():
        raise DeportdataError(
            "the data package is missing",
            file=project.rel(datapackage_file),
            hint="run 'deportdata clean'",
        )
    _check_descriptor(project, datapackage_file)
    if not force and is_current(project):
        return ExportSummary(skipped=True)
    summary = ExportSummary()
    project.reports.mkdir(parents=True, exist_ok=True)
    if staged:  # a build publishes it together with the report (deportdata.build)
        summary.staged = stage_folder(project.reports, f".{project.data_exports.name}.stage-")
        try:
            _write(project, summary.staged, summary)
        except BaseException:
            shutil.rmtree(summary.staged, ignore_errors=True)
            raise
        return summary
    with staged_directory(project.data_exports, label="reports/data/") as stage:
        _write(project, stage, summary)
    record(project)
    return summary


def _check_descriptor(project: Project, path: Path) -> None:
    """The data package descriptor is published as it is: it must be JSON that describes
    resources (a broken one is refused with its line and column, not shipped)."""
    import json

    display = project.rel(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise DeportdataError(f"is not valid UTF-8 (byte {exc.start})", file=display) from None
    except json.JSONDecodeError as exc:
        raise DeportdataError(
            f"not valid JSON: {exc.msg}",
            file=display,
            line=exc.lineno,
            column=exc.colno,
            hint="run 'deportdata clean' to write it again",
        ) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("resources"), list):
        raise DeportdataError(
            "is not a data package descriptor (an object with a list of resources)",
            file=display,
            line=1,
            hint="run 'deportdata clean' to write it again",
        )


def record(project: Project) -> None:
    """Remember the inputs of the exports now in reports/data/ (so an unchanged one is skipped)."""
    cache.save(project, "export", {"inputs": inputs_digest(project)})


def _write(project: Project, stage: Path, summary: ExportSummary) -> None:
    """Every export of the clean layer into the folder `stage`."""
    datapackage_file = project.clean / datapackage.FILENAME
    started = time.perf_counter()
    sqlite.write(project.clean, stage / sqlite.FILENAME)
    summary.seconds["SQLite"] = time.perf_counter() - started

    started = time.perf_counter()
    stata.write(project, stage / STATA_FOLDER)
    summary.seconds["Stata"] = time.perf_counter() - started

    started = time.perf_counter()
    archive.write(project.clean, stage / archive.FILENAME, project.root)
    summary.seconds["CSV zip"] = time.perf_counter() - started

    started = time.perf_counter()
    shutil.copyfile(datapackage_file, stage / datapackage.FILENAME)
    write_text_atomic(stage / datasette.FILENAME, datasette.render(project.clean))
    write_text_atomic(stage / CODEBOOK, codebook.of_project(project))
    sums = _checksums(stage)
    write_text_atomic(
        stage / CHECKSUMS, "".join(f"{digest}  {rel}\n" for rel, digest in sums.items())
    )
    summary.seconds["other"] = time.perf_counter() - started
    for path in stage.rglob("*"):  # temporary files are private; downloads are not
        path.chmod(0o755 if path.is_dir() else 0o644)
    stage.chmod(0o755)
    summary.files = {
        p.relative_to(stage).as_posix(): p.stat().st_size
        for p in sorted(stage.rglob("*"))
        if p.is_file()
    }
