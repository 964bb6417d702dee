"""coding.drafting.confidence: low when a person must decide or an uncertain rule drafted the
row, high otherwise; the deciding rule is written into draft_reason."""

from __future__ import annotations

from conftest import REPO

from deportdata.coding.drafting.confidence import assign, confidence
from deportdata.coding.drafting.rules import drafting_rules
from deportdata.config import Project

RULES = drafting_rules(Project(REPO))


def test_a_row_with_nothing_uncertain_is_high():
    row = {
        "draft_reason": "value as printed; kind: 'landed' in the clause; reporter: source in the figure's clause"
    }
    assert confidence(row, RULES)[0] == "high"


def test_a_row_for_a_person_is_low():
    row = {"draft_reason": "value as printed", "needs_person": "check the kind"}
    assert confidence(row, RULES) == ("low", "a person must decide: see needs_person")


def test_an_uncertain_rule_makes_a_row_low_and_says_why():
    row = {
        "draft_reason": "value as printed; reporter: previous source in the sentence (X said: alias 'ICE')"
    }
    level, why = confidence(row, RULES)
    assert level == "low" and "before the figure" in why
    assign(row, RULES)
    assert row["confidence"] == "low"
    assert row["draft_reason"].endswith(f"; confidence: low ({why})")


def test_a_completed_open_source_is_not_low_for_being_open():
    row = {
        "draft_reason": "reporter: next source (X said: open: 'a rights group' (no organisation printed), named later: alias 'RISC')"
    }
    assert confidence(row, RULES)[0] == "high"
    row = {
        "draft_reason": "reporter: next source (X said: open: 'a rights group' (no organisation printed))"
    }
    assert confidence(row, RULES)[0] == "low"
