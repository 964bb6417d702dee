"""Tests for deportdata.report.views on the committed clean data, and for the notebooks that call them.

Expected values come from the article texts (quoted in the comments), not from the
functions' output. The views' unit tests on inline frames are in tests/unit/report/test_report_views.py.
"""

from __future__ import annotations

import json

import matplotlib
import pandas as pd
import pytest
from conftest import REPO

from deportdata.config import Project
from deportdata.report import notebook, views
from deportdata.report.run import reads
from deportdata.schema import load_schema

matplotlib.use("Agg")

PROJECT = Project(REPO)
# Every clean table, loaded once, as a notebook's load cell does.
TABLES = notebook.load_tables(PROJECT, [t.name for t in load_schema().layer("clean")])

# Article 001: "Since 2002, 538 Cambodians ... according to the Returnee Integration Support
# Center (RISC)".
RISC_FEB_2017 = 538
# Article 000: "Twenty-eight Cambodians ... have been repatriated since October".
SINCE_OCTOBER = 28
# Article 000: "Since 2002, more than 560 Cambodians have been deported".
MORE_THAN_560_LOW = 560 + 1
# Reference (Cambodia Daily id 133778): 566 in May–September 2017.
CAMBODIA_DAILY_2017 = 566
# Article 001: "requested that 47 people be deported, but the government only accepted 36
# ... only 34".
REQUESTED, ACCEPTED_SOPHEAK, ACCEPTED_VANNTHAN = 47, 36, 34
# Article 003: the 25 who landed on Wednesday, from the Post, the US Embassy and KVAO.
FLIGHT_2020 = 25


def by_ids(frame: pd.DataFrame, earlier: str, later: str, scope: str) -> pd.Series:
    rows = frame[
        (frame["earlier_id"] == earlier) & (frame["later_id"] == later) & (frame["scope"] == scope)
    ]
    assert len(rows) == 1, (earlier, later, scope)
    return rows.iloc[0]


# --- helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "text"),
    [
        (538, 538, "[538, 538]"),
        (561, None, "[561, ∞)"),
        (None, 10, "[0, 10]"),
        (pd.NA, pd.NA, "[0, ∞)"),
    ],
)
def test_bounds_text(low, high, text):
    assert views.bounds_text(low, high) == text


def test_interval_text_collapses_a_single_day():
    assert views.interval_text("2020-01-15", "2020-01-15") == "2020-01-15"
    assert views.interval_text("2017-02-01", "2017-02-15") == "2017-02-01..2017-02-15"


@pytest.mark.parametrize(
    ("day", "year"),
    [("2016-09-30", 2016), ("2016-10-01", 2017), ("2017-01-15", 2017), ("2017-10-01", 2018)],
)
def test_fiscal_year_starts_on_1_october(day, year):
    assert views.fiscal_year(day) == year


def test_fiscal_year_bounds_and_text():
    start, end = views.fiscal_year_bounds(2017)
    assert (start, end) == (pd.Timestamp("2016-10-01"), pd.Timestamp("2017-09-30"))
    # calendar 2016 ("Last year" in article 001) straddles two fiscal years
    assert views.fiscal_years_text("2016-01-01", "2016-12-31") == "FY2016–FY2017"


def test_reporter_labels_join_acronyms_oldest_first():
    labels = views.reporter_labels(TABLES)
    assert labels["risc_kvao"] == "RISC / KVAO"  # renamed RISC → KVAO in 2017–2018
    assert labels["ice"] == "ICE"
    assert labels["cambodia_daily"] == "The Cambodia Daily"


# --- 02 claims ------------------------------------------------------------------------------


def test_claims_table_has_every_claim_with_its_quote():
    claims = views.claims_table(TABLES)
    raw = pd.read_csv(REPO / "data" / "clean" / "claims.csv", dtype=str)
    assert list(claims["claim_id"]) == sorted(raw["claim_id"])
    assert claims["quote"].notna().all()
    row = claims.set_index("claim_id").loc["C008"]
    assert (row["value"], row["reporter"]) == (RISC_FEB_2017, "RISC / KVAO")


def test_claims_by_kind_counts_add_up():
    kinds = views.claims_by_kind(TABLES)
    assert kinds["claims"].sum() == len(views.claims_table(TABLES))
    flight = kinds.set_index("kind").loc["arrivals_on_flight"]
    claims = views.claims_table(TABLES)
    on_flight = claims[claims["kind"] == "arrivals_on_flight"]
    assert (flight["claims"], flight["reporters"]) == (
        len(on_flight),
        on_flight["reporter"].nunique(),
    )
    # the 25 of the first flight of 2020 (article 003): three claims, by three reporters
    assert {"C013", "C014", "C015"} <= set(flight["claim_ids"].split())
    flight_2020 = on_flight[on_flight["claim_id"].isin(["C013", "C014", "C015"])]
    assert flight_2020["reporter"].nunique() == 3


