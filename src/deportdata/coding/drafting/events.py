"""Draft the dated events: one per resolved date expression, typed by the words near it."""

from __future__ import annotations

from deportdata.coding.drafting import timex
from deportdata.coding.drafting.rows import REASON, review_columns
from deportdata.coding.drafting.rules import DraftingRules
from deportdata.coding.drafting.sentences import Span, barrier_part, comma_part


def _event_type(
    sentence: Span, expr: timex.TimeExpression, rules: DraftingRules
) -> tuple[str, str]:
    if expr.preposition in rules.entries.deadline_prepositions:
        return "deadline", f"event type: '{expr.preposition}' names a deadline"
    text = sentence.text
    rel_a, rel_b = expr.start - sentence.start, expr.end - sentence.start
    for part in (
        comma_part(sentence, expr.start, expr.end),
        barrier_part(sentence, expr.start, expr.end, rules),
    ):
        best = _nearest_hint(text, part, sentence, rel_a, rel_b, rules)
        if best is not None:
            break
    if (
        timex.dates_statement(sentence, expr, rules)
        and (best is None or best[0] >= 0)
        and (best is None or best[1] != "no_comment")
    ):
        return "statement", "event type: dates a statement"
    if best is None:
        return rules.entries.default_event_type, "event type: no hint, default"
    return best[1], "event type: nearest hint"


def _nearest_hint(text, part, sentence, rel_a, rel_b, rules):
    best = None
    for hint in rules.event_hints:
        for m_start, m_end in zip(*timex.matches(hint.pattern, text), strict=True):
            if hint.adjacent:
                gap = text[rel_b:m_start] if m_start >= rel_b else None
                if gap is None or len(gap.split()) > 1:
                    continue
            elif not (part.start - sentence.start <= m_start < part.end - sentence.start):
                continue
            distance = m_start - rel_b if m_start >= rel_b else rel_a - m_end
            if hint.adjacent:
                distance = -1
            if best is None or distance < best[0]:
                best = (distance, hint.label)
    return best


def draft_events(text, index, expressions, sources, used_times, rules, needs):
    """One event row per resolved date expression (`review` todo, what a person must
    decide in `needs_person`); an expression the resolver cannot read is listed in
    `needs` instead, never drafted as an event."""
    rows = []
    period_only = set(rules.entries.claim_period_only_relations)
    for expr in expressions:
        si = index.index(expr.start)
        sentence = index.spans[si]
        if expr.resolved is None:
            needs.append(
                f"date expression '{expr.text}' in \"{sentence.text[:80]}\": the resolver cannot read it ({expr.problem}); code the event by hand or leave it out"
            )
            continue
        role = used_times.get((expr.start, expr.end))
        if role == "period_expression" and expr.resolved.relation in period_only:
            continue
        event_type, type_rule = _event_type(sentence, expr, rules)
        near = sorted(sources[si], key=lambda a: abs(a.start - expr.start))
        actor_ids = (
            near[0].actor_id
            if near and event_type in ("statement", "no_comment", "press_conference")
            else ""
        )
        org_ids = (
            near[0].org_id
            if near and event_type in ("statement", "no_comment", "press_conference")
            else ""
        )
        interval = expr.resolved.interval
        row_needs = [f"check the event type ({event_type}) and write the description"]
        if sentence.text.count(expr.text) > 1:
            row_needs.append(
                f"'{expr.text}' occurs more than once in the quote: shorten the quote so that it "
                "occurs once"
            )
        rows.append(
            review_columns(
                {
                    "event_id": f"D-E{len(rows) + 1:03d}",
                    "quote": sentence.text,
                    "quote_occurrence": index.occurrence(sentence.text, sentence.start),
                    "date_expression": expr.text,
                    "event_type": event_type,
                    "actor_ids": actor_ids,
                    "organisation_ids": org_ids,
                    "description": f"TODO: write a short neutral paraphrase of the "
                    f"{event_type.replace('_', ' ')} dated '{expr.text}' in: "
                    f"{sentence.text[:80].rstrip()}{'...' if len(sentence.text) > 80 else ''}",
                    REASON: f"date expression '{expr.text}' resolved to {interval.earliest}..{interval.latest} ({interval.precision}); {type_rule}"
                    + (
                        f"; source: the nearest in the sentence ({near[0].rule})"
                        if actor_ids or org_ids
                        else "; source: none (not a statement)"
                    ),
                },
                row_needs,
            )
        )
    return rows
