"""Residue removal: only the logged spans change, and every rule earns its place."""

from __future__ import annotations

import pytest
from conftest import HAND_CODED_ARTICLES, REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from deportdata.errors import DeportdataError
from deportdata.text.residue import find_residue, load_rules, remove, restore

RULES = load_rules(REPO / "data/raw/rules/residue.yaml")
ARTICLES = sorted((REPO / "data/raw/articles").glob("*.txt"))
# residue named in research/sources.md, by article (the five; none in the others)
EXPECTED = {
    HAND_CODED_ARTICLES[1]: {
        "image_file_name": 2,
        "email_placeholder": 1,
        "related_stories": 1,
        "latest_news": 1,
    },
    HAND_CODED_ARTICLES[2]: {"skip_to_content": 1, "aggregator_byline": 1},
}


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_only_logged_spans_change(path):
    raw = path.read_bytes().decode("utf-8")
    removals = find_residue(raw, RULES, path.stem)
    clean = remove(raw, removals)
    assert restore(clean, removals) == raw
    assert len(clean) == len(raw) - sum(r.end - r.start for r in removals)
    counts: dict[str, int] = {}
    for r in removals:
        counts[r.rule] = counts.get(r.rule, 0) + 1
        assert raw[r.start : r.end] == r.text
    if path.stem in HAND_CODED_ARTICLES:
        assert counts == EXPECTED.get(path.stem, {})
    # an article added later: the furniture confirmed in its draft (rules scoped to it by
    # `deportdata accept`) is each found in its text, and no other article's rule applies
    scoped = {r.name for r in RULES if r.article_id == path.stem}
    assert scoped <= set(counts), sorted(scoped - set(counts))
    assert all(rule.article_id in ("", path.stem) for rule in RULES if rule.name in counts), counts


def test_the_five_articles_are_checked():
    assert set(HAND_CODED_ARTICLES) <= {p.stem for p in ARTICLES}


def test_cleaned_text_keeps_the_article():
    raw = (REPO / "data/raw/articles" / f"{HAND_CODED_ARTICLES[1]}.txt").read_text(encoding="utf-8")
    clean = remove(raw, find_residue(raw, RULES))
    assert "31532803234" not in clean and "[email" not in clean and "Latest News" not in clean
    assert clean.endswith("(Additional reporting by Van Roeun)")
    assert "Photo credit: Fibonacci Blue/Creative Commons" in clean


def test_overlapping_rules_are_an_error(tmp_path):
    rules_file = tmp_path / "rules.yaml"
    rules_file.write_text(
        "- {name: a, pattern: 'ab', reason: x}\n- {name: b, pattern: 'bc', reason: y}\n"
    )
    with pytest.raises(DeportdataError, match="overlap"):
        find_residue("abc", load_rules(rules_file))


@pytest.mark.parametrize(
    "text, message",
    [
        ("- {name: a, reason: x}\n", "lacks pattern"),
        ("- {name: a, pattern: '(', reason: x}\n", "bad pattern"),
        ("- [unclosed\n", "not valid YAML"),
    ],
)
def test_bad_rule_files_name_the_problem(tmp_path, text, message):
    rules_file = tmp_path / "rules.yaml"
    rules_file.write_text(text)
    with pytest.raises(DeportdataError, match=message):
        load_rules(rules_file)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_cleaner_on_arbitrary_text_only_removes_logged_spans(text):
    """On any text the cleaner returns removals (or the package's own error); putting the
    removed spans back always gives the original text."""
    try:
        removals = find_residue(text, RULES)
    except DeportdataError:
        return
    clean = remove(text, removals)
    assert restore(clean, removals) == text
    assert all(text[r.start : r.end] == r.text for r in removals)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Skip to Content\n",
                "Related Stories",
                "\n",
                "Latest News",
                "text ",
                "31532803234 f531f6b8a8 o\n",
                "[email\u00a0protected]",
                "by May 1, 2018 Fun\n",
            ]
        ),
        max_size=12,
    ).map("".join)
)
def test_cleaner_on_residue_like_text(text):
    removals = find_residue(text, RULES)
    assert restore(remove(text, removals), removals) == text
