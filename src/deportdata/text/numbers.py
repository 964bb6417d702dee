"""Read a claim's printed number ("more than 560", "Twenty-eight", "dozens") into bounds."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from text_to_num import text2num

from deportdata.config import source_project
from deportdata.errors import DeportdataError
from deportdata.text.rulefile import load_rule_file

QUALIFIERS = ("exact", "more_than", "at_least", "fewer_than", "at_most", "about", "vague")
PHRASE_KINDS = ("exact", "more_than", "at_least", "fewer_than", "at_most", "about", "almost")
APPROX_MODES = ("granularity", "relative")

ACCEPTED = (
    'accepted: an optional qualifier ("more than", "over", "about", "roughly", "some", '
    '"almost", "at least", "only", "no more than", "fewer than", "up to", ...; a short '
    'negated clause such as "wouldn\'t send more than"), then a figure in digits '
    '("1,900") or words ("Twenty-eight"), or a vague amount ("dozens", "hundreds"), '
    'optionally followed by a noun ("25 men")'
)
_DIGITS = re.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3})+|[0-9]+", re.ASCII)
_MAX_DIGITS = 15  # longer digit strings are not counts of people
_CHARACTER_FIXES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-"})


class NumberParseError(DeportdataError):
    """A printed number that the reader does not understand."""


@dataclass(frozen=True)
class ParsedNumber:
    """A count as printed: best point estimate, inclusive bounds (None = open), qualifier."""

    value: int | None
    low: int | None
    high: int | None
    qualifier: str


@dataclass(frozen=True)
class NumberConventions:
    """How qualifier words and vague amounts become bounds (see numbers.yaml)."""

    approx_mode: str
    approx_fraction: Fraction
    approx_min_halfwidth: int
    qualifiers: tuple[tuple[tuple[str, ...], str], ...]  # (phrase words, kind), longest first
    negation_words: frozenset[str]
    negation_max_words: int
    vague: tuple[tuple[tuple[str, ...], int, int], ...]  # (phrase words, low, high), longest first
    trailing_rejected_words: frozenset[str]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NumberConventions:
        """Build and check conventions from a mapping shaped like numbers.yaml."""
        try:
            mode = data["approx_mode"]
            fraction = Fraction(str(data["approx_fraction"]))
            qualifiers = [
                (tuple(phrase.lower().split()), kind)
                for kind, phrases in data["qualifiers"].items()
                for phrase in phrases
            ]
            vague = [
                (tuple(phrase.lower().split()), int(low), int(high))
                for phrase, (low, high) in data["vague"].items()
            ]
            conventions = cls(
                approx_mode=mode,
                approx_fraction=fraction,
                approx_min_halfwidth=int(data["approx_min_halfwidth"]),
                qualifiers=tuple(sorted(qualifiers, key=lambda q: -len(q[0]))),
                negation_words=frozenset(w.lower() for w in data["negation_words"]),
                negation_max_words=int(data["negation_max_words"]),
                vague=tuple(sorted(vague, key=lambda v: -len(v[0]))),
                trailing_rejected_words=frozenset(
                    w.lower() for w in data["trailing_rejected_words"]
                ),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DeportdataError(f"number conventions are malformed: {exc!r}") from exc
        problems = [
            mode not in APPROX_MODES and f"approx_mode must be one of {APPROX_MODES}",
            not 0 < fraction < 1 and "approx_fraction must be between 0 and 1",
            conventions.approx_min_halfwidth < 0 and "approx_min_halfwidth must be >= 0",
            any(k not in PHRASE_KINDS for _, k in qualifiers) and f"kinds are {PHRASE_KINDS}",
            any(not 0 <= lo <= hi for _, lo, hi in vague) and "vague needs 0 <= low <= high",
        ]
        if any(problems):
            raise DeportdataError("number conventions: " + "; ".join(p for p in problems if p))
        return conventions


def load_conventions(path: Path) -> NumberConventions:
    """Load number conventions from a YAML file such as data/raw/rules/numbers.yaml."""
    return load_rule_file(path, NumberConventions.from_dict)


@cache
def default_conventions() -> NumberConventions:
    """The conventions of the package's own project (data/raw/rules/numbers.yaml)."""
    return load_conventions(source_project().rule_file("numbers"))


def parse_number(text: str, conventions: NumberConventions | None = None) -> ParsedNumber:
    """Read a printed number with its qualifier words; raise NumberParseError otherwise.

    `conventions` default to the project's numbers.yaml (`deportdata.text.rules.Rules`)."""
    conventions = conventions or default_conventions()
    tokens = text.translate(_CHARACTER_FIXES).lower().split()
    if not tokens:
        raise _error(text, "it is empty")
    used, kind = _qualifier(tokens, conventions, text)
    rest = tokens[used:]
    for words, low, high in conventions.vague:
        if tuple(rest[: len(words)]) == words:
            if kind is not None:
                raise _error(text, "a qualifier cannot precede a vague amount")
            _check_trailing(rest[len(words) :], conventions, text)
            return ParsedNumber(None, low, high, "vague")
    figure, width = _figure(rest, text)
    _check_trailing(rest[width:], conventions, text)
    return _bounds(kind or "exact", figure, conventions, text)


