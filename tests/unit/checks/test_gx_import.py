"""Importing the checks skips jsonschema's IRI grammar (seconds of every validate run) and
nothing else: the grammar's package stays importable."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
import deportdata.checks.gxrules  # imports Great Expectations, and through it jsonschema
import jsonschema
assert "jsonschema" in sys.modules and "rfc3987_syntax" not in sys.modules
assert "iri" not in jsonschema.FormatChecker().checkers
assert "date" in jsonschema.FormatChecker().checkers  # the other formats are there
import rfc3987_syntax  # not blocked for later imports
print("ok")
"""


def test_checks_import_jsonschema_without_the_iri_grammar():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
