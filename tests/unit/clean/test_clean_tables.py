"""clean.tables: every clean table from inline raw tables, in one pass, problems raised together."""

from __future__ import annotations

import pytest
from inline import ARTICLE, PROJECT, RULES, TEXT, article, claim, event, raw_tables, row, where

from deportdata.clean.tables import COPIED, build_tables, copy_rows
from deportdata.errors import ErrorList
from deportdata.schema import load_schema

SINCE = "Since 2002, more than 560 Cambodians have been deported from the U.S."
MET = "Officials met on Thursday to discuss the two countries’ agreement."
DETAINED = "About 40 people were detained last year."


def ignored(mention_id, mention_text, context_text, line=2):
    return row(
        "mentions_ignored",
        line,
        mention_id=mention_id,
        article_id=ARTICLE,
        mention_text=mention_text,
        context=context_text,
        reason_code="year",
        reason="A year.",
        coded_by="hand",
    )


def raw(**tables):
    defaults = {
        "claims": [
            claim("C001", SINCE, "more than 560", period_expression="Since 2002"),
            claim("C002", DETAINED, "About 40", line=3, kind="detained"),
        ],
        "events": [event("E001", MET, "on Thursday", occurrence_key="met")],
        "mentions_ignored": [
            ignored("M001", "2002", "Since 2002"),
            ignored("M002", "two", "the two countries", line=3),
        ],
        "organisations": [
            row("organisations", 2, organisation_id="cambodia_daily", name="The Cambodia Daily")
        ],
        "reference_removals": [
            row("reference_removals", 2, ref_id="R001", fiscal_year="2017", removals="029")
        ],
    }
    return raw_tables(**{**defaults, **tables})


def build(**tables):
    return build_tables(PROJECT, raw(**tables), {ARTICLE: TEXT}, list(RULES.residue))


def test_every_clean_table_is_built_from_the_raw_rows():
    tables, cleaned = build()
    clean_names = {t.name for t in load_schema().layer("clean")}
    assert set(tables) <= clean_names
    assert set(COPIED) <= set(tables)
    assert {name: len(rows) for name, rows in tables.items() if rows} == {
        "articles": 1,
        "cleaning_log": 2,
        "claims": 2,
        "events": 1,
        "occurrences": 1,
        "mentions": 4,
        "series": 1,  # the one cumulative claim
        "organisations": 1,
        "reference_removals": 1,
    }
    assert cleaned[ARTICLE].startswith("Deportations Resume")
    (articles,) = tables["articles"]
    # no constraint narrowed it: the narrowed interval is the coded one
    assert (articles["published_narrowed_earliest"], articles["published_narrowed_latest"]) == (
        "2017-08-10",
        "2017-08-12",
    )
    assert articles["published_narrowed_by"] == ""
    assert [m["status"] for m in tables["mentions"]] == ["ignored", "claim", "ignored", "claim"]
    (occurrence,) = tables["occurrences"]
    assert (occurrence["occurrence_id"], occurrence["date_earliest"]) == ("met", "2017-08-10")
    assert tables["events"][0]["occurrence_id"] == "met"
    assert tables["series"][0]["series_row_id"] == "corpus:C001"


def test_a_constraint_narrows_the_article_and_every_row_resolved_against_it():
    extra = "They met on Friday, and today 12 more left."
    met = event(
        "E002",
        extra,
        "on Friday",
        line=3,
        date_constraint_earliest="2017-08-11",
        date_constraint_basis="inferred",
    )
    today = claim("C003", extra, "12", line=4, kind="pending_deportation", as_of_expression="today")
    claims = [*raw()["claims"], today]
    tables, _ = build_tables(
        PROJECT,
        raw(events=[raw()["events"][0], met], claims=claims),
        {ARTICLE: TEXT + "\n" + extra},
        list(RULES.residue),
    )
    (articles,) = tables["articles"]
    # "on Friday" is 11 August only when the article appeared on 11 or 12 August
    assert (articles["published_narrowed_earliest"], articles["published_narrowed_latest"]) == (
        "2017-08-11",
        "2017-08-12",
    )
    assert articles["published_narrowed_by"] == "E002"
    assert (articles["published_earliest"], articles["published_latest"]) == (
        "2017-08-10",
        "2017-08-12",
    )  # the coded interval is kept beside it
    events = {e["event_id"]: e for e in tables["events"]}
    assert events["E002"]["date_basis"] == "expression+constraint"
    assert (events["E002"]["date_earliest"], events["E002"]["date_latest"]) == (
        "2017-08-11",
        "2017-08-11",
    )
    assert events["E001"]["published_latest"] == "2017-08-12"
    claims_out = {c["claim_id"]: c for c in tables["claims"]}
    # "today" and the claims dated by publication follow the narrowed interval
    assert (claims_out["C003"]["as_of_earliest"], claims_out["C003"]["as_of_latest"]) == (
        "2017-08-11",
        "2017-08-12",
    )
    assert claims_out["C001"]["as_of_earliest"] == "2017-08-11"


def test_copied_tables_keep_the_clean_columns_in_canonical_form():
    (copied,) = copy_rows(
        "reference_removals",
        [row("reference_removals", 7, ref_id="R001", fiscal_year="2017", removals="029")],
    )
    assert list(copied) == list(load_schema().table("clean", "reference_removals").columns)
    assert (copied["fiscal_year"], copied["removals"]) == ("2017", "29")


def test_a_bad_article_row_stops_before_the_other_tables():
    bad = article(line=2, earliest="2017-08-12", latest="2017-08-10")
    # the claim's quote is wrong too, but nothing past the articles is built
    with pytest.raises(ErrorList) as raised:
        build(articles=[bad], claims=[claim("C001", "not in the text", "560")])
    (error,) = raised.value.errors
    assert where(error) == ("data/raw/articles.csv", 2, "published_latest")


def test_problems_in_several_tables_are_raised_together_in_one_list():
    with pytest.raises(ErrorList) as raised:
        build(
            claims=[claim("C001", "not in the text", "560", line=4)],
            events=[event("E001", MET, "on Blursday", line=5)],
        )
    located = [where(e) for e in raised.value.errors]
    assert ("data/raw/claims.csv", 4, "quote") in located
    assert ("data/raw/events.csv", 5, "date_expression") in located
    assert str(raised.value).count("\n") == len(located) - 1  # one line per problem
