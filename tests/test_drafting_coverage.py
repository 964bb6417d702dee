"""Every numeric mention of a drafted article lands in exactly one draft table."""

from __future__ import annotations

import pytest
from conftest import REPO

from deportdata.coding.draft import draft_article
from deportdata.text.mentions import load_rules, scan
from deportdata.text.quotes import locate, locate_within

ARTICLES = sorted(p.stem for p in (REPO / "data/raw/articles").glob("*.txt"))


def _span(text, row, quote, occurrence, part):
    occ = row[occurrence]
    return locate_within(text, locate(text, row[quote], int(occ) if occ else None), row[part])


def assert_each_mention_once(text, draft):
    rules = load_rules(REPO / "data/raw/rules/mentions.yaml")
    claims = [
        _span(text, r, "quote", "quote_occurrence", "value_text")
        for r in draft.tables["claims"].to_dict("records")
    ]
    ignored = [
        _span(text, r, "context", "context_occurrence", "mention_text")
        for r in draft.tables["mentions_ignored"].to_dict("records")
    ]
    for m in scan(text, rules):
        homes = [s for s in claims if s[0] <= m.start and m.end <= s[1]]
        homes += [s for s in ignored if s[0] <= m.start and m.end <= s[1]]
        assert len(homes) == 1, f"{m.text!r} at {m.start} lands in {len(homes)} rows"
    assert len(ignored) == len(set(ignored)), "an ignored mention is listed twice"


@pytest.mark.parametrize("article_id", ARTICLES)
def test_every_mention_lands_in_exactly_one_table(article_id):
    text = (REPO / "data/raw/articles" / f"{article_id}.txt").read_text(encoding="utf-8")
    assert_each_mention_once(text, draft_article(REPO, article_id))


def test_the_check_fails_when_a_mention_is_dropped():
    article_id = ARTICLES[0]
    text = (REPO / "data/raw/articles" / f"{article_id}.txt").read_text(encoding="utf-8")
    draft = draft_article(REPO, article_id)
    draft.tables["mentions_ignored"] = draft.tables["mentions_ignored"].iloc[1:]
    with pytest.raises(AssertionError, match="lands in 0 rows"):
        assert_each_mention_once(text, draft)
