"""Reading and writing lesson notebooks: stripping outputs, copying, instructor copies."""

from __future__ import annotations

import copy
import json
import pprint
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from deportdata.config import Project
from deportdata.io.files import write_text_atomic
from deportdata.teaching.lessons import (
    LessonError,
    find,
    instructor_folder,
    lessons,
    number,
    student_folder,
    teaching_folder,
)

# The answer cell of every exercise: the student's line, then the reveal for teachers.
REVEAL = re.compile(
    r"^(?P<name>answer_\d+) = None(?P<comment>[^\n]*)\n+"
    r"if show_solutions:[^\n]*\n\s+(?P=name) = teaching\.solution\(\"(?P<exercise>[\d.]+)\", project\)\s*$"
)

# An answer cell after a student typed into it: its first line assigns answer_K, which is
# exercise N.K of lesson N (tests/test_teaching.py checks that every lesson numbers them so)
TYPED = re.compile(r"^(?P<name>answer_(?P<k>\d+))\s*=")


def answer_cell(source: str, lesson: int | None) -> tuple[str, str] | None:
    """(variable, exercise id) of an answer cell, as committed or with a student's answer typed
    in; None for any other cell."""
    if found := REVEAL.match(source):
        return found["name"], found["exercise"]
    typed = TYPED.match(source)
    return (typed["name"], f"{lesson}.{typed['k']}") if typed and lesson is not None else None


def read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def dumps(nb: dict[str, Any]) -> str:
    """The notebook as JupyterLab writes it (one-space indent, UTF-8 kept), so diffs stay small."""
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def stripped(nb: dict[str, Any]) -> dict[str, Any]:
    """A copy without outputs, execution counts or per-user cell metadata."""
    nb = copy.deepcopy(nb)
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
        for key in ("execution", "collapsed", "scrolled"):
            cell.get("metadata", {}).pop(key, None)
    nb.get("metadata", {}).pop("widgets", None)
    return nb


def _source(text: str) -> list[str]:
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + [lines[-1]]


def reset(project: Project) -> list[Path]:
    """Strip outputs from every lesson and remove JupyterLab's checkpoints; the lessons changed.

    Answers a student typed stay; `make reset-teaching` also restores the committed text."""
    changed = []
    for checkpoints in teaching_folder(project).rglob(".ipynb_checkpoints"):
        shutil.rmtree(checkpoints, ignore_errors=True)
    for path in lessons(project):
        nb = read(path)
        if (clean := stripped(nb)) != nb:
            write_text_atomic(path, dumps(clean))
            changed.append(path)
    return changed


def copy_lesson(project: Project, which: str, *, force: bool = False) -> Path:
    """A student's own copy of a lesson, without outputs, in my-lessons/ (runnable there)."""
    source = find(project, which)
    target = student_folder(project) / source.name
    if target.exists() and not force:
        raise LessonError(
            f"{project.rel(target)} exists and may hold your answers; open it, or copy again "
            "with --force to start over (the old copy is kept as .bak)"
        )
    if target.exists():
        shutil.copy2(target, target.with_suffix(".ipynb.bak"))
    write_text_atomic(target, dumps(stripped(read(source))))
    return target


def instructor_copy(
    nb: dict[str, Any], project: Project, lesson: int | None = None
) -> dict[str, Any]:
    """The lesson (number `lesson`) with every answer written in, with what it means, from the
    package; an answer a student typed into the lesson is replaced too."""
    from deportdata import teaching

    nb = stripped(nb)
    for cell in nb["cells"]:
        if "parameters" in cell.get("metadata", {}).get("tags", []):  # any other answer form too
            text = "".join(cell["source"])
            cell["source"] = _source(
                re.sub(r"(?m)^show_solutions = False", "show_solutions = True", text)
            )
        found = (
            answer_cell("".join(cell["source"]), lesson) if cell["cell_type"] == "code" else None
        )
        if found and found[1] in teaching.EXERCISES:
            name, exercise_id = found
            exercise = teaching.EXERCISES[exercise_id]
            expected = exercise.solve(project)
            cell["source"] = _source(
                f"# Instructor copy: the answer, derived from the data by the package.\n"
                f"# {exercise.explain(expected)}\n"
                f"{name} = "
                + pprint.pformat(
                    teaching.solution(exercise_id, project), width=88, sort_dicts=False
                )
            )
    banner = {
        "cell_type": "markdown",
        "id": "instructor-copy",
        "metadata": {},
        "source": _source(
            "> **Instructor copy, with the answers.** Generated by `deportdata build` (or "
            "`deportdata lesson solutions`) from the lesson in `notebooks/teaching/`; do not "
            "hand it out. Students work on the lesson itself or on their own copy "
            "(`deportdata lesson copy N`). See docs/TEACHING.md."
        ),
    }
    nb["cells"].insert(1, banner)
    return nb


def write_instructor_copies(project: Project) -> list[Path]:
    """reports/teaching/NN-slug-solutions.ipynb for every lesson; the files written."""
    folder = instructor_folder(project)
    written = []
    for path in lessons(project):
        target = folder / f"{path.stem}-solutions.ipynb"
        solved = instructor_copy(read(path), project, number(path))
        write_text_atomic(target, dumps(solved))
        written.append(target)
    return written


def command(
    project: Project, action: str, lesson: str | None = None, *, force: bool = False
) -> Iterator[str]:
    """`deportdata lesson ACTION`: list the lessons, copy one for a student, reset them, or
    write the instructor copies; yields the lines to print."""
    if action == "list":
        for path in lessons(project):
            yield f"  {number(path)}  {project.rel(path)}"
    elif action == "copy":
        if not lesson:
            raise LessonError("say which lesson to copy, e.g. deportdata lesson copy 1")
        target = copy_lesson(project, lesson, force=force)
        yield f"your copy: {project.rel(target)} (open it in JupyterLab; it is yours to save)"
    elif action == "reset":
        changed = reset(project)
        yield f"lessons reset: {len(changed)} had outputs, now stripped; checkpoints removed"
    elif action == "solutions":
        for path in write_instructor_copies(project):
            yield f"  {project.rel(path)}"
    else:
        raise LessonError(f"no lesson action {action!r}: list, copy, reset or solutions")
