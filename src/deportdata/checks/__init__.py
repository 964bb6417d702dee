"""Data checks: pure rule functions, the Great Expectations glue, and the validate step."""

import sys


def _without_iri_grammar() -> None:
    """Import jsonschema (which Great Expectations imports, through altair) without its
    optional IRI format checker: `rfc3987_syntax` compiles a grammar when imported, about
    0.8 s of every validate run, and no schema the checks use has an "iri" format. Only
    jsonschema's first import is affected; `rfc3987_syntax` stays importable afterwards."""
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        return
    sys.modules["rfc3987_syntax"] = None  # an import of it now raises ImportError
    try:
        import jsonschema  # noqa: F401
    finally:
        del sys.modules["rfc3987_syntax"]


_without_iri_grammar()
