"""Report step: run the notebooks with papermill, in parallel, skipping unchanged ones.

Each notebook writes its figures and tables into a staging folder; they replace the
files in reports/ only when the notebook succeeds, so a failure keeps the previous
outputs. A notebook is rerun only when its inputs changed: its source, the clean
tables it reads, its parameters, the package code, or the validation results.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from deportdata.checks.outputs import CheckOutputs
from deportdata.config import KERNEL_NAME, KERNEL_TRANSPORT, Project
from deportdata.errors import Exit
from deportdata.io import cache
from deportdata.io.files import Transaction, remove_stale_stages, stage_folder
from deportdata.io.recover import journal
from deportdata.report.published import html, publishable

_PRINT = threading.Lock()


def say(line: str) -> None:
    """One progress line, whole, even when several notebooks finish at once."""
    with _PRINT:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


@dataclass
class NotebookRun:
    name: str
    status: str = "pending"  # ran, skipped, failed
    seconds: float = 0.0
    outputs: list[str] = field(default_factory=list)  # relative to reports/
    message: str = ""
    digest: str = ""  # of the inputs it ran on


def notebooks(project: Project) -> list[Path]:
    """The report notebooks, in name order (teaching notebooks are run by the tests)."""
    return sorted(project.notebooks.glob("*.ipynb"))


def reads(notebook: Path) -> list[str] | None:
    """The clean tables a notebook reads: those its `notebook.load_tables` call names, else
    those its metadata declares (deportdata.reads); None = all."""
    from deportdata.report.notebook import tables_read

    found = tables_read(notebook)
    if found is not None:
        return found
    meta = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {})
    return meta.get("deportdata", {}).get("reads")


def input_hash(
    project: Project, notebook: Path, parameters: dict, *, validation: Path | None = None
) -> str:
    """Hash of everything the notebook's outputs depend on (the check results `validation`
    too, for a notebook that shows them)."""
    from deportdata.schema import load_schema

    tables = reads(notebook)
    schema = load_schema()
    names = tables if tables is not None else [t.name for t in schema.layer("clean")]
    data = [project.clean / schema.table("clean", n).path for n in names]
    if tables is None or "articles" in tables:
        data += sorted(project.clean_articles.glob("*.txt"))
    return cache.digest(
        [notebook, *data, *cache.package_files(), *([validation] if validation else [])],
        json.dumps(parameters, sort_keys=True),
    )


def _outputs_intact(project: Project, record: dict) -> bool:
    return all(
        (project.reports / rel).is_file()
        and hashlib.sha256((project.reports / rel).read_bytes()).hexdigest() == digest
        for rel, digest in record.get("outputs", {}).items()
    )


def execute(project: Project, notebook: Path, parameters: dict) -> tuple[NotebookRun, Path]:
    """Run one notebook into a staging folder under reports/; nothing in reports/ changes yet."""
    from deportdata.runtime.quickimport import jsonschema_without_iri_grammar

    jsonschema_without_iri_grammar()  # before papermill imports nbformat, and it jsonschema
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError
    from traitlets.config import Config

    from deportdata.runtime.kernels import DyingKernelManager

    run = NotebookRun(notebook.stem)
    started = time.perf_counter()
    stage = stage_folder(project.reports, ".stage-", notebook.stem)
    executed = stage / f"{notebook.stem}.ipynb"
    # Local sockets for the kernel, in a short folder of its own (socket paths are limited to
    # about 100 bytes, and notebooks running at once must not pick the same names).
    sockets = Path(tempfile.mkdtemp(prefix="deportdata-kernel-"))
    kernel = {"transport": KERNEL_TRANSPORT}
    if KERNEL_TRANSPORT == "ipc":
        kernel["ip"] = str(sockets / "ipc")
    try:
        pm.execute_notebook(
            str(notebook),
            str(executed),
            # absolute folders, and no `cwd`: papermill's cwd is a chdir of the whole process,
            # which notebooks running at once in threads would race on (a kernel could start
            # in another folder); the published copy shows the folders relative to notebooks/
            parameters={
                **parameters,
                "project_root": str(project.root.resolve()),
                "output_dir": str(stage),
            },
            kernel_name=KERNEL_NAME,
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            kernel_manager_class=DyingKernelManager,  # a kernel dies with the build
            # the kernel's log level (critical only) is in its kernelspec (tools/setup-env.sh)
            config=Config({"KernelManager": kernel}),
        )
        text = publishable(executed.read_text(encoding="utf-8"), project, stage)
        executed.write_text(text, encoding="utf-8")
        (stage / f"{notebook.stem}.html").write_text(html(text), encoding="utf-8")
        run.status = "ran"
    except PapermillExecutionError as exc:
        run.status = "failed"
        run.message = f"cell {exc.cell_index} of the executed notebook: {exc.ename}: {exc.evalue}"
        if exc.ename != "DeportdataError":  # it names its file, line and column already
            run.message += data_problem(project, notebook)
    except Exception as exc:  # kernel died, bad notebook JSON, ...
        run.status = "failed"
        run.message = f"{type(exc).__name__}: {exc}"
    finally:
        shutil.rmtree(sockets, ignore_errors=True)
    run.message = publishable(run.message, project, stage)
    if run.status == "failed" and executed.is_file():
        _write_executed(project, executed, suffix=".failed")
    run.seconds = time.perf_counter() - started
    return run, stage


def data_problem(project: Project, notebook: Path) -> str:
    """When a notebook fails, the first cell of the clean tables it reads that a typed read
    refuses (a date or a number out of bounds, a cell of the wrong type), as '; bad data:
    <file>:<line>: column <name>: ...', so that a failure bad data caused names its table, row
    and column; empty when every table it reads is sound."""
    from deportdata.errors import DeportdataError
    from deportdata.io.tables import read_table
    from deportdata.schema import load_schema

    names = reads(notebook) or [t.name for t in load_schema().layer("clean")]
    for name in names:
        try:
            read_table(project, name)
        except DeportdataError as error:
            first = getattr(error, "errors", [error])[0]
            return f"; bad data: {first}"
    return ""


def publish(
    project: Project,
    runs: list[NotebookRun],
    stages: dict[str, Path],
    folders: tuple[tuple[Path, Path], ...] = (),
    checks: CheckOutputs | None = None,
) -> None:
    """Move the figures, tables and executed copies of every notebook that ran from their
    stages into reports/, with a new index.html, the `folders` built beside them (target,
    staged folder: a build's reports/data/) and the `checks` a build staged: all of them
    together, or none (a `Transaction`). Files whose content is unchanged are left alone."""
    from deportdata.report.site import index_html

    ran = [r for r in runs if r.status == "ran"]
    txn = Transaction(
        journal(project, "report"), project.root, label=f"the report ({len(ran)} notebooks)"
    )
    pending = set()
    for run in ran:
        stage = stages[run.name]
        items = [
            (f"{kind}/{path.name}", path)
            for kind in ("figures", "tables")
            for path in sorted((stage / kind).glob("*"))
        ]
        run.outputs.extend(rel for rel, _ in items)
        items += [
            (f"notebooks/{run.name}{ext}", stage / f"{run.name}{ext}")
            for ext in (".ipynb", ".html")
        ]
        for rel, path in items:
            data, target = path.read_bytes(), project.reports / rel
            pending.add(rel)
            if not (target.is_file() and target.read_bytes() == data):
                txn.add_bytes(target, data)
    exports = dict(folders).get(project.data_exports)
    page = index_html(project, runs, pending, exports, checks).encode("utf-8")
    for target, staged in folders:
        txn.add_directory(target, staged)
    if checks is not None:
        checks.add_to(txn, project)
    txn.add_bytes(project.reports / "index.html", page)
    txn.commit()


def failed_copies(project: Project) -> Path:
    """Where the executed copy of a failed notebook goes: beside the build's state, never into
    reports/, which a failed build leaves exactly as the previous build left it."""
    return project.build_state / "failed"


def _write_executed(project: Project, executed: Path, suffix: str = "") -> None:
    """The executed copy and its HTML rendering, in `failed_copies` (for failed runs), with no
    machine paths."""
    from deportdata.io.files import write_text_atomic

    folder = failed_copies(project)
    text = publishable(executed.read_text(encoding="utf-8"), project, executed.parent)
    write_text_atomic(folder / f"{executed.stem}{suffix}.ipynb", text)
    write_text_atomic(folder / f"{executed.stem}{suffix}.html", html(text))


def run(
    project: Project,
    *,
    force: bool = False,
    jobs: int | None = None,
    parameters: dict | None = None,
    gate: Callable[[], bool] | None = None,
    stopped: Callable[[], bool] | None = None,
    needs_checks: Callable[[Path], bool],
    folders: tuple[tuple[Path, Path], ...] = (),
    checks: Callable[[], CheckOutputs | None] | None = None,
) -> int:
    """Run every report notebook that needs it, then write reports/index.html.

    `gate` blocks until the checks have finished and says whether they passed: the
    notebooks that show the check results (`needs_checks`, declared in deportdata.build)
    start after it, and no notebook's outputs reach reports/ unless it passed (so
    `build` can run the checks and the other notebooks at once). `stopped` says, without
    waiting, that the checks have already failed: a notebook not started by then is not
    started (its outputs could not be published). `checks`, once `gate` has passed, gives
    the check results a build staged (None: the published ones): the notebooks that show
    them read those, and they are published with the report's outputs.
    """
    parameters = parameters or {}
    gate = gate or (lambda: True)
    checks = checks or (lambda: None)
    stopped = stopped or (lambda: False)
    if project.reports.is_dir():  # left by a run that was killed (never a live one's)
        remove_stale_stages(project.reports, ".stage-")
    state = cache.load(project, "report")
    stages: dict[str, Path] = {}
    todo = sorted(notebooks(project), key=lambda nb: (needs_checks(nb), nb.name))
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))

    def one(nb: Path) -> NotebookRun:
        if stopped() or (needs_checks(nb) and not gate()):
            return NotebookRun(nb.stem, "blocked", message="the checks did not pass")
        shown, extra = None, {}
        if needs_checks(nb):
            staged = checks()
            shown = staged.results if staged else project.validation_results
            extra = {"validation_results": str(staged.results)} if staged else {}
        digest = input_hash(project, nb, parameters, validation=shown)
        record = state.get(nb.stem, {})
        if not force and record.get("inputs") == digest and _outputs_intact(project, record):
            say(f"  skip   {nb.stem} (inputs unchanged)")
            return NotebookRun(
                nb.stem, "skipped", outputs=sorted(record.get("outputs", {})), digest=digest
            )
        say(f"  start  {nb.stem}")
        result, stages[nb.stem] = execute(project, nb, {**parameters, **extra})
        if result.status == "ran" and not gate():
            result.status, result.message = "blocked", "the checks did not pass"
        word = {"ran": "done  ", "failed": "FAILED"}.get(result.status, result.status)
        say(
            f"  {word} {nb.stem} ({result.seconds:.1f} s){': ' + result.message if result.message else ''}"
        )
        result.digest = digest
        return result

    runs: dict[str, NotebookRun] = {}
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for result in pool.map(one, todo):
                runs[result.name] = result
        broken = any(r.status == "failed" for r in runs.values())
        # nothing is published before the checks have passed (even when every notebook was
        # unchanged and none waited for them)
        blocked = any(r.status == "blocked" for r in runs.values()) or not (broken or gate())
        reason = "the checks did not pass" if blocked else "another notebook failed"
        if blocked or broken:  # reports/ stays as it was: nothing of this run is published
            for r in runs.values():
                if r.status == "ran":
                    r.status, r.message = "blocked", reason
        else:
            publish(project, [runs[k] for k in sorted(runs)], stages, folders, checks())
    finally:
        for stage in [*stages.values(), *(staged for _, staged in folders)]:
            shutil.rmtree(stage, ignore_errors=True)
    for result in runs.values():
        if result.status == "ran":
            outputs = {
                rel: hashlib.sha256((project.reports / rel).read_bytes()).hexdigest()
                for rel in result.outputs
            }
            state[result.name] = {"inputs": result.digest, "outputs": outputs}
        elif result.status != "skipped":
            state.pop(result.name, None)
    cache.save(project, "report", state)
    failed = [r for r in runs.values() if r.status in ("failed", "blocked")]
    ran = sum(r.status == "ran" for r in runs.values())
    if blocked or broken:
        print(f"report: 0 published, {len(failed)} not published because {reason}")
    else:
        from deportdata.teaching.notebooks import write_instructor_copies

        copies = write_instructor_copies(project)  # the lessons with their answers, for teachers
        print(f"report: {len(copies)} instructor copies of the lessons in reports/teaching/")
        index = project.reports / "index.html"
        print(
            f"report: {ran} run, {len(runs) - ran - len(failed)} unchanged, {len(failed)} failed; "
            f"open {project.rel(index)}"
        )
    for r in failed:
        copy = failed_copies(project) / f"{r.name}.failed.html"
        where = f"; see {project.rel(copy)}" if r.status == "failed" else ""
        print(
            f"notebook {r.name} {r.status} ({r.message}); previous outputs kept{where}",
            file=sys.stderr,
        )
    return Exit.FAILED if failed else Exit.OK
