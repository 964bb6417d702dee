"""Measure the drafts against the hand coding: each coded article drafted as if new.

For each article the registry is what a coder would have had without it: its own
actors are removed, and (in the strict setting, the headline figures) so are the
organisation names printed only in that article. Figures are matched by position in
the text, so a claim counts as found only where the hand coding has it.
"""

from __future__ import annotations

from pathlib import Path

from deportdata.coding.devset import HELDOUT, evaluate_devset
from deportdata.coding.draft import _raw_rows, draft_text
from deportdata.coding.drafting.registry import Registry
from deportdata.coding.drafting.rules import drafting_rules
from deportdata.coding.scoring import Score, add_confidence, table, totals
from deportdata.coding.scoring import overlap as _overlap
from deportdata.coding.scoring import span_of as _span
from deportdata.config import Project
from deportdata.io.files import write_text_atomic
from deportdata.io.texts import read_article
from deportdata.text.rules import Rules


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
        drafting_rules(project), Rules.load(project).mentions,
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
        add_confidence(score, r, not all(checks.values()))
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


FIVE_STRICT = "coded articles, drafted as new (strict registry)"
FIVE_FULL = "coded articles, full registry"
DEVSET_HEADING = "development set (invented paragraphs)"
HELDOUT_HEADING = "held-out set (invented after the rules, not tuned)"


def measured(root: Path) -> dict[str, dict[str, Score]]:
    """Scores of the coded articles (strict and full registry) and of the development set."""
    return {
        FIVE_STRICT: evaluate(root, True),
        FIVE_FULL: evaluate(root, False),
        DEVSET_HEADING: evaluate_devset(root),
        HELDOUT_HEADING: evaluate_devset(root, HELDOUT),
    }


def _devset_totals(scores: dict[str, Score]) -> dict[str, int | None]:
    """Totals of the development set, without the measures it does not score."""
    out = totals(scores)
    out["extra_events"] = out["actor_right"] = None  # invented people; no events expected
    return out


def tables_of(scores: dict[str, dict[str, Score]]) -> str:
    columns = {
        name: (_devset_totals(s) if name in (DEVSET_HEADING, HELDOUT_HEADING) else totals(s))
        for name, s in scores.items()
    }
    return table(columns)


def report(root: Path) -> str:
    """The measures table with the list of misses (coded articles: strict registry)."""
    scores = measured(root)
    out = [tables_of(scores), "", "Misses of the coded articles (strict registry):", ""]
    for article_id, s in scores[FIVE_STRICT].items():
        out += [f"- {article_id}: {m}" for m in s.misses]
        out += [f"- {article_id}: extra claim {v!r}" for v in s.extra_claims]
    for heading in (DEVSET_HEADING, HELDOUT_HEADING):
        out += ["", f"Misses of the {heading}:", ""]
        for s in scores[heading].values():
            out += [f"- {m}" for m in s.misses]
            out += [f"- extra claim {v}" for v in s.extra_claims]
    return "\n".join(out) + "\n"


DOC_START, DOC_END = "<!-- measures:start -->", "<!-- measures:end -->"


def doc_table(root: Path) -> str:
    """The measures table as docs/DRAFTING.md shows it (coded articles and development set)."""
    return tables_of(measured(root))


def update_doc(root: Path) -> bool:
    """Rewrite the measures block of docs/DRAFTING.md; True if it changed."""
    path = Path(root) / "docs" / "DRAFTING.md"
    page = path.read_text(encoding="utf-8")
    head, rest = page.split(DOC_START, 1)
    _, tail = rest.split(DOC_END, 1)
    new = f"{head}{DOC_START}\n{doc_table(root)}\n{DOC_END}{tail}"
    return write_text_atomic(path, new)


def main(argv: list[str] | None = None) -> int:
    """`python -m deportdata.coding.evaluate [ROOT] [--update-doc]`."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m deportdata.coding.evaluate",
        description="Draft the hand-coded articles and the development sets from scratch and "
        "score the drafts against their expected rows.",
    )
    parser.add_argument("root", nargs="?", default=".", help="the project folder (default: .)")
    parser.add_argument(
        "--update-doc", action="store_true", help="rewrite the measures in docs/DRAFTING.md"
    )
    args = parser.parse_args(argv)
    root = Path(args.root)
    if args.update_doc:
        print("docs/DRAFTING.md: " + ("updated" if update_doc(root) else "already up to date"))
    else:
        print(report(root))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
