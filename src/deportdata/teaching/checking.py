"""Checking a student's answer: the exercise type, the friendly check, and the readers of
answers shared by the lessons (dates, counts, pairs).

`check` prints "✓ Correct: ..." or "✗ Not yet: <what is off>", says "not answered yet"
while an answer is still None, and never raises, so a notebook with blank answers runs to
the end. The answer keys are in one module per lesson; `deportdata.teaching` gathers them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd

from deportdata.config import Project
from deportdata.io.load import load_table

Judge = Callable[[Any, Any, Project], "str | None"]  # (answer, expected, project) -> hint


class Hint(ValueError):
    """An answer a judge cannot read; its message is the hint, shown as it is."""


@dataclass(frozen=True)
class Exercise:
    """One exercise: its title, how its answer is derived, how an answer is judged."""

    title: str
    solve: Callable[[Project], Any]
    judge: Judge  # a hint saying what is off, or None when the answer is right
    explain: Callable[[Any], str]  # what the right answer means
    shape: Callable[[Any], Any] = lambda expected: expected  # expected → as a student writes it


def check(
    keys: Mapping[str, Exercise], exercise: str, answer: Any, project: Project | None = None
) -> bool:
    """Print whether `answer` solves `exercise` ("1.2") of the answer `keys`, with a hint if
    not; True when right. Never raises on a student's answer."""
    if exercise not in keys:
        print(f"✗ There is no exercise {exercise!r}; the exercises are {', '.join(keys)}.")
        return False
    ex = keys[exercise]
    if answer is None:
        print(
            f"… Exercise {exercise} ({ex.title}) is not answered yet: replace None with your "
            "answer and run the cell again."
        )
        return False
    project = project or Project.find()
    expected = ex.solve(project)
    try:
        hint = ex.judge(answer, expected, project)
    except Hint as exc:
        hint = str(exc)
    except Exception as exc:  # a student's answer of an unexpected shape is a hint, never a crash
        hint = f"could not read that answer ({type(exc).__name__}: {exc})."
    if hint is None:
        print(f"✓ Correct ({exercise}): {ex.explain(expected)}")
        return True
    print(f"✗ Not yet ({exercise}): {hint}")
    return False


def solution(keys: Mapping[str, Exercise], exercise: str, project: Project | None = None) -> Any:
    """The answer to an exercise as a student would write it, derived from the data."""
    ex = keys[exercise]
    return ex.shape(ex.solve(project or Project.find()))


# ---------------------------------------------------------------- reading answers and rows


def table_row(table: str, key: str, value: str, project: Project) -> dict[str, Any]:
    frame = load_table(table, project)
    return frame[frame[key] == value].iloc[0].to_dict()


def as_day(value: Any) -> date:
    """A date from 'YYYY-MM-DD', a date or a pandas Timestamp; Hint for anything else."""
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise Hint(
                f"{value!r} has the form YYYY-MM-DD but is not a day of the calendar."
            ) from None
    if isinstance(value, str) and re.fullmatch(r"\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\s*", value):
        raise Hint(
            f"{value!r} is written day and month in some order, which readers take differently "
            "(10/08 is 10 August in most of the world and October 8 in the US): write dates "
            "as 'YYYY-MM-DD', e.g. '2017-08-10'."
        )
    if isinstance(value, str):
        for form in ("%d %B %Y", "%B %d %Y", "%B %d, %Y", "%d %b %Y", "%b %d %Y", "%b %d, %Y"):
            try:
                day = datetime.strptime(value.strip(), form).date()
            except ValueError:
                continue
            raise Hint(f"{value!r} is not written 'YYYY-MM-DD': write it as '{day.isoformat()}'.")
    raise Hint(f"{value!r} is not a date written 'YYYY-MM-DD' (e.g. '2017-08-10'), in quotes.")


def not_a_count(value: Any, name: str) -> str | None:
    """A hint when `value` is not a whole number (text in quotes, a decimal, True/False), else None."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return None
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return (
            f"{name} is the text {value!r}, in quotes; a count is a number: write {value.strip()} "
            "without the quotes."
        )
    if isinstance(value, float) and value.is_integer():
        return f"{name} is {value!r}, a decimal; counts are whole numbers: write {int(value)}."
    return f"{name} is {value!r}, which is not a whole number."


def is_blank(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def published_interval(article_id: str, project: Project) -> tuple[date, date]:
    row = table_row("articles", "article_id", article_id, project)
    return as_day(row["published_earliest"]), as_day(row["published_latest"])


def as_tuple(answer: Any, size: int = 2) -> tuple | None:
    return tuple(answer) if isinstance(answer, tuple | list) and len(answer) == size else None
