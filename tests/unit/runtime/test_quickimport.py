"""The validate and report steps import jsonschema without its IRI grammar (0.8 s of each
run), and nothing else changes: the grammar's package stays importable. The validate step
imports Great Expectations without executing scipy.stats until something uses it (0.6 s)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

SRC = REPO / "src" / "deportdata"

CHECK = """
import sys
{first}
import jsonschema
assert "jsonschema" in sys.modules and "rfc3987_syntax" not in sys.modules
assert "iri" not in jsonschema.FormatChecker().checkers
assert "date" in jsonschema.FormatChecker().checkers  # the other formats are there
import rfc3987_syntax  # not blocked for later imports
print("ok")
"""


@pytest.mark.subprocess
def test_jsonschema_is_imported_without_the_iri_grammar():
    first = "from deportdata.runtime.quickimport import jsonschema_without_iri_grammar as f; f()"
    result = subprocess.run(
        [sys.executable, "-c", CHECK.format(first=first)], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


@pytest.mark.parametrize(
    ("module", "then", "call"),
    [
        ("checks/gxrules.py", "from great_expectations", "before_great_expectations()"),
        ("checks/run.py", "import great_expectations", "before_great_expectations()"),
        ("report/run.py", "import papermill", "jsonschema_without_iri_grammar()"),
    ],
)
def test_the_steps_call_it_before_the_import_that_brings_jsonschema(module, then, call):
    source = (SRC / module).read_text(encoding="utf-8")
    called = source.find(call)
    assert called != -1 and called < source.find(then), f"{module}: call {call} before {then!r}"


GX_IMPORT = """
import os, sys
os.environ["GX_ANALYTICS_ENABLED"] = "False"
{first}
import great_expectations
from great_expectations.expectations.core import expect_column_kl_divergence_to_be_less_than
print(type(sys.modules["scipy.stats"]).__name__, "scipy.stats._stats_py" in sys.modules)
{then}
"""
USE = """
from scipy import stats
assert abs(stats.entropy([0.5, 0.5]) - 0.6931471805599453) < 1e-12  # the real module, executed
import scipy.stats
assert scipy.stats is stats and "scipy.stats._stats_py" in sys.modules
print("used")
"""


@pytest.mark.subprocess
def test_great_expectations_is_imported_without_executing_scipy_stats_until_used():
    first = "from deportdata.runtime.quickimport import before_great_expectations as f; f()"
    script = GX_IMPORT.format(first=first, then=USE)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["_LazyModule", "False", "used"]


@pytest.mark.subprocess
def test_without_the_helper_scipy_stats_would_be_executed():
    """The check above can fail: Great Expectations writes `from scipy import stats` at the top
    of a module it imports with the package, and that statement, plainly run, executes
    scipy.stats."""
    package = importlib.util.find_spec("great_expectations")  # found, not imported
    (folder,) = package.submodule_search_locations
    module = Path(folder, "expectations", "core", "expect_column_kl_divergence_to_be_less_than.py")
    assert "\nfrom scipy import stats\n" in module.read_text(encoding="utf-8")
    core = Path(folder, "expectations", "core", "__init__.py").read_text(encoding="utf-8")
    assert "expect_column_kl_divergence_to_be_less_than import" in core
    script = "import sys; from scipy import stats; print('scipy.stats._stats_py' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.strip() == "True", result.stderr


@pytest.mark.subprocess
def test_without_the_helper_the_grammar_would_be_imported():
    """The check above can fail: a plain import of jsonschema brings the grammar in."""
    script = "import sys, jsonschema; print('rfc3987_syntax' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.strip() == "True", result.stderr
