"""The teaching package's parts, without the lesson notebooks: the checking machinery on a
toy answer key, the answer readers, and the lesson modules behind `deportdata.teaching`.
The lessons themselves, run as notebooks, are in tests/test_teaching.py."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from conftest import REPO

from deportdata import teaching
from deportdata.config import Project
from deportdata.teaching import (
    breaking_a_total,
    checking,
    relative_dates,
    review_a_draft,
    sentence_to_data_point,
)
from deportdata.teaching.checking import Exercise, Hint, as_day, as_tuple, is_blank, not_a_count

LESSONS = {
    "1": sentence_to_data_point,
    "2": relative_dates,
    "3": breaking_a_total,
    "4": review_a_draft,
}
PROJECT = Project(REPO)


def _judge(answer, expected, project):
    if answer == "unreadable":
        raise Hint("write it another way")
    if answer == "crash":
        raise RuntimeError("boom")
    return None if answer == expected else f"not {answer!r}"


TOY = {"9.1": Exercise("a toy", lambda p: 42, _judge, lambda e: f"it is {e}", lambda e: str(e))}


@pytest.mark.parametrize(
    "answer, passed, printed",
    [
        (42, True, "✓ Correct (9.1): it is 42"),
        (41, False, "✗ Not yet (9.1): not 41"),
        (None, False, "… Exercise 9.1 (a toy) is not answered yet"),
        ("unreadable", False, "✗ Not yet (9.1): write it another way"),
        ("crash", False, "could not read that answer (RuntimeError: boom)."),
    ],
)
def test_check_prints_a_verdict_and_never_raises(answer, passed, printed, capsys):
    assert checking.check(TOY, "9.1", answer, PROJECT) is passed
    assert printed in capsys.readouterr().out


def test_check_names_the_exercises_when_one_is_unknown(capsys):
    assert checking.check(TOY, "9.2", 42, PROJECT) is False
    assert "There is no exercise '9.2'; the exercises are 9.1." in capsys.readouterr().out


def test_solution_is_shaped_as_a_student_writes_it():
    assert checking.solution(TOY, "9.1", PROJECT) == "42"


@pytest.mark.parametrize(
    "value, day",
    [("2017-08-10", date(2017, 8, 10)), (date(2017, 8, 10), date(2017, 8, 10)),
     (pd.Timestamp("2017-08-10"), date(2017, 8, 10)), (" 2017-08-10 ", date(2017, 8, 10))],
)  # fmt: skip
def test_as_day_reads_iso_dates(value, day):
    assert as_day(value) == day


@pytest.mark.parametrize(
    "value, hint",
    [
        ("2017-02-30", "not a day of the calendar"),
        ("10/08/2017", "day and month in some order"),
        ("10 August 2017", "write it as '2017-08-10'"),
        (20170810, "is not a date written 'YYYY-MM-DD'"),
    ],
)
def test_as_day_hints_at_what_is_off(value, hint):
    with pytest.raises(Hint, match=hint):
        as_day(value)


def test_the_answer_readers():
    assert not_a_count(3, "n") is None and not_a_count(None, "n") is None
    assert "without the quotes" in not_a_count("3", "n")
    assert "write 3" in not_a_count(3.0, "n")
    assert "not a whole number" in not_a_count(True, "n")
    assert as_tuple([1, 2]) == (1, 2) and as_tuple((1, 2, 3)) is None and as_tuple("ab") is None
    assert is_blank(None) and is_blank(float("nan")) and not is_blank("") and not is_blank(0)


@pytest.mark.parametrize("number, module", LESSONS.items())
def test_each_lesson_module_holds_its_own_exercises(number, module):
    assert module.EXERCISES and all(e.split(".")[0] == number for e in module.EXERCISES)
    assert teaching.exercises(number) == list(module.EXERCISES)
    assert all(teaching.EXERCISES[e] is module.EXERCISES[e] for e in module.EXERCISES)


def test_the_package_gathers_every_lesson_once():
    ids = [e for module in LESSONS.values() for e in module.EXERCISES]
    assert list(teaching.EXERCISES) == ids and len(set(ids)) == len(ids)


def test_every_lesson_module_is_named_for_its_notebook():
    notebooks = sorted(p.stem for p in (REPO / "notebooks" / "teaching").glob("*.ipynb"))
    names = [
        f"{n:0>2}-{m.__name__.rsplit('.', 1)[1].replace('_', '-')}" for n, m in LESSONS.items()
    ]
    assert names == notebooks


def test_the_public_names_the_notebooks_use_are_kept():
    for name in teaching.__all__:
        assert hasattr(teaching, name), name
