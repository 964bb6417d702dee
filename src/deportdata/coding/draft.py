"""Draft the whole coding of one article: claims, events, actors and ignored mentions.

`draft_article` reads the article, its row in articles.csv and the raw registry
(organisations, aliases, actors) and writes nothing; `write_draft` writes the draft to
data/drafts/<article_id>/ for a person to review. Every drafted row names the rules
that produced it in its last column, `draft_reason`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas

from deportdata.coding import attribution as attr
from deportdata.coding import figures, timex
from deportdata.coding.registry import Registry
from deportdata.coding.rules import DraftingRules, load_rules
from deportdata.coding.sentences import SentenceIndex, Span, barrier_part, comma_part, scopes
from deportdata.errors import DeportdataError
from deportdata.files import frame_csv_text, staged_directory
from deportdata.mentions import load_rules as load_mention_rules
from deportdata.mentions import scan
from deportdata.numbers import NumberParseError, parse_number
from deportdata.paths import Project
from deportdata.rawtables import LINE, read_rows
from deportdata.schema import load_schema
from deportdata.texts import read_article

TABLES = ("claims", "events", "actors", "mentions_ignored", "organisations")
REASON = "draft_reason"


@dataclass
class Draft:
    """The drafted coding of one article, for a person to review and accept."""

    article_id: str
    tables: dict[str, pandas.DataFrame]
    needs_person: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Rows drafted, mentions ignored and why, and what needs a person."""
        n = {name: len(frame) for name, frame in self.tables.items()}
        ignored = self.tables["mentions_ignored"]
        reasons = Counter(ignored["reason_code"]) if len(ignored) else Counter()
        lines = [
            f"Draft of {self.article_id}: {n['claims']} claim(s), {n['events']} event(s), "
            f"{n['actors']} actor(s)"
            + (f", {n['organisations']} new organisation(s)" if n.get("organisations") else "")
            + f"; {n['mentions_ignored']} numeric mention(s) ignored"
            + (
                " (" + ", ".join(f"{code}: {k}" for code, k in sorted(reasons.items())) + ")"
                if reasons
                else ""
            )
            + "."
        ]
        if self.needs_person:
            lines.append(f"{len(self.needs_person)} thing(s) need a person:")
            lines += [f"  - {item}" for item in self.needs_person]
        else:
            lines.append("Nothing was left undecided; review every row all the same.")
        return "\n".join(lines)


def columns(name: str) -> list[str]:
    """The raw table's columns (from the schema) and `draft_reason` last."""
    return [*load_schema().table("raw", name).columns, REASON]


def _occurrence(text: str, part: str, at: int) -> str:
    """1-based occurrence of `part` starting at `at`, when it occurs more than once."""
    starts = [m.start() for m in re.finditer(re.escape(part), text)]
    return str(starts.index(at) + 1) if len(starts) > 1 and at in starts else ""


def _context(text: str, sentence: Span, start: int, end: int) -> tuple[str, int]:
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


def _unique_within(quote: str, part: str, rel: int) -> str:
    """`part` at offset `rel` of the quote, extended word by word until it occurs once."""
    end = rel + len(part)
    while quote.count(quote[rel:end]) > 1 and end < len(quote):
        nxt = re.match(r"\s*\S+", quote[end:])
        if not nxt:
            break
        end += nxt.end()
    return quote[rel:end]


def _datelines(
    text: str, expressions: list[timex.TimeExpression], rules: DraftingRules
) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        if len(m.group().split()) > int(rules["dateline_max_words"]):
            continue
        for e in expressions:
            full_date = re.search(r"\d", e.text) and re.search(r"[A-Za-z]", e.text)
            if m.start() <= e.start and e.end <= m.end() and full_date:
                spans.append((m.start(), m.end()))
                break
    return spans


