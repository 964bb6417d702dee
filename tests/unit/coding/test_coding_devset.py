"""coding.devset and coding.scoring: the development set is what issue 29 asks (at least 40
invented paragraphs, every pattern at least three times), and a paragraph's score counts
what its draft got right and misses what it got wrong."""

from __future__ import annotations

from collections import Counter

import pandas
from conftest import REPO

from deportdata.coding.devset import Paragraph, paragraphs, score_paragraph
from deportdata.coding.scoring import table, totals

TEXT = "Some 20 deportees arrived on Monday, the ministry said. He was 41.\n"
PARAGRAPH = Paragraph(
    "t1", "khmer_times", "2018-05-09", ("age",), TEXT,
    ({"value": "Some 20", "kind": "arrivals_on_flight", "reporter": "interior_ministry", "period": "on Monday"},),
    ({"mention": "41", "reason": "age"},),
)  # fmt: skip


def tables(reporter: str, age_as_claim: bool = False) -> dict[str, pandas.DataFrame]:
    claims = [{"quote": TEXT.split(". ")[0] + ".", "quote_occurrence": "", "value_text": "Some 20",
               "kind": "arrivals_on_flight", "reporter": reporter, "period_expression": "on Monday",
               "as_of_expression": "", "confidence": "low"}]  # fmt: skip
    ignored = [
        {"context": "was 41.", "context_occurrence": "", "mention_text": "41", "reason_code": "age"}
    ]
    if age_as_claim:
        claims.append({**claims[0], "quote": "He was 41.", "value_text": "41"})
        ignored = []
    return {
        "claims": pandas.DataFrame(claims),
        "mentions_ignored": pandas.DataFrame(
            ignored, columns=["context", "context_occurrence", "mention_text", "reason_code"]
        ),
    }


def test_the_development_set_covers_every_pattern_three_times():
    found = paragraphs(REPO)
    assert len(found) >= 40
    assert len({p.paragraph_id for p in found}) == len(found)
    counts = Counter(pattern for p in found for pattern in p.patterns)
    assert min(counts.values()) >= 3, counts


def test_a_right_draft_scores_every_measure():
    score = score_paragraph(PARAGRAPH, tables("interior_ministry"))
    assert score.misses == [] and score.extra_claims == []
    assert score.counts["reporter_right"] == score.counts["claims"] == 1
    assert score.counts["nonclaims_kept_out"] == 1


def test_a_wrong_reporter_and_an_age_drafted_as_a_claim_are_missed():
    score = score_paragraph(PARAGRAPH, tables("khmer_times", age_as_claim=True))
    assert score.counts["reporter_right"] == 0 and score.counts["nonclaims_kept_out"] == 0
    assert score.counts["wrong_flagged_low"] == 1
    assert score.extra_claims == ["t1 '41'"]
    assert any("reporter_right" in m for m in score.misses)


def test_a_measure_a_set_does_not_score_shows_a_dash():
    scored = totals({"t1": score_paragraph(PARAGRAPH, tables("interior_ministry"))})
    scored["actor_right"] = None
    shown = table({"dev": scored})
    assert "| actor right | – |" in shown
    assert "| reporter right | 1 of 1 (100%) |" in shown
