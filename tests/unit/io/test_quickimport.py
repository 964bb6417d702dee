"""The validate and report steps import jsonschema without its IRI grammar (0.8 s of each
run), and nothing else changes: the grammar's package stays importable."""

from __future__ import annotations

import subprocess
import sys

import pytest

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


@pytest.mark.parametrize(
    "first",
    [
        "import deportdata.checks.gxrules  # GX's glue, which imports GX",
        "from deportdata.io.quickimport import jsonschema_without_iri_grammar as f; f()",
    ],
)
def test_jsonschema_is_imported_without_the_iri_grammar(first):
    script = CHECK.format(first=first)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_without_the_helper_the_grammar_would_be_imported():
    """The check above can fail: a plain import of jsonschema brings the grammar in."""
    script = "import sys, jsonschema; print('rfc3987_syntax' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.strip() == "True", result.stderr
