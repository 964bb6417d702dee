"""Draft the whole coding of one article: claims, events, actors and ignored mentions.

`draft_article` reads the article, its row in articles.csv and the raw registry
(organisations, aliases, actors) and writes nothing; `write_draft` writes the draft to
data/drafts/<article_id>/ for a person to review. Every drafted row names the rules
that produced it in its last column, `draft_reason`.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas

from deportdata.coding.draftfiles import NEEDS_PERSON, REVIEW
from deportdata.coding.drafting import attribution as attr
from deportdata.coding.drafting import figures, timex
from deportdata.coding.drafting.article import ArticleContext, DraftedClaim, IgnoredMention
from deportdata.coding.drafting.claims import draft_claim
from deportdata.coding.drafting.confidence import assign as assign_confidence
from deportdata.coding.drafting.events import draft_events
from deportdata.coding.drafting.names import remember_names
from deportdata.coding.drafting.registry import Registry
from deportdata.coding.drafting.rows import REASON, columns, frame, review_columns, settle
from deportdata.coding.drafting.rows import context as context_of
from deportdata.coding.drafting.rules import DraftingRules, drafting_rules
from deportdata.coding.drafting.sentences import SentenceIndex, Span
from deportdata.config import Project
from deportdata.errors import DeportdataError
from deportdata.io.files import frame_csv_text, staged_directory
from deportdata.io.tables import LINE, read_rows
from deportdata.io.texts import read_article
from deportdata.schema import load_schema
from deportdata.text.interval import Interval
from deportdata.text.mentions import scan
from deportdata.text.rules import Rules

TABLES = ("claims", "events", "actors", "mentions_ignored", "organisations")
__all__ = ["REASON", "TABLES", "Draft", "columns", "draft_article", "draft_text", "write_draft"]


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
        rows = [f for f in self.tables.values() if REVIEW in f.columns]
        todo = sum(int((f[REVIEW] == "todo").sum()) for f in rows)
        noted = sum(int((f[NEEDS_PERSON] != "").sum()) for f in rows if NEEDS_PERSON in f.columns)
        lines.append(
            f"{todo} row(s) to review (review todo; set it to ok once checked), {noted} of them "
            "with a needs_person note; write every cell that begins with TODO."
        )
        return "\n".join(lines)


def _datelines(
    text: str, expressions: list[timex.TimeExpression], rules: DraftingRules
) -> list[tuple[int, int]]:
    """Short lines holding a full date (date lines, bylines), in text order."""
    spans = [
        (m.start(), m.end()) for pattern in rules.dateline_prefixes for m in pattern.finditer(text)
    ]
    starts = [e.start for e in expressions]
    most = int(rules.entries.dateline_max_words)
    for m in re.finditer(r"[^\n]+", text):
        if len(m.group().split(None, most)) > most:
            continue
        for e in expressions[bisect.bisect_left(starts, m.start()) :]:
            if e.start > m.end():
                break
            full_date = re.search(r"\d", e.text) and re.search(r"[A-Za-z]", e.text)
            if e.end <= m.end() and full_date:
                spans.append((m.start(), m.end()))
                break
    merged: list[tuple[int, int]] = []  # sorted, without a span inside another
    for a, b in sorted(spans, key=lambda s: (s[0], -s[1])):
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


class _Spans:
    """Sorted, non-overlapping spans, asked which one holds [start, end)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [a for a, _ in spans]

    def holding(self, start: int, end: int) -> int | None:
        i = bisect.bisect_right(self.starts, start) - 1
        return i if i >= 0 and end <= self.spans[i][1] else None


def _after_dateline(text: str, sentence: Span, datelines: _Spans) -> Span:
    """The sentence without the date line it opens with: the place, date and agency there
    date the article and name its source; no one speaks in them."""
    held = datelines.holding(sentence.start, sentence.start)
    if held is None:
        return sentence
    cut = min(max(datelines.spans[held][1], sentence.start), sentence.end)
    return Span(cut, sentence.end, text[cut : sentence.end])


