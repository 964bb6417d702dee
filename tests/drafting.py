"""A small new article and a reviewed draft of its coding, written by hand for the tests.

The draft uses placeholder ids and references between its tables (a claim's reporter
is a drafted organisation, an event names a drafted actor), as a drafting tool writes
them, so `deportdata accept` has to give fresh ids and rewrite the references.
"""

from __future__ import annotations

import copy
from pathlib import Path

from deportdata.coding.draftfiles import write_tables
from deportdata.config import Project

LINES = (
    "Officials said on Monday that 14 Cambodians had arrived in Phnom Penh, the General "
    "Commissariat of National Police said.",
    "Since 2002, more than 800 people have been deported, according to the NGO KVAO.",
    "Interior Ministry spokesman Chhay Kim said on Tuesday that 2 more flights were planned.",
)
TEXT = "\n".join(LINES) + "\n"
MENTIONS = ("14", "2002", "800", "2")  # every numeric mention of TEXT, in text order


def draft_rows(article_id: str) -> dict[str, list[dict[str, str]]]:
    """The draft as a reviewer leaves it: every mention a claim or an ignored mention, and
    every row checked (`review` ok)."""
    rows = {
        "organisations": [
            {
                "organisation_id": "D-O001",
                "name": "General Commissariat of National Police",
                "kind": "government_agency",
                "country": "KH",
                "parent_id": "interior_ministry",
                "draft_reason": "new organisation: named as a source",
            }
        ],
        "actors": [
            {
                "actor_id": "D-A001",
                "article_id": article_id,
                "name_as_printed": "Chhay Kim",
                "title_as_printed": "Interior Ministry spokesman",
                "organisation_id": "interior_ministry",
                "is_quoted": "true",
                "draft_reason": "title before name: <organisation> spokesman <name>",
            }
        ],
        "claims": [
            {
                "claim_id": "D-C001",
                "article_id": article_id,
                "quote": LINES[0],
                "value_text": "14",
                "kind": "arrivals_on_flight",
                "unit": "persons",
                "reporter": "D-O001",
                "as_of_expression": "on Monday",
                "quantity_key": "arrivals_test",
                "draft_reason": "attribution: <organisation> said",
            },
            {
                "claim_id": "D-C002",
                "article_id": article_id,
                "quote": LINES[1],
                "value_text": "more than 800",
                "kind": "cumulative_since_2002",
                "unit": "persons",
                "reporter": "risc_kvao",
                "period_expression": "Since 2002",
                "quantity_key": "cumulative_deportees_since_2002",
                "draft_reason": "attribution: according to <organisation>",
            },
        ],
        "events": [
            {
                "event_id": "D-E001",
                "article_id": article_id,
                "quote": LINES[0],
                "date_expression": "on Monday",
                "event_type": "arrival",
                "organisation_ids": "D-O001",
                "description": "Fourteen deportees arrived in Phnom Penh.",
                "draft_reason": "date expression: on <weekday>",
            },
            {
                "event_id": "D-E002",
                "article_id": article_id,
                "quote": LINES[2],
                "date_expression": "on Tuesday",
                "event_type": "statement",
                "actor_ids": "D-A001",
                "organisation_ids": "interior_ministry",
                "description": "Chhay Kim said more flights were planned.",
                "draft_reason": "date expression: on <weekday>",
            },
        ],
        "mentions_ignored": [
            {
                "mention_id": "D-M001",
                "article_id": article_id,
                "mention_text": "2002",
                "context": "Since 2002",
                "reason_code": "year",
                "reason": "The start year of the period of a claim.",
                "draft_reason": "year",
            },
            {
                "mention_id": "D-M002",
                "article_id": article_id,
                "mention_text": "2",
                "context": "2 more flights",
                "reason_code": "other_quantity",
                "reason": "A count of flights, not of people.",
                "draft_reason": "count of something other than people",
            },
        ],
    }
    for table in rows.values():
        for row in table:
            row.setdefault("review", "ok")
    return copy.deepcopy(rows)


def write_draft(root: Path, article_id: str, edit=None) -> Path:
    """Write the draft into root/data/drafts/<article_id>/, after `edit(rows)` if given."""
    rows = draft_rows(article_id)
    if edit is not None:
        edit(rows)
    return write_tables(Project(root), article_id, rows)
