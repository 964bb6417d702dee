"""A figure's printed value, whether it is a claim at all, its kind, unit and time."""

from __future__ import annotations

import re
from dataclasses import dataclass

from deportdata.coding.drafting.rules import DraftingRules, Hint, NonClaim
from deportdata.coding.drafting.sentences import Span, comma_part
from deportdata.coding.drafting.timex import (
    TimeExpression,
    barrier_between,
    dates_statement,
    in_since_clause,
)
from deportdata.text.mentions import Mention


@dataclass(frozen=True)
class Figure:
    """One or more adjacent mentions printed as one number ("1.5 million")."""

    start: int
    end: int
    mentions: tuple[Mention, ...]


def group_mentions(text: str, mentions: list[Mention], rules: DraftingRules) -> list[Figure]:
    """Join mentions that print one number: decimals and scale words after a figure."""
    scale = {w.casefold() for w in rules.entries.scale_words}
    groups: list[list[Mention]] = []
    for m in mentions:
        if groups:
            prev = groups[-1][-1]
            gap = text[prev.end : m.start]
            decimal = gap == "." and prev.form == m.form == "digits"
            scaled = gap == " " and m.text.casefold() in scale and prev.form != "vague"
            if decimal or scaled:
                groups[-1].append(m)
                continue
        groups.append([m])
    return [Figure(g[0].start, g[-1].end, tuple(g)) for g in groups]


def non_claim(text: str, figure: Figure, sentence: Span, rules: DraftingRules) -> NonClaim | None:
    """The first non-claim rule that matches the figure, or None."""
    mention = text[figure.start : figure.end]
    before = text[sentence.start : figure.start]
    after = text[figure.end : sentence.end]
    for rule in rules.non_claims:
        if rule.mention and not rule.mention.fullmatch(mention):
            continue
        if rule.before and not rule.before.search(before):
            continue
        if rule.after and not rule.after.search(after):
            continue
        if (
            rule.unless_kind
        ):  # "1,400 of whom had been convicted" counts; "three of whom were women" does not
            clause = comma_part(sentence, figure.start, figure.end).text
            if _hint(rules.kind_hints, clause, after) is not None:
                continue
        if rule.context:
            reach = int(rules.entries.windows["set_phrase_chars"])
            window = text[
                max(sentence.start, figure.start - reach) : min(sentence.end, figure.end + reach)
            ]
            hit = [
                m
                for m in rule.context.finditer(window)
                if m.start() <= figure.start - max(sentence.start, figure.start - reach) < m.end()
            ]
            if not hit:
                continue
        return rule
    return None


def value_span(text: str, figure: Figure, rules: DraftingRules) -> tuple[int, int, str]:
    """The figure with its printed qualifier: (start, end, rule name)."""
    conventions = rules.numbers
    start, end = figure.start, figure.end
    rule = "value as printed"
    windows = rules.entries.windows
    head = text[max(0, start - int(windows["qualifier_chars"])) : start]
    lowered = head.casefold().replace("’", "'")
    for words, _low, _high in conventions.vague:  # "a handful", "tens of thousands"
        phrase = " ".join(words)
        reach = int(windows["vague_chars"])
        window = text[max(0, start - reach) : end + reach]
        at = window.casefold().find(phrase)
        offset = max(0, start - reach)
        if at >= 0 and offset + at <= start and offset + at + len(phrase) >= end:
            return offset + at, offset + at + len(phrase), "vague amount as printed"
    # a qualifier right before the figure: r"(?<![\w'])PHRASE\s+$" on the words before it
    trimmed = lowered.rstrip()
    for words, kind in conventions.qualifiers if trimmed != lowered else ():
        phrase = " ".join(words)
        at = len(trimmed) - len(phrase)
        if trimmed.endswith(phrase) and not (
            at > 0 and (trimmed[at - 1].isalnum() or trimmed[at - 1] in "_'")
        ):
            start = start - (len(lowered) - at)
            rule = f"qualifier '{phrase}'"
            if kind in ("more_than", "fewer_than"):
                reach = int(windows["negation_chars"])
                clause = re.split(r"[,;“”\"]", text[max(0, start - reach) : start])[-1]
                tokens = clause.split()
                tail = tokens[-conventions.negation_max_words :] if tokens else []
                neg = [
                    t for t in tail if t.casefold().replace("’", "'") in conventions.negation_words
                ]
                if len(neg) == 1:
                    at = clause.rfind(neg[0])
                    start = start - (len(clause) - at)
                    rule += " with negation"
            break
    scale = "|".join(re.escape(w) for w in rules.entries.scale_words)
    more = re.match(rf"\s+(?:{scale})\b", text[end:], re.I)
    if more:  # "two dozen": a scale word the mention scanner does not count
        end += more.end()
        rule += ", scale word"
    return start, end, rule


