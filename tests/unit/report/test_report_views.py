"""Unit tests of the report's views and figures on small inline frames, with no project on
disk: a view takes the tables a notebook loaded, a figure the view's result; neither reads
a file. The tests on the committed, hand-coded tables are in test_report_views_hand_coded.py,
the notebooks' runs in tests/test_report_notebooks.py."""

from __future__ import annotations

import json

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from conftest import REPO

import deportdata.io.load
from deportdata.config import Project
from deportdata.report import notebook, plots, views

matplotlib.use("Agg")
D = pd.Timestamp


@pytest.fixture(autouse=True)
def no_io(monkeypatch, tmp_path):
    """No project, no table reader, no CSV reader: a view or figure that reads fails."""

    def refuse(*args, **kwargs):
        raise AssertionError("a report function read a file")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(deportdata.io.load, "load_table", refuse)
    monkeypatch.setattr(pd, "read_csv", refuse)
    monkeypatch.setattr(Project, "find", refuse)
    yield
    plt.close("all")


def organisations() -> dict[str, pd.DataFrame]:
    return {
        "organisations": pd.DataFrame(
            {
                "organisation_id": ["risc_kvao", "interior", "post"],
                "name": ["Returnee Integration Support Center", "Ministry of Interior", "The Post"],
            }
        ),
        "organisation_aliases": pd.DataFrame(
            {
                "organisation_id": ["risc_kvao", "risc_kvao", "interior"],
                "alias": ["KVAO", "RISC", "the ministry"],
                "valid_from_earliest": [D("2018-01-01"), pd.NaT, pd.NaT],
            }
        ),
    }


CLAIM_COLUMNS = [
    "claim_id", "article_id", "kind", "quantity_key", "reporter_id", "actor_id", "value_text",
    "qualifier", "value", "value_low", "value_high", "as_of_earliest", "as_of_latest",
    "period_expression", "period_start_earliest", "period_start_latest", "period_end_earliest",
    "period_end_latest", "note", "quote",
]  # fmt: skip


def claim(cid, key, low, high, *, reporter="interior", kind="accepted", as_of="2017-02-10", **kw):
    row = dict.fromkeys(CLAIM_COLUMNS, pd.NA)
    row.update(
        claim_id=cid, article_id="001_x", kind=kind, quantity_key=key, reporter_id=reporter,
        actor_id=reporter, value_text=str(low), qualifier="exact", value=low, value_low=low,
        value_high=high, as_of_earliest=D(as_of), as_of_latest=D(as_of), note="", quote=f"q {cid}",
    )  # fmt: skip
    row.update(kw)
    return row


def claims_tables(rows: list[dict]) -> dict[str, pd.DataFrame]:
    frame = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    for column in ("value", "value_low", "value_high"):
        frame[column] = frame[column].astype("Int64")
    for column in CLAIM_COLUMNS:
        if "earliest" in column or "latest" in column:
            frame[column] = pd.to_datetime(frame[column])
    return {**organisations(), "claims": frame}


# three claims about "a", two about "b" (one open), one about "c"
LEDGER_CLAIMS = [
    claim("C1", "a", 36, 36),
    claim("C2", "a", 34, 34, reporter="post"),
    claim("C3", "a", 35, 35, reporter="risc_kvao"),
    claim("C4", "b", 31, None, qualifier="more_than"),
    claim("C5", "b", 24, 99, qualifier="vague", value=pd.NA),
    claim("C6", "c", 47, 47, kind="requested"),
]


def test_reporter_labels_use_acronyms_oldest_first():
    labels = views.reporter_labels(organisations())
    assert labels == {
        "risc_kvao": "RISC / KVAO",
        "interior": "Ministry of Interior",
        "post": "The Post",
    }


def test_claims_table_and_by_kind():
    tables = claims_tables(LEDGER_CLAIMS)
    table = views.claims_table(tables)
    assert list(table["claim_id"]) == ["C1", "C2", "C3", "C4", "C5", "C6"]
    assert table.set_index("claim_id").loc["C3", "reporter"] == "RISC / KVAO"
    kinds = views.claims_by_kind(tables).set_index("kind")
    assert (kinds.loc["accepted", "claims"], kinds.loc["accepted", "quantities"]) == (5, 2)