def draft_text(
    article_id: str,
    text: str,
    article: dict[str, str],
    registry: Registry,
    rules: DraftingRules,
    mention_rules,
) -> Draft:
    """Draft the coding of one article text (pure: nothing is read or written)."""
    published = (
        date.fromisoformat(article["published_earliest"]),
        date.fromisoformat(article["published_latest"]),
    )
    best = date.fromisoformat(article.get("published_best") or article["published_earliest"])
    outlet = article["outlet"]
    needs: list[str] = []
    index = SentenceIndex(text, rules)
    expressions = timex.find(text, rules, published)
    datelines = _datelines(text, expressions, rules)
    in_dateline = lambda a, b: any(s <= a and b <= e for s, e in datelines)  # noqa: E731
    expressions = [e for e in expressions if not in_dateline(e.start, e.end)]

    # who speaks in each sentence, read in order
    state = attr.ArticleState()
    all_orgs = attr.org_mentions(text, registry)
    sources: dict[int, list[attr.Attribution]] = {}
    for i, sentence in enumerate(index.spans):
        state.org_mentions = [m for m in all_orgs if m[0] < sentence.end]
        sources[i] = attr.attributions(sentence, registry, state, rules)
        attr.remember_names(sentence, state, rules)

    claims: list[dict[str, str]] = []
    ignored: list[tuple[figures.Figure, str, str, str]] = []  # figure, code, reason, rule
    used_times: dict[tuple[int, int], str] = {}
    mentions = scan(text, mention_rules)
    for figure in figures.group_mentions(text, mentions, rules):
        si = index.index(figure.start)
        sentence = index.spans[si]
        mention_text = text[figure.start : figure.end]
        if in_dateline(figure.start, figure.end):
            ignored.append(
                (figure, "date", "Part of a date line or byline, not a claim.", "dateline")
            )
            continue
        inside = next(
            (e for e in expressions if e.start <= figure.start and figure.end <= e.end), None
        )
        if inside is not None:
            code = "year" if re.fullmatch(r"(?:19|20)\d\d", mention_text) else "date"
            ignored.append(
                (figure, code, f"@time:{inside.start}:{inside.end}", "in a time expression")
            )
            continue
        rule = figures.non_claim(text, figure, sentence, rules)
        if rule is not None:
            ignored.append((figure, rule.reason_code, rule.reason, rule.name))
            continue
        claims.append(
            _claim(
                text,
                figure,
                si,
                index,
                expressions,
                sources,
                claims,
                rules,
                registry,
                outlet,
                best,
                needs,
            )
        )
        claim = claims[-1]
        for key in ("period_expression", "as_of_expression"):
            if claim[f"_{key}"]:
                used_times[claim[f"_{key}"]] = key
    for n, claim in enumerate(claims, 1):
        claim["claim_id"] = f"D-C{n:03d}"
        for item in claim.pop("_needs"):
            needs.append(f"{claim['claim_id']} ({claim['value_text']!r}): {item}")

    events = _events(text, index, expressions, sources, used_times, claims, rules, published, needs)
    mention_rows = []
    for n, (figure, code, reason, rule) in enumerate(ignored, 1):
        sentence = index.at(figure.start)
        context, at = _context(text, sentence, figure.start, figure.end)
        if reason.startswith("@time:"):
            a, b = map(int, reason.split(":")[1:])
            expr = text[a:b]
            role = used_times.get((a, b))
            reason = (
                f"Part of the time expression '{expr}', coded as a claim's {role} in claims.csv."
                if role
                else f"Part of the date expression '{expr}', coded in events.csv."
            )
        mention_rows.append(
            {
                "mention_id": f"D-M{n:03d}",
                "article_id": article_id,
                "mention_text": text[figure.start : figure.end],
                "context": context,
                "context_occurrence": _occurrence(text, context, at),
                "reason_code": code,
                "reason": reason,
                REASON: f"non-claim: {rule}",
            }
        )
    actors = []
    for person in sorted(state.people.values(), key=lambda p: p.actor_id):
        actors.append(
            {
                "actor_id": person.actor_id,
                "article_id": article_id,
                "name_as_printed": person.name,
                "title_as_printed": person.title,
                "organisation_id": person.organisation_id,
                "is_quoted": "true",
                "note": "",
                REASON: "speaker: known person" if person.known else "speaker: new person",
            }
        )
        needs += [f"actor {person.actor_id}: {item}" for item in person.needs]
    for claim in claims:
        for key in list(claim):
            if key.startswith("_"):
                del claim[key]
        claim["article_id"] = article_id
    for event in events:
        event["article_id"] = article_id
    tables = {
        "claims": _frame("claims", claims),
        "events": _frame("events", events),
        "actors": _frame("actors", actors),
        "mentions_ignored": _frame("mentions_ignored", mention_rows),
    }
    if registry.new_organisations:
        rows = [
            dict(r, **{REASON: "new organisation named as a source"})
            for r in registry.new_organisations.values()
        ]
        tables["organisations"] = _frame("organisations", rows)
    return Draft(article_id, tables, needs)


def _frame(name: str, rows: list[dict[str, str]]) -> pandas.DataFrame:
    """Rows as a frame of text cells with exactly the draft columns of a table."""
    cols = columns(name)
    return pandas.DataFrame(
        [[str(r.get(c, "")) for c in cols] for r in rows], columns=cols, dtype=str
    )


def _source_for(figure_start: int, figure_end: int, sentence: Span, found: list[attr.Attribution]):
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
        if not re.match(r"(?:who|whom|whose|which)\b", clause):
            return a, "reporter: next source in the sentence"
    earlier = [a for a in found if a.start < figure_start]
    if earlier:
        return earlier[-1], "reporter: previous source in the sentence"
    return None, "reporter: no source printed, the outlet"


