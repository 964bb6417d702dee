"""coding.figures (non-claims, kinds), coding.timex and coding.claims on invented sentences
(none from an article, none from the development set): ages, a person's story,
multipliers, datelines, restated dates, since-clauses, future figures."""

from __future__ import annotations

import pytest
from conftest import REPO

from deportdata.coding.draft import draft_text, registry_of
from deportdata.coding.drafting.rules import drafting_rules
from deportdata.config import Project
from deportdata.text.rules import Rules

RULES = drafting_rules(Project(REPO))
MENTIONS = Rules.load(Project(REPO)).mentions
ARTICLE = {"outlet": "khmer_times", "published_best": "2016-05-06",
           "published_earliest": "2016-05-06", "published_latest": "2016-05-06"}  # fmt: skip


def drafted(text: str):
    draft = draft_text(
        "999_0000000000000000", text + "\n", ARTICLE, registry_of(Project(REPO)), RULES, MENTIONS
    )
    claims = {r["value_text"]: r for r in draft.tables["claims"].to_dict("records")}
    ignored = {r["mention_text"]: r for r in draft.tables["mentions_ignored"].to_dict("records")}
    return claims, ignored


@pytest.mark.parametrize(
    ("text", "token", "reason"),
    [
        ("Chan Dara, 37, was deported in June.", "37", "age"),
        ("When she was 12 her family fled to Thailand.", "12", "age"),
        ("He was 6 when the family reached Texas.", "6", "age"),
        ("At 59, he lives alone near the market.", "59", "age"),
        ("He raised four sons in Fresno before his arrest.", "four", "not_a_count"),
        ("He shared a room with six others for a year.", "six", "not_a_count"),
        ("There were three times as many deportees as the year before.", "three", "other_quantity"),
        ("Twenty men, several of whom were veterans, were flown out.", "several", "not_a_count"),
        ("She works two jobs to pay the lawyer.", "two", "other_quantity"),
        ("The fare cost $420 per person.", "420", "other_quantity"),
        ("About 60 percent of them had children in the US.", "60", "other_quantity"),
        ("Thirty deportees, eight of whom were women, landed at dawn.", "eight", "other_quantity"),
        ("A charity said 25 returnees had found work in Phnom Penh.", "25", "other_quantity"),
        ("Officials said 11 others were still looking for jobs.", "11", "other_quantity"),
        ("The group said 7 of the men remain homeless in Battambang.", "7", "other_quantity"),
    ],
)
def test_non_claims(text, token, reason):
    claims, ignored = drafted(text)
    assert token in ignored and not any(token in v for v in claims), (claims, ignored)
    assert ignored[token]["reason_code"] == reason


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("A total of 21 Cambodians arrived on Monday.", "21", "arrivals_on_flight"),
        (
            "Since the agreement came into force in 2002, 600 have been sent back.",
            "600",
            "cumulative_since_2002",
        ),
        ("Another 15 are scheduled to be deported next month.", "15", "pending_deportation"),
        ("A judge ruled that 33 could not be deported for now.", "33", "protected_by_court_order"),
        ("Only four have come back to the U.S.", "Only four", "returned_to_us"),
        ("The 9 were held in Arizona for weeks.", "9", "detained"),
        ("Officials deported 30 in May, up from 12 a year earlier.", "12", "removals_in_period"),
        ("The 8 were held at a jail in Texas before the flight.", "8", "detained"),
        (
            "A plane carrying 18 deportees left Los Angeles on Monday and was due to land today.",
            "18",
            "arrivals_on_flight",
        ),
    ],
)
def test_kinds(text, value, kind):
    claims, _ = drafted(text)
    assert claims[value]["kind"] == kind, claims[value]["draft_reason"]


def test_a_breakdown_that_counts_a_kind_stays_a_claim():
    """A part of the figure before it is a claim when its own clause says what it counts."""
    claims, ignored = drafted(
        "ICE said 800 had final orders of removal, 500 of whom had been convicted of crimes."
    )
    assert "500" not in ignored and claims["500"]["kind"] == "convictions"


def test_a_figure_restated_without_a_hint_takes_the_kind_it_was_given_before():
    rows = drafted_rows("Officials said 42 Cambodians landed on Friday. Doctors examined all 42.")
    assert [r["kind"] for r in rows] == ["arrivals_on_flight", "arrivals_on_flight"], rows
    assert "kind: the same figure as an earlier claim" in rows[1]["draft_reason"]