@pytest.mark.parametrize(
    ("min_claims", "keys"), [(1, ["a", "b", "c"]), (2, ["a", "b"]), (3, ["a"])]
)
def test_ledger_and_claims_follow_min_claims(min_claims, keys):
    tables = claims_tables(LEDGER_CLAIMS)
    ledger = views.discrepancy_ledger(tables, min_claims)
    assert list(ledger["quantity_key"]) == keys
    assert sorted(set(views.discrepancy_claims(tables, min_claims)["quantity_key"])) == keys
    verdicts = ledger.set_index("quantity_key")["verdict"]
    assert verdicts["a"] == "disagree"
    if "b" in keys:
        assert verdicts["b"] == "compatible"
        assert ledger.set_index("quantity_key").loc["b", "common_bounds"] == "[31, 99]"


@pytest.mark.parametrize("min_claims", [1, 2, 3])
def test_discrepancy_figure_uses_the_tables_min_claims(min_claims):
    """The 06 figure draws the quantities of the ledger built with the notebook's min_claims
    (before, it always rebuilt the ledger with min_claims=2)."""
    tables = claims_tables(LEDGER_CLAIMS)
    ledger = views.discrepancy_ledger(tables, min_claims)
    panels = views.discrepancy_panels(
        ledger, tables, exclude_verdicts=["different dates"], related=[["a", "c"]]
    )
    fig = plots.discrepancy_bounds(panels)
    titles = [ax.get_title(loc="left").split(":")[0] for ax in fig.axes]
    assert titles == list(ledger["quantity_key"])
    drawn = {t.get_text().split("“")[0].strip() for ax in fig.axes for t in ax.texts} - {""}
    expected = set(views.discrepancy_claims(tables, min_claims)["claim_id"]) | {"C6"}
    assert drawn == expected  # the related C6 (47 requested) is drawn in panel "a"


def test_discrepancy_panels_leave_out_excluded_verdicts_and_add_related():
    tables = claims_tables(
        [*LEDGER_CLAIMS, claim("C7", "d", 500, 500), claim("C8", "d", 560, 560, as_of="2017-08-01")]
    )
    ledger = views.discrepancy_ledger(tables, 2)
    assert ledger.set_index("quantity_key").loc["d", "verdict"] == "different dates"
    panels = views.discrepancy_panels(
        ledger, tables, exclude_verdicts=["different dates"], related=[["a", "c"]]
    )
    assert list(dict.fromkeys(panels["quantity_key"])) == ["a", "b"]
    related = panels[panels["role"] == "related"]
    assert list(related["claim_id"]) == ["C6"] and set(related["quantity_key"]) == {"a"}


def test_request_and_acceptance():
    tables = claims_tables(LEDGER_CLAIMS)
    table = views.request_and_acceptance(tables, requested_key="c", accepted_key="a")
    assert list(table["not_accepted"]) == ["11", "13", "12"]


def series_tables(rows: list[tuple]) -> dict[str, pd.DataFrame]:
    columns = ["series_row_id", "origin", "series_id", "reporter_id", "as_of_earliest",
               "as_of_latest", "value_text", "qualifier", "value_low", "value_high"]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    frame["source_id"] = frame["series_row_id"].str.split(":").str[1]
    frame["article_id"] = frame["series_row_id"].map(lambda r: "001_x" if "corpus" in r else pd.NA)
    frame["url"] = "https://example.org/"
    for column in ("as_of_earliest", "as_of_latest"):
        frame[column] = pd.to_datetime(frame[column])
    for column in ("value_low", "value_high"):
        frame[column] = frame[column].astype("Int64")
    return {**organisations(), "series": frame}


