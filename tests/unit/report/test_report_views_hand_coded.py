"""deportdata.report.views on the committed, hand-coded clean tables.

Expected values come from the article texts (quoted in the comments), not from the
functions' output. The views' tests on inline frames are in test_report_views.py; the
notebooks that call the views run in tests/test_report_notebooks.py.
"""

from __future__ import annotations

import matplotlib
import pandas as pd
from conftest import REPO

from deportdata.config import Project
from deportdata.report import notebook, views
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


# --- 07 data quality ------------------------------------------------------------------------


def test_mention_coverage_totals():
    coverage = views.mention_coverage(TABLES).set_index("article_id")
    mentions = pd.read_csv(REPO / "data" / "clean" / "mentions.csv", dtype=str)
    assert coverage.loc["all", "total"] == len(mentions)
    assert coverage.loc["all", "claim"] == (mentions["status"] == "claim").sum()
    assert list(coverage.columns) == ["claim", "ignored", "uncoded", "total"]
