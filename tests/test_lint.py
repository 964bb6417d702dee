"""Style is part of the build: ruff (configured in pyproject.toml) finds nothing."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

PATHS = ["src", "tests", "benchmarks"]


@pytest.mark.subprocess
@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_ruff(command):
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, *PATHS], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
