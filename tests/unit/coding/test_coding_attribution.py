"""coding.attribution: "the group", "the ministry" resolve to the last organisation of that
kind named so far, through an index kept up to date as sentences are read."""

from __future__ import annotations

from deportdata.coding.drafting.attribution import ArticleState
from deportdata.coding.drafting.registry import Registry

REGISTRY = Registry.from_rows(
    [
        {"organisation_id": "risc", "name": "Returnee Support Group", "kind": "ngo"},
        {"organisation_id": "moi", "name": "Interior Ministry", "kind": "government_ministry"},
        {"organisation_id": "kvao", "name": "Aid Organization", "kind": "ngo"},
    ],
    [],
    [],
)


def scan(mentions, word, kinds):
    """The linear scan the index replaces."""
    for m in reversed(mentions):
        if m[1].split()[-1].casefold() == word or REGISTRY.kind(m[2]) in kinds:
            return m
    return None


def test_the_index_agrees_with_a_scan_as_mentions_are_added():
    state = ArticleState()
    named = [
        (5, "Interior Ministry", "moi"),
        (30, "Returnee Support Group", "risc"),
        (60, "Aid Organization", "kvao"),
        (90, "Interior Ministry", "moi"),
    ]
    for m in named:
        state.org_mentions.append(m)
        for word, kinds in (("group", {"ngo"}), ("ministry", set()), ("agency", set())):
            assert state.last_org_mention(word, kinds, REGISTRY) == scan(
                state.org_mentions, word, kinds
            )


def test_a_list_set_anew_is_indexed_anew():
    state = ArticleState()
    state.org_mentions = [(5, "Interior Ministry", "moi")]
    assert state.last_org_mention("ministry", set(), REGISTRY)[2] == "moi"
    state.org_mentions = [(7, "Aid Organization", "kvao")]
    assert state.last_org_mention("ministry", set(), REGISTRY) is None
    assert state.last_org_mention("group", {"ngo"}, REGISTRY)[2] == "kvao"


def test_printed_names_are_found_as_the_regular_expression_finds_them():
    import re

    from deportdata.coding.drafting.attribution import org_mentions

    registry = Registry.from_rows(
        [{"organisation_id": "a", "name": "RISC", "kind": "ngo"},
         {"organisation_id": "b", "name": "aa", "kind": "ngo"},
         {"organisation_id": "c", "name": "Post", "kind": "news_outlet"}],
        [{"alias": "The Post", "organisation_id": "c"}], [],
    )  # fmt: skip
    text = "RISC said; RISCs no. aaa aa aa_ aa, éaa The Post Posts Post_ Post\n_RISC RISC"
    expected = sorted(
        (m.start(), name, org_id)
        for name, org_id in registry.aliases.items()
        for m in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", text)
    )
    assert org_mentions(text, registry) == expected and len(expected) == 7