def _claim(
    text, figure, si, index, expressions, sources, claims, rules, registry, outlet, best, needs
):
    sentence = index.spans[si]
    quote = sentence.text
    start, end, value_rule = figures.value_span(text, figure, rules)
    start = max(start, sentence.start)
    value_text = _unique_within(quote, text[start:end], start - sentence.start)
    end = start + len(value_text)
    own_needs: list[str] = []
    try:
        parse_number(value_text, rules.numbers)
    except NumberParseError as exc:
        own_needs.append(f"the parser cannot read the value: {exc.message}")
    after = text[end : sentence.end]
    before = text[sentence.start : start]
    same_sentence = [c for c in claims if c["_sentence"] == si]
    previous_kind = same_sentence[-1]["kind"] if same_sentence else ""
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
        own_needs.append(f"no kind hint matched; drafted as {kind}")
    period, as_of = figures.times_for(sentence, start, end, kind, expressions, rules, lead_end)
    changed = rules["day_kind_change"].get(kind)
    if (
        changed
        and period is not None
        and period.resolved is not None
        and period.resolved.interval.precision == "day"
    ):
        kind, kind_rule = changed, kind_rule + f", then {changed} (dated to one day)"
    for expr in (period, as_of):
        if expr is not None and expr.resolved is None:
            own_needs.append(
                f"the resolver cannot read '{expr.text}' ({expr.problem}); keep, rephrase or clear it"
            )
    source, source_rule = _source_for(start, end, sentence, sources[si])
    reporter = outlet
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
    when = timex.when_key(period or as_of, best)
    key = rules["quantity_keys"].get(kind, f"{kind}_{{when}}").replace("{when}", when)
    if kind == "rate_limit" or "{when}" not in rules["quantity_keys"].get(kind, "{when}"):
        pass
    return {
        "claim_id": "",
        "quote": quote,
        "quote_occurrence": _occurrence(text, quote, sentence.start),
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
        + (f"; as of '{as_of.text}'" if as_of else ""),
        "_sentence": si,
        "_needs": own_needs,
        "_period_expression": (period.start, period.end) if period else None,
        "_as_of_expression": (as_of.start, as_of.end) if as_of else None,
    }


def _event_type(
    sentence: Span, expr: timex.TimeExpression, rules: DraftingRules
) -> tuple[str, str]:
    if expr.preposition in rules["deadline_prepositions"]:
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
        return rules["default_event_type"], "event type: no hint, default"
    return best[1], "event type: nearest hint"


def _nearest_hint(text, part, sentence, rel_a, rel_b, rules):
    best = None
    for hint in rules.event_hints:
        for m in hint.pattern.finditer(text):
            if hint.adjacent:
                gap = text[rel_b : m.start()] if m.start() >= rel_b else None
                if gap is None or len(gap.split()) > 1:
                    continue
            elif not (part.start - sentence.start <= m.start() < part.end - sentence.start):
                continue
            distance = m.start() - rel_b if m.start() >= rel_b else rel_a - m.end()
            if hint.adjacent:
                distance = -1
            if best is None or distance < best[0]:
                best = (distance, hint.label)
    return best


def _events(text, index, expressions, sources, used_times, claims, rules, published, needs):
    rows = []
    period_only = set(rules["claim_period_only_relations"])
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
        rows.append(
            {
                "event_id": f"D-E{len(rows) + 1:03d}",
                "quote": sentence.text,
                "quote_occurrence": _occurrence(text, sentence.text, sentence.start),
                "date_expression": expr.text,
                "event_type": event_type,
                "actor_ids": actor_ids,
                "organisation_ids": org_ids,
                "description": f"Drafted: {event_type.replace('_', ' ')} ({sentence.text[:60].rstrip()}...); write a short neutral paraphrase.",
                REASON: f"date expression '{expr.text}' resolved to {interval.earliest}..{interval.latest} ({interval.precision}); {type_rule}",
            }
        )
    if rows:
        needs.append(
            f"events D-E001..D-E{len(rows):03d}: check each event type and write its description"
        )
    return rows


def _raw_rows(project: Project, name: str) -> list[dict[str, str]]:
    table = load_schema().table("raw", name)
    rows, errors = read_rows(project.raw / table.path, table, project.rel(project.raw / table.path))
    if errors:
        raise errors[0]
    return [{k: v for k, v in r.items() if k != LINE} for r in rows]


def registry_of(project: Project) -> Registry:
    """The raw organisations, aliases and actors."""
    return Registry.from_rows(
        _raw_rows(project, "organisations"),
        _raw_rows(project, "organisation_aliases"),
        _raw_rows(project, "actors"),
    )


def draft_article(root: Path, article_id: str) -> Draft:
    """Draft the coding of an article already registered in data/raw/articles.csv."""
    project = Project(Path(root))
    article = next(
        (r for r in _raw_rows(project, "articles") if r["article_id"] == article_id), None
    )
    if article is None:
        raise DeportdataError(
            f"article {article_id} is not in data/raw/articles.csv",
            hint="add it first with deportdata add-article",
        )
    path = project.raw_articles / f"{article_id}.txt"
    text = read_article(path, project.rel(path))
    return draft_text(
        article_id, text, article, registry_of(project), load_rules(project.rules),
        load_mention_rules(project.rules / "mentions.yaml"),
    )  # fmt: skip


def write_draft(root: Path, draft: Draft) -> Path:
    """Write the draft's tables to data/drafts/<article_id>/ at once (all or nothing)."""
    target = Path(root) / "data" / "drafts" / draft.article_id
    target.parent.mkdir(parents=True, exist_ok=True)
    with staged_directory(target) as stage:
        for name, frame in draft.tables.items():
            (stage / f"{name}.csv").write_text(frame_csv_text(frame), encoding="utf-8")
    return target
