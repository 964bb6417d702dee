"""Clean events: quote offsets and the date expression resolved against the narrowed
publication interval, then cut to the row's sourced or inferred constraint."""

from __future__ import annotations

from deportdata.clean import publication
from deportdata.clean.context import Context
from deportdata.text.dates import DateConventions, is_deadline
from deportdata.text.interval import columns

Row = dict[str, object]


def build_events(ctx: Context, dates: DateConventions) -> list[Row]:
    """One clean row per raw event."""
    out = []
    for row in ctx.raw["events"]:
        if row["article_id"] not in ctx.texts:
            continue
        span = ctx.quote_span("events", row)
        ctx.part_span("events", row, "date_expression", span)
        latest = ctx.published(row["article_id"]).latest
        resolved = ctx.resolve_date("events", row, "date_expression", dates)
        interval, basis = (resolved.interval if resolved else None), "expression"
        if interval is not None:
            interval, narrowed = publication.constrained(ctx, "events", row, interval)
            basis = "expression+constraint" if narrowed else basis
        relation = resolved.relation if resolved else ""
        out.append(
            {
                **{k: v for k, v in row.items() if not k.startswith("_")},
                "quote_start": span[0] if span else "",
                "quote_end": span[1] if span else "",
                **columns("date", interval),
                "date_relation": relation,
                "date_basis": basis,
                "is_deadline": is_deadline(relation, row["event_type"]),
                "published_latest": latest.isoformat(),
            }
        )
    return out
