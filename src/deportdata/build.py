"""The build: its step graph, clean → export → validate ∥ report, and the steps themselves.

`STEPS` declares the graph: each step names the steps that must have finished before it
starts. Steps whose predecessors are the same run side by side, in one stage (`stages`):
the checks run in a process of their own while the report notebooks run, and a step that
`publishes_after` another publishes its outputs only if that one passed. Which report
notebooks show the check results, and so wait for them, is declared in `NEEDS_CHECKS`
(the clean tables a notebook reads are declared in its own metadata, read by
`deportdata.report.run.reads`).

Imports of pandas, Great Expectations and papermill happen inside the steps, so that the
command line starts fast.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from deportdata.config import Project
from deportdata.errors import DeportdataError
from deportdata.io.layers import need_clean_layer

EXIT_DATA_ERROR = 1

# The report notebooks (file stems in notebooks/) that show the check results
# (reports/validation.json): they start once the checks have finished, only if they
# passed, and rerun when the results change. Every other notebook runs beside the checks.
NEEDS_CHECKS = frozenset({"07-data-quality"})


@dataclass(frozen=True)
class Step:
    name: str
    after: tuple[str, ...] = ()  # the steps that must have finished before this one starts
    publishes_after: tuple[str, ...] = ()  # steps beside it that must pass before it publishes
    doing: str = ""  # what the build is doing meanwhile, for the interruption message


STEPS = (
    Step("clean", doing="clean"),
    Step("export", after=("clean",), doing="export"),
    Step("validate", after=("export",), doing="the checks"),
    Step("report", after=("export",), publishes_after=("validate",), doing="the report notebooks"),
)


def stages(steps: tuple[Step, ...] = STEPS) -> list[tuple[Step, ...]]:
    """The steps in the order they start: each stage holds the steps whose predecessors have
    all finished in earlier stages, in declaration order; the steps of a stage run at once."""
    known = {s.name for s in steps}
    for step in steps:
        for other in (*step.after, *step.publishes_after):
            if other not in known:
                raise ValueError(f"step {step.name!r} waits for an unknown step {other!r}")
    done: set[str] = set()
    left = list(steps)
    out: list[tuple[Step, ...]] = []
    while left:
        ready = [s for s in left if set(s.after) <= done]
        if not ready:
            raise ValueError(f"the steps {[s.name for s in left]} wait for each other (a cycle)")
        for step in ready:
            beside = {s.name for s in ready}
            for other in step.publishes_after:
                if other not in beside:
                    raise ValueError(f"step {step.name!r} publishes after {other!r}, not beside it")
        gating = {name for s in ready for name in s.publishes_after}
        ready.sort(key=lambda s: s.name not in gating)  # a step starts before those it gates
        out.append(tuple(ready))
        done |= {s.name for s in ready}
        left = [s for s in left if s.name not in done]
    return out


def waits_for_checks(notebook: Path) -> bool:
    """Whether a report notebook shows the check results (it is declared in `NEEDS_CHECKS`)."""
    return notebook.stem in NEEDS_CHECKS


# --- the steps ------------------------------------------------------------------------------


def clean(project: Project, *, in_build: bool = False) -> int:
    """Run the clean step; uncoded mentions are listed, and they stop a build."""
    from deportdata.clean.run import run

    summary = run(project)
    print(summary)
    if summary.uncoded:
        print(summary.uncoded_report(), file=sys.stderr)
        if in_build:
            print("build stopped: the checks would fail on mention coverage", file=sys.stderr)
            return EXIT_DATA_ERROR
    return 0


def export(project: Project, *, force: bool = False, staged: list | None = None) -> int:
    """Write reports/data/; in a build (`staged`, a list), into a staging folder appended to
    it, which the report publishes together with its own outputs, or not at all."""
    from deportdata.publish.export import run

    summary = run(project, force=force, staged=staged is not None)
    if summary.staged is not None:
        staged.append((project.data_exports, summary.staged))
    print(summary, flush=True)
    return 0


def validate(project: Project, *, reuse: bool = False) -> int:
    """Run the checks; with `reuse`, say so and stop when they passed on these inputs before."""
    import json

    from deportdata.io import cache

    need_clean_layer(project)
    if reuse and cache.validation_is_current(project):
        summary = json.loads(project.validation_results.read_text(encoding="utf-8"))["summary"]
        print(
            f"validate: unchanged since the last passing run ({sum(s['rules'] for s in summary)} rules); "
            f"Data Docs: {project.rel(project.data_docs / 'index.html')}"
        )
        return 0
    from deportdata.checks.run import run

    status = run(project)
    cache.record_validation(project, failed=1 if status else 0)
    return status


def report(
    project: Project,
    *,
    force: bool = False,
    jobs: int | None = None,
    gate: Callable[[], bool] | None = None,
    stopped: Callable[[], bool] | None = None,
    folders: tuple[tuple[Path, Path], ...] = (),
) -> int:
    """Run the report notebooks. Those that need the checks need their results: built
    already, or (in a build) `gate`, which waits for the checks and says if they passed;
    `stopped` says, without waiting, that they have failed (no more notebooks start).
    `folders` (target, staged folder) are published with the report, or not at all."""
    from deportdata.report.run import notebooks, run

    need_clean_layer(project)
    waiting = any(map(waits_for_checks, notebooks(project)))
    if gate is None and waiting and not project.validation_results.is_file():
        raise DeportdataError(
            "the check results are not built",
            file=project.rel(project.validation_results),
            hint="run 'deportdata validate' first, or 'deportdata build' for everything",
        )
    status = run(
        project,
        force=force,
        jobs=jobs,
        gate=gate,
        stopped=stopped,
        needs_checks=waits_for_checks,
        folders=folders,
    )
    if status == 0 and any(target == project.data_exports for target, _ in folders):
        from deportdata.publish.export import record

        record(project)  # the exports published with the report
    return status


# --- running the graph ----------------------------------------------------------------------


class Started:
    """A step that has started: `wait()` returns its exit status once it has finished."""

    def __init__(self, status: int = 0) -> None:
        self.status = status

    def wait(self) -> int:
        return self.status

    def failed(self) -> bool:
        """Whether it has finished and failed, without waiting."""
        return self.status != 0


class Checks(Started):
    """The checks in a process of their own, under the build's lock, dying with it: its
    imports do not hold up the notebooks, and the notebooks do not wait for it unless they
    show its results."""

    def __init__(self, project: Project) -> None:
        import os
        import subprocess

        from deportdata.io.kernel import die_with_parent
        from deportdata.io.lock import OWNER_ENV

        super().__init__()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "deportdata", "--root", str(project.root), "validate"],
            env={**os.environ, OWNER_ENV: str(os.getpid())},
            preexec_fn=die_with_parent,
        )
        self.finished = False

    def wait(self) -> int:
        from deportdata.io import interrupt

        if not self.finished:
            self.status, self.finished = self.process.wait(), True
            interrupt.published("the check results")
        return self.status

    def failed(self) -> bool:
        return self.process.poll() not in (None, 0) if not self.finished else super().failed()


def _start(
    step: Step,
    project: Project,
    started: dict[str, Started],
    *,
    force: bool,
    jobs: int | None,
    staged: list,
) -> Started:
    """Start one step; the checks beside the report go to the background, the rest run now.
    What the export stages (`staged`) is published by the report, with its own outputs."""
    from deportdata.io import cache

    if step.name == "clean":
        status = clean(project, in_build=True)
        return Started(status or documents(project))
    if step.name == "export":
        return Started(export(project, force=force, staged=staged))
    if step.name == "validate":
        if not force and cache.validation_is_current(project):
            return Started(validate(project, reuse=True))
        return Checks(project)
    if step.name == "report":
        before = [started[name] for name in step.publishes_after]
        return Started(
            report(
                project,
                force=force,
                jobs=jobs,
                gate=lambda: all(s.wait() == 0 for s in before),
                stopped=lambda: any(s.failed() for s in before),
                folders=tuple(staged),
            )
        )
    raise ValueError(f"no way to run the step {step.name!r}")


def build(project: Project, *, force: bool = False, jobs: int | None = None) -> int:
    """Run the graph stage by stage; a failed stage stops the build (the checks failing
    stop the report's publication, and the notebooks that have not started yet)."""
    from deportdata.io import interrupt

    began = time.perf_counter()
    graph = stages()
    started: dict[str, Started] = {}
    staged: list[tuple[Path, Path]] = []  # the exports, published with the report
    status = 0
    try:
        for stage in graph:
            print(f"== {' and '.join(s.name for s in stage)}", flush=True)
            interrupt.phase(" and ".join(s.doing for s in stage))
            for step in stage:
                started[step.name] = _start(
                    step, project, started, force=force, jobs=jobs, staged=staged
                )
            for step in stage:
                status = status or (EXIT_DATA_ERROR if started[step.name].wait() else 0)
            if status and stage is not graph[-1]:
                return status
    finally:  # a build that stops early publishes none of them
        for _, folder in staged:
            shutil.rmtree(folder, ignore_errors=True)
    word = "finished" if status == 0 else "FAILED"
    print(
        f"build {word} in {time.perf_counter() - began:.1f} s: {project.rel(project.reports / 'index.html')}"
    )
    return status


# --- the documents generated from the schema, the rules, the suites and the data -------------


def codebook(project: Project) -> list[str]:
    """Write docs/CODEBOOK.md (every table, column, vocabulary) and docs/RULES.md (every
    check), both or neither; a line per file saying whether it changed."""
    import json

    from deportdata.config import RULE_FILES
    from deportdata.io.files import Transaction
    from deportdata.io.recover import journal
    from deportdata.io.tables import LINE, read_records
    from deportdata.schema.codebook import render, render_rules

    rules = {
        RULE_FILES[kind]: project.rule_file(kind).read_text(encoding="utf-8")
        for kind in ("numbers", "dates")
    }
    suites = {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(project.expectations.glob("*.json"))
    }
    issues = [
        {k: v for k, v in row.items() if k != LINE}
        for row in read_records(project, "known_issues", "raw")
    ]
    outputs = (
        (project.root / "docs" / "CODEBOOK.md", render(rules=rules).encode("utf-8")),
        (project.root / "docs" / "RULES.md", render_rules(suites, issues).encode("utf-8")),
    )
    changed = [(p, d) for p, d in outputs if not (p.is_file() and p.read_bytes() == d)]
    if changed:  # both or neither
        txn = Transaction(journal(project, "codebook"), project.root, label="docs/")
        for path, data in changed:
            txn.add_bytes(path, data)
        txn.commit()
    return [
        f"{project.rel(path)}: {'written' if (path, data) in changed else 'already up to date'}"
        for path, data in outputs
    ]


def citation(project: Project) -> str:
    """Write CITATION.cff from the clean layer (its title, abstract and references say which
    articles the corpus holds); a line saying whether it changed."""
    from deportdata.io.files import Transaction
    from deportdata.io.recover import journal
    from deportdata.publish.citation import FILENAME, render

    path = project.root / FILENAME
    data = render(project.clean).encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return f"{FILENAME}: already up to date"
    txn = Transaction(journal(project, "citation"), project.root, label=FILENAME)
    txn.add_bytes(path, data)
    txn.commit()
    return f"{FILENAME}: written"


def documents(project: Project) -> int:
    """In a build, after the clean step: rewrite what is generated from the rules, the suites
    and the data (docs/CODEBOOK.md, docs/RULES.md, CITATION.cff) where it changed, so that
    they stay true when an article is added or a suite or rule file is edited. They are
    deterministic: a rebuild leaves them byte-identical."""
    lines = [*codebook(project), citation(project)]
    written = [line.split(":")[0] for line in lines if line.endswith(": written")]
    print(f"documents: {', '.join(written) + ' written' if written else 'up to date'}")
    return 0
