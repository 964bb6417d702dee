"""What every clean-table builder shares: the raw rows and texts, and one error list."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, TypeVar

from deportdata.config import Project
from deportdata.errors import DeportdataError
from deportdata.io.tables import LINE
from deportdata.schema import load_schema
from deportdata.text.dates import DateConventions, ResolvedDate, resolve
from deportdata.text.interval import EmptyIntervalError, Interval
from deportdata.text.quotes import locate, locate_within

T = TypeVar("T")


@lru_cache(maxsize=65536)
def resolve_cached(
    expression: str, publication: Interval, conventions: DateConventions
) -> ResolvedDate:
    """`dates.resolve`, remembered: the same expression against the same interval recurs
    often (the clean step's one cache of resolutions)."""
    return resolve(expression, publication.earliest, publication.latest, conventions)


@dataclass
class Context:
    """Inputs of the clean step and the problems found so far (reported all together)."""

    project: Project
    raw: dict[str, list[dict[str, str]]]
    texts: dict[str, str]
    errors: list[DeportdataError] = field(default_factory=list)
    # article_id → publication interval narrowed by its rows' constraints (tables.publication)
    narrowed: dict[str, Interval] = field(default_factory=dict)
    # (raw table, row id) → the row's dated constraint (a text.narrowing.Constraint)
    constraints: dict[tuple[str, str], Any] = field(default_factory=dict)

    def display(self, table: str) -> str:
        return f"data/raw/{load_schema().table('raw', table).path}"

    def attempt(
        self, table: str, row: dict[str, str], column: str, func: Callable[[], T]
    ) -> T | None:
        """Run `func`; on the package's error, record it at (file, line, column) and return None."""
        try:
            return func()
        except DeportdataError as error:
            self.errors.append(
                error.located(file=self.display(table), line=int(row[LINE]), column=column)
            )
            return None

    def problem(
        self, table: str, row: dict[str, str], column: str, message: str, hint: str | None = None
    ) -> None:
        """Record one problem at (file, line, column) of a raw row."""
        self.errors.append(
            DeportdataError(
                message, file=self.display(table), line=int(row[LINE]), column=column, hint=hint
            )
        )

    def resolve_date(
        self, table: str, row: dict[str, str], column: str, conventions: DateConventions
    ) -> ResolvedDate | None:
        """The row's date expression in `column` resolved against its article's (narrowed)
        publication interval, or None (error recorded)."""
        published, expression = self.published(row["article_id"]), row[column]
        return self.attempt(
            table, row, column, lambda: resolve_cached(expression, published, conventions)
        )

    def published(self, article_id: str) -> Interval:
        """The publication interval rows resolve against: narrowed when it has been."""
        return self.narrowed.get(article_id) or self.coded[article_id]

    @cached_property
    def coded(self) -> dict[str, Interval]:
        """article_id → the publication interval as coded in articles.csv, read once; an
        unordered one is left out (clean.articles reports it and the build stops)."""
        out = {}
        for row in self.raw["articles"]:
            with suppress(EmptyIntervalError):
                out[row["article_id"]] = Interval.of_row(row, "published")
        return out

    @cached_property
    def articles(self) -> dict[str, dict[str, str]]:
        return {r["article_id"]: r for r in self.raw["articles"]}

    def quote_span(
        self,
        table: str,
        row: dict[str, str],
        quote_col: str = "quote",
        occurrence_col: str = "quote_occurrence",
    ) -> tuple[int, int] | None:
        """Offsets of the row's quote in its raw article, or None (error recorded)."""
        text = self.texts.get(row["article_id"])
        if text is None:
            return None  # unknown article_id: already reported as a foreign-key error
        occurrence = int(row[occurrence_col]) if row.get(occurrence_col) else None
        return self.attempt(table, row, quote_col, lambda: locate(text, row[quote_col], occurrence))

    def part_span(
        self, table: str, row: dict[str, str], column: str, span: tuple[int, int] | None
    ) -> tuple[int, int] | None:
        """Offsets of a verbatim part (e.g. value_text) inside the row's quote."""
        if span is None or not row.get(column):
            return None
        text = self.texts[row["article_id"]]
        return self.attempt(table, row, column, lambda: locate_within(text, span, row[column]))
