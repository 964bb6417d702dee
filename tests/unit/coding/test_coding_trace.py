"""coding.trace: one claim followed from the report tables back to its quote, its offsets in
the raw file and the file's checksum, on a small project written in a temporary folder."""

from __future__ import annotations

import hashlib
import json

import pytest
from inline import ARTICLE, PROJECT, RULES, TEXT, claim, raw_tables

from deportdata.clean.tables import build_tables
from deportdata.coding.flighttrace import trace_value
from deportdata.coding.trace import trace
from deportdata.config import Project
from deportdata.errors import DeportdataError
from deportdata.io import manifest
from deportdata.io.files import csv_text
from deportdata.schema import load_schema

SINCE = "Since 2002, more than 560 Cambodians have been deported from the U.S."
DETAINED = "About 40 people were detained last year."
CLAIMS = [
    claim("C001", SINCE, "more than 560", period_expression="Since 2002"),
    claim("C002", DETAINED, "About 40", line=3, kind="detained", quantity_key="detained_2016"),
]


def write(project: Project, layer: str, name: str, rows: list[dict]) -> None:
    table = load_schema().table(layer, name)
    path = (project.raw if layer == "raw" else project.clean) / table.path
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = list(table.columns)
    path.write_text(csv_text(columns, ([r.get(c, "") for c in columns] for r in rows)), "utf-8")


@pytest.fixture
def project(tmp_path) -> Project:
    """Raw claims, the article text and its manifest; the clean claims and series built from
    them; one report table that lists C001."""
    project = Project(tmp_path / "project")
    tables, _ = build_tables(
        PROJECT, raw_tables(claims=CLAIMS), {ARTICLE: TEXT}, list(RULES.residue)
    )
    write(project, "raw", "claims", CLAIMS)
    project.raw_articles.mkdir(parents=True)
    (project.raw_articles / f"{ARTICLE}.txt").write_text(TEXT, encoding="utf-8")
    manifest.update(project)
    write(project, "clean", "claims", tables["claims"])
    write(project, "clean", "series", tables["series"])
    project.tables.mkdir(parents=True)
    (project.tables / "totals.csv").write_text("claim_ids,total\nC001;C009,561\n", "utf-8")
    (project.tables / "other.csv").write_text("claim_id\nC0011\n", "utf-8")
    return project


def lines(text: str) -> dict[str, str]:
    """The numbered steps of a trace by their number (plus the header lines)."""
    return {line.split(".", 1)[0].strip(): line for line in text.splitlines()}


def test_the_trace_follows_the_claim_back_to_its_quote_and_checksum(project):
    text = trace(project, "C001")
    start = TEXT.index(SINCE)
    digest = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    first, second = text.splitlines()[:2]
    assert first == ("claim C001: 'more than 560' read as more_than, value 561, bounds [561, +inf]")
    assert "kind cumulative_since_2002, reporter cambodia_daily" in second
    assert "as of 2017-08-10..2017-08-12" in second
    steps = lines(text)
    # the token C001 is in totals.csv; "C0011" in other.csv is another id
    assert steps["1"] == "1. used in: reports/tables/totals.csv; cumulative series row corpus:C001"
    assert "coded_by hand" in steps["3"]
    # the quote starts on line 4 of the raw file (after the residue and the headline)
    column = start - TEXT.rindex("\n", 0, start)
    assert steps["4"] == (
        f"4. quote at characters {start}..{start + len(SINCE)} of "
        f"data/raw/articles/{ARTICLE}.txt (line 4, column {column}):"
    )
    assert f"     “{SINCE}”" in text.splitlines()
    assert "matches the coded quote: yes; value_text at" in text
    assert "'more than 560'" in text
    assert steps["5"] == f"5. raw file sha256 {digest}"
    assert f"data/raw/MANIFEST.sha256 records {digest}: match" in text
    assert steps["6"] == "6. checks: run `deportdata validate` to see the rules this row passes"


def test_a_claim_in_no_report_and_no_series_says_so(project):
    text = trace(project, "C002")
    assert "bounds [35, 45]" in text.splitlines()[0]
    assert lines(text)["1"] == "1. used in: no report table lists it"


