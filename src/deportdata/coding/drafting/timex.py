"""Time expressions: find them, tell a statement's date from a figure's, resolve them."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from deportdata.coding.drafting.rules import DraftingRules
from deportdata.coding.drafting.sentences import Span
from deportdata.text.dates import DateResolveError, ResolvedDate, resolve


@dataclass(frozen=True)
class TimeExpression:
    start: int
    end: int
    text: str
    resolved: ResolvedDate | None
    problem: str  # why the resolver could not read it ("" when resolved)

    @property
    def preposition(self) -> str:
        return self.text.split()[0].lower() if " " in self.text else ""


def find(text: str, rules: DraftingRules, published: tuple[date, date]) -> list[TimeExpression]:
    """Every time expression of the text, each resolved (or with the resolver's message)."""
    out = []
    known: dict[str, tuple[ResolvedDate | None, str]] = {}  # the same words resolve alike
    for m in rules.time_expression.finditer(text):
        if _in_a_name(text, m) or _a_count(text, m, rules):
            continue
        if m.group() not in known:
            try:
                known[m.group()] = resolve(m.group(), *published), ""
            except DateResolveError as exc:
                known[m.group()] = None, exc.message
        resolved, problem = known[m.group()]
        out.append(TimeExpression(m.start(), m.end(), m.group(), resolved, problem))
    return out


def without_restated(
    text: str, expressions: list[TimeExpression], rules: DraftingRules
) -> list[TimeExpression]:
    """The expressions without a relative one restated by a bracketed date right after it
    ("earlier today (June 9)": "June 9" is kept, "today" dropped)."""
    if rules.restated_date is None:
        return expressions
    between, after = rules.restated_date
    dropped = {
        i
        for i, (a, b) in enumerate(itertools.pairwise(expressions))
        if b.resolved is not None
        and between.search(text[a.end : b.start])
        and after.search(text[b.end : b.end + 5])
    }
    return [e for i, e in enumerate(expressions) if i not in dropped]


def in_since_clause(sentence: Span, expr: TimeExpression, rules: DraftingRules) -> bool:
    """Whether the expression lies in a clause opened by "since" that does not start with
    it ("since the treaty took effect in 2002"): it dates the start of a period, not a figure."""
    if rules.since_clause is None or expr.text.casefold().startswith("since"):
        return False
    return bool(rules.since_clause.search(sentence.text[: expr.start - sentence.start]))


def _a_count(text: str, m: re.Match[str], rules: DraftingRules) -> bool:
    """A bare four-digit number after a qualifier ("some 1900") is a count, not a year."""
    if not re.fullmatch(r"\d{4}", m.group()):
        return False
    head = text[max(0, m.start() - 30) : m.start()].casefold()
    return any(
        re.search(rf"(?<![\w']){re.escape(' '.join(words))}\s+$", head)
        for words, _ in rules.numbers.qualifiers
    )


def _in_a_name(text: str, m: re.Match[str]) -> bool:
    """A bare month or weekday between capitalised words is part of a name ("Prok May Oudom")."""
    if " " in m.group() or not m.group()[:1].isupper():
        return False
    before = _capitalised_word_before(text, m.start())
    after = _CAPITALISED_AFTER.match(text, m.end())
    return bool(before and after) or bool(
        after and not before and m.start() > 0 and text[m.start() - 1] not in '\n“"('
    )


_CAPITALISED_AFTER = re.compile(r"\s+[A-Z][a-z]+")


def _capitalised_word_before(text: str, at: int) -> bool:
    """Whether text[:at] ends with a capitalised word and white space (r"[A-Z][a-z]+\\s+$"),
    read backwards from `at` instead of searched for in the whole text before it."""
    i = at
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i == at:
        return False
    j = i
    while j > 0 and "a" <= text[j - 1] <= "z":
        j -= 1
    return j < i and j > 0 and "A" <= text[j - 1] <= "Z"


@lru_cache(maxsize=256)
def matches(pattern: re.Pattern[str], text: str) -> tuple[list[int], list[int]]:
    """(starts, ends) of the matches of `pattern` in `text`, found once per text."""
    found = [(m.start(), m.end()) for m in pattern.finditer(text)]
    return [a for a, _ in found], [b for _, b in found]


def dates_statement(sentence: Span, expr: TimeExpression, rules: DraftingRules) -> bool:
    """Whether a speech verb just before the expression makes it the date of a statement."""
    rel = expr.start - sentence.start
    # the verbs found in the whole sentence that end before the expression are those found
    # in the text before it: a verb is one word and the expression starts after a non-word
    ends = matches(rules.speech_verb, sentence.text)[1]
    last = bisect.bisect_right(ends, rel) - 1
    if last < 0:
        return False
    gap = sentence.text[ends[last] : rel]
    words = gap.split()
    return len(words) <= int(rules.entries.speech_gap_words) and not re.search(
        r"[,;“”\"]|\d|\b(?:that|to|who|which)\b", gap
    )


def barrier_between(sentence: Span, a: int, b: int, rules: DraftingRules) -> bool:
    """Whether a clause barrier word lies between offsets a and b of the sentence."""
    lo, hi = sorted((a, b))
    return bool(rules.barrier.search(sentence.text[lo - sentence.start : hi - sentence.start]))


def when_key(expr: TimeExpression | None, published_best: date) -> str:
    """The `{when}` of a quantity key: the resolved date at its precision."""
    if expr is None or expr.resolved is None:
        return f"{published_best:%Y_%m}"
    interval = expr.resolved.interval
    stem = {
        "day": f"{interval.earliest:%Y_%m_%d}",
        "month": f"{interval.earliest:%Y_%m}",
        "year": f"{interval.earliest:%Y}",
    }.get(interval.precision, f"{interval.earliest:%Y_%m}")
    return f"since_{stem}" if expr.resolved.relation == "since" else stem
