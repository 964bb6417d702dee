"""Locate verbatim quotes in article texts as character offsets."""

from __future__ import annotations

from deportdata.errors import DeportdataError


def occurrences(text: str, quote: str) -> list[int]:
    """Start offsets of every occurrence of `quote` in `text` (overlaps included)."""
    starts, pos = [], text.find(quote)
    while pos != -1:
        starts.append(pos)
        pos = text.find(quote, pos + 1)
    return starts


def locate(
    text: str, quote: str, occurrence: int | None = None, starts: list[int] | None = None
) -> tuple[int, int]:
    """(start, end) of `quote` in `text`, so that text[start:end] == quote.

    A quote found more than once needs `occurrence` (1-based) to say which. `starts`: the
    quote's occurrences when the caller has them already (an index of a long text).
    """
    if not quote:
        raise DeportdataError("the quote is empty")
    starts = occurrences(text, quote) if starts is None else starts
    if not starts:
        raise DeportdataError(
            f"quote not found verbatim in the article: {_short(quote)!r}",
            hint="copy the text exactly, with its curly quotes and dashes",
        )
    if occurrence is None:
        if len(starts) > 1:
            raise DeportdataError(
                f"quote occurs {len(starts)} times in the article: {_short(quote)!r}",
                hint="set the occurrence column to say which one (1 = first)",
            )
        occurrence = 1
    if not 1 <= occurrence <= len(starts):
        raise DeportdataError(
            f"occurrence {occurrence} asked, but the quote occurs {len(starts)} time(s)"
        )
    start = starts[occurrence - 1]
    return start, start + len(quote)


def locate_within(text: str, span: tuple[int, int], part: str) -> tuple[int, int]:
    """(start, end) of the first occurrence of `part` inside text[span]."""
    pos = text.find(part, span[0], span[1])
    if pos == -1 or pos + len(part) > span[1]:
        raise DeportdataError(f"{_short(part)!r} is not inside its quote")
    return pos, pos + len(part)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
