"""coding.sentences: where a part of a text occurs (through the word index), and a sentence
too long to draft at once cut into parts. Invented test text."""

from __future__ import annotations

import random

import pytest

from deportdata.coding.drafting.sentences import Occurrences, Span, _parts
from deportdata.text.quotes import occurrences

TEXT = (
    "About 25 deportees arrived on Monday. About 25 deportees arrived on Monday, officials "
    "said. The 12 men, aged 30 to 40, were met by 2 officials; 212 more are due. aa aa aa.\n"
)


@pytest.mark.parametrize(
    "part",
    ["About 25 deportees arrived on Monday", "25", "12", "2", " aa aa", "aa aa aa", "officials",
     "said. The", "not there", "The 12 men, aged", "y", "e 2"],
)  # fmt: skip
def test_occurrences_agree_with_a_scan_of_the_text(part):
    assert Occurrences(TEXT).starts(part) == occurrences(TEXT, part)


def test_occurrences_agree_on_random_parts_of_a_repetitive_text():
    rng = random.Random(7)
    text = "".join(
        rng.choice(["12 men ", "arrived, ", "on 12 May. ", "1 2 ", "aa "]) for _ in range(400)
    )
    index = Occurrences(text)
    for _ in range(300):
        a = rng.randrange(len(text))
        part = text[a : a + rng.randrange(1, 30)]
        assert index.starts(part) == occurrences(text, part), part


def test_the_occurrence_is_given_only_when_a_part_occurs_more_than_once():
    index = Occurrences(TEXT)
    second = TEXT.index("About 25", 1)
    assert index.occurrence("About 25 deportees", second) == "2"
    assert index.occurrence("About 25 deportees", 0) == "1"
    assert index.occurrence("officials said", TEXT.index("officials said")) == ""


def test_a_long_sentence_is_cut_at_clause_breaks_into_parts_below_the_limit():
    text = ", ".join(f"about {n} deportees arrived on Monday" for n in range(200)) + "."
    parts = _parts(Span(10, 10 + len(text), text), 300)
    assert all(len(p.text) <= 300 for p in parts) and len(parts) > 1
    for p in parts:
        assert text[p.start - 10 : p.end - 10] == p.text and p.text == p.text.strip()
    assert all(p.text.endswith((",", ".")) for p in parts)  # cut after a comma


def test_a_long_sentence_without_breaks_is_cut_at_spaces_or_at_the_limit():
    words = "word " * 100
    assert all(len(p.text) <= 50 for p in _parts(Span(0, len(words), words), 50))
    solid = "x" * 120
    assert [len(p.text) for p in _parts(Span(0, 120, solid), 50)] == [50, 50, 20]
