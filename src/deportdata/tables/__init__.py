"""Build every clean table from the raw layer: one function per table, run in order."""

from __future__ import annotations

from deportdata import dates, mentions, numbers
from deportdata.errors import ErrorList
from deportdata.paths import Project
from deportdata.residue import ResidueRule
from deportdata.tables import publication
from deportdata.tables.articles import build_articles
from deportdata.tables.claims import build_claims
from deportdata.tables.context import Context
from deportdata.tables.coverage import build_mentions
from deportdata.tables.events import build_events
from deportdata.tables.occurrences import build_occurrences
from deportdata.tables.publication import narrow_publications
from deportdata.tables.series import build_reference_cumulative, build_series

# raw tables copied to the clean layer as they are (typed by the schema, sorted by id)
COPIED = (
    "actors",
    "organisations",
    "organisation_aliases",
    "reference_removals",
    "known_issues",
)


def copy_rows(rows: list[dict[str, str]]) -> list[dict[str, object]]:
    return [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]


def build_tables(project: Project, raw: dict, texts: dict[str, str], rules: list[ResidueRule]):
    """All clean tables and cleaned texts; every problem found is raised together."""
    from deportdata.clean import CleanResult

    ctx = Context(project, raw, texts)
    number_rules = numbers.load_conventions(project.rules / "numbers.yaml")
    date_rules = dates.load_conventions(project.rules / "dates.yaml")
    mention_rules = mentions.load_rules(project.rules / "mentions.yaml")

    articles, log, cleaned = build_articles(ctx, rules)
    # a bad article row (e.g. an unordered interval) would spoil everything downstream
    if ctx.errors:
        raise ErrorList(ctx.errors)
    narrowings = narrow_publications(ctx, date_rules)
    if ctx.errors:  # a contradiction: no publication day fits the article's constraints
        raise ErrorList(ctx.errors)
    ctx.narrowed = {a: (n.narrowed.earliest, n.narrowed.latest) for a, n in narrowings.items()}
    articles = [
        {**row, **publication.columns(narrowings.get(row["article_id"]))} for row in articles
    ]
    claims = build_claims(ctx, number_rules, date_rules)
    events = build_events(ctx, date_rules)
    occurrences, reference_events = build_occurrences(ctx, events)
    reference_cumulative = build_reference_cumulative(ctx, number_rules)
    tables = {
        "articles": articles,
        "cleaning_log": log,
        "claims": claims,
        "events": events,
        "occurrences": occurrences,
        "reference_events": reference_events,
        "mentions": build_mentions(ctx, claims, mention_rules),
        "series": build_series(ctx, claims, reference_cumulative, number_rules),
        "reference_cumulative": reference_cumulative,
        **{name: copy_rows(raw[name]) for name in COPIED},
    }
    if ctx.errors:
        raise ErrorList(ctx.errors)
    return CleanResult(tables=tables, texts=cleaned)