def draft_text(
    article_id: str,
    text: str,
    article: dict[str, str],
    registry: Registry,
    rules: DraftingRules,
    mention_rules,
) -> Draft:
    """Draft the coding of one article text (pure: nothing is read or written)."""
    coded = Interval.of_row(article, "published")  # the coded publication interval, read once
    published = (coded.earliest, coded.latest)
    best = date.fromisoformat(article.get("published_best") or article["published_earliest"])
    outlet = article["outlet"]
    needs: list[str] = []
    index = SentenceIndex(text, rules)
    expressions = timex.find(text, rules, published)
    datelines = _Spans(_datelines(text, expressions, rules))
    in_dateline = lambda a, b: datelines.holding(a, b) is not None  # noqa: E731
    expressions = timex.without_restated(
        text, [e for e in expressions if not in_dateline(e.start, e.end)], rules
    )
    times = _Spans([(e.start, e.end) for e in expressions])
    # the expressions inside each sentence (a figure's time is looked for there only)
    in_sentence: dict[int, list[timex.TimeExpression]] = {}
    for e in expressions:
        si = index.index(e.start)
        if index.spans[si].start <= e.start and e.end <= index.spans[si].end:
            in_sentence.setdefault(si, []).append(e)

    # who speaks in each sentence, read in order
    state = attr.ArticleState(text=text)
    all_orgs = attr.org_mentions(text, registry)
    sources: dict[int, list[attr.Attribution]] = {}
    named = 0  # the organisation names printed before the sentence's end are known
    for i, sentence in enumerate(index.spans):
        while named < len(all_orgs) and all_orgs[named][0] < sentence.end:
            state.org_mentions.append(all_orgs[named])
            named += 1
        state.read_to = sentence.end
        spoken = _after_dateline(text, sentence, datelines)  # "(Mekong Post) --" names no speaker
        sources[i] = attr.attributions(spoken, registry, state, rules)
        remember_names(spoken, state, rules)
    attr.complete_open(sources, rules)  # "a rights group said" ... "The group, RISC, said"

    context = ArticleContext(
        article_id, text, outlet, published, best, index, expressions, in_sentence, sources, rules
    )
    drafted: list[DraftedClaim] = []
    ignored: list[IgnoredMention] = []
    mentions = scan(text, mention_rules)
    for figure in figures.group_mentions(text, mentions, rules):
        si = index.index(figure.start)
        sentence = index.spans[si]
        mention_text = text[figure.start : figure.end]
        if in_dateline(figure.start, figure.end):
            reason = "Part of a date line or byline, not a claim."
            ignored.append(IgnoredMention(figure, "date", reason, "dateline"))
            continue
        held = times.holding(figure.start, figure.end)
        if held is not None:
            code = (
                "year"
                if rules.year_mention.fullmatch(mention_text)
                else "date"
                if mention_text[:1].isdigit()
                else "duration"  # "two weeks ago"
            )
            expr = expressions[held]
            ignored.append(IgnoredMention(figure, code, "", "in a time expression", time=expr))
            continue
        rule = figures.non_claim(text, figure, sentence, rules)
        if rule is not None:
            ignored.append(IgnoredMention(figure, rule.reason_code, rule.reason, rule.name))
            continue
        claim = draft_claim(context, figure, si, drafted)
        if claim.unreadable:  # a figure the parser cannot read is never drafted as a claim
            ignored.append(
                IgnoredMention(
                    figure, "not_a_count", "A number the parser does not read as a count.",
                    "unreadable value",
                    (f"the parser cannot read {claim.row['value_text']!r} ({claim.unreadable}): "
                     "decide whether it is a claim (then write its row) or why it is not",),
                )
            )  # fmt: skip
            continue
        drafted.append(claim)
    used_times: dict[tuple[int, int], str] = {}
    for claim in drafted:
        for key, expr in (("period_expression", claim.period), ("as_of_expression", claim.as_of)):
            if expr is not None:
                used_times[(expr.start, expr.end)] = key
    claims = []
    for n, claim in enumerate(drafted, 1):
        claim.row["claim_id"] = f"D-C{n:03d}"
        if claim.row["reporter"] in registry.new_organisations:
            claim.needs.append(
                f"the reporter {claim.row['reporter']} is a drafted new organisation"
            )
        claims.append(review_columns(claim.row, claim.needs))

    events = draft_events(text, index, expressions, sources, used_times, rules, needs)
    mention_rows = []
    for n, mention in enumerate(ignored, 1):
        figure = mention.figure
        sentence = index.at(figure.start)
        phrase, at = context_of(text, sentence, figure.start, figure.end)
        mention_rows.append(
            review_columns(
                {
                    "mention_id": f"D-M{n:03d}",
                    "article_id": article_id,
                    "mention_text": text[figure.start : figure.end],
                    "context": phrase,
                    "context_occurrence": index.occurrence(phrase, at),
                    "reason_code": mention.reason_code,
                    "reason": mention.reason or _time_reason(mention.time, used_times),
                    REASON: f"non-claim: {mention.rule}",
                },
                list(mention.needs),
            )
        )
    actors = []
    for person in sorted(state.people.values(), key=lambda p: p.actor_id):
        actors.append(
            review_columns(
                {
                    "actor_id": person.actor_id,
                    "article_id": article_id,
                    "name_as_printed": person.name,
                    "title_as_printed": person.title,
                    "organisation_id": person.organisation_id,
                    "is_quoted": "true",
                    "note": "",
                    REASON: "speaker: known person" if person.known else "speaker: new person",
                },
                person.needs,
            )
        )
    for claim in claims:
        claim["article_id"] = article_id
    for event in events:
        event["article_id"] = article_id
    rows = {"claims": claims, "events": events, "actors": actors, "mentions_ignored": mention_rows}
    if registry.new_organisations:
        rows["organisations"] = [
            review_columns(
                dict(r, **{REASON: "new organisation named as a source"}),
                [
                    "a new organisation drafted from the text: check its id, name, kind, country and parent"
                ],
            )
            for r in registry.new_organisations.values()
        ]
    for name, table_rows in rows.items():
        for row in table_rows:  # every cell a check would refuse is cleared and noted
            left = settle(name, row, text, published, rules.numbers, index.occurrences.starts)
            if left:
                raise DeportdataError(
                    f"drafting wrote a {name} row that accept would refuse: {'; '.join(left)}",
                    hint="a drafting rule is wrong; please report it with the article",
                )
            assign_confidence(row, rules)
        needs += [f"{_label(name, row)}: {item}" for row in table_rows for item in _needs_of(row)]
    tables = {name: frame(name, table_rows) for name, table_rows in rows.items()}
    return Draft(article_id, tables, needs)