SERIES = [
    ("corpus:C1", "corpus", "corpus:risc_kvao", "risc_kvao", "2017-02-01", "2017-02-15", "538", "exact", 538, 538),
    ("reference:K1", "reference", "reference:risc_kvao", "risc_kvao", "2017-05-01", "2017-09-30", "566", "exact", 566, 566),
    ("reference:K2", "reference", "reference:risc_kvao", "risc_kvao", "2018-04-01", "2018-04-30", "some 550", "approximate", 545, 555),
    ("corpus:C2", "corpus", "corpus:post", "post", "2017-01-01", "2017-12-31", "hundreds", "vague", 200, 999),
]  # fmt: skip


def test_cumulative_pairs_judge_consecutive_totals_and_name_known_issues():
    tables = series_tables(SERIES)
    tables["known_issues"] = pd.DataFrame(
        {"issue_id": ["I1"], "table": ["series"], "row_id": ["reference:K2"], "rule_id": ["r"]}
    )
    pairs = views.cumulative_pairs(tables, scopes=["all"]).set_index(["earlier_id", "later_id"])
    assert pairs.loc[("corpus:C2", "corpus:C1"), "verdict"] == "not comparable"
    assert pairs.loc[("corpus:C1", "reference:K1"), "verdict"] == "agree"
    fall = pairs.loc[("reference:K1", "reference:K2")]
    assert (fall["verdict"], fall["known_issue"]) == ("break", "I1")


def test_cumulative_differences_and_reconciliation():
    tables = series_tables(SERIES)
    diffs = views.cumulative_differences(tables, "risc_kvao")
    assert list(diffs["difference_low"]) == [28, -21]
    assert list(diffs["usable"]) == [True, False]
    tables |= claims_tables(
        [
            claim("C1", "cum", 538, 538, kind="cumulative", as_of="2017-02-15"),
            claim(
                "C9",
                "since_oct",
                28,
                28,
                kind="removals_in_period",
                as_of="2017-08-20",
                period_start_earliest=D("2016-10-01"),
                period_start_latest=D("2016-10-31"),
                period_end_earliest=D("2017-08-20"),
                period_end_latest=D("2017-08-20"),
            ),
        ]
    )
    table = views.cumulative_reconciliation(tables, base="C1", added="C9", compare=["K1", "K2"])
    steps = table.set_index("step")
    assert steps.loc["sum", "bounds"] == "[538, 566]"  # the 28 may be in the 538
    compare = steps.loc["compare"].set_index("id")["reading"]
    assert compare["K1"].startswith("agrees") and compare["K2"].startswith("agrees")


def test_fiscal_years_of_removals_and_counts():
    tables = {
        **organisations(),
        "reference_removals": pd.DataFrame(
            {
                "ref_id": ["R1"],
                "fiscal_year": pd.array([2017], dtype="Int64"),
                "measure": ["ice"],
                "removals": [29],
                "reporter": ["post"],
                "publisher": ["p"],
                "basis": ["source"],
            }
        ),
    }
    row = views.removals_by_fiscal_year(tables).iloc[0]
    assert (row["fy_start"], row["fy_end"]) == (D("2016-10-01"), D("2017-09-30"))
    counts = claims_tables(
        [
            claim(
                "C9",
                "k",
                28,
                28,
                kind="removals_in_period",
                period_start_earliest=D("2016-01-01"),
                period_end_latest=D("2016-12-31"),
            )
        ]
    )
    table = views.reported_counts(counts, ["removals_in_period"])
    assert list(table["fiscal_years"]) == ["FY2016–FY2017"]
    assert views.reported_counts(counts, ["arrivals_on_flight"]).empty


def test_quality_views_take_the_validation_results():
    validation = {
        "summary": [{"suite": "s", "rules": 1, "passed": 0, "failed": 0, "known": 1}],
        "rules": [{"suite": "s", "rule_id": "s.r", "rule_class": "consistency", "status": "known",
                   "description": "d", "rows": [{}], "known_issues": ["I1"]}],
    }  # fmt: skip
    issues = pd.DataFrame(
        {"reason": ["printed"], "row_id": ["x"], "rule_id": ["s.r"], "issue_id": ["I1"]}
    )
    tables = {"known_issues": issues}
    table = views.known_issues(tables, validation)
    assert list(table.columns[:3]) == ["issue_id", "rule_id", "row_id"]
    assert table.loc[0, "rule_status"] == "known"
    assert (
        views.known_issues_message(tables) == "1 known-issue record in data/clean/known_issues.csv."
    )
    assert views.validation_rules(validation).loc[0, "offending_rows"] == 1
    fig = plots.quality_rules(views.validation_summary(validation))
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["s"]


