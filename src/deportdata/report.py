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
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from deportdata import cache
from deportdata.files import write_bytes_atomic, write_text_atomic
from deportdata.paths import KERNEL_NAME, KERNEL_TRANSPORT, Project

EXIT_FAILED = 1
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
    """The clean tables a notebook declares it reads (metadata deportdata.reads); None = all."""
    meta = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {})
    return meta.get("deportdata", {}).get("reads")


def input_hash(project: Project, notebook: Path, parameters: dict) -> str:
    """Hash of everything the notebook's outputs depend on."""
    from deportdata.schema import load_schema

    tables = reads(notebook)
    schema = load_schema()
    names = tables if tables is not None else [t.name for t in schema.layer("clean")]
    data = [project.clean / schema.table("clean", n).path for n in names]
    if tables is None or "articles" in tables:
        data += sorted(project.clean_articles.glob("*.txt"))
    validation = [project.validation_results] if notebook.stem.endswith("quality") else []
    return cache.digest(
        [notebook, *data, *cache.package_files(), *validation],
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
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError
    from traitlets.config import Config

    run = NotebookRun(notebook.stem)
    started = time.perf_counter()
    project.reports.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".stage-{notebook.stem}-", dir=project.reports))
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
            parameters={
                **parameters,
                "project_root": os.path.relpath(project.root, project.notebooks),
                "output_dir": str(stage),
            },
            kernel_name=KERNEL_NAME,
            cwd=str(project.notebooks),
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            # the kernel's log level (errors only) is in its kernelspec (tools/setup-env.sh)
            config=Config({"KernelManager": kernel}),
        )
        run.status = "ran"
    except PapermillExecutionError as exc:
        run.status = "failed"
        run.message = f"cell {exc.cell_index} of the executed notebook: {exc.ename}: {exc.evalue}"
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


def publish(project: Project, run: NotebookRun, stage: Path) -> None:
    """Move a successful run's figures, tables and executed copy from its stage into reports/."""
    for kind in ("figures", "tables"):
        for path in sorted((stage / kind).glob("*")):
            write_bytes_atomic(project.reports / kind / path.name, path.read_bytes())
            run.outputs.append(f"{kind}/{path.name}")
    _write_executed(project, stage / f"{run.name}.ipynb")


def publishable(text: str, project: Project, stage: Path) -> str:
    """`text` with the machine's folders replaced by paths relative to notebooks/ (where the
    notebooks run): the staging folder becomes ../reports, the project folder "..". What is
    published names no build machine, user or temporary folder."""
    rel = os.path.relpath(project.reports, project.notebooks)
    for folder, shown in (
        (stage.resolve(), rel),
        (stage, rel),
        (project.notebooks.resolve(), "."),
        (project.root.resolve(), ".."),
        (project.root, ".."),
    ):
        text = text.replace(json.dumps(str(folder))[1:-1], shown).replace(str(folder), shown)
    return text


def _write_executed(project: Project, executed: Path, suffix: str = "") -> None:
    """The executed copy and its HTML rendering, in reports/notebooks/, with no machine paths."""
    import nbformat
    from nbconvert import HTMLExporter

    folder = project.executed_notebooks
    folder.mkdir(parents=True, exist_ok=True)
    text = publishable(executed.read_text(encoding="utf-8"), project, executed.parent)
    write_text_atomic(folder / f"{executed.stem}{suffix}.ipynb", text)
    node = nbformat.reads(text, as_version=4)
    html, _ = HTMLExporter(template_name="lab").from_notebook_node(node)
    write_text_atomic(folder / f"{executed.stem}{suffix}.html", offline_html(html))


# nbconvert's page loads require.js (for widgets) and MathJax (for LaTeX) from a CDN; the
# reports have neither widgets nor formulas, and must open without a network, so both go.
# (Mermaid is loaded only by pages that hold a diagram.)
CDN_SCRIPT = re.compile(r'<script[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>\n?')


def offline_html(html: str) -> str:
    """An executed notebook's HTML without the scripts it would fetch from the network."""
    return CDN_SCRIPT.sub("", html)


def reads_validation(notebook: Path) -> bool:
    """Notebooks that show the check results (their name ends in "quality")."""
    return notebook.stem.endswith("quality")


def run(
    project: Project,
    *,
    force: bool = False,
    jobs: int | None = None,
    parameters: dict | None = None,
    gate: Callable[[], bool] | None = None,
) -> int:
    """Run every report notebook that needs it, then write reports/index.html.

    `gate` blocks until the checks have finished and says whether they passed: notebooks
    that show the check results start after it, and no notebook's outputs reach reports/
    unless it passed (so `build` can run the checks and the other notebooks at once).
    """
    from deportdata.site import write_index

    parameters = parameters or {}
    gate = gate or (lambda: True)
    for stale in project.reports.glob(".stage-*"):  # left by a run that was killed
        shutil.rmtree(stale, ignore_errors=True)
    state = cache.load(project, "report")
    todo = sorted(notebooks(project), key=lambda nb: (reads_validation(nb), nb.name))
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))

    def one(nb: Path) -> NotebookRun:
        if reads_validation(nb) and not gate():
            return NotebookRun(nb.stem, "blocked", message="the checks failed")
        digest = input_hash(project, nb, parameters)
        record = state.get(nb.stem, {})
        if not force and record.get("inputs") == digest and _outputs_intact(project, record):
            say(f"  skip   {nb.stem} (inputs unchanged)")
            return NotebookRun(
                nb.stem, "skipped", outputs=sorted(record.get("outputs", {})), digest=digest
            )
        say(f"  start  {nb.stem}")
        result, stage = execute(project, nb, parameters)
        try:
            if result.status == "ran":
                if gate():
                    publish(project, result, stage)
                else:
                    result.status, result.message = "blocked", "the checks failed"
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        word = {"ran": "done  ", "failed": "FAILED"}.get(result.status, result.status)
        say(
            f"  {word} {nb.stem} ({result.seconds:.1f} s){': ' + result.message if result.message else ''}"
        )
        result.digest = digest
        return result

    runs: dict[str, NotebookRun] = {}
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for result in pool.map(one, todo):
            runs[result.name] = result
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
    if any(r.status == "blocked" for r in failed):  # the checks failed: reports/ stays as it was
        print(f"report: {ran} published, {len(failed)} not published because the checks failed")
    else:
        from deportdata.lessons.notebooks import write_instructor_copies

        copies = write_instructor_copies(project)  # the lessons with their answers, for teachers
        print(f"report: {len(copies)} instructor copies of the lessons in reports/teaching/")
        index = write_index(project, [runs[k] for k in sorted(runs)])
        print(
            f"report: {ran} run, {len(runs) - ran - len(failed)} unchanged, {len(failed)} failed; "
            f"open {project.rel(index)}"
        )
    for r in failed:
        where = f"; see reports/notebooks/{r.name}.failed.html" if r.status == "failed" else ""
        print(
            f"notebook {r.name} {r.status} ({r.message}); previous outputs kept{where}",
            file=sys.stderr,
        )
    return EXIT_FAILED if failed else 0
