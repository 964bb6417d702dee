"""Students' copies, resetting the lessons, and the instructor copies: for every lesson there is."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import cli

from deportdata import teaching
from deportdata.config import Project
from deportdata.teaching import lessons, notebooks


def _outputs(path) -> int:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return sum(len(c.get("outputs", [])) for c in nb["cells"] if c["cell_type"] == "code")


def _save_with_outputs(path, answer: str | None = None) -> None:
    """What Ctrl+S in JupyterLab does after a run: outputs and counts stored in the file."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for n, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = n + 1
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["out\n"]}]
        if answer and "".join(cell["source"]).startswith("answer_1 = None"):
            cell["source"] = [f"answer_1 = {answer}\n"]
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def test_lessons_are_every_numbered_notebook_in_order(tmp_path):
    project = Project(tmp_path)
    folder = lessons.teaching_folder(project)
    (folder / ".ipynb_checkpoints").mkdir(parents=True)
    for name in ("10-ten.ipynb", "02-two.ipynb", "01-one.ipynb", "notes.ipynb"):
        (folder / name).write_text("{}", encoding="utf-8")
    (folder / ".ipynb_checkpoints" / "01-one-checkpoint.ipynb").write_text("{}", encoding="utf-8")
    assert [p.name for p in lessons.lessons(project)] == [
        "01-one.ipynb",
        "02-two.ipynb",
        "10-ten.ipynb",
    ]
    assert lessons.find(project, "10").name == "10-ten.ipynb"
    assert lessons.find(project, "02-two").name == "02-two.ipynb"
    with pytest.raises(lessons.LessonError, match=r"no lesson '3'; the lessons are: 1 \(01-one\)"):
        lessons.find(project, "3")


def test_copy_goes_to_my_lessons_without_outputs_and_never_overwrites(project_copy):
    project = Project(project_copy)
    first = lessons.lessons(project)[0]
    _save_with_outputs(first)
    result = cli("lesson", "copy", "1", cwd=project_copy)
    assert result.returncode == 0, result.stderr
    copy = project_copy / lessons.MY_LESSONS / first.name
    assert f"{lessons.MY_LESSONS}/{first.name}" in result.stdout
    assert _outputs(copy) == 0
    _save_with_outputs(copy, answer='"my own work"')
    again = cli("lesson", "copy", "1", cwd=project_copy)
    assert again.returncode == 1 and "exists and may hold your answers" in again.stderr
    assert "my own work" in copy.read_text(encoding="utf-8"), "a student's work was overwritten"
    forced = cli("lesson", "copy", "1", "--force", cwd=project_copy)
    assert forced.returncode == 0, forced.stderr
    assert "my own work" in copy.with_suffix(".ipynb.bak").read_text(encoding="utf-8")
    assert "my own work" not in copy.read_text(encoding="utf-8")


@pytest.mark.notebooks
@pytest.mark.xdist_group("teaching")
def test_a_copy_runs_where_it_lands(project_copy, tmp_path):
    """The copy finds the project by itself (no project_root), as in JupyterLab."""
    import papermill as pm

    copy = notebooks.copy_lesson(Project(project_copy), "1")
    executed = tmp_path / "executed.ipynb"
    pm.execute_notebook(
        str(copy), str(executed), parameters={"show_solutions": True},
        kernel_name="deportdata", cwd=str(copy.parent), progress_bar=False, log_output=False,
        request_save_on_cell_execute=False,
    )  # fmt: skip
    text = executed.read_text(encoding="utf-8")
    assert text.count("✓ Correct") == len(teaching.exercises("1")) and "✗" not in text


def test_reset_strips_outputs_and_checkpoints(project_copy):
    project = Project(project_copy)
    for path in lessons.lessons(project):
        _save_with_outputs(path)
    checkpoints = lessons.teaching_folder(project) / ".ipynb_checkpoints"
    checkpoints.mkdir()
    (checkpoints / "01-checkpoint.ipynb").write_text("{}", encoding="utf-8")
    result = cli("lesson", "reset", cwd=project_copy)
    assert result.returncode == 0, result.stderr
    assert not checkpoints.exists()
    assert all(_outputs(p) == 0 for p in lessons.lessons(project))
    assert f"{len(lessons.lessons(project))} had outputs" in result.stdout


