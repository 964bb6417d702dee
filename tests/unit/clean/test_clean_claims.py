"""clean.claims: quote and value offsets, the printed number read into bounds, as_of and period."""

from __future__ import annotations

from inline import RULES, TEXT, claim, context, where

from deportdata.clean.claims import build_claims
from deportdata.clean.publication import narrow_publications

SINCE = "Since 2002, more than 560 Cambodians have been deported from the U.S."
DETAINED = "About 40 people were detained last year."


def build(*rows, texts=None):
    ctx = context(texts, claims=list(rows))
    return build_claims(ctx, RULES.numbers, RULES.dates), ctx


def test_offsets_point_at_the_quote_and_its_value_in_the_raw_text():
    (row,), ctx = build(claim("C001", SINCE, "more than 560"))
    assert ctx.errors == []
    assert TEXT[row["quote_start"] : row["quote_end"]] == SINCE
    assert TEXT[row["value_start"] : row["value_end"]] == "more than 560"
    assert row["quote_start"] <= row["value_start"] < row["value_end"] <= row["quote_end"]
    assert row["reporter_id"] == "cambodia_daily" and "_line" not in row


def test_printed_numbers_become_a_value_and_inclusive_bounds():
    rows, ctx = build(
        claim("C001", SINCE, "more than 560"), claim("C002", DETAINED, "About 40", line=3)
    )
    assert ctx.errors == []
    bounds = {
        r["claim_id"]: (r["qualifier"], r["value"], r["value_low"], r["value_high"]) for r in rows
    }
    # more than N: at least N+1, no upper bound; about N: N +/- half a unit of its last digit
    assert bounds == {"C001": ("more_than", 561, 561, None), "C002": ("about", 40, 35, 45)}


def test_without_an_expression_as_of_is_the_publication_interval():
    (row,), _ = build(claim("C001", SINCE, "more than 560"))
    assert (row["as_of_earliest"], row["as_of_latest"], row["as_of_precision"]) == (
        "2017-08-10",
        "2017-08-12",
        "range",
    )
    assert row["as_of_basis"] == "publication"


def test_since_runs_from_the_named_interval_to_as_of():
    (row,), _ = build(claim("C001", SINCE, "more than 560", period_expression="Since 2002"))
    assert (row["period_start_earliest"], row["period_start_latest"]) == (
        "2002-01-01",
        "2002-12-31",
    )
    assert row["period_start_precision"] == "year"
    assert (row["period_end_earliest"], row["period_end_latest"]) == (
        row["as_of_earliest"],
        row["as_of_latest"],
    )


def test_last_year_bounds_both_ends_of_the_period():
    (row,), _ = build(
        claim("C001", DETAINED, "About 40", kind="detained", period_expression="last year")
    )
    ends = [
        row[f"period_{end}_{side}"] for end in ("start", "end") for side in ("earliest", "latest")
    ]
    assert ends == ["2016-01-01", "2016-12-31", "2016-01-01", "2016-12-31"]


def test_an_as_of_expression_is_resolved_and_cut_to_its_constraint():
    row = claim(
        "C001",
        DETAINED,
        "About 40",
        as_of_expression="last year",
        as_of_constraint_earliest="2016-06-01",
        as_of_constraint_latest="2016-06-30",
        as_of_constraint_basis="inferred",
    )
    plain = {
        **row,
        "claim_id": "C002",
        "as_of_constraint_earliest": "",
        "as_of_constraint_latest": "",
    }
    ctx = context(claims=[row, plain])
    narrow_publications(ctx, RULES.dates)
    out = {r["claim_id"]: r for r in build_claims(ctx, RULES.numbers, RULES.dates)}
    assert ctx.errors == []
    assert (out["C002"]["as_of_earliest"], out["C002"]["as_of_latest"]) == (
        "2016-01-01",
        "2016-12-31",
    )
    assert out["C002"]["as_of_basis"] == "expression"
    assert (out["C001"]["as_of_earliest"], out["C001"]["as_of_latest"]) == (
        "2016-06-01",
        "2016-06-30",
    )
    assert out["C001"]["as_of_precision"] == "month"
    assert out["C001"]["as_of_basis"] == "expression+constraint"


def test_rows_keep_their_order_and_unknown_articles_are_left_to_the_key_check():
    rows, ctx = build(
        claim("C002", DETAINED, "About 40", line=3),
        claim("C001", SINCE, "more than 560", line=2, article_id="999_ffffffffffffffff"),
        claim("C003", SINCE, "more than 560", line=4),
    )
    assert [r["claim_id"] for r in rows] == ["C002", "C003"]
    assert ctx.errors == []


def test_a_quote_not_in_the_article_is_reported_and_its_offsets_left_empty():
    (row,), ctx = build(claim("C001", "Since 2003, more than 560", "more than 560", line=5))
    (error,) = ctx.errors
    assert where(error) == ("data/raw/claims.csv", 5, "quote")
    assert "quote not found verbatim" in error.message
    assert row["quote_start"] == row["value_start"] == ""
    assert row["value_low"] == 561  # the number is still read


def test_a_value_outside_its_quote_and_an_unreadable_number_are_both_reported():
    rows, ctx = build(
        claim("C001", DETAINED, "more than 560", line=6), claim("C002", DETAINED, "lots", line=7)
    )
    located = sorted(where(e) for e in ctx.errors)
    assert located == [
        ("data/raw/claims.csv", 6, "value_text"),
        ("data/raw/claims.csv", 7, "value_text"),
        ("data/raw/claims.csv", 7, "value_text"),
    ]
    messages = " | ".join(e.message for e in ctx.errors)
    assert "'more than 560' is not inside its quote" in messages
    assert "'lots' is not inside its quote" in messages  # and it is no number either
    assert sum("'lots'" in e.message for e in ctx.errors) == 2
    assert rows[1]["qualifier"] == rows[1]["value_low"] == ""


def test_an_unresolvable_period_is_reported_at_its_column():
    (row,), ctx = build(
        claim("C001", SINCE, "more than 560", line=8, period_expression="since the flood")
    )
    (error,) = ctx.errors
    assert where(error) == ("data/raw/claims.csv", 8, "period_expression")
    assert "cannot resolve the date expression 'since the flood'" in error.message
    assert row["period_start_earliest"] == row["period_end_earliest"] == ""