def test_mention_coverage_and_its_figure():
    mentions = pd.DataFrame(
        {"article_id": ["001_x", "001_x", "002_y"], "status": ["claim", "ignored", "claim"],
         "reason_code": [pd.NA, "year", pd.NA], "text": ["36", "2017", "25"]}
    )  # fmt: skip
    coverage = views.mention_coverage({"mentions": mentions}).set_index("article_id")
    assert (coverage.loc["all", "total"], coverage.loc["001_x", "ignored"]) == (3, 1)
    assert views.ignored_reasons({"mentions": mentions}).loc[0, "examples"] == "2017"
    fig = plots.mention_coverage(coverage.reset_index(), {"001_x": "001 · Post"})
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["002_y", "001 · Post"]


def test_tables_read_are_the_names_of_the_load_cell(tmp_path):
    cell = 'tables = notebook.load_tables(project, ["claims", "series"], optional=["known_issues"])'
    path = tmp_path / "x.ipynb"
    path.write_text(
        json.dumps({"cells": [{"cell_type": "code", "source": [cell], "metadata": {}}]}),
        encoding="utf-8",
    )
    assert notebook.tables_read(path) == ["claims", "series", "known_issues"]
    path.write_text(json.dumps({"cells": []}), encoding="utf-8")
    assert notebook.tables_read(path) is None


@pytest.mark.parametrize(
    "path", sorted((REPO / "notebooks").glob("0*.ipynb")), ids=lambda p: p.stem
)
def test_notebooks_call_no_view_with_the_project(path):
    """Views and figures get tables and views, never the project (which would let them read)."""
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        for call in ("views.", "plots."):
            assert (
                f"{call}" not in source or "(project" not in source.split(call, 1)[1].split("\n")[0]
            )


SINCE_OCTOBER = {
    "period_start_earliest": D("2016-10-01"),
    "period_start_latest": D("2016-10-31"),
    "period_end_earliest": D("2017-08-20"),
    "period_end_latest": D("2017-08-20"),
}
RECONCILE_SERIES = [
    *SERIES,
    # counted before the 28's period starts: arrivals in between are in neither count
    ("reference:K0", "reference", "reference:risc_kvao", "risc_kvao", "2016-06-01", "2016-06-30", "500", "exact", 500, 500),
    # inside the period but open above: no finite sum
    ("reference:K3", "reference", "reference:risc_kvao", "risc_kvao", "2016-12-01", "2016-12-31", "more than 500", "more_than", 501, None),
]  # fmt: skip


def reconcile_tables(series=RECONCILE_SERIES, claims=None) -> dict[str, pd.DataFrame]:
    claims = claims or [
        claim("C1", "cum", 538, 538, kind="cumulative_since_2002", reporter="risc_kvao"),
        claim("C9", "since_oct", 28, 28, kind="removals_in_period", reporter="risc_kvao",
              as_of="2017-08-20", **SINCE_OCTOBER),
        # another reporter's count: none of its totals are in the period
        claim("C7", "post_count", 5, 5, kind="removals_in_period", reporter="post",
              as_of="2017-08-20", **SINCE_OCTOBER),
        # a count of another kind is not added
        claim("C8", "flight", 30, 30, kind="arrivals_on_flight", reporter="risc_kvao",
              as_of="2017-08-20", **SINCE_OCTOBER),
    ]  # fmt: skip
    return series_tables(series) | claims_tables(claims)


def test_reconciliation_pairs_found_by_rule():
    pairs = views.reconciliation_pairs(reconcile_tables())
    assert pairs.to_dict("records") == [
        {"reconciliation": "C1+C9", "base": "C1", "added": "C9", "compare": "C2 K1"}
    ]  # not K0 (before the period), K3 (open), K1 (counted after the period ends), C7, C8
    kinds = views.reconciliation_pairs(reconcile_tables(), ["arrivals_on_flight"])
    assert list(kinds["reconciliation"]) == ["C1+C8"]


