"""report.notebook: loading the tables and the validation results a notebook shows, and
explaining what is absent."""

from __future__ import annotations

import json

import pytest

from deportdata.config import Project
from deportdata.report import notebook, views


def test_known_issues_absent_is_explained(tmp_path):
    empty = Project(tmp_path)
    (tmp_path / "data" / "clean").mkdir(parents=True)
    tables = notebook.load_tables(empty, [], optional=["known_issues"])
    assert tables == {}
    assert views.known_issues(tables).empty
    assert "no data/clean/known_issues.csv" in views.known_issues_message(tables).lower()


def test_validation_views_read_the_results_file(tmp_path):
    project = Project(tmp_path)
    with pytest.raises(Exception, match="validation results are missing"):
        notebook.load_validation(project)
    project.reports.mkdir()
    project.validation_results.write_text(
        json.dumps(
            {
                "summary": [
                    {"suite": "series", "rules": 2, "passed": 1, "failed": 0, "known": 1},
                    {"suite": "claims", "rules": 1, "passed": 1, "failed": 0, "known": 0},
                ],
                "rules": [
                    {
                        "suite": "series",
                        "rule_id": "series.b",
                        "rule_class": "consistency",
                        "expectation": "x",
                        "description": "d",
                        "status": "known",
                        "rows": [{"a": 1}],
                        "known_issues": ["I001"],
                    },
                    {
                        "suite": "claims",
                        "rule_id": "claims.a",
                        "rule_class": "integrity",
                        "expectation": "x",
                        "description": "d",
                        "status": "passed",
                        "rows": [],
                        "known_issues": [],
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    validation = notebook.load_validation(project)
    assert list(views.validation_summary(validation)["suite"]) == ["claims", "series"]
    rules = views.validation_rules(validation).set_index("rule_id")
    assert (rules.loc["series.b", "offending_rows"], rules.loc["series.b", "known_issues"]) == (
        1,
        "I001",
    )