def test_the_checks_that_flag_the_row_are_named(project):
    results = {
        "rules": [
            {"suite": "claims", "rule_id": "claims.bounds_ordered", "rows": [{"claim_id": "C001"}]},
            {"suite": "claims", "rule_id": "claims.quote_found", "rows": []},
            {"suite": "events", "rule_id": "events.dated", "rows": [{"claim_id": "C001"}]},
        ]
    }
    project.validation_results.write_text(json.dumps(results), encoding="utf-8")
    assert lines(trace(project, "C001"))["6"] == (
        "6. checks: 2 rules on claims; this row fails claims.bounds_ordered"
    )
    assert lines(trace(project, "C002"))["6"] == (
        "6. checks: 2 rules on claims; this row passes all of them"
    )


def test_a_raw_file_changed_since_the_manifest_is_a_mismatch(project):
    recorded = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    changed = TEXT + " "
    (project.raw_articles / f"{ARTICLE}.txt").write_text(changed, encoding="utf-8")
    steps = lines(trace(project, "C001"))
    assert steps["5"] == f"5. raw file sha256 {hashlib.sha256(changed.encode()).hexdigest()}"
    assert trace(project, "C001").splitlines()[-2] == (
        f"   data/raw/MANIFEST.sha256 records {recorded}: MISMATCH"
    )


def test_a_file_missing_from_the_manifest_is_named(project):
    project.manifest.write_text("", encoding="utf-8")
    assert "records (not in manifest): MISMATCH" in trace(project, "C001")


def test_an_unknown_claim_is_an_error_listing_known_ids(project):
    with pytest.raises(DeportdataError) as raised:
        trace(project, "C999")
    assert raised.value.message == "no claim 'C999' in data/clean/claims.csv"
    assert raised.value.hint.startswith("known ids: C001, C002")


URL = "https://example.org/arrivals"
FLIGHT = "arrival_2017_08"


@pytest.fixture
def ledger_project(project) -> Project:
    """The project above with a ledger: one reference report and the corpus claim C002 (made an
    arrivals_on_flight claim of its day) in one group, matched with one ICE Air mission."""
    arrivals = [
        {
            "ref_id": "A001",
            "flight_key": FLIGHT,
            "report_kind": "news",
            "arrival_text": "Thu 10 Aug 2017",
            "arrival_earliest": "2017-08-10",
            "arrival_latest": "2017-08-10",
            "arrival_basis": "inferred",
            "value_text": "40",
            "people_basis": "source",
            "reported_by": "an outlet",
            "originating_source": "an official",
            "url": URL,
            "other_urls": f"{URL}/2",
            "basis": "secondary",
            "value_low": 40,
            "value_high": 40,
        }
    ]
    missions = [
        {
            "mission_id": "M001",
            "mission_date": "2017-08-08",
            "source_row": "0",
            "pickup_airport": "KIWA",
            "dropoff_airport": "VDPP",
            "people": "40",
            "url": f"{URL}/ice-air",
        }
    ]
    flights = [
        {
            "flight_id": FLIGHT,
            "arrival_earliest": "2017-08-10",
            "arrival_latest": "2017-08-10",
            "people_low": 40,
            "people_high": 45,
            "fiscal_year": 2017,
            "n_reports": 2,
            "sources": "A001;C002;M001",
            "ice_air_mission_id": "M001",
            "match": "matched",
        }
    ]
    write(project, "clean", "reference_arrivals", arrivals)
    write(project, "clean", "reference_missions", missions)
    write(project, "clean", "flights", flights)
    (project.tables / "flights-ledger.csv").write_text(f"flight_id\n{FLIGHT}\n", "utf-8")
    return project


def test_a_ledger_row_is_traced_to_its_reference_rows_mission_and_quotes(ledger_project):
    text = trace_value(ledger_project, FLIGHT)
    first, *rest = text.splitlines()
    assert first.startswith(f"flight {FLIGHT}: arrival 2017-08-10..2017-08-10, people [40, 45]")
    assert "1. used in: reports/tables/flights-ledger.csv" in rest
    assert f"     url: {URL}" in rest and f"     also: {URL}/2" in rest
    assert any("M001" in line and "KIWA→VDPP, 40 people" in line for line in rest)
    assert f"     url: {URL}/ice-air" in rest
    # the corpus claim, down to its quote in the raw file
    assert "5. corpus claim C002:" in rest
    assert f"          “{DETAINED}”" in rest


def test_trace_value_still_traces_a_claim(ledger_project):
    assert trace_value(ledger_project, "C001") == trace(ledger_project, "C001")
