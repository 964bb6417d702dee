"""Lesson 1, from a sentence to a data point (notebooks/teaching/01-sentence-to-data-point.ipynb):
a claim's value_text, its bounds, a negated bound, and who reports the figure."""

from __future__ import annotations

import re
from typing import Any

from deportdata.config import Project
from deportdata.io.load import load_table
from deportdata.teaching.checking import Exercise, as_tuple, not_a_count, table_row
from deportdata.text import numbers
from deportdata.text.rules import Rules

CLAIM_MORE_THAN = "C001"  # "Since 2002, more than 560 Cambodians have been deported ..."
CLAIM_NEGATED = "C010"  # "... they wouldn't send more than 10 a month"


def _claim(claim_id: str, project: Project) -> dict[str, Any]:
    return table_row("claims", "claim_id", claim_id, project)


def parsed(claim_id: str, project: Project) -> numbers.ParsedNumber:
    """The parser's reading of a claim's value_text, under the project's conventions."""
    conventions = Rules.load(project).numbers
    return numbers.parse_number(_claim(claim_id, project)["value_text"], conventions)


def _judge_value_text(answer: Any, expected: str, project: Project) -> str | None:
    quote = _claim(CLAIM_MORE_THAN, project)["quote"]
    if not isinstance(answer, str):
        return 'value_text is text: write it in quotes, e.g. "Twenty-eight".'
    if answer == expected:
        return None
    if answer.strip() == expected:
        return "almost: remove the spaces at the start or end."
    if answer not in quote:
        return (
            f"{answer!r} does not occur in the quote; value_text is copied character for "
            "character from the sentence."
        )
    if answer in expected:
        left_out = expected.replace(answer, " ").strip()
        return (
            f"{answer!r} leaves out {left_out!r}, and those words change the meaning: keep "
            "the words that qualify the number (codebook: 'value_text is the number exactly "
            "as printed together with the words that qualify it')."
        )
    if expected in answer:
        extra = answer.replace(expected, " ").strip()
        return (
            f"leave out {extra!r}: value_text is the number and its qualifier words only; "
            "what is counted is recorded in kind and unit."
        )
    return "look for the number in the quote, together with the words that qualify it."


def _judge_bounds(answer: Any, expected: numbers.ParsedNumber, project: Project) -> str | None:
    text = _claim(CLAIM_MORE_THAN, project)["value_text"]
    pair = as_tuple(answer)
    if pair is None:
        return "give two values in brackets, (value_low, value_high); write None for an open bound."
    low, high = pair
    figure = int(re.sub(r"\D", "", text))
    for value, name in ((low, "value_low"), (high, "value_high")):
        if hint := not_a_count(value, name):
            return hint
    if low != expected.low:
        if expected.qualifier == "more_than" and low == figure:
            return (
                f"value_low is {low} but {text!r} excludes {figure} itself: the lower bound "
                "is the smallest whole number the phrase allows."
            )
        return f"value_low is {low}; what is the smallest count that {text!r} allows?"
    if high != expected.high:
        if expected.high is None:
            return (
                f"{text!r} puts no ceiling on the count, so value_high is open: "
                "write None, not a number."
            )
        return f"value_high is {high}; what is the largest count that {text!r} allows?"
    return None


def _judge_negated(answer: Any, expected: numbers.ParsedNumber, project: Project) -> str | None:
    text = _claim(CLAIM_NEGATED, project)["value_text"]
    triple = as_tuple(answer, 3)
    if triple is None:
        return (
            "give three values in brackets: (qualifier, value_low, value_high), "
            'e.g. ("exact", 5, 5).'
        )
    qualifier, low, high = triple
    for value, name in ((low, "value_low"), (high, "value_high")):
        if hint := not_a_count(value, name):
            return hint
    if qualifier not in numbers.QUALIFIERS:
        return (
            f"{qualifier!r} is not a qualifier; the qualifiers are {', '.join(numbers.QUALIFIERS)}."
        )
    if qualifier != expected.qualifier:
        if qualifier == "more_than":
            return (
                f"read the whole phrase: {text!r} negates 'more than', so the number is a "
                "ceiling, not a floor."
            )
        return f"{qualifier!r} is not how {text!r} bounds the count: is 10 a floor or a ceiling?"
    if low != expected.low:
        if low is None:
            return (
                "a count of people cannot be negative, so 'at most' still has a lower "
                "bound: the smallest count there can be."
            )
        return f"value_low is {low}; with only a ceiling, the smallest possible count is the floor."
    if high != expected.high:
        return (
            f"value_high is {high}; the phrase allows up to the number it prints, that number "
            "included."
        )
    return None


def _judge_reporter(answer: Any, expected: str, project: Project) -> str | None:
    if not isinstance(answer, str):
        return 'write the organisation_id as text in quotes, e.g. "risc_kvao".'
    if answer == expected:
        return None
    ids = set(load_table("organisations", project)["organisation_id"])
    if re.sub(r"\W+", "_", answer.strip().lower()).strip("_") == expected:
        return (
            "use the organisation_id (snake_case, as in data/raw/organisations.csv), not the "
            "name as printed."
        )
    if answer not in ids:
        return f"{answer!r} is not an organisation_id in data/clean/organisations.csv."
    claim = _claim(CLAIM_MORE_THAN, project)
    outlet = table_row("articles", "article_id", claim["article_id"], project)["outlet"]
    if expected == outlet:
        return (
            f"the sentence names no source for the figure ({answer!r} is not in it). "
            "The codebook says a figure stated without attribution is attributed to the "
            "outlet that published the article: look it up in articles.csv."
        )
    return f"the quote attributes the figure to someone else than {answer!r}: read it again."


def _explain_bounds(p: numbers.ParsedNumber) -> str:
    high = "None (open)" if p.high is None else p.high
    return f"value_low = {p.low}, value_high = {high}; the parser reads it as {p}."


EXERCISES: dict[str, Exercise] = {
    "1.1": Exercise(
        "value_text of a claim",
        lambda p: _claim(CLAIM_MORE_THAN, p)["value_text"],
        _judge_value_text,
        lambda e: f"value_text is {e!r}: the number with the words that qualify it.",
    ),
    "1.2": Exercise(
        "bounds of 'more than'",
        lambda p: parsed(CLAIM_MORE_THAN, p),
        _judge_bounds,
        _explain_bounds,
        lambda e: (e.low, e.high),
    ),
    "1.3": Exercise(
        "a negated bound",
        lambda p: parsed(CLAIM_NEGATED, p),
        _judge_negated,
        lambda e: f"qualifier {e.qualifier}, value_low {e.low}, value_high {e.high}: {e}.",
        lambda e: (e.qualifier, e.low, e.high),
    ),
    "1.4": Exercise(
        "who reports the figure",
        lambda p: _claim(CLAIM_MORE_THAN, p)["reporter_id"],
        _judge_reporter,
        lambda e: f"the figure is attributed to {e!r}, the outlet, because no source is named.",
    ),
}