def _time_reason(expr: timex.TimeExpression | None, used: dict[tuple[int, int], str]) -> str:
    """Why a mention inside a time expression is not a claim: what the expression became."""
    assert expr is not None  # a mention without its own reason is part of an expression
    role = used.get((expr.start, expr.end))
    if role:
        return (
            f"Part of the time expression '{expr.text}', coded as a claim's {role} in claims.csv."
        )
    if expr.resolved is not None:
        return f"Part of the date expression '{expr.text}', coded in events.csv."
    return f"Part of the time expression '{expr.text}', which the date resolver does not read."


def _needs_of(row: dict[str, str]) -> list[str]:
    return [n for n in row.get(NEEDS_PERSON, "").split("; ") if n]


def _label(name: str, row: dict[str, str]) -> str:
    """How a row is named in the summary: "D-C001 ('12')", "actor jay_raman", ..."""
    if name == "claims":
        return f"{row['claim_id']} ({row['value_text']!r})"
    if name == "mentions_ignored":
        return f"{row['mention_id']} ({row['mention_text']!r})"
    if name == "actors":
        return f"actor {row['actor_id']}"
    if name == "organisations":
        return f"organisation {row['organisation_id']}"
    return f"{row['event_id']} ({row['date_expression']!r})"


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
        article_id, text, article, registry_of(project), drafting_rules(project),
        Rules.load(project).mentions,
    )  # fmt: skip


def write_draft(root: Path, draft: Draft) -> Path:
    """Write the draft's tables to data/drafts/<article_id>/ at once (all or nothing)."""
    target = Path(root) / "data" / "drafts" / draft.article_id
    target.parent.mkdir(parents=True, exist_ok=True)
    with staged_directory(target) as stage:
        for name, frame in draft.tables.items():
            (stage / f"{name}.csv").write_text(frame_csv_text(frame), encoding="utf-8")
    return target
