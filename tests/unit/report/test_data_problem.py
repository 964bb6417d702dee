"""A notebook that fails on bad data: the failure names the table, row and column."""

from __future__ import annotations

import csv
import io

from conftest import copy_project

from deportdata.config import Project
from deportdata.report.run import data_problem


def test_a_failing_notebook_names_the_bad_cell_of_a_table_it_reads(tmp_path):
    project = Project(copy_project(tmp_path / "project", ("data", "notebooks", "pyproject.toml")))
    notebook = project.notebooks / "03-cumulative.ipynb"
    assert data_problem(project, notebook) == ""  # sound tables: nothing to add
    path = project.clean / "series.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[1][rows[0].index("as_of_latest")] = "9999-12-31"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    assert data_problem(project, notebook) == (
        "; bad data: data/clean/series.csv:2: column as_of_latest: "
        "9999-12-31 is after 2262-04-11, the latest date the schema allows"
    )