@pytest.mark.subprocess
def test_make_reset_teaching_restores_the_committed_lessons(project_copy):
    """In a git checkout, `make reset-teaching` brings back the text as committed."""
    import shutil

    if not (shutil.which("git") and shutil.which("make")):
        pytest.skip("needs git and make")
    from conftest import REPO

    shutil.copy(REPO / "Makefile", project_copy / "Makefile")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=project_copy, check=True)
    subprocess.run([*git, "add", "notebooks"], cwd=project_copy, check=True)
    subprocess.run([*git, "commit", "-qm", "lessons"], cwd=project_copy, check=True)
    first = lessons.lessons(Project(project_copy))[0]
    committed = first.read_bytes()
    _save_with_outputs(first, answer='"typed by a student"')
    venv = project_copy / ".venv" / "bin"  # the Makefile's venv: the one running the tests
    venv.mkdir(parents=True)
    (venv / "deportdata").symlink_to(Path(sys.executable).parent / "deportdata")
    result = subprocess.run(  # -o: take the venv as up to date, do not install anything
        ["make", "-o", ".venv/.installed", "reset-teaching"],
        cwd=project_copy, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert first.read_bytes() == committed


def test_instructor_copies_hold_every_answer(project_copy):
    project = Project(project_copy)
    written = notebooks.write_instructor_copies(project)
    assert [p.name for p in written] == [
        f"{p.stem}-solutions.ipynb" for p in lessons.lessons(project)
    ]
    for path, lesson in zip(written, lessons.lessons(project), strict=True):
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
        assert "teaching.solution(" not in code and "show_solutions = True" in code
        assert "Instructor copy" in "".join(nb["cells"][1]["source"])
        for exercise in teaching.exercises(str(lessons.number(lesson))):
            answer = teaching.solution(exercise, project)
            if not isinstance(answer, dict):
                assert repr(answer) in code, exercise
        assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")


@pytest.mark.notebooks
@pytest.mark.xdist_group("teaching")
def test_an_instructor_copy_passes_every_check(project_copy, tmp_path):
    import papermill as pm

    project = Project(project_copy)
    copy = notebooks.write_instructor_copies(project)[1]  # lesson 2: dates written as text
    executed = tmp_path / "executed.ipynb"
    pm.execute_notebook(
        str(copy), str(executed), kernel_name="deportdata", cwd=str(copy.parent),
        progress_bar=False, log_output=False, request_save_on_cell_execute=False,
    )  # fmt: skip
    text = executed.read_text(encoding="utf-8")
    assert text.count("✓ Correct") == len(teaching.exercises("2")) and "✗" not in text


def test_every_answer_cell_names_its_exercise_by_lesson_and_number(project_copy):
    """answer_K of lesson N is exercise N.K: the rule that finds an answer cell after a student
    typed over it."""
    project = Project(project_copy)
    for path in lessons.lessons(project):
        found = [
            notebooks.answer_cell("".join(c["source"]), None)
            for c in notebooks.read(path)["cells"]
            if c["cell_type"] == "code"
        ]
        pairs = [f for f in found if f]
        assert pairs, path.name
        for name, exercise in pairs:
            assert exercise == f"{lessons.number(path)}.{name.removeprefix('answer_')}", path.name


def test_an_instructor_copy_of_a_lesson_a_student_saved_holds_every_answer(project_copy):
    """A student typed answers into the lessons and saved them with outputs: the instructor
    copies still hold the package's answers, not the student's."""
    project = Project(project_copy)
    for path in lessons.lessons(project):
        nb = notebooks.read(path)
        for n, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
            cell["execution_count"] = n + 1
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["out\n"]}]
            found = notebooks.answer_cell("".join(cell["source"]), None)
            if found:
                cell["source"] = [f"{found[0]} = 'typed by a student'\n"]
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for path, lesson in zip(
        notebooks.write_instructor_copies(project), lessons.lessons(project), strict=True
    ):
        code = "\n".join(
            "".join(c["source"]) for c in notebooks.read(path)["cells"] if c["cell_type"] == "code"
        )
        assert "typed by a student" not in code, path.name
        for exercise in teaching.exercises(str(lessons.number(lesson))):
            answer = teaching.solution(exercise, project)
            if not isinstance(answer, dict):
                assert repr(answer) in code, exercise
