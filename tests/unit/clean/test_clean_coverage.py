"""clean.coverage: every numeric mention of the raw texts, and what accounts for it."""

from __future__ import annotations

from inline import ARTICLE, RULES, TEXT, claim, context, row, where

from deportdata.clean.claims import build_claims
from deportdata.clean.coverage import Sentences, build_mentions

SINCE = "Since 2002, more than 560 Cambodians have been deported from the U.S."
DETAINED = "About 40 people were detained last year."
CLAIMS = [claim("C001", SINCE, "more than 560"), claim("C002", DETAINED, "About 40", line=3)]


def ignored(mention_id, mention_text, context_text, line=2, **values):
    return row(
        "mentions_ignored",
        line,
        mention_id=mention_id,
        article_id=ARTICLE,
        mention_text=mention_text,
        context=context_text,
        reason_code=values.pop("reason_code", "not_a_count"),
        reason="Not a count of people.",
        coded_by="hand",
        **values,
    )


def mentions(*ignored_rows, claim_rows=CLAIMS, texts=None):
    ctx = context(texts, claims=list(claim_rows), mentions_ignored=list(ignored_rows))
    claims = build_claims(ctx, RULES.numbers, RULES.dates)
    return build_mentions(ctx, claims, RULES.mentions), ctx


def test_sentences_are_found_around_an_offset():
    text = "First one. Second “quoted.” Third?\nA new line without end"
    sentences = Sentences(text)
    at = text.index("Second")
    assert sentences.around(at, at + 6) == "Second “quoted.”"
    assert sentences.around(0, 5) == "First one."
    at = text.index("Third")
    assert sentences.around(at, at + 5) == "Third?"
    at = text.index("without")
    assert sentences.around(at, at + 7) == "A new line without end"
    assert Sentences("no break at all").around(3, 5) == "no break at all"


def test_each_mention_is_a_claim_an_ignored_mention_or_uncoded():
    rows, ctx = mentions(
        ignored("M001", "two", "the two countries’ agreement", reason_code="not_a_count")
    )
    assert ctx.errors == []
    found = [(m["text"], m["form"], m["status"], m["claim_id"], m["ignored_id"]) for m in rows]
    assert found == [
        ("2002", "digits", "uncoded", "", ""),
        ("560", "digits", "claim", "C001", ""),
        ("two", "number_word", "ignored", "", "M001"),
        ("40", "digits", "claim", "C002", ""),
    ]
    for m in rows:  # offsets in the raw text, numbered in text order
        assert TEXT[m["start"] : m["end"]] == m["text"]
    assert [m["mention_id"] for m in rows] == [f"{ARTICLE}#{n}" for n in range(1, 5)]
    assert [m["start"] for m in rows] == sorted(m["start"] for m in rows)
    two = rows[2]
    assert two["reason_code"] == "not_a_count"
    assert two["sentence"] == "Officials met on Thursday to discuss the two countries’ agreement."
    assert rows[0]["sentence"] == SINCE


def test_vague_amounts_and_joined_number_words_are_mentions():
    text = "Dozens were sent back. Twenty eight more came. A handful stayed."
    rows, _ = mentions(claim_rows=[], texts={ARTICLE: text})
    assert [(m["text"], m["form"]) for m in rows] == [
        ("Dozens", "vague"),
        ("Twenty eight", "number_word"),
        ("handful", "vague"),
    ]
    assert {m["status"] for m in rows} == {"uncoded"}


def test_articles_are_scanned_in_id_order():
    texts = {"001_aaaaaaaaaaaaaaaa": "Then 3 came.", "000_bbbbbbbbbbbbbbbb": "First 1 came."}
    ctx = context(texts)
    rows = build_mentions(ctx, [], RULES.mentions)
    assert [(m["article_id"], m["text"]) for m in rows] == [
        ("000_bbbbbbbbbbbbbbbb", "1"),
        ("001_aaaaaaaaaaaaaaaa", "3"),
    ]


def test_an_ignored_row_that_is_no_mention_is_reported():
    rows, ctx = mentions(ignored("M001", "countries", "the two countries’ agreement", line=4))
    (error,) = ctx.errors
    assert where(error) == ("data/raw/mentions_ignored.csv", 4, "mention_text")
    assert "'countries' is not a numeric mention the scanner finds" in error.message
    assert error.hint and "mentions.yaml" in error.hint
    assert "ignored" not in {m["status"] for m in rows}


def test_an_ignored_mention_outside_its_context_is_reported():
    _, ctx = mentions(ignored("M001", "2002", "the two countries’ agreement", line=5))
    located = [where(e) for e in ctx.errors]
    assert ("data/raw/mentions_ignored.csv", 5, "mention_text") in located
    assert any("'2002' is not inside its quote" in e.message for e in ctx.errors)


def test_a_context_not_in_the_article_is_reported_at_its_column():
    _, ctx = mentions(ignored("M001", "two", "the three countries", line=6))
    assert where(ctx.errors[0]) == ("data/raw/mentions_ignored.csv", 6, "context")
    assert "quote not found verbatim" in ctx.errors[0].message
