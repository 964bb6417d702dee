"""Occurrences: the real-world events that the event rows (mentions) describe.

A person codes which mentions describe the same event by giving them the same
`occurrence_key`, in data/raw/events.csv and in data/raw/reference/events.csv, across
articles. A mention without a key is an occurrence of its own, named by its row id.
An occurrence's interval is the intersection of its mentions' intervals; when they do
not meet, its earliest day is after its latest and the occurrences suite names the
mentions (`occurrences.mentions_meet`).
"""

from __future__ import annotations

from datetime import date

from deportdata.clean.context import Context
from deportdata.text.interval import Interval

Row = dict[str, object]


def occurrence_id(row: dict, id_column: str) -> str:
    """The coded occurrence_key, or the row's own id when it has none."""
    return str(row.get("occurrence_key") or row[id_column])


def build_occurrences(ctx: Context, events: list[Row]) -> tuple[list[Row], list[Row]]:
    """(occurrences, clean reference events); sets occurrence_id on each clean event."""
    mentions: dict[str, list[Row]] = {}
    for event in events:
        event["occurrence_id"] = occurrence_id(event, "event_id")
        mentions.setdefault(str(event["occurrence_id"]), []).append(event)
    reference = []
    for row in ctx.raw["reference_events"]:
        clean = {k: v for k, v in row.items() if not k.startswith("_")}
        clean["occurrence_id"] = occurrence_id(clean, "ref_event_id")
        reference.append(clean)
        mentions.setdefault(str(clean["occurrence_id"]), []).append(clean)
    rows = [_occurrence(key, group) for key, group in mentions.items()]
    return sorted(
        rows, key=lambda r: (r["date_earliest"], r["date_latest"], r["occurrence_id"])
    ), reference


def _mention_id(row: Row) -> str:
    return str(row.get("event_id") or row["ref_event_id"])


def _occurrence(key: str, group: list[Row]) -> Row:
    dated = [r for r in group if r.get("date_earliest") and r.get("date_latest")]
    earliest = max((date.fromisoformat(str(r["date_earliest"])) for r in dated), default=None)
    latest = min((date.fromisoformat(str(r["date_latest"])) for r in dated), default=None)
    corpus = [r for r in group if r.get("event_id")]
    reference = [r for r in group if not r.get("event_id")]
    first = (reference or corpus)[0]
    articles = sorted({str(r["article_id"]) for r in corpus})
    meet = earliest is not None and latest is not None and earliest <= latest
    return {
        "occurrence_id": key,
        "description": first["description"],
        "event_type": first["event_type"],
        "date_earliest": earliest.isoformat() if earliest else "",
        "date_latest": latest.isoformat() if latest else "",
        "date_precision": Interval(earliest, latest).precision if meet else "",
        "mention_ids": ";".join(sorted(_mention_id(r) for r in group)),
        "mentions": len(group),
        "article_ids": ";".join(articles),
        "articles": len(articles),
        "in_reference": bool(reference),
    }
