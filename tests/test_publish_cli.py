"""The publishing commands keep the command line light: no pandas or Datasette at start-up."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

from deportdata.cli import build_parser

HEAVY = ("pandas", "datasette", "frictionless", "great_expectations", "jsonschema", "playwright")


def _imported_after(code: str) -> list[str]:
    probe = (
        "import sys\nfrom deportdata.cli import main\n"
        f"try:\n    {code}\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return eval(result.stdout.strip().splitlines()[-1])


def test_publishing_commands_exist():
    commands = build_parser()._subparsers._group_actions[0].choices
    assert {"export", "serve", "cite"} <= set(commands)


@pytest.mark.subprocess
def test_help_imports_no_pandas_and_no_datasette():
    assert _imported_after("main(['--help'])") == []
    assert _imported_after("main(['serve', '--help'])") == []


@pytest.mark.subprocess
def test_cite_imports_no_pandas():
    assert _imported_after(f"main(['--root', {str(REPO)!r}, 'cite', 'C008'])") == []
