"""A corpus that grows repeats its figures: the views and figures group claims and totals that
give the same reading, and bound the rows they draw, so that their size follows the distinct
figures, not the articles. Inline frames, no project on disk (as in test_report_views.py)."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from conftest import REPO
from test_report_views import (  # noqa: F401  (no_io: the autouse guard against reading files)
    LEDGER_CLAIMS,
    RECONCILE_SERIES,
    SINCE_OCTOBER,
    claim,
    claims_tables,
    no_io,
    reconcile_tables,
)

from deportdata.report import plots, views
from deportdata.report.plots.claims import bound_readings
from deportdata.report.views.common import ids_text, listed, same_readings

COPIES = 4


def title(ax) -> str:
    """An axes' title, wherever the style puts it."""
    return "".join(ax.get_title(loc=loc) for loc in ("left", "center", "right"))


def copies(rows: list[dict], n: int = COPIES) -> list[dict]:
    """`rows` n times, with fresh claim and article ids, as a grown corpus would repeat them."""
    return [
        {**r, "claim_id": f"{r['claim_id']}_{k}", "article_id": f"{k:03d}_x"}
        for k in range(n)
        for r in rows
    ]


def test_ids_text_lists_a_few_then_counts():
    assert ids_text(["C1", "C2"]) == "C1 C2"
    assert ids_text([f"C{i}" for i in range(10)], 3) == "C0 C1 C2 and 7 more"


def test_listed_counts_repeated_values_only_beyond_the_limit():
    assert listed(["25", "25", "Twenty-five"]) == "25; 25; Twenty-five"
    assert listed(["538"] * 100 + ["more than 560"] * 2, 6) == "538 ×100; more than 560 ×2"


def test_same_readings_group_equal_rows_empty_cells_included():
    frame = pd.DataFrame(
        {
            "id": ["b", "a", "c", "d"],
            "value": [1, 1, 2, None],
            "text": ["x", "x", "x", None],
        }
    )
    out = same_readings(frame, ["value", "text"], "id")
    assert list(out["id"]) == ["a", "c", "d"]  # the first by id stands for its reading
    assert list(out["repeated"]) == [2, 1, 1] and out["ids"][0] == ["a", "b"]
    assert same_readings(frame.iloc[:0], ["value"], "id").empty


def repeated_reconcile_tables():
    """Every total and count of `reconcile_tables` printed by COPIES articles."""
    series = [(f"{r[0]}_{k}", *r[1:]) for k in range(COPIES) for r in RECONCILE_SERIES]
    since_october = {"as_of": "2017-08-20", **SINCE_OCTOBER}
    total = claim("C1", "cum", 538, 538, kind="cumulative_since_2002", reporter="risc_kvao")
    count = claim("C9", "since_oct", 28, 28, kind="removals_in_period", reporter="risc_kvao",
                  **since_october)  # fmt: skip
    claims = copies([total, count])
    return reconcile_tables(series, claims)


def test_a_repeated_figure_is_reconciled_once_and_every_copy_is_covered():
    once = views.cumulative_reconciliations(reconcile_tables())
    tables = repeated_reconcile_tables()
    table = views.cumulative_reconciliations(tables)
    # as many rows as with one copy (not COPIES² reconciliations of COPIES compares each)
    assert len(table) == len(once)
    assert set(table["reconciliation"]) == {"C1_0+C9_0"}
    assert table.set_index("step").loc["sum", "bounds"] == "[538, 566]"
    assert set(table.loc[table["step"] != "sum", "repeated"]) == {COPIES}
    coverage = views.reconciliation_coverage(tables, table).set_index("series_row_id")
    assert len(coverage) == COPIES * len(RECONCILE_SERIES)
    for k in range(COPIES):  # each copy takes part through its reading
        assert coverage.loc[f"corpus:C1_{k}", "role"] == "base"
        assert coverage.loc[f"reference:K1_{k}", "role"] == "compare"
        assert coverage.loc[f"reference:K0_{k}", "role"] == "none"


def test_repeated_totals_are_paired_and_differenced_once():
    once, tables = reconcile_tables(), repeated_reconcile_tables()
    assert len(views.cumulative_pairs(tables)) == len(views.cumulative_pairs(once))
    assert len(views.cumulative_differences(tables, "risc_kvao")) == len(
        views.cumulative_differences(once, "risc_kvao")
    )


def test_the_claim_bounds_figure_draws_one_bar_per_reading_and_at_most_max_rows():
    claims = views.claims_table(claims_tables(copies(LEDGER_CLAIMS)))
    fig = plots.claim_bounds(claims)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == len(LEDGER_CLAIMS) and all(f"×{COPIES}" in t for t in labels)
    shown, left_out = bound_readings(claims, max_rows=2)
    assert (len(shown), left_out) == (2, len(LEDGER_CLAIMS) - 2)
    fig = plots.claim_bounds(claims, max_rows=2)
    assert len(fig.axes[0].get_yticklabels()) == 2
    assert f"{len(LEDGER_CLAIMS) - 2} more" in title(fig.axes[0])