def approximate_bounds(figure: int, conventions: NumberConventions) -> tuple[int, int]:
    """Inclusive bounds of an approximate figure under the conventions' mode."""
    if conventions.approx_mode == "granularity":
        digits = str(figure)
        unit = 10 ** (len(digits) - len(digits.rstrip("0"))) if figure else 1
        halfwidth = Fraction(unit, 2)
    else:
        halfwidth = figure * conventions.approx_fraction
    halfwidth = max(halfwidth, Fraction(conventions.approx_min_halfwidth))
    return max(0, math.ceil(figure - halfwidth)), math.floor(figure + halfwidth)


def _qualifier(
    tokens: list[str], conventions: NumberConventions, text: str
) -> tuple[int, str | None]:
    """Find the qualifier phrase (maybe after a negated clause): (tokens used, kind)."""
    for start in range(min(len(tokens), conventions.negation_max_words + 1)):
        for words, kind in conventions.qualifiers:
            if tuple(tokens[start : start + len(words)]) != words:
                continue
            used = start + len(words)
            if start == 0:
                return used, kind
            clause = tokens[:start]
            negations = sum(t in conventions.negation_words for t in clause)
            if negations != 1 or not all(map(_is_word, clause)):
                raise _error(text, f'cannot read "{" ".join(clause)}" before the qualifier')
            reversed_kind = {"more_than": "at_most", "fewer_than": "at_least"}.get(kind)
            if reversed_kind is None:
                raise _error(text, f'a negation cannot reverse "{" ".join(words)}"')
            return used, reversed_kind
    return 0, None


def _figure(tokens: list[str], text: str) -> tuple[int, int]:
    """Read the figure at the start of tokens: (value, tokens used)."""
    if not tokens:
        raise _error(text, "there is no figure")
    if _DIGITS.fullmatch(tokens[0]) and len(tokens[0]) <= _MAX_DIGITS:
        return int(tokens[0].replace(",", "")), 1
    for width in range(len(tokens), 0, -1):
        value = _words_value(tokens[:width])
        if value is not None:
            return value, width
    raise _error(text, f'"{tokens[0]}" is not a figure')


def _words_value(tokens: list[str]) -> int | None:
    """Value of number words via text2num, or None (one-letter words such as "o" refused)."""
    if not all(_is_word(t) and len(t) > 2 for t in tokens):
        return None
    try:
        return text2num(" ".join(tokens), "en")
    except ValueError:
        return None


def _check_trailing(tokens: list[str], conventions: NumberConventions, text: str) -> None:
    """Allow plain nouns after the figure, refuse words that would change its meaning."""
    vague_words = {words[-1] for words, _, _ in conventions.vague} | {"dozen"}
    for token in tokens:
        if (
            not _is_word(token)
            or token in conventions.trailing_rejected_words
            or token in vague_words
            or _words_value([token]) is not None
        ):
            raise _error(text, f'"{token}" after the figure may change its meaning')


def _bounds(kind: str, figure: int, conventions: NumberConventions, text: str) -> ParsedNumber:
    """Value and bounds of a figure under a qualifier kind."""
    if kind in ("fewer_than", "almost") and figure < 1:
        raise _error(text, "a count cannot be fewer than 0")
    if kind == "exact":
        return ParsedNumber(figure, figure, figure, "exact")
    if kind == "more_than":
        return ParsedNumber(figure + 1, figure + 1, None, "more_than")
    if kind == "at_least":
        return ParsedNumber(figure, figure, None, "at_least")
    if kind == "fewer_than":
        return ParsedNumber(figure - 1, 0, figure - 1, "fewer_than")
    if kind == "at_most":
        return ParsedNumber(figure, 0, figure, "at_most")
    low, high = approximate_bounds(figure, conventions)
    if kind == "almost":
        return ParsedNumber(figure - 1, min(low, figure - 1), figure - 1, "fewer_than")
    return ParsedNumber(figure, low, high, "about")


def _is_word(token: str) -> bool:
    """True for a plain word: letters with inner hyphens, apostrophes or dots."""
    return token[:1].isalpha() and all(c.isalpha() or c in "-'." for c in token)


def _error(text: str, reason: str) -> NumberParseError:
    """A NumberParseError quoting the text and saying what is accepted."""
    return NumberParseError(f"cannot read a number from {text!r}: {reason}", hint=ACCEPTED)
