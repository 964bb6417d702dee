"""What a report notebook does before its views: find the project, set the figure style, pick
the output folder, and load the clean tables it reads, once.

The tables a notebook reads are the names in its `load_tables` call; `tables_read` finds
them in the notebook's code, so the build knows a notebook's inputs without a second list.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from deportdata.config import Project
from deportdata.errors import DeportdataError

if TYPE_CHECKING:
    import pandas as pd


def setup(project_root: str | None = None, output_dir: str | None = None) -> tuple[Project, Path]:
    """(project, output folder): reports/ unless papermill passes a staging folder."""
    from deportdata.report.figures import use_style

    project = Project.at(project_root) if project_root else Project.find()
    use_style()
    return project, Path(output_dir) if output_dir else project.reports


def load_tables(
    project: Project, names: Iterable[str], optional: Iterable[str] = ()
) -> dict[str, pd.DataFrame]:
    """The clean tables `names`, each read once by `deportdata.io.load.load_table`; the
    `optional` ones only when their file exists (a view then treats them as empty)."""
    from deportdata.io import load
    from deportdata.schema import load_schema

    tables = {name: load.load_table(name, project) for name in names}
    schema = load_schema()
    for name in optional:
        if (project.clean / schema.table("clean", name).path).is_file():
            tables[name] = load.load_table(name, project)
    return tables


def load_validation(project: Project, results: str | Path | None = None) -> dict:
    """reports/validation.json, as written by `deportdata validate` (or the `results` a build
    publishes together with the notebook's outputs)."""
    path = Path(results) if results else project.validation_results
    if not path.is_file():
        raise DeportdataError(
            "validation results are missing",
            file=project.rel(path),
            hint="run 'deportdata validate'",
        )
    return json.loads(path.read_text(encoding="utf-8"))


def _literal_names(node: ast.expr | None) -> list[str]:
    try:
        value = ast.literal_eval(node) if node is not None else []
    except ValueError:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def tables_read(notebook: Path) -> list[str] | None:
    """The clean tables a notebook reads: the names in its `load_tables(project, [...],
    optional=[...])` call, in that order; None when it has no such call (it may read any)."""
    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    found: list[str] | None = None
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        try:
            tree = ast.parse("".join(cell.get("source", "")))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            func = getattr(node, "func", None)
            name = getattr(func, "attr", None) or getattr(func, "id", None)
            if not isinstance(node, ast.Call) or name != "load_tables":
                continue
            args = {k.arg: k.value for k in node.keywords}
            names = _literal_names(node.args[1] if len(node.args) > 1 else args.get("names"))
            names += _literal_names(node.args[2] if len(node.args) > 2 else args.get("optional"))
            found = [*(found or []), *(n for n in names if n not in (found or []))]
    return found
