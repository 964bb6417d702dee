"""Third-party imports made quicker, for the processes that pay them on every run."""

from __future__ import annotations

import sys


def jsonschema_without_iri_grammar() -> None:
    """Import jsonschema without its optional IRI format checker.

    jsonschema is imported by Great Expectations (through altair, in the validate step) and
    by nbformat (in the report step). When `rfc3987_syntax` is installed, jsonschema imports
    it to check the "iri" format, and it compiles a grammar when imported: about 0.8 s of
    every validate and every report run. No schema those steps check has an "iri" format.
    Only jsonschema's first import is affected, and `rfc3987_syntax` stays importable.
    """
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        return
    sys.modules["rfc3987_syntax"] = None  # an import of it now raises ImportError
    try:
        import jsonschema  # noqa: F401
    finally:
        del sys.modules["rfc3987_syntax"]
