"""Small inline raw rows and a clean-step Context for the unit tests of the table builders.

Rows are text, as the reader gives them, with the CSV line each came from (`_line`); only
the columns a builder reads need a value, the rest default to empty. The reading rules are
the project's own (data/raw/rules/), read without writing anything.
"""

from __future__ import annotations

from conftest import REPO

from deportdata.clean.context import Context
from deportdata.config import Project
from deportdata.errors import DeportdataError
from deportdata.io.tables import LINE
from deportdata.schema import load_schema
from deportdata.text.rules import Rules

PROJECT = Project(REPO)
RULES = Rules.load(PROJECT)
ARTICLE = "000_00000000deadbeef"  # an article id of the raw pattern (NNN_ + 16 hex digits)
TEXT = (
    "Skip to Content\n\n"
    "Deportations Resume\n"
    "Since 2002, more than 560 Cambodians have been deported from the U.S. "
    "Officials met on Thursday to discuss the two countries’ agreement. "
    "About 40 people were detained last year.\n"
    "Related Stories"
)


def row(table: str, line: int, **values: str) -> dict[str, str]:
    """A raw row of `table` with every schema column (empty unless given), at CSV `line`."""
    columns = load_schema().table("raw", table).columns
    unknown = set(values) - set(columns)
    assert not unknown, f"{table} has no column {sorted(unknown)}"
    return {**dict.fromkeys(columns, ""), **values, LINE: str(line)}


def article(
    line: int = 2,
    article_id: str = ARTICLE,
    earliest: str = "2017-08-10",
    latest: str = "2017-08-12",
    best: str = "",
) -> dict[str, str]:
    return row(
        "articles",
        line,
        article_id=article_id,
        outlet="cambodia_daily",
        headline="Deportations Resume",
        headline_in_text="true",
        published_earliest=earliest,
        published_latest=latest,
        published_best=best,
    )


def claim(claim_id: str, quote: str, value_text: str, line: int = 2, **values: str) -> dict:
    defaults = {
        "article_id": ARTICLE,
        "kind": "cumulative_since_2002",
        "unit": "persons",
        "reporter": "cambodia_daily",
        "quantity_key": "cumulative_deportees_since_2002",
        "coded_by": "hand",
    }
    return row(
        "claims",
        line,
        **{**defaults, "claim_id": claim_id, "quote": quote, "value_text": value_text, **values},
    )


def event(event_id: str, quote: str, date_expression: str, line: int = 2, **values: str) -> dict:
    defaults = {
        "article_id": ARTICLE,
        "event_type": "meeting",
        "description": "Officials met.",
        "coded_by": "hand",
    }
    return row(
        "events",
        line,
        **{
            **defaults,
            "event_id": event_id,
            "quote": quote,
            "date_expression": date_expression,
            **values,
        },
    )


def raw_tables(**tables: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    """Every raw table of the schema, empty unless given (articles: the one test article)."""
    out: dict[str, list[dict[str, str]]] = {t.name: [] for t in load_schema().layer("raw")}
    out["articles"] = [article()]
    out.update(tables)
    return out


def context(texts: dict[str, str] | None = None, **tables: list[dict[str, str]]) -> Context:
    """A Context over the given raw tables and texts (default: the one test article)."""
    return Context(PROJECT, raw_tables(**tables), {ARTICLE: TEXT} if texts is None else texts)


def where(error: DeportdataError) -> tuple[str | None, int | None, str | int | None]:
    """(file, line, column) of a recorded problem."""
    return error.file, error.line, error.column
