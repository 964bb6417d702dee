"""Drafts of invented articles: a check that the drafting rules are general.

INVENTED TEST TEXT. The paragraphs below were written for these tests in the style of
the corpus's news reports; they are not reports of real events and make no claim
about the world. The names of people in them are invented; the organisations are the
ones the raw registry already knows, so that attribution can be resolved.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import REPO

from deportdata.coding.draft import draft_text, registry_of
from deportdata.coding.drafting.rules import drafting_rules
from deportdata.config import Project
from deportdata.text.mentions import load_rules as load_mention_rules

SYNTHETIC = {
    # invented test text
    "cumulative": (
        "Fri, 19 May 2017\n"
        "PHNOM PENH — More than 550 Cambodians have been deported from the United States "
        "since 2002, according to the Khmer Vulnerability Aid Organization.\n"
        "Approximately 40 more are expected to arrive on Monday, the group’s director, "
        "Sokha Chan, told reporters.\n"
        "The two countries signed the agreement in 2002. Deportations take place every four "
        "months, and the deportees are flown out one by one.\n"
        "“We received 18 and 19 year olds last year,” Ms. Chan said.\n"
    ),
    # invented test text
    "fiscal_year": (
        "U.S. Deports Almost 700 Cambodians\n"
        "WASHINGTON — U.S. Immigration and Customs Enforcement removed almost 700 Cambodian "
        "nationals in fiscal year 2018, the agency said in a statement on Tuesday.\n"
        "Thirty-seven of them were deported so far this month, the statement said.\n"
        "U.S. Embassy spokesman Dara Vong confirmed that 74 people had been detained in "
        "California in March.\n"
        "Two officials from the Interior Ministry met the deportees at the airport.\n"
    ),
    # invented test text
    "flight": (
        "May 3\n"
        "Some 25 deportees arrived in Phnom Penh on Thursday, said Sokha Chan, a spokeswoman "
        "for the Khmer Vulnerability Aid Organization.\n"
        "The men, aged between 24 and 51, had lived in the US for decades. One of them, a "
        "45-year-old father of three, said he had been detained for six months.\n"
        "The group spent $12,000 on their housing, a rise of 15 percent, Chan said.\n"
    ),
}
ARTICLE = {
    "outlet": "phnom_penh_post",
    "published_best": "2018-05-04",
    "published_earliest": "2018-05-04",
    "published_latest": "2018-05-04",
}


@cache
def draft_synthetic(name: str):
    project = Project(REPO)
    return draft_text(
        f"9{list(SYNTHETIC).index(name):02d}_0000000000000000", SYNTHETIC[name], ARTICLE,
        registry_of(project), drafting_rules(project),
        load_mention_rules(project.rules / "mentions.yaml"),
    )  # fmt: skip


def claims(name: str) -> list[dict[str, str]]:
    return draft_synthetic(name).tables["claims"].to_dict("records")


def ignored(name: str) -> dict[str, str]:
    rows = draft_synthetic(name).tables["mentions_ignored"].to_dict("records")
    return {r["context"]: r["reason_code"] for r in rows}


def test_cumulative_article():
    first, second = claims("cumulative")
    assert (first["value_text"], first["kind"], first["reporter"], first["period_expression"]) == (
        "More than 550", "cumulative_since_2002", "risc_kvao", "since 2002",
    )  # fmt: skip
    assert (second["value_text"], second["kind"], second["actor_id"], second["reporter"]) == (
        "Approximately 40", "pending_deportation", "sokha_chan", "risc_kvao",
    )  # fmt: skip
    reasons = sorted(ignored("cumulative").values())
    # the date line (2), two years, the two countries, every four months, one by one (2), ages (2)
    assert reasons == sorted(["date", "date", "year", "year", "not_a_count", "duration",
                              "not_a_count", "not_a_count", "age", "age"])  # fmt: skip
    assert not any(
        e == "19 May 2017"
        for e in draft_synthetic("cumulative").tables["events"]["date_expression"]
    )


def test_fiscal_year_article_lists_what_the_resolver_cannot_read():
    rows = {r["value_text"]: r for r in claims("fiscal_year")}
    assert set(rows) == {"Almost 700", "almost 700", "Thirty-seven", "74"}
    assert rows["almost 700"]["reporter"] == "ice"
    # an expression the resolver cannot read is left out of the claim, and noted on its row
    assert rows["almost 700"]["period_expression"] == ""
    assert "'in fiscal year 2018'" in rows["almost 700"]["needs_person"]
    assert rows["Thirty-seven"]["reporter"] == "ice"  # "the statement said"
    assert rows["Thirty-seven"]["period_expression"] == ""
    assert "'so far this month'" in rows["Thirty-seven"]["needs_person"]
    assert (rows["74"]["kind"], rows["74"]["reporter"], rows["74"]["actor_id"]) == (
        "detained", "us_embassy_phnom_penh", "dara_vong",
    )  # fmt: skip
    assert rows["Almost 700"]["reporter"] == "phnom_penh_post"  # a headline: the outlet
    needs = "\n".join(draft_synthetic("fiscal_year").needs_person)
    assert "'in fiscal year 2018'" in needs and "'so far this month'" in needs
    assert ignored("fiscal_year")["Two officials from"] == "other_quantity"


def test_flight_article():
    (only,) = claims("flight")
    assert (only["value_text"], only["kind"], only["reporter"], only["actor_id"], only["period_expression"]) == (
        "Some 25", "arrivals_on_flight", "risc_kvao", "sokha_chan", "on Thursday",
    )  # fmt: skip
    reasons = ignored("flight")
    assert sorted(reasons.values()) == sorted(["date", "age", "age", "not_a_count", "age",
                                               "not_a_count", "duration", "other_quantity",
                                               "other_quantity"])  # fmt: skip


@pytest.mark.parametrize("name", sorted(SYNTHETIC))
def test_every_mention_of_an_invented_article_lands_once(name):
    from test_drafting_coverage import assert_each_mention_once

    assert_each_mention_once(SYNTHETIC[name], draft_synthetic(name))
