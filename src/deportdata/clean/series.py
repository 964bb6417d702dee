"""Cumulative totals since 2002, from the corpus claims and the reference counts, one table."""

from __future__ import annotations

from deportdata.clean.context import Context
from deportdata.text.numbers import NumberConventions, parse_number

Row = dict[str, object]
CUMULATIVE_KIND = "cumulative_since_2002"


def build_series(
    ctx: Context, claims: list[Row], reference: list[Row], numbers: NumberConventions
) -> list[Row]:
    """One row per cumulative total: corpus claims first, then reference counts."""
    rows: list[Row] = []
    for c in claims:
        if c["kind"] != CUMULATIVE_KIND or (c["value_low"] == "" and c["value_high"] == ""):
            continue
        rows.append(
            {
                "series_row_id": f"corpus:{c['claim_id']}",
                "origin": "corpus",
                "source_id": c["claim_id"],
                "series_id": f"corpus:{c['reporter_id']}",
                "reporter_id": c["reporter_id"],
                "as_of_earliest": c["as_of_earliest"],
                "as_of_latest": c["as_of_latest"],
                "value_text": c["value_text"],
                "qualifier": c["qualifier"],
                "value": c["value"],
                "value_low": c["value_low"],
                "value_high": c["value_high"],
                "article_id": c["article_id"],
                "url": "",
                "basis": "",
            }
        )
    for r in reference:
        rows.append(
            {
                "series_row_id": f"reference:{r['ref_id']}",
                "origin": "reference",
                "source_id": r["ref_id"],
                "series_id": f"reference:{r['reporter']}",
                "reporter_id": r["reporter"],
                "as_of_earliest": r["as_of_earliest"],
                "as_of_latest": r["as_of_latest"],
                "value_text": r["value_text"],
                "qualifier": r["qualifier"],
                "value": r["value"],
                "value_low": r["value_low"],
                "value_high": r["value_high"],
                "article_id": "",
                "url": r["url"],
                "basis": r["basis"],
            }
        )
    return sorted(
        rows,
        key=lambda r: (r["origin"], r["as_of_earliest"], r["as_of_latest"], r["series_row_id"]),
    )


def build_reference_cumulative(ctx: Context, numbers: NumberConventions) -> list[Row]:
    """Reference cumulative counts with their printed value parsed into bounds."""
    out = []
    for row in ctx.raw["reference_cumulative"]:
        parsed = ctx.attempt(
            "reference_cumulative",
            row,
            "value_text",
            lambda r=row: parse_number(r["value_text"], numbers),
        )
        out.append(
            {
                **{k: v for k, v in row.items() if not k.startswith("_")},
                "qualifier": parsed.qualifier if parsed else "",
                "value": parsed.value if parsed else "",
                "value_low": parsed.low if parsed else "",
                "value_high": parsed.high if parsed else "",
            }
        )
    return out
