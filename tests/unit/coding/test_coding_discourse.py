"""coding.attribution and coding.discourse: the sources an article has named so far, read on
invented sentences (none from an article, none from the development set): roles, back-
references, documents, later namings, every word of a known name, and the outlet."""

from __future__ import annotations

from conftest import REPO

from deportdata.coding.draft import draft_text, registry_of
from deportdata.coding.drafting.rules import drafting_rules
from deportdata.config import Project
from deportdata.text.rules import Rules

RULES = drafting_rules(Project(REPO))
MENTIONS = Rules.load(Project(REPO)).mentions
ARTICLE = {"outlet": "cambodia_daily", "published_best": "2016-05-06",
           "published_earliest": "2016-05-06", "published_latest": "2016-05-06"}  # fmt: skip


def claims(text: str) -> dict[str, dict[str, str]]:
    """The drafted claims of a text by value_text."""
    draft = draft_text(
        "999_0000000000000000", text, ARTICLE, registry_of(Project(REPO)), RULES, MENTIONS
    )
    return {r["value_text"]: r for r in draft.tables["claims"].to_dict("records")}


def test_a_role_description_after_said_with_its_relative_clause():
    text = "Some 40 deportees arrived on Monday, said a senior official at the Interior Ministry who declined to be named.\n"
    row = claims(text)["Some 40"]
    assert row["reporter"] == "interior_ministry", row["draft_reason"]


def test_a_role_description_before_said_with_a_relative_clause_between_commas():
    text = "A deputy director of the Foreign Ministry, who spoke on condition of anonymity, said 25 more were expected.\n"
    assert claims(text)["25"]["reporter"] == "foreign_ministry"


def test_the_official_and_he_take_the_last_role_named():
    text = (
        "An officer of the Interior Ministry said 30 Cambodians had landed.\n"
        "He said 5 of them were women. The official said 3 had been detained again.\n"
    )
    drafted = claims(text)
    assert drafted["5"]["reporter"] == drafted["3"]["reporter"] == "interior_ministry"
    assert "back-reference 'He' = role" in drafted["5"]["draft_reason"]
    assert "back-reference 'The official' = role" in drafted["3"]["draft_reason"]


def test_a_statement_released_by_an_organisation_is_its_source_and_not_the_figures_time():
    text = "ICE released a statement on Tuesday saying 18 Cambodians had been removed.\n"
    row = claims(text)["18"]
    assert row["reporter"] == "ice"
    assert (row["period_expression"], row["as_of_expression"]) == ("", "")


def test_the_statement_said_takes_the_document_named_before():
    text = (
        "The U.S. Embassy said in a press release that 21 people were repatriated.\n"
        "Meanwhile a group said it had helped them. The statement said 6 were veterans.\n"
    )
    assert claims(text)["6"]["reporter"] == "us_embassy_phnom_penh"


def test_a_group_named_later_completes_an_open_source():
    text = (
        "About 300 have returned since 2002, a local aid group said.\n"
        "The group, the Returnee Integration Support Center, said many had no relatives.\n"
    )
    row = claims(text)["About 300"]
    assert row["reporter"] == "risc_kvao"
    assert "named later" in row["draft_reason"]


def test_an_open_source_never_named_stays_the_outlets_with_low_confidence():
    row = claims("About 70 were flown back, a government spokesman said.\n")["About 70"]
    assert (row["reporter"], row["confidence"]) == ("cambodia_daily", "low")


def test_every_word_of_a_known_name_beats_a_shorter_alias():
    text = "Eleven arrived on Monday, according to the immigration department of the Interior Ministry.\n"
    assert claims(text)["Eleven"]["reporter"] == "interior_ministry_immigration"


def test_a_figure_in_the_outlets_own_voice_is_the_outlets_with_high_confidence():
    row = claims("Deportations to Cambodia rose to 80 last year.\n")["80"]
    assert (row["reporter"], row["confidence"]) == ("cambodia_daily", "high")
    assert "reporter: no source printed, the outlet" in row["draft_reason"]


def test_the_outlet_beside_a_speech_verb_is_low_confidence():
    row = claims("Eight more were sent back, it was said at a meeting.\n")["Eight"]
    assert row["confidence"] == "low"


def test_a_quotation_running_past_its_sentence_takes_the_source_after_its_end():
    text = "“We took in 30 this week. More will come next month,” said a deputy director at the Interior Ministry.\n"
    row = claims(text)["30"]
    assert row["reporter"] == "interior_ministry"
    assert "source after the quotation's end" in row["draft_reason"]


def test_a_closed_quotation_does_not_reach_the_next_sentence():
    text = "“We took in 30 this week,” the volunteer wrote. Later ICE said more were coming.\n"
    assert claims(text)["30"]["reporter"] != "ice"


def test_a_court_source_is_the_known_court_whose_place_is_printed_flagged_low():
    text = (
        "Lawyers filed papers in a California court last week.\n"
        "A federal judge said 60 could not be deported for now.\n"
    )
    row = claims(text)["60"]
    assert (row["reporter"], row["confidence"]) == ("us_district_court_cd_cal", "low")
    assert "court: 'California' printed" in row["draft_reason"]


def test_a_court_with_no_place_printed_stays_open():
    row = claims("Court papers show that 12 remain in detention.\n")["12"]
    assert (row["reporter"], row["confidence"]) == ("cambodia_daily", "low")
