"""The draft folder of an article, data/drafts/<article_id>/, and the columns of its files.

Each draft file has the columns of the raw table of the same name (without
`coded_by`, which `deportdata accept` sets), then the columns of the review:
`review` (`todo` as drafted, `ok` once a person has checked the row), `confidence`
(`high` or `low`: how sure the rules are of the row), `needs_person`
(what the rules could not decide about the row) and `draft_reason` (the rule that
drafted the row). Row ids may be placeholders such as D-C001 until accept gives them
fresh ids. A free-text cell that only a person can write holds a text beginning with
`TODO` until a person writes it; `deportdata accept` refuses a draft with a `todo` row
or a `TODO` cell.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from pathlib import Path

from deportdata.config import Project
from deportdata.errors import DeportdataError
from deportdata.io.files import csv_text, write_text_atomic
from deportdata.io.tables import LINE
from deportdata.schema import Column, Table, load_schema

DRAFT_REASON = "draft_reason"
REVIEW = "review"
CONFIDENCE = "confidence"
CONFIDENCE_LEVELS = ("high", "low")  # how sure the drafting rules are of a drafted row
NEEDS_PERSON = "needs_person"
REVIEW_STATES = ("todo", "ok")  # as drafted; checked by a person
TODO = "TODO"  # the start of a free-text cell a person still has to write
CODED_BY = "coded_by"
DRAFTED, HAND = "drafted_reviewed", "hand"
# the draft files accept reads, in the order ids are given (referenced tables first)
DRAFT_TABLES = (
    "organisations",
    "organisation_aliases",
    "actors",
    "claims",
    "events",
    "mentions_ignored",
)
RESIDUE = "residue.csv"  # page furniture proposed for removal (coding.furniture)
PLACEHOLDER = r"D-[A-Z]+\d+"  # a draft's row id, e.g. D-C001, D-A002


def drafts_folder(project: Project) -> Path:
    return project.root / "data" / "drafts"


def draft_folder(project: Project, article_id: str) -> Path:
    return drafts_folder(project) / article_id


def draft_table(raw: Table) -> Table:
    """The columns of a draft file: the raw table's without `coded_by`, placeholder ids
    allowed in the primary key, then `review`, `needs_person` and `draft_reason`."""
    columns: dict[str, Column] = {}
    for name, col in raw.columns.items():
        if name == CODED_BY:
            continue
        if name in raw.primary_key and name != "article_id":
            pattern = f"(?:{PLACEHOLDER})" + (f"|(?:{col.pattern})" if col.pattern else "|.+")
            col = dataclasses.replace(col, pattern=pattern)
        columns[name] = col
    columns[REVIEW] = Column(
        REVIEW,
        required=True,
        pattern="|".join(REVIEW_STATES),
        description="todo as drafted; ok once a person has checked the row against the article.",
    )
    columns[CONFIDENCE] = Column(
        CONFIDENCE,
        pattern="|".join(CONFIDENCE_LEVELS),
        description="high or low: how sure the drafting rules are of the row (draft_reason "
        "names the rule that decided it); the review page shows low rows first.",
    )
    columns[NEEDS_PERSON] = Column(
        NEEDS_PERSON, description="What the drafting rules could not decide about the row."
    )
    columns[DRAFT_REASON] = Column(
        DRAFT_REASON, description="The drafting rule that produced the row."
    )
    return dataclasses.replace(raw, columns=columns)


def write_tables(
    project: Project, article_id: str, tables: Mapping[str, Iterable[Mapping[str, object]]]
) -> Path:
    """Write draft files (table name → rows) into data/drafts/<article_id>/; returns the folder."""
    folder = draft_folder(project, article_id)
    for name, rows in tables.items():
        table = draft_table(load_schema().table("raw", name))
        columns = list(table.columns)
        write_text_atomic(
            folder / table.path, csv_text(columns, ([r.get(c, "") for c in columns] for r in rows))
        )
    return folder


def unreviewed(rows: list[dict[str, str]], display: str) -> list[DeportdataError]:
    """A problem for every row still `todo` and every cell that still begins with TODO:
    accept takes only what a person has checked."""
    errors = []
    for row in rows:
        line = int(row[LINE])
        if row.get(REVIEW) == "todo":
            errors.append(
                DeportdataError(
                    "the row is still todo: nobody has checked it",
                    file=display,
                    line=line,
                    column=REVIEW,
                    hint="check the row against the article (deportdata review shows it), "
                    "correct it, then set review to ok, or delete the row",
                )
            )
        for column, value in row.items():
            if column in (LINE, REVIEW, CONFIDENCE, NEEDS_PERSON, DRAFT_REASON):
                continue
            if value.lstrip().startswith(TODO):
                errors.append(
                    DeportdataError(
                        f"the cell still begins with {TODO}: a person has to write it",
                        file=display,
                        line=line,
                        column=column,
                        hint=f"it reads {value.strip()[:100]!r}",
                    )
                )
    return errors