# --- 03 cumulative --------------------------------------------------------------------------


def test_538_then_more_than_560_agree():
    series = views.cumulative_series(TABLES).set_index("series_row_id")
    assert series.loc["corpus:C001", "value_low"] == MORE_THAN_560_LOW
    verdict, reason = views.pair_verdict(series.loc["corpus:C008"], series.loc["corpus:C001"])
    assert verdict == "agree"
    assert f"earlier lower bound {RISC_FEB_2017}" in reason


def test_pair_verdict_break_and_overlap():
    earlier = {
        "as_of_earliest": "2017-05-01",
        "as_of_latest": "2017-09-30",
        "value_low": 566,
        "value_high": 566,
        "value_text": "566",
    }
    later = {
        "as_of_earliest": "2018-04-01",
        "as_of_latest": "2018-04-30",
        "value_low": 545,
        "value_high": 555,
        "value_text": "some 550",
    }
    assert views.pair_verdict(earlier, later)[0] == "break"
    overlapping = {**later, "as_of_earliest": "2017-09-01"}
    assert views.pair_verdict(earlier, overlapping)[0] == "not comparable"
    open_later = {**later, "value_high": None, "value_low": 501, "value_text": "more than 500"}
    assert views.pair_verdict(earlier, open_later)[0] == "agree"


def test_cumulative_pairs_find_the_breaks_only_when_pooled():
    pairs = views.cumulative_pairs(TABLES)
    assert set(pairs["verdict"]) <= {"agree", "break", "not comparable"}
    # the Phnom Penh Post's 727 (August 2018), then KVAO's 701 (January 2019)
    pooled = by_ids(pairs, "reference:K016", "reference:K007", "reference")
    assert pooled["verdict"] == "break"
    assert pooled["known_issue"]  # kept as printed, with a recorded reason
    own = by_ids(pairs, "reference:K004", "reference:K006", "reference:risc_kvao")
    assert own["verdict"] == "agree"  # 551 then 545..555
    assert by_ids(pairs, "reference:K006", "reference:K007", "reference:risc_kvao")["verdict"] == (
        "agree"
    )
    hundreds = by_ids(pairs, "corpus:C011", "corpus:C008", "corpus")
    assert hundreds["verdict"] == "not comparable"  # "hundreds" in 2017 vs February 2017
    assert not pairs.loc[pairs["verdict"] != "break", "known_issue"].any()


def test_cumulative_views_do_not_need_known_issues_or_validation_results():
    without = {name: frame for name, frame in TABLES.items() if name != "known_issues"}
    pairs = views.cumulative_pairs(without)
    assert len(pairs) and not pairs["known_issue"].any()
    assert "rule_status" not in views.known_issues(TABLES).columns


def test_reconciliation_538_plus_28_is_an_upper_reading():
    table = views.cumulative_reconciliation(
        TABLES, base="C008", added="C002", compare=["C001", "K005"]
    ).set_index("step")
    upper = RISC_FEB_2017 + SINCE_OCTOBER
    assert upper == CAMBODIA_DAILY_2017
    assert table.loc["sum", "bounds"] == f"[{RISC_FEB_2017}, {upper}]"
    assert "upper reading" in table.loc["sum", "reading"]
    compare = table.loc["compare"].set_index("id")
    assert compare.loc["C001", "reading"].startswith("agrees")  # more than 560 within 538..566
    assert compare.loc["K005", "reading"].startswith("agrees")


# --- 04 timeline ----------------------------------------------------------------------------


def test_timeline_has_every_event_and_publication():
    timeline = views.timeline_events(TABLES)
    events = pd.read_csv(REPO / "data" / "clean" / "events.csv", dtype=str)
    reference = pd.read_csv(REPO / "data" / "clean" / "reference_events.csv", dtype=str)
    articles = pd.read_csv(REPO / "data" / "clean" / "articles.csv", dtype=str)
    assert len(timeline) == len(events) + len(reference) + len(articles)  # one per publication
    assert (timeline["date_earliest"] <= timeline["date_latest"]).all()
    deadlines = timeline[timeline["kind"] == "deadline"]
    assert list(deadlines["date_expression"]) == ["until February 5"]  # article 004


def test_only_the_deadline_lies_after_its_articles_publication():
    table = views.timeline_by_article(TABLES)
    events = pd.read_csv(REPO / "data" / "clean" / "events.csv", dtype=str)
    assert sorted(table["event_id"]) == sorted(events["event_id"])
    after = table[table["is_after_publication"]]
    assert list(after["date_expression"]) == ["until February 5"]  # article 004
    published = table.groupby("article_id", sort=False)["published_earliest"].first()
    assert published.is_monotonic_increasing  # the articles in publication order


