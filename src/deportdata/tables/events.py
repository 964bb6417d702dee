"""Clean events: quote offsets and the date expression resolved, narrowed by sourced constraints."""

from __future__ import annotations

from datetime import date

from deportdata.dates import DateConventions
from deportdata.tables import intervals
from deportdata.tables.context import Context

Row = dict[str, object]


def build_events(ctx: Context, dates: DateConventions) -> list[Row]:
    """One clean row per raw event."""
    out = []
    for row in ctx.raw["events"]:
        if row["article_id"] not in ctx.texts:
            continue
        span = ctx.quote_span("events", row)
        ctx.part_span("events", row, "date_expression", span)
        _, latest = ctx.published(row["article_id"])
        resolved = ctx.resolve_date("events", row, "date_expression", dates)
        interval, basis = (resolved.interval if resolved else None), "expression"
        if interval is not None and row["date_constraint_earliest"]:
            constraint = intervals.span(
                date.fromisoformat(row["date_constraint_earliest"]),
                date.fromisoformat(
                    row["date_constraint_latest"] or row["date_constraint_earliest"]
                ),
            )
            narrowed = intervals.intersect(interval, constraint)
            if narrowed is None:
                ctx.problem(
                    "events",
                    row,
                    "date_constraint_earliest",
                    f"the constraint {constraint.earliest}..{constraint.latest} contradicts "
                    f"{row['date_expression']!r} ({interval.earliest}..{interval.latest})",
                )
            else:
                interval, basis = narrowed, "expression+constraint"
        relation = resolved.relation if resolved else ""
        out.append(
            {
                **{k: v for k, v in row.items() if not k.startswith("_")},
                "quote_start": span[0] if span else "",
                "quote_end": span[1] if span else "",
                **intervals.columns("date", interval),
                "date_relation": relation,
                "date_basis": basis,
                "is_deadline": relation == "until" or row["event_type"] == "deadline",
                "published_latest": latest.isoformat(),
            }
        )
    return out
