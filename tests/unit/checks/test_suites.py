"""The suite files in expectations/ and the known-issues table, checked without running GX."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import REPO

from deportdata.checks.suites import RULE_CLASSES, format_suite, load_suite_file
from deportdata.errors import DeportdataError
from deportdata.schema import load_schema

SUITES = sorted((REPO / "expectations").glob("*.json"))
CLEAN_TABLES = sorted(t.name for t in load_schema().layer("clean"))


def test_one_suite_per_clean_table():
    assert sorted(p.stem for p in SUITES) == CLEAN_TABLES


@pytest.mark.parametrize("path", SUITES, ids=lambda p: p.stem)
def test_suite_is_minimal_and_stably_formatted(path):
    text = path.read_text(encoding="utf-8")
    doc = load_suite_file(path, path.name)  # raises on a missing rule_id, class or description
    assert text == format_suite(doc), (
        f"reformat {path.name} with deportdata.checks.suites.format_suite"
    )
    assert doc["name"] == doc["meta"]["table"] == path.stem
    for exp in doc["expectations"]:
        assert list(exp) == ["type", "kwargs", "meta", "description"]
        assert exp["meta"]["class"] in RULE_CLASSES


@pytest.mark.parametrize("path", SUITES, ids=lambda p: p.stem)
def test_parameters_and_columns_exist(path):
    """Every $PARAMETER names a parameter validate provides; every column is known or derived."""
    from deportdata.checks import scope
    from deportdata.checks.frames import LINE, MATCHED, PROBLEMS

    schema = load_schema()
    table = path.stem
    columns = set(schema.table("clean", table).columns)
    derived = {
        "articles": {"raw_sha256_now", "unlisted_mentions"},
        "claims": {
            "quote_at_offsets",
            "value_text_at_offsets",
            "actor_key",
            "article_published_latest",
        },
        "events": {
            "quote_at_offsets",
            "actor_ids_unresolved",
            "organisation_ids_unresolved",
            "article_published_latest",
            "expected_is_deadline",
        },
        "mentions": {"text_at_offsets"},
        "occurrences": {"mentions_not_meeting", "mention_ids_mismatch"},
        "reference_cumulative": {"printed_by_unresolved"},
        "reference_arrivals": {"other_urls_malformed"},
        "flights": {
            "fiscal_year_of_arrival",
            "sources_unresolved",
            "mission_date_recorded",
            "mission_people_recorded",
            "mission_days_to_arrival_earliest",
            "mission_days_to_arrival_latest",
        },
        "cleaning_log": {"removed_text_at_offsets"},
        "series": {"series_id_expected"},
        "known_issues": {MATCHED},
    }.get(table, set()) | {LINE, PROBLEMS}
    params = {f"columns__{t}" for t in CLEAN_TABLES} | {
        f"vocabulary__{v}" for v in schema.vocabularies
    }
    params |= {
        f"{t.name}__{c}" for t in schema.layer("clean") for c in t.columns if c.endswith("_id")
    }
    params |= {f"{t}__key" for t in CLEAN_TABLES} | {
        "tables__name",
        "residue_rules__name",
        "rules__consistency",
        "organisation_aliases__alias",
        *scope.PARAMETERS,
    }
    for exp in json.loads(path.read_text(encoding="utf-8"))["expectations"]:
        kwargs = exp["kwargs"]
        used = [kwargs[k] for k in ("column", "column_A", "column_B") if k in kwargs]
        used += kwargs.get("column_list") or []
        if "row_condition" in kwargs:
            used.append(kwargs["row_condition"]["column"]["name"])
        for column in used:
            assert column in columns | derived, f"{exp['meta']['rule_id']}: unknown column {column}"
        for key, value in kwargs.items():
            if isinstance(value, dict) and "$PARAMETER" in value:
                assert value["$PARAMETER"] in params, exp["meta"]["rule_id"]
            if key == "reference":  # expect_column_values_to_be_in_reference
                assert value in params, exp["meta"]["rule_id"]


def test_rule_ids_are_unique_across_suites():
    ids = [e["meta"]["rule_id"] for p in SUITES for e in json.loads(p.read_text())["expectations"]]
    assert len(ids) == len(set(ids))


def test_cumulative_rule_runs_per_reporter_and_pooled():
    doc = json.loads((REPO / "expectations" / "series.json").read_text(encoding="utf-8"))
    groups = {
        e["kwargs"]["column_list"][0]: e["meta"]["class"]
        for e in doc["expectations"]
        if e["type"] == "expect_cumulative_totals_not_to_fall"
    }
    assert groups == {"series_id": "consistency", "origin": "consistency"}


def test_known_issues_are_recorded_with_quote_rule_and_reason():
    with (REPO / "data" / "raw" / "known_issues.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows, "the reference series has a known break ('some 550' after 566)"
    consistency = {
        e["meta"]["rule_id"]
        for p in SUITES
        for e in json.loads(p.read_text())["expectations"]
        if e["meta"]["class"] == "consistency"
    }
    for row in rows:
        assert row["rule_id"] in consistency
        assert row["rule_id"].startswith(row["table"] + ".")
        assert row["quote"] and row["reason"] and row["url"].startswith("https://")


def _suite_file(tmp_path, expectations, name="claims") -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(
        json.dumps({"name": name, "meta": {"table": name}, "expectations": expectations})
    )
    return path


GOOD = {
    "type": "expect_column_values_to_be_unique",
    "kwargs": {"column": "claim_id"},
    "meta": {"rule_id": "claims.id_unique", "class": "integrity"},
    "description": "claim_id is unique.",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"meta": {"class": "integrity"}}, "has no meta.rule_id"),
        (
            {"meta": {"rule_id": "articles.id_unique", "class": "integrity"}},
            "does not start with 'claims.'",
        ),
        (
            {"meta": {"rule_id": "claims.id_unique", "class": "serious"}},
            "meta.class must be one of",
        ),
        ({"description": ""}, "has no description"),
        ({"id": "1234"}, "unexpected keys"),
        ({"type": ""}, "has no 'type'"),
    ],
)
def test_badly_written_expectations_are_errors(tmp_path, change, message):
    path = _suite_file(tmp_path, [{**GOOD, **change}])
    with pytest.raises(DeportdataError, match=message):
        load_suite_file(path, path.name)


def test_a_rule_id_used_twice_is_an_error(tmp_path):
    path = _suite_file(tmp_path, [GOOD, GOOD])
    with pytest.raises(DeportdataError, match="used twice"):
        load_suite_file(path, path.name)


def test_invalid_json_names_line_and_column(tmp_path):
    path = tmp_path / "claims.json"
    path.write_text('{"name": "claims",\n "expectations": [}\n')
    with pytest.raises(DeportdataError) as info:
        load_suite_file(path, "expectations/claims.json")
    assert str(info.value).startswith("expectations/claims.json:2: column 19: not valid JSON")
