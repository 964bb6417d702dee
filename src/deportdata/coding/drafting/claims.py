"""Draft one claim: its quote, printed value, kind, unit, reporter, time and quantity key."""

from __future__ import annotations

import re

from deportdata.coding.drafting import attribution as attr
from deportdata.coding.drafting import figures, timex
from deportdata.coding.drafting.article import ArticleContext, DraftedClaim
from deportdata.coding.drafting.rows import REASON, unique_within
from deportdata.coding.drafting.rules import DraftingRules, words_pattern
from deportdata.coding.drafting.sentences import Span, comma_part, scopes
from deportdata.text.numbers import NumberParseError, parse_number


def source_for(
    figure_start: int,
    figure_end: int,
    sentence: Span,
    found: list[attr.Attribution],
    rules: DraftingRules,
) -> tuple[attr.Attribution | None, str]:
    """The attribution that applies to a figure: in its clause, 'according to', next, previous."""
    part = comma_part(sentence, figure_start, figure_end)
    own = [a for a in found if part.start <= a.start < part.end]
    if own:
        return own[0], "reporter: source in the figure's clause"
    according = [a for a in found if a.rule.startswith("according to")]
    if according:
        return according[0], "reporter: 'according to' in the sentence"
    later = [a for a in found if a.start >= figure_end]
    for a in later:
        clause = comma_part(sentence, a.start, a.start + 1).text.lstrip()
        if not words_pattern(rules.entries.relative_words).match(clause):
            return a, "reporter: next source in the sentence"
    earlier = [a for a in found if a.start < figure_start]
    if earlier:
        return earlier[-1], "reporter: previous source in the sentence"
    if rules.speech_verb.search(sentence.text):
        return None, "reporter: no source printed, the outlet (a speech verb is printed)"
    return None, "reporter: no source printed, the outlet"


def draft_claim(
    article: ArticleContext, figure: figures.Figure, si: int, claims: list[DraftedClaim]
) -> DraftedClaim:
    """The drafted claim of a figure of sentence `si`; `claims` are those drafted before it."""
    text, index, rules = article.text, article.index, article.rules
    expressions = article.in_sentence.get(si, [])
    sentence = index.spans[si]
    quote = sentence.text
    start, end, value_rule = figures.value_span(text, figure, rules)
    start = max(start, sentence.start)
    quote_at, bare = sentence.start, text[start:end]
    value_text = unique_within(quote, bare, start - sentence.start)
    end = start + len(value_text)
    own_needs: list[str] = []
    if value_text != bare and _unreadable(value_text, rules) and not _unreadable(bare, rules):
        # "3." made unique by the full stop: the quote starts after the earlier "3" instead
        cut = _after_earlier(quote, bare, start - sentence.start)
        quote_at, quote, value_text, end = (
            sentence.start + cut,
            quote[cut:],
            bare,
            start + len(bare),
        )
        own_needs.append(
            f"the quote starts after an earlier '{bare}', so that its value is read where it is printed"
        )
    unreadable = _unreadable(value_text, rules)
    after = text[end : sentence.end]
    before = text[sentence.start : start]
    # claims come in text order: the sentence's previous figure is the last claim, if any
    previous_kind = claims[-1].kind if claims and claims[-1].sentence == si else ""
    lead = re.search(r",\s", quote)
    lead_end = sentence.start + lead.start() if lead else sentence.start
    kind, kind_rule = figures.kind_of(
        scopes(sentence, start, end, rules, [(e.start, e.end) for e in expressions]),
        after,
        before,
        previous_kind,
        rules,
    )
    if kind_rule.endswith("default"):
        earlier = _same_figure_before(value_text, claims, rules)
        if earlier is not None:  # "all 31", "the 12": the figure printed before, restated
            kind, kind_rule = earlier.kind, "kind: the same figure as an earlier claim"
        else:
            own_needs.append(f"no kind hint matched; drafted as {kind}")
    period, as_of = figures.times_for(sentence, start, end, kind, expressions, rules, lead_end)
    if kind in rules.entries.undated_kinds and (period or as_of):  # a figure about the future
        kind_rule += f", undated ({kind} takes no past date)"
        period = as_of = None
    changed = rules.entries.day_kind_change.get(kind)
    if (
        changed
        and period is not None
        and period.resolved is not None
        and period.resolved.interval.precision == "day"
    ):
        kind, kind_rule = changed, kind_rule + f", then {changed} (dated to one day)"
    for expr in (period, as_of):
        if expr is not None and expr.resolved is None:
            role = "period_expression" if expr is period else "as_of_expression"
            own_needs.append(
                f"{role} '{expr.text}' left empty: the resolver cannot read it ({expr.problem}); "
                "write the claim's time by hand if it has one"
            )
        elif expr is not None and quote.count(expr.text) > 1:
            own_needs.append(f"'{expr.text}' occurs more than once in the quote: shorten the quote")
    unread = [e.text for e in (period, as_of) if e is not None and e.resolved is None]
    period = None if period is not None and period.resolved is None else period
    as_of = None if as_of is not None and as_of.resolved is None else as_of
    source, source_rule = source_for(start, end, sentence, article.sources[si], rules)
    if source is None:  # "“We took in 30 this week. More will come,” he said."
        source, source_rule = _closing_quote_source(article, start, si) or (source, source_rule)
    reporter = article.outlet
    actor_id = ""
    if source is not None:
        actor_id = source.actor_id
        if source.org_id:
            reporter = source.org_id
        else:
            own_needs.append(
                "the source's organisation is not known; the outlet is drafted as reporter"
            )
        if source.needs:
            own_needs.append(source.needs)
        source_rule += f" ({source.rule})"
    when = timex.when_key(period or as_of, article.best)
    key = rules.entries.quantity_keys.get(kind, f"{kind}_{{when}}").replace("{when}", when)
    row = {
        "claim_id": "",
        "quote": quote,
        "quote_occurrence": index.occurrence(quote, quote_at),
        "value_text": value_text,
        "kind": kind,
        "unit": figures.unit_of(after, rules),
        "reporter": reporter,
        "actor_id": actor_id,
        "period_expression": period.text if period else "",
        "as_of_expression": as_of.text if as_of else "",
        "quantity_key": key,
        "note": "",
        REASON: f"{value_rule}; {kind_rule}; {source_rule}"
        + (f"; period '{period.text}'" if period else "")
        + (f"; as of '{as_of.text}'" if as_of else "")
        + "".join(f"; '{t}' unreadable, left out" for t in unread),
    }
    return DraftedClaim(row, si, own_needs, unreadable, period, as_of)


