"""The report notebooks run (their code cells, in this process, as papermill would run them)
and declare every clean table they read; their parameters change what they draw."""

from __future__ import annotations

import json

import matplotlib
import pytest
from conftest import REPO

from deportdata.report.run import reads

matplotlib.use("Agg")

pytestmark = pytest.mark.notebooks

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def run_cells(path, **parameters) -> dict:
    """Run a notebook's code cells in this process, as papermill would with `parameters`
    (added after its parameters cell); the names the cells defined."""
    import matplotlib.pyplot as plt

    namespace: dict = {}
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        if "parameters" in cell["metadata"].get("tags", []):
            source += "".join(f"\n{k} = {v!r}" for k, v in parameters.items())
        exec(compile(source, f"{path.name}", "exec"), namespace)
    plt.close("all")
    return namespace


@pytest.mark.parametrize("min_claims", [2, 3])
def test_discrepancies_figure_follows_the_min_claims_parameter(min_claims, tmp_path):
    """06-discrepancies draws the quantities its ledger lists, for any min_claims (the figure
    used to rebuild the ledger with the default of 2)."""
    path = REPO / "notebooks" / "06-discrepancies.ipynb"
    out = run_cells(path, project_root=str(REPO), output_dir=str(tmp_path), min_claims=min_claims)
    ledger = out["ledger"]
    drawn = [ax.get_title(loc="left").split(":")[0] for ax in out["fig"].axes]
    expected = list(ledger.loc[ledger["verdict"] != "different dates", "quantity_key"])
    assert drawn == expected
    if min_claims == 3:  # the three 25s of article 003 only
        assert drawn == ["arrivals_2020_01_15"]
    assert (tmp_path / "figures" / "discrepancies-bounds.png").is_file()


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(
            p,
            id=p.stem,
            marks=[pytest.mark.xdist_group("build")] if p.stem.endswith("quality") else [],
        )
        for p in NOTEBOOKS
    ],
)
def test_notebook_runs_and_declares_what_it_reads(path, tmp_path, monkeypatch, request):
    """Run the notebook's code in this process, recording every clean table loaded."""
    import deportdata.io.load

    declared = set(reads(path) or ())  # the tables its load cell names
    loaded: set[str] = set()
    real = deportdata.io.load.load_table

    def recording(name, project=None):
        loaded.add(name)
        return real(name, project)

    monkeypatch.setattr(deportdata.io.load, "load_table", recording)
    root = REPO
    if path.stem.endswith(
        "quality"
    ):  # it reads reports/validation.json: use the session's full build
        root, result = request.getfixturevalue("built")
        assert result.returncode == 0, result.stderr
    run_cells(path, project_root=str(root), output_dir=str(tmp_path))
    assert declared, "the notebook names no table in a notebook.load_tables call"
    assert loaded <= declared, f"reads undeclared tables: {sorted(loaded - declared)}"
    assert any((tmp_path / "figures").glob("*.png")), "the notebook saved no figure"
    assert any(tmp_path.rglob("*.csv")), "the notebook saved no table"
