"""Build every clean table from the raw layer: one function per table, run in order."""

from __future__ import annotations

from deportdata.clean import publication
from deportdata.clean.articles import build_articles
from deportdata.clean.claims import build_claims
from deportdata.clean.context import Context
from deportdata.clean.coverage import build_mentions
from deportdata.clean.events import build_events
from deportdata.clean.flights import build_flights, build_reference_arrivals
from deportdata.clean.occurrences import build_occurrences
from deportdata.clean.publication import narrow_publications
from deportdata.clean.series import build_reference_cumulative, build_series
from deportdata.config import Project
from deportdata.errors import ErrorList
from deportdata.io.tables import normalised
from deportdata.schema import load_schema
from deportdata.text.residue import ResidueRule
from deportdata.text.rules import Rules

# raw tables copied to the clean layer as they are (typed by the schema, sorted by id)
COPIED = (
    "actors",
    "organisations",
    "organisation_aliases",
    "reference_removals",
    "reference_missions",
    "known_issues",
)


def copy_rows(name: str, rows: list[dict[str, str]]) -> list[dict[str, object]]:
    """A raw table's checked rows as its clean table's rows, normalised by the reader."""
    return normalised(load_schema().table("clean", name), rows)


def build_tables(
    project: Project, raw: dict, texts: dict[str, str], rules: list[ResidueRule]
) -> tuple[dict[str, list[dict]], dict[str, str]]:
    """All clean tables (name → rows) and cleaned texts (article_id → text); every problem
    found is raised together."""
    ctx = Context(project, raw, texts)
    loaded = Rules.load(project)
    number_rules, date_rules, mention_rules = loaded.numbers, loaded.dates, loaded.mentions

    articles, log, cleaned = build_articles(ctx, rules)
    # a bad article row (e.g. an unordered interval) would spoil everything downstream
    if ctx.errors:
        raise ErrorList(ctx.errors)
    narrowings = narrow_publications(ctx, date_rules)
    if ctx.errors:  # a contradiction: no publication day fits the article's constraints
        raise ErrorList(ctx.errors)
    ctx.narrowed = {a: n.narrowed for a, n in narrowings.items()}
    articles = [
        {**row, **publication.columns(narrowings.get(row["article_id"]))} for row in articles
    ]
    claims = build_claims(ctx, number_rules, date_rules)
    events = build_events(ctx, date_rules)
    occurrences, reference_events = build_occurrences(ctx, events)
    reference_cumulative = build_reference_cumulative(ctx, number_rules)
    reference_arrivals = build_reference_arrivals(ctx, number_rules)
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
        "reference_arrivals": reference_arrivals,
        "flights": build_flights(ctx, reference_arrivals, claims),
        **{name: copy_rows(name, raw[name]) for name in COPIED},
    }
    if ctx.errors:
        raise ErrorList(ctx.errors)
    return tables, cleaned
