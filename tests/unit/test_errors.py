"""Operating-system errors become one line: the file relative to the project, what went wrong,
what to do, and that nothing was published."""

from __future__ import annotations

import errno
import os

import pytest

from deportdata.errors import DeportdataError, ErrorList, Exit, os_error_message


@pytest.mark.parametrize(
    "code, hint",
    [
        (errno.ENOSPC, "the disk is full: free some space and run the command again"),
        (errno.EACCES, "check the permissions of the file and of its folder"),
        (errno.EISDIR, "a folder stands where a file should be"),
        (errno.EROFS, "the project is on a read-only file system"),
    ],
)
def test_an_os_error_is_one_line_naming_the_file_inside_the_project(tmp_path, code, hint):
    error = OSError(code, os.strerror(code), str(tmp_path / "reports" / "data" / "x.dta"))
    line = os_error_message(error, tmp_path)
    assert line == (
        f"reports/data/x.dta: {os.strerror(code)} ({hint}); "
        "nothing was published, the outputs are as they were"
    )
    assert "\n" not in line


def test_a_file_outside_the_project_keeps_its_path(tmp_path):
    error = OSError(errno.EACCES, "Permission denied", "/etc/elsewhere")
    assert os_error_message(error, tmp_path).startswith("/etc/elsewhere: Permission denied (")


def test_errors_name_their_files_relative_to_the_project(tmp_path):
    inside = DeportdataError("bad", file=str(tmp_path / "data/raw/rules/numbers.yaml"), line=2)
    outside = DeportdataError("bad", file="/elsewhere/x.yaml")
    both = ErrorList([inside, outside]).relative_to(tmp_path)
    assert str(both) == "data/raw/rules/numbers.yaml:2: bad\n/elsewhere/x.yaml: bad"


def test_a_full_disk_during_a_command_is_one_line_and_no_traceback(tmp_path, monkeypatch, capsys):
    from conftest import copy_project

    from deportdata import build, cli
    from deportdata.runtime import interrupt

    monkeypatch.setattr(interrupt, "install", lambda *a, **k: None)  # the runner's own handlers
    root = copy_project(tmp_path / "project", ("data/raw", "pyproject.toml"))
    target = root / "data" / "clean" / "claims.csv"

    def full(project, **_):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))

    monkeypatch.setattr(build, "clean", full)
    assert cli.main(["--root", str(root), "clean"]) == Exit.FAILED
    err = capsys.readouterr().err
    assert err == (
        f"data/clean/claims.csv: {os.strerror(errno.ENOSPC)} (the disk is full: free some space "
        "and run the command again); nothing was published, the outputs are as they were\n"
    )


def test_the_readme_lists_every_exit_status_a_user_can_see():
    from conftest import REPO

    text = (REPO / "README.md").read_text(encoding="utf-8")
    listed = text[text.index("**Exit statuses**") :].split("- **", 1)[0]
    for status in Exit:
        if status is not Exit.CRASHED:  # a simulated crash, in the tests only
            assert f" {int(status)} " in listed.replace("\n", " "), status
