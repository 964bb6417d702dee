"""The command line: help for every command, a fast start without heavy imports, clear errors."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

from deportdata.cli import build_parser

COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)


def test_commands_are_the_documented_ones():
    assert {"clean", "validate", "report", "build", "manifest", "codebook"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert f"usage: deportdata {command}" in out
    assert len(out.splitlines()) >= 3


@pytest.mark.subprocess
def test_help_imports_no_heavy_library():
    code = (
        "import sys\nfrom deportdata.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pandas', 'great_expectations', 'seaborn', 'matplotlib', 'papermill') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.subprocess
def test_clean_imports_no_pandas(project_copy):
    code = (
        "import sys\nfrom deportdata.cli import main\n"
        f"main(['--root', {str(project_copy)!r}, 'clean'])\n"
        "assert 'pandas' not in sys.modules and 'great_expectations' not in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.subprocess
def test_output_to_a_closed_pipe_ends_without_a_traceback():
    """`deportdata cite | head -1`: the reader leaves before the output is written; the
    command ends with status 141, as a shell reports SIGPIPE, and prints no traceback."""
    import os

    read, write = os.pipe()
    os.close(read)  # the reader is gone before the command writes anything
    try:
        result = subprocess.run(
            [sys.executable, "-m", "deportdata", "--root", str(REPO), "cite"],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write)
    assert result.returncode == 141, result.stderr
    assert "Traceback" not in result.stderr