def _closing_quote_source(
    article: ArticleContext, start: int, si: int
) -> tuple[attr.Attribution, str] | None:
    """The source printed after the closing mark of a quotation that holds the figure and
    runs on past its sentence (within its paragraph and `quote_reach_sentences`)."""
    text, index = article.text, article.index
    line_start = text.rfind("\n", 0, start) + 1
    opened = text.rfind("“", line_start, start)
    if opened < 0 or text.find("”", opened, start) >= 0:
        return None  # the figure is not inside a quotation
    line_end = text.find("\n", start)
    closed = text.find("”", start, line_end if line_end >= 0 else len(text))
    if closed < 0 or closed < index.spans[si].end:
        return None  # the quotation closes in the figure's own sentence (read there)
    sj = index.index(closed)
    if sj - si > int(article.rules.entries.quote_reach_sentences):
        return None
    after = [a for a in article.sources.get(sj, []) if a.start > closed]
    if not after:
        return None
    return after[0], f"reporter: source after the quotation's end ({sj - si} sentence(s) on)"


def _same_figure_before(
    value_text: str, claims: list[DraftedClaim], rules: DraftingRules
) -> DraftedClaim | None:
    """The latest earlier claim of the same exact number, when a figure has no kind hint of its
    own: an article restates a figure ("all 31", "the 12") rather than count anew."""
    try:
        parsed = parse_number(value_text, rules.numbers)
    except NumberParseError:
        return None
    if parsed.low != parsed.high:
        return None
    for claim in reversed(claims):
        try:
            earlier = parse_number(claim.row["value_text"], rules.numbers)
        except NumberParseError:
            continue
        if earlier.low == earlier.high == parsed.low:
            return claim
    return None


def _unreadable(value_text: str, rules: DraftingRules) -> str:
    """Why the number parser cannot read a value ("" when it can)."""
    try:
        parse_number(value_text, rules.numbers)
    except NumberParseError as exc:
        return exc.message
    return ""


def _after_earlier(quote: str, part: str, rel: int) -> int:
    """Where a quote must start so that `part`, printed at `rel`, occurs there first: at the
    first word after the last earlier occurrence (overlapping ones too)."""
    earlier = quote.rfind(part, 0, rel + len(part) - 1)
    if earlier < 0:
        return 0
    space = re.compile(r"\s+").search(quote, earlier + 1, rel + 1)
    return space.end() if space and space.end() <= rel else earlier + 1
