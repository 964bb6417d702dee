"""The drafting rules' loader: an entry of the wrong kind is named by file, line and column."""

from __future__ import annotations

import shutil

import pytest

from deportdata.coding.drafting.rules import drafting_rules
from deportdata.config import Project, source_project
from deportdata.errors import DeportdataError


@pytest.mark.parametrize(
    "entry, message",
    [
        ("dateline_max_words: many", "dateline_max_words must be a number, not 'many'"),
        ("speech_verbs: said", "speech_verbs must be a list"),
        ("default_kind: [a]", "default_kind must be a text"),
        ("non_claims: [age]", "non_claims: 'age' is not a rule (a mapping)"),
    ],
)
def test_an_entry_of_the_wrong_kind_names_its_line_and_column(tmp_path, entry, message):
    rules = tmp_path / "data/raw/rules"
    shutil.copytree(source_project().rules, rules)
    (rules / "drafting.yaml").write_text("abbreviations: [Mr]\n" + entry + "\n", encoding="utf-8")
    with pytest.raises(DeportdataError) as caught:
        drafting_rules(Project(tmp_path))
    assert caught.value.message.startswith(message)
    assert (caught.value.file, caught.value.line) == ("data/raw/rules/drafting.yaml", 2)
    assert isinstance(caught.value.column, int)


def test_the_shipped_rules_hold_every_entry_in_its_kind():
    assert drafting_rules(source_project())["dateline_max_words"] >= 1


def test_every_entry_of_drafting_yaml_is_typed_and_every_typed_entry_is_in_the_file():
    import dataclasses

    from deportdata.text.drafting import DraftingRules, Entries

    rules = drafting_rules(source_project())
    typed = {f.name for f in dataclasses.fields(Entries)} | {
        f.name for f in dataclasses.fields(DraftingRules)
    }
    assert set(rules.raw) <= typed, set(rules.raw) - typed
    assert {f.name for f in dataclasses.fields(Entries)} - {"max_sentence_chars"} <= set(rules.raw)
    assert rules.entries.titles == tuple(rules.raw["titles"])