def test_discrepancy_panels_and_request_group_repeated_claims():
    tables = claims_tables(copies(LEDGER_CLAIMS))
    ledger = views.discrepancy_ledger(tables, 2)
    assert ledger.set_index("quantity_key").loc["a", "claim_ids"].endswith("and 6 more")
    panels = views.discrepancy_panels(
        ledger, tables, exclude_verdicts=["different dates"], related=[["a", "c"]]
    )
    # a: 3 readings and the related 47; b: 2 readings; c (the 47, now 4 claims): 1
    assert len(panels) == 7
    assert set(panels["repeated"]) == {COPIES} and set(panels["articles"]) == {"4 articles"}
    fig = plots.discrepancy_bounds(panels)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert any(t.strip().startswith(f"C1_0 ×{COPIES} “36”") for t in texts)
    request = views.request_and_acceptance(tables, requested_key="c", accepted_key="a")
    assert list(request["not_accepted"]) == ["11", "13", "12"]  # not COPIES² rows
    assert set(request["accepted_claims"]) == {COPIES}


def test_the_mention_figure_draws_at_most_max_articles():
    coverage = pd.DataFrame(
        {
            "article_id": [f"{i:03d}_x" for i in range(30)],
            "claim": [3] * 30,
            "ignored": [1] * 30,
            "uncoded": [1] + [0] * 29,
        }
    )
    coverage["total"] = coverage[["claim", "ignored", "uncoded"]].sum(axis=1)
    fig = plots.mention_coverage(coverage, {}, max_articles=5)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 5 and "000_x" in labels  # the article with an uncoded mention
    assert "the other 25: 75 claim, 25 ignored, 0 uncoded" in title(ax)


def test_the_publication_figure_shares_rows_and_draws_the_least_certain():
    day = pd.Timestamp
    rows = []
    for i in range(12):
        width = i % 4  # days of uncertainty either side
        best = day("2017-01-01") + pd.Timedelta(days=10 * i)
        rows.append(
            {
                "article_id": f"{i:03d}_x",
                "headline": f"story {i // 2}" if i < 4 else f"story {i}",
                "published_best": best,
                "published_earliest": best - pd.Timedelta(days=width),
                "published_latest": best + pd.Timedelta(days=width),
                "published_narrowed_earliest": best - pd.Timedelta(days=width),
                "published_narrowed_latest": best + pd.Timedelta(days=width),
                "published_narrowed_by": pd.NA,
                "published_basis": "inferred",
            }
        )
    dates = pd.DataFrame(rows)
    dates.loc[1, dates.columns[1:]] = dates.loc[0, dates.columns[1:]]  # one story printed twice
    fig = plots.publication_intervals(dates, xlim=(-10, 10), max_rows=4)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == 4 and all(
        "story 0" not in t for t in labels
    )  # story 0 is the least uncertain
    assert "of 12 articles" in title(fig.axes[0])
    fig = plots.publication_intervals(dates, xlim=(-10, 10))
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == 11 and sum("×2" in t for t in labels) == 1


# Tables whose length does not grow with the corpus, shown whole (limit=None): the rules checked.
WHOLE_TABLES = {"quality-rules"}
NOT_YET = {"04-timeline"}  # checked once it shows its tables with show_table


@pytest.mark.parametrize(
    "path",
    [p for p in sorted((REPO / "notebooks").glob("*.ipynb")) if p.stem not in NOT_YET],
    ids=lambda p: p.stem,
)
def test_a_saved_table_is_shown_summarised_with_a_link_to_its_csv(path):
    """A table saved as CSV is shown by show_table(name=<its CSV>), which summarises it when it
    is long, never as a whole DataFrame (500 articles make thousands of rows)."""
    saved = 0
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        found = re.search(r'figures\.save_table\((\w+), "([\w-]+)", out\)', source)
        if cell["cell_type"] != "code" or not found:
            continue
        saved += 1
        frame, name = found.groups()
        last = source.strip().splitlines()[-1].strip()
        if name in WHOLE_TABLES:
            assert re.match(rf"figures\.show_table\({frame}, limit=None\)", last), last
        else:
            assert re.match(rf'figures\.show_table\({frame}, name="{name}"\)', last), last
    assert saved


def test_the_mention_figure_draws_articles_of_the_same_label_apart():
    coverage = pd.DataFrame(
        {"article_id": ["001_a", "001_b"], "claim": [1, 2], "ignored": [0, 0], "uncoded": [0, 0]}
    )
    coverage["total"] = coverage["claim"]
    labels = {"001_a": "001 · Post · 2017-02-08", "001_b": "001 · Post · 2017-02-08"}
    fig = plots.mention_coverage(coverage, labels)
    assert len({t.get_text() for t in fig.axes[0].get_yticklabels()}) == 2
