"""Third-party imports made quicker, for the processes that pay them on every run."""

from __future__ import annotations

import importlib.util
import sys
import threading

# the build imports from several threads at once (the checks beside the report notebooks):
# each change of sys.modules below is made by one thread at a time
_LOCK = threading.RLock()


def before_great_expectations() -> None:
    """Call before Great Expectations is imported: about 1.4 s less of every validate run."""
    jsonschema_without_iri_grammar()
    scipy_stats_on_first_use()


def jsonschema_without_iri_grammar() -> None:
    """Import jsonschema without its optional IRI format checker.

    jsonschema is imported by Great Expectations (through altair, in the validate step) and
    by nbformat (in the report step). When `rfc3987_syntax` is installed, jsonschema imports
    it to check the "iri" format, and it compiles a grammar when imported: about 0.8 s of
    every validate and every report run. No schema those steps check has an "iri" format.
    Only jsonschema's first import is affected, and `rfc3987_syntax` stays importable.
    """
    with _LOCK:
        if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
            return
        sys.modules["rfc3987_syntax"] = None  # an import of it now raises ImportError
        try:
            import jsonschema  # noqa: F401
        finally:
            del sys.modules["rfc3987_syntax"]


def scipy_stats_on_first_use() -> None:
    """Make `scipy.stats` a module that is executed when first used, not when imported.

    Great Expectations imports scipy.stats (about 480 modules, 0.6 s) when it is imported, for
    three distribution expectations (KL divergence, two KS tests) that the project's suites do
    not use. After this call, `from scipy import stats` gives a stand-in that executes
    scipy.stats on its first attribute access (`importlib.util.LazyLoader`), so a run that
    never uses it never pays for it, and one that does gets the real module. Python 3.11's
    LazyLoader is not thread-safe: the checks use scipy.stats from one thread only (the report
    notebooks run in kernels of their own), and a process that uses it from several threads
    should import it before calling this (it then does nothing).
    """
    with _LOCK:
        if "scipy.stats" in sys.modules:
            return
        import scipy

        spec = importlib.util.find_spec("scipy.stats")
        spec.loader = importlib.util.LazyLoader(spec.loader)
        module = importlib.util.module_from_spec(spec)
        sys.modules["scipy.stats"] = module
        spec.loader.exec_module(module)
        # `from scipy import stats` finds the attribute: scipy's own lazy `__getattr__` would
        # import the submodule, and that import reads `__spec__`, which executes the stand-in
        scipy.stats = module
