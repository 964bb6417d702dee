"""Helpers shared by the drafted rows: columns, occurrences, short contexts, unique parts."""

from __future__ import annotations

import re

import pandas

from deportdata.coding.sentences import Span
from deportdata.schema import load_schema

REASON = "draft_reason"


def columns(name: str) -> list[str]:
    """The raw table's columns (from the schema) and `draft_reason` last."""
    return [*load_schema().table("raw", name).columns, REASON]


def occurrence(text: str, part: str, at: int) -> str:
    """1-based occurrence of `part` starting at `at`, when it occurs more than once."""
    starts = [m.start() for m in re.finditer(re.escape(part), text)]
    return str(starts.index(at) + 1) if len(starts) > 1 and at in starts else ""


def context(text: str, sentence: Span, start: int, end: int) -> tuple[str, int]:
    """A short phrase around a mention (up to two words either side) in which it occurs once."""
    left = text[sentence.start : start]
    right = text[end : sentence.end]
    mention = text[start:end]
    for lw, rw in ((2, 2), (2, 1), (1, 2), (1, 1), (2, 0), (0, 2), (1, 0), (0, 1), (0, 0)):
        before = re.search(rf"(?:\S+\s+){{0,{lw}}}$", left).group() if lw else ""
        after = re.match(rf"\S*(?:\s+\S+){{0,{rw}}}", right).group() if rw else ""
        phrase = before + mention + after
        stripped = phrase.strip()
        if stripped.count(mention) == 1:
            return stripped, start - len(before) + (len(phrase) - len(phrase.lstrip()))
    return mention, start


def unique_within(quote: str, part: str, rel: int) -> str:
    """`part` at offset `rel` of the quote, extended word by word until it occurs once."""
    end = rel + len(part)
    while quote.count(quote[rel:end]) > 1 and end < len(quote):
        nxt = re.match(r"\s*\S+", quote[end:])
        if not nxt:
            break
        end += nxt.end()
    return quote[rel:end]


def frame(name: str, rows: list[dict[str, str]]) -> pandas.DataFrame:
    """Rows as a frame of text cells with exactly the draft columns of a table."""
    cols = columns(name)
    return pandas.DataFrame(
        [[str(r.get(c, "")) for c in cols] for r in rows], columns=cols, dtype=str
    )
