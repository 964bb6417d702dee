"""Source notebooks: committed without outputs, each opens with its question and has parameters."""

from __future__ import annotations

import json

import pytest
from conftest import REPO

SOURCES = sorted((REPO / "notebooks").rglob("*.ipynb"))


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_source_notebook_is_clean_and_documented(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), (
        "strip the outputs"
    )
    first = nb["cells"][0]
    assert first["cell_type"] == "markdown" and "".join(first["source"]).startswith("# ")
    tagged = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    assert nb["metadata"]["kernelspec"]["name"] == "deportdata"
    assert not any("def " in "".join(c["source"]) for c in code), "functions belong in the package"