def test_reconciliation_pairs_do_not_depend_on_ids():
    renamed = [(r[0].replace("C", "X").replace("K", "Y"), *r[1:]) for r in RECONCILE_SERIES]
    claims = [
        claim("X1", "cum", 538, 538, kind="cumulative_since_2002", reporter="risc_kvao"),
        claim("X9", "since_oct", 28, 28, kind="removals_in_period", reporter="risc_kvao",
              as_of="2017-08-20", **SINCE_OCTOBER),
    ]  # fmt: skip
    pairs = views.reconciliation_pairs(reconcile_tables(renamed, claims))
    assert list(pairs["reconciliation"]) == ["X1+X9"] and list(pairs["compare"]) == ["X2 Y1"]


def test_every_reconciliation_and_the_totals_it_covers():
    tables = reconcile_tables()
    table = views.cumulative_reconciliations(tables)
    assert set(table["reconciliation"]) == {"C1+C9"}
    assert table.set_index("step").loc["sum", "bounds"] == "[538, 566]"
    coverage = views.reconciliation_coverage(tables, table).set_index("series_row_id")
    assert len(coverage) == len(RECONCILE_SERIES)  # every total has a row
    assert coverage.loc["corpus:C1", "role"] == "base"
    assert coverage.loc["reference:K1", "role"] == "compare"
    assert coverage.loc["reference:K0", "role"] == "none"
    empty = views.cumulative_reconciliations(reconcile_tables(claims=[LEDGER_CLAIMS[0]]))
    assert empty.empty and "reconciliation" in empty.columns


def test_worked_example_ids_checked():
    tables = reconcile_tables()
    assert views.missing_ids(tables, base="C1", added="C9", compare=["K1"]) == []
    assert views.missing_ids(tables, base="C008", added="C9", compare=["K1", "K005"]) == [
        "C008",
        "K005",
    ]
    with pytest.raises(ValueError, match="not in this corpus: C008, K005"):
        views.cumulative_reconciliation(tables, base="C008", added="C9", compare=["K1", "K005"])


def test_windows_come_from_the_data_unless_given():
    from deportdata.report.plots.common import date_window, log_window, value_window, years_title

    days = [D("2010-01-01"), D("2019-12-31")]
    assert date_window(["2001-07-01", "2020-12-31"], days, days) == (
        D("2001-07-01"),
        D("2020-12-31"),
    )
    start, end = date_window(None, days, days)
    assert (
        start < D("2010-01-01") and end > D("2019-12-31") and end - start < pd.Timedelta(days=4500)
    )
    assert date_window([None, "2021-01-01"], days, days) == (start, D("2021-01-01"))
    assert value_window(None, [538, 768], floor=0)[0] < 538
    assert value_window([0, 1050], [538]) == (0.0, 1050.0)
    assert log_window(None, [0, 3, 1200]) == (1.0, 10000.0)
    assert years_title(D("2001-07-01"), D("2020-12-31")) == "2002–2020"


def test_figures_draw_with_windows_from_the_data():
    tables = reconcile_tables()
    series = views.cumulative_series(tables)
    fig = plots.cumulative_series(series, views.cumulative_pairs(tables))
    left, right = fig.axes[:2]
    assert left.get_ylim()[0] == 0 and left.get_ylim()[1] > 999
    low, high = right.get_xlim()  # the zoom: where at least half the totals are
    inside = [low <= plots_date(d) <= high for d in series["as_of_latest"]]
    assert sum(inside) * 2 >= len(series) and not all(inside)
    assert left.get_xlim()[0] < plots_date("2016-06-01") < left.get_xlim()[1]


def plots_date(day: str) -> float:
    from deportdata.report.plots.common import date_num

    return date_num(day)


# --- helpers and verdicts on values given inline -----------------------------------------


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


def test_bounds_overlap():
    assert views.bounds_overlap([31, 24], [pd.NA, 99]) == (True, 31, 99)
    assert views.bounds_overlap([36, 34], [36, 34])[0] is False
