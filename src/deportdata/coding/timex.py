"""Time expressions: find them, tell a statement's date from a figure's, resolve them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from deportdata.coding.rules import DraftingRules
from deportdata.coding.sentences import Span
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
    for m in rules.time_expression.finditer(text):
        if _in_a_name(text, m) or _a_count(text, m, rules):
            continue
        try:
            resolved, problem = resolve(m.group(), *published), ""
        except DateResolveError as exc:
            resolved, problem = None, exc.message
        out.append(TimeExpression(m.start(), m.end(), m.group(), resolved, problem))
    return out


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
    before = re.search(r"([A-Z][a-z]+)\s+$", text[: m.start()])
    after = re.match(r"\s+[A-Z][a-z]+", text[m.end() :])
    return bool(before and after) or bool(
        after and not before and m.start() > 0 and text[m.start() - 1] not in '\n“"('
    )


def dates_statement(sentence: Span, expr: TimeExpression, rules: DraftingRules) -> bool:
    """Whether a speech verb just before the expression makes it the date of a statement."""
    before = sentence.text[: expr.start - sentence.start]
    last = None
    for m in rules.speech_verb.finditer(before):
        last = m
    if last is None:
        return False
    gap = before[last.end() :]
    words = gap.split()
    return len(words) <= int(rules["speech_gap_words"]) and not re.search(
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
