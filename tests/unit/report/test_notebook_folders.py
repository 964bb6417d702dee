"""A report notebook runs with the project's folders as absolute parameters and without a
working-directory change: papermill's `cwd` changes the folder of the whole process, which
notebooks run at once in threads would race on (a kernel could start in another folder)."""

from __future__ import annotations

import json
import os

import papermill

from deportdata.config import Project
from deportdata.report import run


def test_a_notebook_runs_with_absolute_folders_and_no_chdir(tmp_path, monkeypatch):
    project = Project(tmp_path)
    project.notebooks.mkdir(parents=True)
    notebook = project.notebooks / "01-x.ipynb"
    notebook.write_text("{}", encoding="utf-8")
    seen = {}

    def fake(source, target, **kwargs):
        seen.update(kwargs)
        cell = {"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["text"]}
        nb = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        with open(target, "w", encoding="utf-8") as handle:
            json.dump(nb, handle)

    monkeypatch.setattr(papermill, "execute_notebook", fake)
    result, _ = run.execute(project, notebook, {})
    assert result.status == "ran", result.message
    assert seen.get("cwd") is None
    assert os.path.isabs(seen["parameters"]["project_root"])
    assert os.path.isabs(seen["parameters"]["output_dir"])
