"""A person's review of the draft of tests/articles/invented_2009.txt, written down for the tests.

The article is invented (our own sentences, written like a wire report of 2009) and pasted
with the page furniture a browser copies along: a search box, the logo's text, a menu, the
headline printed twice, a photo credit, share and comment widgets. `review` does what the
README asks of a reviewer: it checks the draft against the article, keeps each furniture
proposal that is furniture, corrects or deletes the drafted rows, adds what the draft missed,
writes every TODO cell and sets every row's review to ok.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from deportdata.coding.draftfiles import draft_table
from deportdata.io.files import csv_text
from deportdata.schema import load_schema

ARTICLE = Path(__file__).parent / "articles" / "invented_2009.txt"
OPTIONS = {
    "--outlet": "Mekong Herald",
    "--headline": "Cambodia receives deportees from US on charter flight",
    "--url": "https://example.org/2009/04/14/deportees",
    "--published-earliest": "2009-04-14",
    "--published-latest": "2009-04-14",
}
YEAR = 2009
FURNITURE = (
    "Search this site",
    "LOGO The Mekong Herald",
    "Home | News | Business | Opinion",
    "Cambodia receives deportees from US on charter flight",  # the second copy only
    "Photo: Mekong Herald/Staff",
    "Share on Facebook | Tweet | Email",
    "Comments (0)",
    "Leave a comment",
)
DATELINE = (
    "PHNOM PENH, April 14 (Mekong Herald) -- A group of 12 Cambodian men deported from the "
    "United States arrived at Phnom Penh International Airport on Tuesday, an immigration "
    "official said."
)
SAID = '"We received 12 people this morning," said Sok Dara, deputy director of the Interior Ministry\'s immigration department.'
TOTAL = "He said about 180 Cambodians had been sent back since 2002 under the agreement."


def reviewed_rows(article_id: str) -> dict[str, list[dict[str, str]]]:
    """The coding a reviewer leaves, as draft rows with placeholder ids."""
    claim = {"article_id": article_id, "unit": "persons", "review": "ok"}
    ignored = {"article_id": article_id, "review": "ok"}
    return {
        "actors": [
            {
                "actor_id": "D-A001",
                "article_id": article_id,
                "name_as_printed": "Sok Dara",
                "title_as_printed": "deputy director of the Interior Ministry's immigration department",
                "organisation_id": "interior_ministry",
                "is_quoted": "true",
                "review": "ok",
            }
        ],
        "claims": [
            dict(
                claim,
                claim_id="D-C001",
                quote=DATELINE,
                value_text="12",
                kind="arrivals_on_flight",
                reporter="interior_ministry",
                as_of_expression="on Tuesday",
                quantity_key="arrivals_2009_04_14",
            ),
            dict(
                claim,
                claim_id="D-C002",
                quote=SAID,
                value_text="12",
                kind="arrivals_on_flight",
                reporter="interior_ministry",
                actor_id="D-A001",
                quantity_key="arrivals_2009_04_14",
            ),
            dict(
                claim,
                claim_id="D-C003",
                quote=TOTAL,
                value_text="about 180",
                kind="cumulative_since_2002",
                reporter="interior_ministry",
                actor_id="D-A001",
                period_expression="since 2002",
                quantity_key="cumulative_deportees_since_2002",
            ),
        ],
        "events": [
            {
                "event_id": "D-E001",
                "article_id": article_id,
                "quote": DATELINE,
                "date_expression": "on Tuesday",
                "event_type": "arrival",
                "organisation_ids": "interior_ministry",
                "description": "A group of twelve men deported from the United States arrives in Phnom Penh.",
                "review": "ok",
            }
        ],
        "mentions_ignored": [
            dict(
                ignored,
                mention_id="D-M001",
                mention_text="14",
                context="PENH, April 14 (Mekong",
                reason_code="date",
                reason="Day of the dateline, the publication date.",
            ),
            dict(
                ignored,
                mention_id="D-M002",
                mention_text="2002",
                context="back since 2002 under",
                reason_code="year",
                reason="The start year of the period of a claim.",
            ),
            dict(
                ignored,
                mention_id="D-M003",
                mention_text="34",
                context="A 34-year-old returnee",
                reason_code="age",
                reason="A person's age.",
            ),
            dict(
                ignored,
                mention_id="D-M004",
                mention_text="3",
                context="since he was 3.",
                reason_code="age",
                reason="A person's age.",
            ),
            dict(
                ignored,
                mention_id="D-M005",
                mention_text="20",
                context="another 20 deportees",
                reason_code="not_a_count",
                reason="A number expected in the future, not a count of people deported.",
            ),
            dict(
                ignored,
                mention_id="D-M006",
                mention_text="0",
                context="Comments (0)",
                reason_code="residue",
                reason="Page furniture: the comment widget's count.",
            ),
        ],
    }


def _read(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


KEYS = {
    "claims": ("quote", "value_text"),
    "events": ("quote", "date_expression"),
    "mentions_ignored": ("mention_text",),
    "actors": ("title_as_printed",),
}


def _key(table: str, row: dict[str, str]) -> tuple[str, ...]:
    return tuple(row.get(c, "") for c in KEYS[table])


def review(folder: Path, article_id: str) -> dict[str, list[dict[str, str]]]:
    """Review the draft in `folder` in place; returns what the draft held before the review."""
    drafted = {p.stem: _read(p) for p in sorted(folder.glob("*.csv"))}
    schema = load_schema()
    for name, rows in reviewed_rows(article_id).items():
        # a row the draft had (the same key) keeps its draft_reason: accept then records it as
        # drafted and reviewed; a row the reviewer added has none, and is recorded as hand
        reasons = {_key(name, r): r.get("draft_reason", "") for r in drafted.get(name, [])}
        rows = [dict(r, draft_reason=reasons.get(_key(name, r), "")) for r in rows]
        columns = list(draft_table(schema.table("raw", name)).columns)
        (folder / f"{name}.csv").write_text(
            csv_text(columns, ([r.get(c, "") for c in columns] for r in rows)), encoding="utf-8"
        )
    for path in folder.glob("organisation*.csv"):  # no new organisation: the sources are known
        path.unlink()
    # the furniture: every proposal that is furniture kept (review ok), any other deleted
    residue = [
        dict(r, review="ok") for r in drafted.get("residue", []) if r["line_text"] in FURNITURE
    ]
    if residue:
        columns = list(drafted["residue"][0])
        (folder / "residue.csv").write_text(
            csv_text(columns, ([r[c] for c in columns] for r in residue)), encoding="utf-8"
        )
    return drafted