def test_the_injunction_is_dated_less_precisely_by_one_mention():
    """Article 002's "late last month" and the reference allow 25 or 26 January 2018;
    article 004's "on Friday" only the 26th, so the occurrence is the 26th."""
    occurrences = views.timeline_occurrences(TABLES)
    row = occurrences[occurrences["mention_ids"].str.contains("E036")].iloc[0]
    assert (row["date_earliest"], row["date_latest"]) == (pd.Timestamp("2018-01-26"),) * 2
    assert row["mentions_earliest"] == pd.Timestamp("2018-01-25")
    assert row["mentioned_in"] == "002; 004; reference"


# --- 05 official versus reported ------------------------------------------------------------


def test_removals_carry_their_fiscal_year_dates():
    removals = views.removals_by_fiscal_year(TABLES)
    fy2017 = removals[removals["fiscal_year"] == 2017].iloc[0]
    assert (fy2017["fy_start"], fy2017["fy_end"]) == (
        pd.Timestamp("2016-10-01"),
        pd.Timestamp("2017-09-30"),
    )


def test_reported_counts_name_the_fiscal_years_they_touch():
    counts = views.reported_counts(TABLES, ["removals_in_period", "arrivals_on_flight"]).set_index(
        "claim_id"
    )
    assert counts.loc["C002", "fiscal_years"] == "FY2017"  # since October 2016, to August 2017
    assert counts.loc["C009", "fiscal_years"] == "FY2016–FY2017"  # calendar 2016
    assert set(counts.loc[["C013", "C014", "C015"], "value_low"]) == {FLIGHT_2020}


def test_cumulative_differences_usable_only_when_bounded_and_not_negative():
    diffs = views.cumulative_differences(TABLES, "risc_kvao").set_index(["earlier_id", "later_id"])
    feb_apr = diffs.loc[("corpus:C008", "reference:K004")]
    assert (feb_apr["difference_low"], feb_apr["difference_high"], feb_apr["usable"]) == (
        13,
        13,
        True,
    )
    fall = diffs.loc[("reference:K004", "reference:K006")]
    assert fall["difference_low"] < 0 and not fall["usable"]
    assert not any(
        i.endswith("K008") for pair in diffs.index for i in pair
    )  # another reporter's tally


# --- 06 discrepancies -----------------------------------------------------------------------


def test_discrepancy_ledger_verdicts():
    ledger = views.discrepancy_ledger(TABLES, 2).set_index("quantity_key")
    assert ledger.loc["accepted_by_cambodia_2017_02", "verdict"] == "disagree"
    assert not ledger.loc["accepted_by_cambodia_2017_02", "bounds_overlap"]
    assert ledger.loc["arrivals_2020_01_15", "verdict"] == "same figure"
    assert ledger.loc["arrivals_2020_01_15", "common_bounds"] == f"[{FLIGHT_2020}, {FLIGHT_2020}]"
    assert ledger.loc["protected_by_injunction_2018_01", "articles"] == 2
    assert ledger.loc["pending_deportation_2017_02", "verdict"] == "compatible"  # Over 30, dozens
    assert ledger.loc["cumulative_deportees_since_2002", "verdict"] == "different dates"
    assert "requested_by_us_2017_02" not in ledger.index  # one claim only


def test_discrepancy_claims_match_the_ledger():
    ledger = views.discrepancy_ledger(TABLES, 2)
    claims = views.discrepancy_claims(TABLES, 2)
    assert sorted(claims["claim_id"]) == sorted(
        i for ids in ledger["claim_ids"] for i in ids.split()
    )


def test_request_and_acceptance():
    table = views.request_and_acceptance(
        TABLES, requested_key="requested_by_us_2017_02", accepted_key="accepted_by_cambodia_2017_02"
    ).set_index("accepted_id")
    assert table.loc["C006", "not_accepted"] == str(REQUESTED - ACCEPTED_SOPHEAK)
    assert table.loc["C007", "not_accepted"] == str(REQUESTED - ACCEPTED_VANNTHAN)


def test_bounds_overlap():
    assert views.bounds_overlap([31, 24], [pd.NA, 99]) == (True, 31, 99)
    assert views.bounds_overlap([36, 34], [36, 34])[0] is False


# --- 07 data quality ------------------------------------------------------------------------


def test_mention_coverage_totals():
    coverage = views.mention_coverage(TABLES).set_index("article_id")
    mentions = pd.read_csv(REPO / "data" / "clean" / "mentions.csv", dtype=str)
    assert coverage.loc["all", "total"] == len(mentions)
    assert coverage.loc["all", "claim"] == (mentions["status"] == "claim").sum()
    assert list(coverage.columns) == ["claim", "ignored", "uncoded", "total"]


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


# --- the notebooks: they run, and declare every clean table they read -----------------------

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
