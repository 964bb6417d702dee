"""clean.articles: residue removed with a log of raw offsets, the publication interval checked."""

from __future__ import annotations

import hashlib
import re

from inline import ARTICLE, RULES, TEXT, article, context, where

from deportdata.clean.articles import build_articles
from deportdata.text.residue import ResidueRule, find_residue, restore

RESIDUE = list(RULES.residue)


def test_residue_is_removed_and_logged_at_raw_offsets():
    ctx = context()
    articles, log, cleaned = build_articles(ctx, RESIDUE)
    assert ctx.errors == []
    clean = cleaned[ARTICLE]
    assert clean.startswith("Deportations Resume\n") and clean.endswith("detained last year.")
    assert [(r["log_id"], r["rule"], r["start"], r["end"]) for r in log] == [
        (f"{ARTICLE}#1", "skip_to_content", 0, 17),
        (f"{ARTICLE}#2", "related_stories", len(TEXT) - 16, len(TEXT)),
    ]
    for entry in log:  # each logged span is the raw text at its offsets
        assert TEXT[entry["start"] : entry["end"]] == entry["removed_text"]
        assert entry["reason"]
    (row,) = articles
    assert row["raw_chars"] == len(TEXT) and row["clean_chars"] == len(clean)
    assert row["raw_chars"] - row["clean_chars"] == sum(r["end"] - r["start"] for r in log)
    assert row["residue_removed"] == 2
    assert row["raw_sha256"] == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    assert "_line" not in row  # the reader's line numbers stay out of the clean table


def test_removing_is_undone_by_restoring():
    removals = find_residue(TEXT, RESIDUE)
    _, _, cleaned = build_articles(context(), RESIDUE)
    assert restore(cleaned[ARTICLE], removals) == TEXT


def test_text_without_residue_is_kept_as_it_is():
    text = "Nothing to remove here.\n"
    _, log, cleaned = build_articles(context({ARTICLE: text}), RESIDUE)
    assert log == [] and cleaned[ARTICLE] == text


def test_publication_precision_follows_the_interval():
    cases = {
        ("2017-08-10", "2017-08-10"): "day",
        ("2017-08-01", "2017-08-31"): "month",
        ("2017-01-01", "2017-12-31"): "year",
        ("2017-08-10", "2017-08-12"): "range",
    }
    rows = [
        article(line=n, article_id=f"00{n}_00000000deadbeef", earliest=first, latest=last)
        for n, (first, last) in enumerate(cases, start=2)
    ]
    texts = {r["article_id"]: "Text." for r in rows}
    articles, _, _ = build_articles(context(texts, articles=rows), RESIDUE)
    assert [a["published_precision"] for a in articles] == list(cases.values())


def test_an_unordered_interval_is_reported_at_its_line_and_column():
    ctx = context(articles=[article(line=7, earliest="2017-08-12", latest="2017-08-10")])
    build_articles(ctx, RESIDUE)
    (error,) = ctx.errors
    assert where(error) == ("data/raw/articles.csv", 7, "published_latest")
    assert "ends (2017-08-10) before it starts (2017-08-12)" in error.message


def test_a_best_day_outside_the_interval_is_reported():
    ctx = context(articles=[article(line=3, best="2017-08-20")])
    build_articles(ctx, RESIDUE)
    (error,) = ctx.errors
    assert where(error) == ("data/raw/articles.csv", 3, "published_best")
    assert "2017-08-20 is outside the interval 2017-08-10 .. 2017-08-12" in error.message


def test_a_best_day_inside_the_interval_passes():
    ctx = context(articles=[article(best="2017-08-11")])
    articles, _, _ = build_articles(ctx, RESIDUE)
    assert ctx.errors == [] and articles[0]["published_best"] == "2017-08-11"


def test_overlapping_residue_rules_are_reported_at_the_article_row():
    rules = [
        ResidueRule("first", re.compile(r"Since 2002, more"), "test"),
        ResidueRule("second", re.compile(r"more than 560"), "test"),
    ]
    ctx = context(articles=[article(line=4)])
    articles, log, cleaned = build_articles(ctx, rules)
    (error,) = ctx.errors
    assert where(error) == ("data/raw/articles.csv", 4, "article_id")
    assert "'first' and 'second' overlap" in error.message
    # nothing is removed from a text whose rules are in doubt
    assert log == [] and cleaned[ARTICLE] == TEXT and articles[0]["residue_removed"] == 0
