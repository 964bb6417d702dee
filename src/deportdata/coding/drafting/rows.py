"""Helpers shared by the drafted rows: columns, occurrences, short contexts, unique parts,
and the checks every drafted row must pass (`problems`): those `deportdata accept`
applies to a draft's cells and the clean step to its quotes, values and dates."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from datetime import date
from functools import cache

import pandas

from deportdata.coding.draftfiles import DRAFT_REASON, NEEDS_PERSON, REVIEW, draft_table
from deportdata.coding.drafting.sentences import Span
from deportdata.errors import DeportdataError
from deportdata.io.cells import cell_problem, vocabulary_of
from deportdata.schema import Column, Table, load_schema
from deportdata.text import quotes
from deportdata.text.dates import resolve
from deportdata.text.numbers import NumberConventions, parse_number
from deportdata.text.quotes import locate_within

REASON = DRAFT_REASON
TODO_REVIEW = "todo"  # every drafted row, until a person has checked it
# the verbatim parts of a row checked inside its quote, and the date expressions resolved
_PARTS = {
    "claims": ("quote", "quote_occurrence", ("value_text",)),
    "events": ("quote", "quote_occurrence", ("date_expression",)),
    "mentions_ignored": ("context", "context_occurrence", ("mention_text",)),
}
_DATES = {"claims": ("as_of_expression", "period_expression"), "events": ("date_expression",)}


@cache
def _draft_table(name: str) -> Table:
    return draft_table(load_schema().table("raw", name))


@cache
def _checked_columns(name: str) -> list[tuple[Column, dict[str, str] | None]]:
    return [(c, vocabulary_of(c)) for c in _draft_table(name).columns.values()]


def columns(name: str) -> list[str]:
    """The draft file's columns: the raw table's (without `coded_by`), then `review`,
    `needs_person` and `draft_reason` (deportdata.coding.draftfiles)."""
    return list(draft_table(load_schema().table("raw", name)).columns)


def cell_problems(name: str, row: dict[str, str]) -> dict[str, str]:
    """column -> what is wrong with the cell, as `accept` reads a draft file: type,
    vocabulary, pattern, an empty required cell, and a field over the CSV reader's limit."""
    limit = csv.field_size_limit()
    out = {}
    for column, vocabulary in _checked_columns(name):
        value = str(row.get(column.name, ""))
        problem = cell_problem(column, value, vocabulary, full=True)
        if problem is None and len(value) >= limit:
            problem = f"is {len(value):,} characters long, over the CSV reader's limit ({limit:,})"
        if problem:
            out[column.name] = problem
    return out


def text_problems(
    name: str,
    row: dict[str, str],
    text: str,
    published: tuple[date, date],
    numbers: NumberConventions,
    starts: Callable[[str], list[int]] | None = None,
) -> dict[str, str]:
    """column -> what the clean step would refuse: a quote not found (or found more than
    once without its occurrence), a part not inside its quote, a value the number parser
    cannot read, a date expression the resolver cannot read. `starts` (a part -> where it
    occurs in the text, e.g. `sentences.Occurrences.starts`) spares a scan of the text."""
    out: dict[str, str] = {}

    def locate(text: str, quote: str, n: int | None) -> tuple[int, int]:
        return quotes.locate(text, quote, n, starts(quote) if starts and quote else None)

    def attempt(column: str, check) -> object:
        try:
            return check()
        except DeportdataError as exc:
            out[column] = exc.message
            return None

    if name in _PARTS:
        quote, occ, parts = _PARTS[name]
        n = int(row[occ]) if str(row.get(occ, "")).strip() else None
        span = attempt(quote, lambda: locate(text, row[quote], n))
        for part in parts:
            if span is not None and row.get(part):
                attempt(part, lambda p=part: locate_within(text, span, row[p]))
    if name == "claims" and row.get("value_text"):
        attempt("value_text", lambda: parse_number(row["value_text"], numbers))
    for column in _DATES.get(name, ()):
        if row.get(column):
            attempt(column, lambda c=column: resolve(row[c], *published))
    return out


def problems(
    name: str,
    row: dict[str, str],
    text: str,
    published: tuple[date, date],
    numbers: NumberConventions,
    starts: Callable[[str], list[int]] | None = None,
) -> dict[str, str]:
    """Every problem of a drafted row that `accept` would report, by column."""
    return {
        **text_problems(name, row, text, published, numbers, starts),
        **cell_problems(name, row),
    }


def settle(
    name: str,
    row: dict[str, str],
    text: str,
    published: tuple[date, date],
    numbers: NumberConventions,
    starts: Callable[[str], list[int]] | None = None,
) -> list[str]:
    """Clear each optional cell that fails a check and say so in the row's needs; return
    what is still wrong (a required cell: the drafting rules must not write one)."""
    left = []
    table = _draft_table(name)
    for column, problem in problems(name, row, text, published, numbers, starts).items():
        if column in table.columns and not table.columns[column].required:
            value = row[column]
            row[column] = ""
            add_need(row, f"{column} {value!r} cleared: {problem}")
        else:
            left.append(f"{column}: {problem}")
    return left


def add_need(row: dict[str, str], need: str) -> None:
    """Add what a person must decide to the row's `needs_person` ("; "-joined, so a
    need's own "; " becomes ", ")."""
    need = need.replace("; ", ", ")
    row[NEEDS_PERSON] = "; ".join(n for n in (row.get(NEEDS_PERSON, ""), need) if n)


def review_columns(row: dict[str, str], needs: list[str]) -> dict[str, str]:
    """The row with `review` todo and its needs in `needs_person`."""
    row[REVIEW] = TODO_REVIEW
    for need in needs:
        add_need(row, need)
    return row


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
