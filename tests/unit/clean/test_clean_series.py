"""clean.series: reference cumulative counts read into bounds, and one series of cumulative
totals from the corpus claims and the reference counts."""

from __future__ import annotations

from inline import RULES, context, row, where

from deportdata.clean.series import CUMULATIVE_KIND, build_reference_cumulative, build_series


def reference(ref_id, value_text, earliest, line=2, reporter="risc_kvao", latest=None):
    return row(
        "reference_cumulative",
        line,
        ref_id=ref_id,
        as_of_text=earliest,
        as_of_earliest=earliest,
        as_of_latest=latest or earliest,
        value_text=value_text,
        reporter=reporter,
        url=f"https://example.org/{ref_id}",
        basis="secondary",
    )


def corpus(claim_id, value_text, low, high, earliest, kind=CUMULATIVE_KIND, value=""):
    """A clean claim row (the columns the series reads)."""
    return {
        "claim_id": claim_id,
        "kind": kind,
        "reporter_id": "cambodia_daily",
        "article_id": "000_00000000deadbeef",
        "as_of_earliest": earliest,
        "as_of_latest": earliest,
        "value_text": value_text,
        "qualifier": "more_than",
        "value": value,
        "value_low": low,
        "value_high": high,
    }


def test_reference_counts_are_read_into_bounds():
    ctx = context(
        reference_cumulative=[
            reference("K001", "163", "2007-05-10"),
            reference("K002", "more than 500", "2016-10-01", line=3),
            reference("K003", "hundreds", "2012-01-01", line=4),
        ]
    )
    rows = build_reference_cumulative(ctx, RULES.numbers)
    assert ctx.errors == []
    read = [
        (r["ref_id"], r["qualifier"], r["value"], r["value_low"], r["value_high"]) for r in rows
    ]
    assert read == [
        ("K001", "exact", 163, 163, 163),
        ("K002", "more_than", 501, 501, None),
        ("K003", "vague", None, 200, 999),
    ]
    assert all("_line" not in r for r in rows) and rows[0]["url"] == "https://example.org/K001"


def test_an_unreadable_reference_count_is_reported_and_kept_without_bounds():
    ctx = context(reference_cumulative=[reference("K009", "25 or more", "2010-01-01", line=9)])
    (out,) = build_reference_cumulative(ctx, RULES.numbers)
    (error,) = ctx.errors
    assert where(error) == ("data/raw/reference/cumulative_counts.csv", 9, "value_text")
    assert "'25 or more'" in error.message
    assert out["value_low"] == out["value_high"] == out["qualifier"] == ""


def test_the_series_holds_cumulative_claims_first_then_reference_counts_by_date():
    ctx = context(
        reference_cumulative=[
            reference("K002", "229", "2010-09-01", line=3),
            reference("K001", "163", "2007-05-10", line=2, reporter="us_embassy_phnom_penh"),
        ]
    )
    reference_rows = build_reference_cumulative(ctx, RULES.numbers)
    claims = [
        corpus("C009", "more than 560", 561, None, "2017-08-10", value=561),
        corpus("C001", "more than 500", 501, None, "2016-02-01", value=501),
        corpus("C002", "Twenty-eight", 28, 28, "2016-02-01", kind="removals_in_period"),
        corpus("C003", "lots", "", "", "2016-02-01"),  # unreadable: no bounds, left out
    ]
    rows = build_series(ctx, claims, reference_rows, RULES.numbers)
    assert [r["series_row_id"] for r in rows] == [
        "corpus:C001",
        "corpus:C009",
        "reference:K001",
        "reference:K002",
    ]
    first = rows[0]
    assert (first["origin"], first["source_id"], first["series_id"]) == (
        "corpus",
        "C001",
        "corpus:cambodia_daily",
    )
    assert (first["value_low"], first["value_high"], first["url"]) == (501, None, "")
    last = rows[-1]
    assert (last["origin"], last["series_id"], last["article_id"], last["basis"]) == (
        "reference",
        "reference:risc_kvao",
        "",
        "secondary",
    )
    assert (last["value"], last["value_low"], last["value_high"]) == (229, 229, 229)
    assert rows[2]["series_id"] == "reference:us_embassy_phnom_penh"


def test_a_claim_with_only_an_upper_bound_is_kept():
    claim = corpus("C001", "fewer than 600", "", 599, "2016-02-01")
    (out,) = build_series(context(), [claim], [], RULES.numbers)
    assert (out["value_low"], out["value_high"]) == ("", 599)
