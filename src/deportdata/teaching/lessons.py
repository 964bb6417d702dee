"""The lessons in notebooks/teaching/: finding them, students' own copies, instructor copies.

Every lesson is a notebook named `NN-slug.ipynb`; nothing here knows how many there are.
"""

from __future__ import annotations

from pathlib import Path

from deportdata.config import Project
from deportdata.errors import DeportdataError

MY_LESSONS = "my-lessons"  # students' copies, in the project folder (git-ignored)


class LessonError(DeportdataError):
    """A lesson that does not exist, or a copy that would overwrite a student's work."""


def teaching_folder(project: Project) -> Path:
    return project.notebooks / "teaching"


def lessons(project: Project) -> list[Path]:
    """The lesson notebooks, in order (checkpoint folders and other hidden files skipped)."""
    return sorted(
        p for p in teaching_folder(project).glob("[0-9]*-*.ipynb") if not p.name.startswith(".")
    )


def number(path: Path) -> int:
    """'03-breaking-a-total.ipynb' → 3."""
    return int(path.name.split("-", 1)[0])


def find(project: Project, which: str) -> Path:
    """A lesson by number ("3", "03") or by name ("03-breaking-a-total")."""
    found = lessons(project)
    for path in found:
        if which in (path.stem, path.name) or (which.isdigit() and int(which) == number(path)):
            return path
    listing = ", ".join(f"{number(p)} ({p.stem})" for p in found) or "none"
    raise LessonError(f"there is no lesson {which!r}; the lessons are: {listing}")


def student_folder(project: Project) -> Path:
    return project.root / MY_LESSONS


def instructor_folder(project: Project) -> Path:
    return project.reports / "teaching"
