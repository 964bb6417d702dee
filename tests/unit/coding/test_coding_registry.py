"""coding.drafting.registry: a phrase printing every word of a known name names it; the kind
of a drafted organisation comes from the words of its name (drafting.yaml)."""

from __future__ import annotations

from conftest import REPO

from deportdata.coding.drafting.registry import Registry, guess_kind
from deportdata.coding.drafting.rules import drafting_rules
from deportdata.config import Project

RULES = drafting_rules(Project(REPO))
REGISTRY = Registry.from_rows(
    [
        {"organisation_id": "moi", "name": "Ministry of Interior", "kind": "government_ministry"},
        {"organisation_id": "moi_imm", "name": "Immigration department of the Ministry of Interior", "kind": "government_department"},
        {"organisation_id": "mfa", "name": "Ministry of Foreign Affairs", "kind": "government_ministry"},
    ],
    [{"alias": "Interior Ministry", "organisation_id": "moi"}],
    [],
)  # fmt: skip


def test_every_word_of_a_name_in_any_order():
    assert REGISTRY.named_in(
        "an officer of the Interior Ministry's immigration department", RULES
    ) == (
        "Immigration department of the Ministry of Interior",
        "moi_imm",
    )
    assert REGISTRY.named_in("the Interior Ministry", RULES) is None  # two words: the aliases


def test_no_name_when_a_word_is_missing_or_names_are_too_short():
    assert REGISTRY.named_in("the ministry", RULES) is None
    assert REGISTRY.named_in("Foreign Ministry officials", RULES) is None  # "affairs" missing


def test_kind_of_a_drafted_organisation():
    assert guess_kind("Cambodian Embassy in Washington", RULES) == "embassy"
    assert guess_kind("Fresh Start", RULES) == "other"
