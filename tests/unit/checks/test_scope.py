"""The corpus's declared scope (data/raw/rules/scope.yaml), read into suite parameters."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO

from deportdata.checks import scope
from deportdata.config import Project
from deportdata.errors import DeportdataError


def test_the_scope_starts_when_the_agreement_was_signed():
    """The first day is the month of the signing as the reference events record it (X001:
    March 2002, day not found), from the same source."""
    declared = scope.load(Project(REPO))
    with (REPO / "data/raw/reference/events.csv").open(encoding="utf-8", newline="") as fh:
        signed = next(r for r in csv.DictReader(fh) if r["event_type"] == "agreement_signed")
    assert declared.earliest == date(2002, 3, 1) == date.fromisoformat(signed["date_earliest"])
    assert (declared.basis, declared.url) == (signed["basis"], signed["url"])
    assert declared.latest is None  # the build date


def test_the_build_date_is_given_when_the_checks_run():
    declared = scope.load(Project(REPO))
    assert declared.parameters(date(2031, 5, 6)) == {
        "scope__earliest": "2002-03-01T00:00:00",
        "scope__latest": "2031-05-06T00:00:00",
    }
    assert declared.parameters()["scope__latest"] == f"{scope.build_date()}T00:00:00"
    assert set(declared.parameters()) == set(scope.PARAMETERS)


def test_no_suite_or_generated_document_holds_a_date_of_the_scope():
    """The suites refer to the scope by parameter; the rule descriptions say it in words."""
    for path in sorted((REPO / "expectations").glob("*.json")):
        for exp in json.loads(path.read_text(encoding="utf-8"))["expectations"]:
            if exp["meta"]["rule_id"].endswith("_in_scope"):
                kwargs = exp["kwargs"]
                assert kwargs["min_value"] == {"$PARAMETER": "scope__earliest"}
                assert kwargs["max_value"] == {"$PARAMETER": "scope__latest"}
                assert "scope.yaml" in exp["description"]
                assert "build date" in exp["description"]
    rules = (REPO / "docs/RULES.md").read_text(encoding="utf-8")
    assert "2017–2020" not in rules and str(scope.build_date()) not in rules


def _project(tmp_path: Path, text: str) -> Project:
    (tmp_path / "data/raw/rules").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "data/raw/rules/scope.yaml").write_text(text, encoding="utf-8")
    return Project(tmp_path)


GOOD = (
    'earliest: "2002-03-01"\nearliest_basis: source\n'
    "earliest_url: https://example.org/agreement\nlatest: {latest}\n"
)


def test_a_fixed_last_day_closes_the_scope(tmp_path):
    declared = scope.load(_project(tmp_path, GOOD.format(latest='"2024-12-31"')))
    assert declared.last_day(date(2030, 1, 1)) == date(2024, 12, 31)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.format(latest="tomorrow"), "latest: 'tomorrow' is not an ISO date"),
        (GOOD.format(latest='"2001-01-01"'), "the scope ends (2001-01-01) before it starts"),
        (GOOD.replace("earliest: ", "first: "), "the scope lacks earliest"),
        (GOOD.format(latest="build date").replace("source", "guess"), "neither source nor"),
        ("earliest: [2002\n", "not valid YAML"),
        ("- 2002-03-01\n", "a mapping with `earliest` and `latest`"),
    ],
)
def test_a_malformed_scope_is_an_error_naming_the_file(tmp_path, text, message):
    with pytest.raises(
        DeportdataError, match=message.replace("(", r"\(").replace(")", r"\)")
    ) as info:
        scope.load(_project(tmp_path, text))
    assert info.value.file == "data/raw/rules/scope.yaml"


def test_a_missing_scope_is_an_error_naming_the_file(tmp_path):
    project = _project(tmp_path, "")
    (tmp_path / "data/raw/rules/scope.yaml").unlink()
    with pytest.raises(DeportdataError, match="scope is not declared") as info:
        scope.load(project)
    assert info.value.file == "data/raw/rules/scope.yaml"