def _hint(hints: tuple[Hint, ...], scope: str, after: str) -> tuple[Hint, str] | None:
    """The first hint that matches, with the words it matched."""
    for hint in hints:
        found = hint.after.search(after) if hint.after is not None else None
        if hint.after is not None and not found:
            continue
        if hint.pattern is not None:
            found = hint.pattern.search(scope)
            if not found:
                continue
        if found is None:
            continue
        return hint, found.group().strip()
    return None


def kind_of(
    scopes: list[tuple[str, str]], after: str, before: str, previous_kind: str, rules: DraftingRules
) -> tuple[str, str]:
    """(kind, rule) from the figure's scopes, narrowest first."""
    if previous_kind and any(p.search(before) for p in rules.refers_back):
        return previous_kind, "kind: restates the previous figure"
    for name, scope in scopes:
        hit = _hint(rules.kind_hints, scope, after)
        if hit:
            return hit[0].label, f"kind: '{hit[1]}' in the {name}"
    return rules.entries.default_kind, "kind: no hint, default"


def unit_of(after: str, rules: DraftingRules) -> str:
    hit = _hint(rules.unit_hints, "", after)
    return hit[0].label if hit else rules.entries.default_unit


def times_for(
    sentence: Span,
    start: int,
    end: int,
    kind: str,
    expressions: list[TimeExpression],
    rules: DraftingRules,
    lead_end: int,
) -> tuple[TimeExpression | None, TimeExpression | None]:
    """(period, as_of) expressions of a figure from its sentence.

    An expression counts when no clause barrier lies between it and the figure (a
    leading "Since 2002," or "On Wednesday," reaches the whole sentence) and it does not
    date a statement ("said on Thursday").
    """
    period: list[tuple[int, TimeExpression]] = []
    as_of: list[tuple[int, TimeExpression]] = []
    period_preps = {p.casefold() for p in rules.entries.period_prepositions}
    for expr in expressions:
        if not (sentence.start <= expr.start and expr.end <= sentence.end):
            continue
        if dates_statement(sentence, expr, rules) or in_since_clause(sentence, expr, rules):
            continue
        leading = expr.end <= lead_end
        if not leading and barrier_between(
            sentence,
            expr.end if expr.end <= start else expr.start,
            start if expr.end <= start else end,
            rules,
        ):
            continue
        distance = min(abs(expr.start - end), abs(start - expr.end))
        prep = " ".join(expr.text.split()[:2]).casefold()
        is_period = (
            expr.preposition in period_preps
            or prep in period_preps
            or (expr.resolved is not None and expr.resolved.relation in ("since", "during"))
            or kind in rules.entries.period_kinds
        )
        (period if is_period else as_of).append((distance, expr))
    pick = lambda found: min(found, key=lambda x: x[0])[1] if found else None  # noqa: E731
    p, a = pick(period), pick(as_of)
    if p is not None and a is None and kind not in rules.entries.period_kinds:
        since = [e for _, e in period if e.resolved is not None and e.resolved.relation == "since"]
        others = [(d, e) for d, e in period if e not in since]
        if since and others:
            p, a = since[0], pick(others)
    return p, a
