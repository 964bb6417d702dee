"""Clean claims: quote offsets, numbers parsed into bounds, time expressions resolved."""

from __future__ import annotations

from deportdata.clean import publication
from deportdata.clean.context import Context
from deportdata.text.dates import DateConventions
from deportdata.text.interval import Interval, columns
from deportdata.text.numbers import NumberConventions, parse_number

Row = dict[str, object]


def build_claims(ctx: Context, numbers: NumberConventions, dates: DateConventions) -> list[Row]:
    """One clean row per raw claim."""
    out = []
    for row in ctx.raw["claims"]:
        if row["article_id"] not in ctx.texts:
            continue  # reported as a foreign-key error
        span = ctx.quote_span("claims", row)
        value_span = ctx.part_span("claims", row, "value_text", span)
        parsed = ctx.attempt(
            "claims", row, "value_text", lambda r=row: parse_number(r["value_text"], numbers)
        )
        as_of, as_of_basis = ctx.published(row["article_id"]), "publication"
        if row["as_of_expression"]:
            resolved = ctx.resolve_date("claims", row, "as_of_expression", dates)
            if resolved is not None:
                as_of, narrowed = publication.constrained(ctx, "claims", row, resolved.interval)
                as_of_basis = "expression+constraint" if narrowed else "expression"
        start = end = None
        if row["period_expression"]:
            resolved = ctx.resolve_date("claims", row, "period_expression", dates)
            if resolved is not None:
                start, end = _period(resolved.interval, resolved.relation, as_of)
        out.append(
            {
                **{k: v for k, v in row.items() if not k.startswith("_")},
                "reporter_id": row["reporter"],
                "quote_start": span[0] if span else "",
                "quote_end": span[1] if span else "",
                "value_start": value_span[0] if value_span else "",
                "value_end": value_span[1] if value_span else "",
                "qualifier": parsed.qualifier if parsed else "",
                "value": parsed.value if parsed else "",
                "value_low": parsed.low if parsed else "",
                "value_high": parsed.high if parsed else "",
                **columns("as_of", as_of),
                "as_of_basis": as_of_basis,
                **columns("period_start", start),
                **columns("period_end", end),
            }
        )
    return out


def _period(interval: Interval, relation: str, as_of: Interval) -> tuple[Interval, Interval]:
    """(start, end) of the period a count covers.

    "since X": it starts within X and ends when the figure was true (as_of).
    "last year", "over the last year": both ends lie within the interval named.
    """
    if relation == "since":
        return interval, as_of
    return interval, interval
