"""Measure the drafts against the hand coding: each coded article drafted as if new.

For each article the registry is what a coder would have had without it: its own
actors are removed, and (in the strict setting, the headline figures) so are the
organisation names printed only in that article. Figures are matched by position in
the text, so a claim counts as found only where the hand coding has it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from deportdata.coding.draft import _raw_rows, draft_text
from deportdata.coding.registry import Registry
from deportdata.coding.rules import load_rules
from deportdata.config import Project
from deportdata.io.files import write_text_atomic
from deportdata.io.texts import read_article
from deportdata.text.quotes import locate, locate_within
from deportdata.text.rules import Rules

MEASURES = (
    ("claims_found", "claims found (a drafted claim at the hand-coded figure)", "claims"),
    ("value_as_printed", "claims found with the value as printed", "claims"),
    ("reporter_right", "reporter right", "claims"),
    ("actor_right", "actor right", "claims"),
    ("kind_right", "kind right", "claims"),
    ("time_right", "time expressions right (period and as-of)", "claims"),
    ("time_right_dated", "… of claims whose hand coding has a time expression", "dated_claims"),
    ("nonclaims_kept_out", "non-claims kept out", "nonclaims"),
    ("reason_right", "… with the hand-coded reason", "nonclaims"),
    ("events_found", "events found (same date expression)", "events"),
    ("event_type_right", "… with the hand-coded event type", "events"),
)


@dataclass
class Score:
    counts: dict[str, int] = field(default_factory=dict)
    extra_claims: list[str] = field(default_factory=list)
    extra_events: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, key: str, ok: bool = True) -> None:
        self.counts[key] = self.counts.get(key, 0) + int(ok)


def _span(text: str, row: dict, quote_col: str, occ_col: str, part_col: str) -> tuple[int, int]:
    occ = row.get(occ_col) or ""
    span = locate(text, row[quote_col], int(occ) if occ else None)
    return locate_within(text, span, row[part_col])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def registry_without(
    project: Project, article_id: str, texts: dict[str, str], strict: bool
) -> Registry:
    """The registry as it would be had the article not been coded."""
    actors = [r for r in _raw_rows(project, "actors") if r["article_id"] != article_id]
    aliases = _raw_rows(project, "organisation_aliases")
    organisations = _raw_rows(project, "organisations")
    registry = Registry.from_rows(organisations, aliases, actors)
    if strict:
        others = [t for a, t in texts.items() if a != article_id]
        basis = {r["alias"]: r.get("basis", "") for r in aliases}
        for name in list(registry.aliases):
            only_here = name in texts[article_id] and not any(name in t for t in others)
            if only_here and not basis.get(name):
                del registry.aliases[name]
    return registry


def score_article(
    project: Project, article: dict, texts: dict[str, str], strict: bool = True
) -> Score:
    article_id = article["article_id"]
    text = texts[article_id]
    draft = draft_text(
        article_id, text, article, registry_without(project, article_id, texts, strict),
        load_rules(project.rules), Rules.load(project).mentions,
    )  # fmt: skip
    score = Score()
    drafted = [
        (_span(text, r, "quote", "quote_occurrence", "value_text"), r)
        for r in draft.tables["claims"].to_dict("records")
    ]
    matched: set[int] = set()
    for gold in (r for r in _raw_rows(project, "claims") if r["article_id"] == article_id):
        span = _span(text, gold, "quote", "quote_occurrence", "value_text")
        score.add("claims")
        hit = next(((i, r) for i, (s, r) in enumerate(drafted) if _overlap(s, span)), None)
        has_time = bool(gold["period_expression"] or gold["as_of_expression"])
        score.add("dated_claims", has_time)
        if hit is None:
            score.misses.append(f"{gold['claim_id']} not found: {gold['value_text']!r}")
            continue
        i, r = hit
        matched.add(i)
        score.add("claims_found")
        checks = {
            "value_as_printed": r["value_text"] == gold["value_text"],
            "reporter_right": r["reporter"] == gold["reporter"],
            "actor_right": r["actor_id"] == gold["actor_id"],
            "kind_right": r["kind"] == gold["kind"],
            "time_right": (r["period_expression"], r["as_of_expression"])
            == (gold["period_expression"], gold["as_of_expression"]),
        }
        checks["time_right_dated"] = has_time and checks["time_right"]
        for key, ok in checks.items():
            score.add(key, ok)
            if not ok and key != "time_right_dated":
                score.misses.append(
                    f"{gold['claim_id']} {key}: drafted {_show(r, key)}, coded {_show(gold, key)}"
                )
    score.extra_claims = [r["value_text"] for i, (_, r) in enumerate(drafted) if i not in matched]
    ignored = [
        (_span(text, r, "context", "context_occurrence", "mention_text"), r)
        for r in draft.tables["mentions_ignored"].to_dict("records")
    ]
    for gold in (
        r for r in _raw_rows(project, "mentions_ignored") if r["article_id"] == article_id
    ):
        span = _span(text, gold, "context", "context_occurrence", "mention_text")
        score.add("nonclaims")
        hit = next((r for s, r in ignored if _overlap(s, span)), None)
        in_claim = any(_overlap(s, span) for s, _ in drafted)
        score.add("nonclaims_kept_out", hit is not None and not in_claim)
        score.add("reason_right", hit is not None and hit["reason_code"] == gold["reason_code"])
        if hit is None or in_claim:
            score.misses.append(f"{gold['mention_id']} {gold['mention_text']!r} drafted as a claim")
        elif hit["reason_code"] != gold["reason_code"]:
            score.misses.append(
                f"{gold['mention_id']} reason: drafted {hit['reason_code']}, coded {gold['reason_code']}"
            )
    events = [
        (_span(text, r, "quote", "quote_occurrence", "date_expression"), r)
        for r in draft.tables["events"].to_dict("records")
    ]
    used: set[int] = set()
    for gold in (r for r in _raw_rows(project, "events") if r["article_id"] == article_id):
        span = _span(text, gold, "quote", "quote_occurrence", "date_expression")
        score.add("events")
        hit = next(((i, r) for i, (s, r) in enumerate(events) if s == span and i not in used), None)
        if hit is not None:  # one drafted event matches one coded event
            used.add(hit[0])
        score.add("events_found", hit is not None)
        score.add(
            "event_type_right", hit is not None and hit[1]["event_type"] == gold["event_type"]
        )
        if hit is None:
            score.misses.append(f"{gold['event_id']} not found: {gold['date_expression']!r}")
        elif hit[1]["event_type"] != gold["event_type"]:
            score.misses.append(
                f"{gold['event_id']} type: drafted {hit[1]['event_type']}, coded {gold['event_type']}"
            )
    score.extra_events = sum(
        1
        for i, (s, _) in enumerate(events)
        if i not in used
        and not any(
            s == _span(text, g, "quote", "quote_occurrence", "date_expression")
            for g in _raw_rows(project, "events")
            if g["article_id"] == article_id
        )
    )
    return score


def _show(row: dict, key: str) -> str:
    column = {
        "value_as_printed": "value_text",
        "reporter_right": "reporter",
        "actor_right": "actor_id",
        "kind_right": "kind",
    }.get(key)
    if column:
        return repr(row[column])
    return repr((row["period_expression"], row["as_of_expression"]))


def hand_coded(project: Project) -> set[str]:
    """The articles coded by hand: no row of theirs came from a reviewed draft. Only these
    measure the drafts (an accepted draft's rows started from the drafter's own guesses)."""
    drafted = {
        r["article_id"]
        for name in ("claims", "events", "mentions_ignored", "actors")
        for r in _raw_rows(project, name)
        if r.get("coded_by", "hand") != "hand"
    }
    return {a["article_id"] for a in _raw_rows(project, "articles")} - drafted


def evaluate(root: Path, strict: bool = True, only: tuple[str, ...] = ()) -> dict[str, Score]:
    """Scores per article (every article coded by hand, or `only` these) of drafts made as
    if new."""
    project = Project(Path(root))
    articles = _raw_rows(project, "articles")
    only = only or tuple(sorted(hand_coded(project)))
    texts = {
        a["article_id"]: read_article(
            project.raw_articles / f"{a['article_id']}.txt", a["article_id"]
        )
        for a in articles
    }
    chosen = [a for a in articles if not only or a["article_id"] in only]
    return {a["article_id"]: score_article(project, a, texts, strict) for a in chosen}


def totals(scores: dict[str, Score]) -> dict[str, int]:
    out: dict[str, int] = {}
    for s in scores.values():
        for k, v in s.counts.items():
            out[k] = out.get(k, 0) + v
    out["extra_claims"] = sum(len(s.extra_claims) for s in scores.values())
    out["extra_events"] = sum(s.extra_events for s in scores.values())
    return out


def table(strict_totals: dict[str, int], loose_totals: dict[str, int] | None = None) -> str:
    """A markdown table of the measures (strict registry, and optionally the full one)."""

    def cell(t: dict[str, int], key: str, base: str) -> str:
        n, d = t.get(key, 0), t.get(base, 0)
        return f"{n} of {d} ({100 * n / d:.0f}%)" if d else "–"

    head = "| measure | drafted as new (strict registry) |" + (
        " with the full registry |" if loose_totals else ""
    )
    lines = [head, "|---|---|" + ("---|" if loose_totals else "")]
    for key, label, base in MEASURES:
        row = f"| {label} | {cell(strict_totals, key, base)} |"
        if loose_totals:
            row += f" {cell(loose_totals, key, base)} |"
        lines.append(row)
    extra = f"| drafted claims the hand coding does not have | {strict_totals['extra_claims']} |"
    extra_e = f"| drafted events the hand coding does not have | {strict_totals['extra_events']} |"
    if loose_totals:
        extra += f" {loose_totals['extra_claims']} |"
        extra_e += f" {loose_totals['extra_events']} |"
    return "\n".join([*lines, extra, extra_e])


def report(root: Path) -> str:
    """The measures table with the list of misses (strict registry)."""
    strict = evaluate(root, True)
    loose = evaluate(root, False)
    out = [table(totals(strict), totals(loose)), "", "Misses (strict registry):", ""]
    for article_id, s in strict.items():
        out += [f"- {article_id}: {m}" for m in s.misses]
        out += [f"- {article_id}: extra claim {v!r}" for v in s.extra_claims]
    return "\n".join(out) + "\n"


DOC_START, DOC_END = "<!-- measures:start -->", "<!-- measures:end -->"


def doc_table(root: Path) -> str:
    """The measures table as docs/DRAFTING.md shows it (strict and full registry)."""
    return table(totals(evaluate(root, True)), totals(evaluate(root, False)))


def update_doc(root: Path) -> bool:
    """Rewrite the measures block of docs/DRAFTING.md; True if it changed."""
    path = Path(root) / "docs" / "DRAFTING.md"
    page = path.read_text(encoding="utf-8")
    head, rest = page.split(DOC_START, 1)
    _, tail = rest.split(DOC_END, 1)
    new = f"{head}{DOC_START}\n{doc_table(root)}\n{DOC_END}{tail}"
    return write_text_atomic(path, new)


if __name__ == "__main__":
    import sys

    args = [a for a in sys.argv[1:] if a != "--update-doc"]
    root = Path(args[0] if args else ".")
    if "--update-doc" in sys.argv:
        print("docs/DRAFTING.md: " + ("updated" if update_doc(root) else "already up to date"))
    else:
        print(report(root))
