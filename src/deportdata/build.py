"""The build: its step graph, clean → export → validate ∥ report, and the steps themselves.

`STEPS` declares the graph: each step carries the function that starts it and names the
steps that must have finished before it starts. Steps whose predecessors are the same run
side by side, in one stage (`stages`): the checks run in a thread of this process while
the report notebooks run in kernels of their own, and a step that `publishes_after`
another publishes its outputs only if that one passed. Which report notebooks show the
check results, and so wait for them, is declared in `NEEDS_CHECKS` (the clean tables a
notebook reads are declared in its own metadata, read by `deportdata.report.run.reads`).

What the export and the checks build is staged and published with the report's outputs,
in one transaction, or not at all: a failed notebook leaves reports/ as it was. Failed
checks publish their own results alone, so that a reviewer sees what failed.

Imports of pandas, Great Expectations and papermill happen inside the steps, so that the
command line starts fast.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from deportdata.config import Project
from deportdata.errors import DeportdataError, Exit
from deportdata.io.layers import need_clean_layer

# The report notebooks (file stems in notebooks/) that show the check results
# (reports/validation.json): they start once the checks have finished, only if they
# passed, and rerun when the results change. Every other notebook runs beside the checks.
NEEDS_CHECKS = frozenset({"07-data-quality"})


def waits_for_checks(notebook: Path) -> bool:
    """Whether a report notebook shows the check results (it is declared in `NEEDS_CHECKS`)."""
    return notebook.stem in NEEDS_CHECKS


# --- the steps, as commands run them ----------------------------------------------------------


def clean(project: Project, *, in_build: bool = False) -> int:
    """Run the clean step; uncoded mentions are listed, and they stop a build."""
    from deportdata.clean.run import run

    summary = run(project)
    print(summary)
    if summary.uncoded:
        print(summary.uncoded_report(), file=sys.stderr)
        if in_build:
            print("build stopped: the checks would fail on mention coverage", file=sys.stderr)
            return Exit.FAILED
    return Exit.OK


def documents(project: Project) -> None:
    """Rewrite docs/CODEBOOK.md, docs/RULES.md and CITATION.cff where they changed."""
    from deportdata.publish.documents import documents as write

    write(project)


def export(project: Project, *, force: bool = False, staged: list | None = None) -> int:
    """Write reports/data/; in a build (`staged`, a list), into a staging folder appended to
    it, which the report publishes together with its own outputs, or not at all."""
    from deportdata.publish.export import run

    summary = run(project, force=force, staged=staged is not None)
    if summary.staged is not None:
        staged.append((project.data_exports, summary.staged))
    print(summary, flush=True)
    return Exit.OK


def validate(project: Project, *, reuse: bool = False) -> int:
    """Run the checks and publish their results; with `reuse`, say so and stop when they
    passed on these inputs before."""
    import json

    from deportdata.io import cache

    need_clean_layer(project)
    if reuse and cache.validation_is_current(project):
        summary = json.loads(project.validation_results.read_text(encoding="utf-8"))["summary"]
        print(
            f"validate: unchanged since the last passing run ({sum(s['rules'] for s in summary)} rules); "
            f"Data Docs: {project.rel(project.data_docs / 'index.html')}"
        )
        return Exit.OK
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
    checks: Callable[[], object | None] | None = None,
) -> int:
    """Run the report notebooks. Those that need the checks need their results: built
    already, or (in a build) `gate`, which waits for the checks and says if they passed;
    `stopped` says, without waiting, that they have failed (no more notebooks start).
    `folders` (target, staged folder) and the staged `checks` are published with the
    report, or not at all."""
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
        checks=checks,
    )
    if status == 0 and any(target == project.data_exports for target, _ in folders):
        from deportdata.publish.export import record

        record(project)  # the exports published with the report
    return status


# --- a build: the graph and its run -----------------------------------------------------------


@dataclass
class Build:
    """One build: its project and options, the steps started so far, and what the export
    staged to be published with the report (target, staged folder)."""

    project: Project
    force: bool = False
    jobs: int | None = None
    started: dict[str, Started] = field(default_factory=dict)
    staged: list[tuple[Path, Path]] = field(default_factory=list)


class Started:
    """A step that has started: `wait()` returns its exit status once it has finished;
    `settle` runs once its stage is over (`published`: whether the report published)."""

    def __init__(self, status: int = 0) -> None:
        self.status = status

    def wait(self) -> int:
        return self.status

    def failed(self) -> bool:
        """Whether it has finished and failed, without waiting."""
        return self.status != 0

    def staged(self):
        """What it built for the report to publish with its outputs (None by default)."""
        return None

    def settle(self, build: Build, published: bool) -> None:
        """What the step does once the report has published, or not (nothing by default)."""

    def discard(self, build: Build) -> None:
        """Remove what it staged and did not publish (nothing by default)."""


class Checks(Started):
    """The checks in a thread of this process, beside the report notebooks (which run in
    kernels of their own, so neither holds up the other): their results are staged, and
    published with the report's outputs; when they fail, alone."""

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.outputs = None  # checks.outputs.CheckOutputs, once staged
        self.error: BaseException | None = None
        self.done = threading.Event()
        threading.Thread(target=self._run, args=(project,), name="checks", daemon=True).start()

    def _run(self, project: Project) -> None:
        from deportdata.checks.run import stage

        try:
            self.status, self.outputs = stage(project)
        except BaseException as error:  # raised again where the build waits for the checks
            self.status, self.error = Exit.FAILED, error
        finally:
            self.done.set()

    def wait(self) -> int:
        self.done.wait()
        if self.error is not None:
            raise self.error
        return self.status

    def failed(self) -> bool:
        return self.done.is_set() and self.status != 0

    def staged(self):
        """The staged check results (after `wait`), for the report to show and publish."""
        return self.outputs

    def settle(self, build: Build, published: bool) -> None:
        """Failed checks publish their results alone; passing ones were published with the
        report, or not at all (a notebook failed). Recorded as current only once published."""
        from deportdata.io import cache
        from deportdata.runtime import interrupt

        if self.outputs is None:
            return
        try:
            if self.status != 0:
                self.outputs.publish(build.project)
                interrupt.published("the check results")
                print("validate: the results of the failed checks are published", flush=True)
            if self.status != 0 or published:
                cache.record_validation(build.project, failed=1 if self.status else 0)
        finally:
            self.discard(build)

    def discard(self, build: Build) -> None:
        if self.outputs is not None:
            self.outputs.discard(build.project)


