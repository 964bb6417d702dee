"""Pointed at the wrong place: every command refuses a folder that is not a project, in one
line naming it, with a non-zero exit, and creates nothing there; a command that needs a
layer not built yet names the command that builds it.

The commands are read from the argparse parser, so a new command is covered here as soon
as it exists; its required arguments are filled in from their declared choices or types.
"""

from __future__ import annotations

import argparse
import shutil

import pytest
from conftest import cli, copy_project

from deportdata.cli import build_parser

PARSER = build_parser()
SUBPARSERS = PARSER._subparsers._group_actions[0].choices
COMMANDS = sorted(SUBPARSERS)
EXIT_NOT_A_PROJECT = 2


def required_arguments(command: str) -> list[str]:
    """Plausible values for a command's required arguments (the project is looked up first)."""
    args = []
    for action in SUBPARSERS[command]._actions:
        if isinstance(action, argparse._HelpAction) or not (
            action.required or not action.option_strings
        ):
            continue
        value = str(action.choices[0]) if action.choices else "2020-01-01"
        if action.dest in ("claim_id",):
            value = "C008"
        args += [action.option_strings[0], value] if action.option_strings else [value]
    return args


def _listing(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def _one_line_naming(stderr: str, folder) -> None:
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert str(folder) in lines[0] and "not" in lines[0] and "deportdata project" in lines[0]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_mistyped_root_is_refused_and_not_created(command, tmp_path):
    typo = tmp_path / "projcet"
    result = cli("--root", str(typo), command, *required_arguments(command), cwd=tmp_path)
    assert result.returncode == EXIT_NOT_A_PROJECT, result.stdout + result.stderr
    _one_line_naming(result.stderr, typo)
    assert "does not exist" in result.stderr
    assert not typo.exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_folder_that_is_not_a_project_is_left_untouched(command, tmp_path):
    folder = tmp_path / "notes"
    (folder / "data").mkdir(parents=True)
    (folder / "readme.txt").write_text("mine\n", encoding="utf-8")
    before = _listing(folder)
    for where in ("--root", "cwd"):
        args = ["--root", str(folder)] if where == "--root" else []
        result = cli(*args, command, *required_arguments(command), cwd=folder)
        assert result.returncode == EXIT_NOT_A_PROJECT, (where, result.stdout + result.stderr)
        _one_line_naming(result.stderr, folder)
        assert _listing(folder) == before, f"{command} ({where}) created files in {folder}"


def test_every_command_is_known_to_the_argument_filler():
    """A new command with a required argument gets a value that parses."""
    for command in COMMANDS:
        PARSER.parse_args([command, *required_arguments(command)])


@pytest.mark.parametrize(
    ("command", "builder"),
    [
        ("validate", "deportdata clean"),
        ("report", "deportdata clean"),
        ("trace", "deportdata clean"),
    ],
)
def test_a_missing_clean_layer_names_the_command_that_builds_it(command, builder, tmp_path):
    root = copy_project(tmp_path / "project")
    shutil.rmtree(root / "data" / "clean")
    args = ["C008"] if command == "trace" else []
    result = cli("--root", str(root), command, *args)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"run '{builder}' first" in result.stderr, result.stderr
    assert not (root / "data" / "clean").exists()


def test_report_without_check_results_names_validate(project_copy):
    result = cli("--root", str(project_copy), "report")
    assert result.returncode == 1
    assert "reports/validation.json: the check results are not built" in result.stderr
    assert "run 'deportdata validate' first" in result.stderr


def test_trace_and_codebook_work_from_inside_the_project(project_copy):
    (project_copy / "docs").mkdir(exist_ok=True)
    trace = cli("trace", "C008", cwd=project_copy / "notebooks")
    assert trace.returncode == 0 and "claim C008" in trace.stdout, trace.stderr
    codebook = cli("codebook", cwd=project_copy / "data")
    assert codebook.returncode == 0, codebook.stderr
    assert (project_copy / "docs" / "CODEBOOK.md").is_file()


def test_a_notebook_outside_the_project_says_how_to_point_it(tmp_path):
    from deportdata.config import NotAProject
    from deportdata.report import notebook

    with pytest.raises(NotAProject, match="project_root parameter") as info:
        notebook.setup()  # the tests run from a temporary folder outside the project
    assert str(tmp_path) in str(info.value)
    with pytest.raises(NotAProject, match="does not exist"):
        notebook.setup(str(tmp_path / "missing"))