def test_a_new_figure_without_a_hint_is_left_to_a_person():
    rows = drafted_rows("Officials said 42 Cambodians landed on Friday. Doctors examined 17.")
    assert "kind: no hint, default" in rows[1]["draft_reason"]
    assert "no kind hint matched" in rows[1]["needs_person"]


def drafted_rows(text: str) -> list[dict]:
    draft = draft_text(
        "999_0000000000000000", text + "\n", ARTICLE, registry_of(Project(REPO)), RULES, MENTIONS
    )
    return draft.tables["claims"].to_dict("records")


def test_a_dateline_dates_the_article_not_a_figure():
    claims, ignored = drafted(
        "PHNOM PENH, May 4 (Xinhua) -- Cambodia received 20 deportees on Thursday, officials said."
    )
    assert claims["20"]["period_expression"] == "on Thursday"
    assert ignored["4"]["reason_code"] == "date"
    claims, _ = drafted(
        "KAMPOT, Cambodia (AP) — Twenty-two deportees have arrived, officials said."
    )
    assert (
        claims["Twenty-two"]["period_expression"],
        claims["Twenty-two"]["as_of_expression"],
    ) == ("", "")


def test_a_bracketed_date_restates_a_relative_one():
    claims, _ = drafted("Twenty deportees arrived yesterday (May 3), the ministry said.")
    assert claims["Twenty"]["period_expression"] == "May 3"


def test_a_date_inside_a_since_clause_is_not_the_figures_time():
    claims, _ = drafted("Since the deportations began in 2002, 590 Cambodians have been returned.")
    assert (claims["590"]["period_expression"], claims["590"]["as_of_expression"]) == ("", "")


def test_a_future_figure_takes_no_past_date():
    claims, _ = drafted("Another 14 are expected in June, he said.")
    row = claims["14"]
    assert (row["kind"], row["period_expression"], row["as_of_expression"]) == (
        "pending_deportation",
        "",
        "",
    )
    assert row["confidence"] == "low"


@pytest.mark.parametrize(
    ("text", "token", "reason"),
    [
        ("He came to the United States at 3, after years in a camp.", "3", "age"),
        ("She was arrested at 19 and served four years.", "19", "age"),
        ("Voters passed Proposition 187 that year.", "187", "not_a_count"),
        ("The rules are set out in Sub-Decree 54 of the government.", "54", "not_a_count"),
    ],
)
def test_ages_at_an_event_and_numbers_in_names(text, token, reason):
    claims, ignored = drafted(text)
    assert token in ignored and ignored[token]["reason_code"] == reason, (claims, ignored)


def test_a_count_arriving_at_a_time_of_day_stays_a_claim():
    claims, ignored = drafted("The plane with 40 deportees arrived at 9.15 on Monday.")
    assert "40" in claims and ignored["9.15"]["reason_code"] == "date"


def test_an_agency_in_a_date_line_is_not_a_speaker():
    """'(River Wire) --' dates the article and names its source; it is not a person's name
    for the official who speaks in the sentence."""
    text = (
        "PHNOM PENH, March 4 (River Wire) -- Twelve Cambodian men deported from the United "
        "States arrived on Tuesday, an official at the Interior Ministry said."
    )
    draft = draft_text(
        "999_0000000000000000", text + "\n", ARTICLE, registry_of(Project(REPO)), RULES, MENTIONS
    )
    actors = draft.tables["actors"].to_dict("records")
    assert not any("River Wire" in a["name_as_printed"] for a in actors), actors
    (claim,) = draft.tables["claims"].to_dict("records")
    assert claim["reporter"] == "interior_ministry", claim["draft_reason"]


@pytest.mark.parametrize("quote", ['"', "“"])
def test_a_speaker_named_after_a_quotation_in_straight_or_curly_marks(quote):
    close = '"' if quote == '"' else "”"
    text = (
        f"{quote}We took in 14 people today,{close} said Chea Vanna, a spokesman for the "
        "Interior Ministry."
    )
    draft = draft_text(
        "999_0000000000000000", text + "\n", ARTICLE, registry_of(Project(REPO)), RULES, MENTIONS
    )
    (claim,) = draft.tables["claims"].to_dict("records")
    assert claim["reporter"] == "interior_ministry", claim["draft_reason"]
    assert "said X: person 'Chea Vanna'" in claim["draft_reason"]