def _clean(build: Build) -> Started:
    status = clean(build.project, in_build=True)
    if status == 0:
        documents(build.project)
    return Started(status)


def _export(build: Build) -> Started:
    return Started(export(build.project, force=build.force, staged=build.staged))


def _validate(build: Build) -> Started:
    from deportdata.io import cache

    if not build.force and cache.validation_is_current(build.project):
        return Started(validate(build.project, reuse=True))
    return Checks(build.project)


def _report(build: Build) -> Started:
    before = [build.started[name] for name in STEP["report"].publishes_after]
    return Started(
        report(
            build.project,
            force=build.force,
            jobs=build.jobs,
            gate=lambda: all(s.wait() == 0 for s in before),
            stopped=lambda: any(s.failed() for s in before),
            folders=tuple(build.staged),
            checks=lambda: next(filter(None, (s.staged() for s in before)), None),
        )
    )


@dataclass(frozen=True)
class Step:
    name: str
    after: tuple[str, ...] = ()  # the steps that must have finished before this one starts
    publishes_after: tuple[str, ...] = ()  # steps beside it that must pass before it publishes
    doing: str = ""  # what the build is doing meanwhile, for the interruption message
    start: Callable[[Build], Started] | None = None  # starts the step in a build

    def begin(self, build: Build) -> Started:
        if self.start is None:
            raise ValueError(f"the step {self.name!r} has no way to run")
        return self.start(build)


STEPS = (
    Step("clean", doing="clean", start=_clean),
    Step("export", after=("clean",), doing="export", start=_export),
    Step("validate", after=("export",), doing="the checks", start=_validate),
    Step(
        "report",
        after=("export",),
        publishes_after=("validate",),
        doing="the report notebooks",
        start=_report,
    ),
)
STEP = {s.name: s for s in STEPS}


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


def build(project: Project, *, force: bool = False, jobs: int | None = None) -> int:
    """Run the graph stage by stage; a failed stage stops the build (the checks failing
    stop the report's publication, and the notebooks that have not started yet)."""
    from deportdata.runtime import interrupt

    began = time.perf_counter()
    graph = stages()
    run = Build(project, force=force, jobs=jobs)
    status = Exit.OK
    try:
        for stage in graph:
            print(f"== {' and '.join(s.name for s in stage)}", flush=True)
            interrupt.phase(" and ".join(s.doing for s in stage))
            for step in stage:
                run.started[step.name] = step.begin(run)
            for step in stage:
                status = status or (Exit.FAILED if run.started[step.name].wait() else Exit.OK)
            for step in stage:
                run.started[step.name].settle(run, published=status == Exit.OK)
            if status and stage is not graph[-1]:
                return status
    finally:  # a build that stops early publishes none of them
        for _, folder in run.staged:
            shutil.rmtree(folder, ignore_errors=True)
        for started in run.started.values():
            started.discard(run)
    word = "finished" if status == 0 else "FAILED"
    print(
        f"build {word} in {time.perf_counter() - began:.1f} s: {project.rel(project.reports / 'index.html')}"
    )
    return status
