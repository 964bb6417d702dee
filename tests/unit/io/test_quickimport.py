"""The validate and report steps import jsonschema without its IRI grammar (0.8 s of each
run), and nothing else changes: the grammar's package stays importable."""

from __future__ import annotations

import subprocess
import sys

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


def test_jsonschema_is_imported_without_the_iri_grammar():
    first = "from deportdata.io.quickimport import jsonschema_without_iri_grammar as f; f()"
    result = subprocess.run(
        [sys.executable, "-c", CHECK.format(first=first)], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


@pytest.mark.parametrize(
    ("module", "then"),
    [
        ("checks/gxrules.py", "from great_expectations"),
        ("checks/run.py", "import great_expectations"),
        ("report/run.py", "import papermill"),
    ],
)
def test_the_steps_call_it_before_the_import_that_brings_jsonschema(module, then):
    source = (SRC / module).read_text(encoding="utf-8")
    called = source.find("jsonschema_without_iri_grammar()")
    assert called != -1 and called < source.find(then), f"{module}: call it before {then!r}"


def test_without_the_helper_the_grammar_would_be_imported():
    """The check above can fail: a plain import of jsonschema brings the grammar in."""
    script = "import sys, jsonschema; print('rfc3987_syntax' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.strip() == "True", result.stderr
