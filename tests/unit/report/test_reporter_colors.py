"""One colour per reporter in every figure: the figures colour a reporter by its place in
`views.reporter_order`, and every notebook gives that order to every plot that colours
reporters."""

from __future__ import annotations

import ast
import inspect
import json

import matplotlib
import pytest
from conftest import REPO

from deportdata.config import Project
from deportdata.report import notebook, plots, views
from deportdata.report.plots.common import palette

matplotlib.use("Agg")

COLOURED = sorted(  # the plots that colour reporters: those that take the order
    name for name in plots.__all__
    if callable(getattr(plots, name, None))
    and "reporters" in inspect.signature(getattr(plots, name)).parameters
)  # fmt: skip


def test_the_plots_that_colour_reporters_take_the_order():
    assert {"claims_by_kind", "claim_bounds", "cumulative_series", "discrepancy_bounds"} <= set(
        COLOURED
    )


def test_every_notebook_gives_the_order_to_every_plot_that_colours_reporters():
    calls = []
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        for node in ast.walk(ast.parse(code)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "plots"
                and node.func.attr in COLOURED
            ):
                given = {k.arg for k in node.keywords}
                calls.append((path.stem, node.func.attr, "reporters" in given))
    assert calls, "no notebook draws reporters"
    assert all(given for *_, given in calls), [c for c in calls if not c[2]]


def test_a_reporter_has_the_colour_of_its_place_whatever_else_is_drawn():
    order = ["A", "B", "C", "D"]
    every = palette(order, order)
    assert palette(["C"], order) == {"C": every["C"]}
    assert palette(["D", "A"], order) == {"A": every["A"], "D": every["D"]}
    assert palette(["C", "D"]) != {"C": every["C"], "D": every["D"]}  # without the order
    with pytest.raises(ValueError, match=r"\['E'\] not in the reporters' order"):
        palette(["E"], order)


def _legend_colours(fig) -> dict[str, tuple]:
    found = {}
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None:
            continue
        for text, handle in zip(legend.get_texts(), legend.legend_handles, strict=False):
            label = " ".join(text.get_text().split())
            if hasattr(handle, "get_facecolor"):
                found[label] = tuple(round(c, 4) for c in handle.get_facecolor()[:3])
    return found


def test_the_committed_data_draws_each_reporter_in_one_colour_in_every_figure():
    import matplotlib.pyplot as plt

    project = Project(REPO)
    tables = notebook.load_tables(
        project, ["claims", "series", "organisations", "organisation_aliases"]
    )
    order = views.reporter_order(tables)
    claims = views.claims_table(tables)
    figures = [
        plots.claims_by_kind(claims, reporters=order),
        plots.claim_bounds(claims, reporters=order),
        plots.cumulative_series(
            views.cumulative_series(tables), views.cumulative_pairs(tables), reporters=order
        ),
    ]
    seen: dict[str, set] = {}
    try:
        for fig in figures:
            for label, colour in _legend_colours(fig).items():
                seen.setdefault(label, set()).add(colour)
    finally:
        for fig in figures:
            plt.close(fig)
    shared = {label for label in seen if label in {" ".join(r.split()) for r in order}}
    assert len(shared) >= 3, seen
    assert all(len(seen[label]) == 1 for label in shared), {
        label: seen[label] for label in shared if len(seen[label]) > 1
    }
