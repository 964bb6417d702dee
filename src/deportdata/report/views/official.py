"""05-official-vs-reported: official removals by fiscal year and the counts the articles report.

The differences of the NGO's cumulative totals are `cumulative.cumulative_differences`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from deportdata.report.views.common import (
    Tables,
    fiscal_year_bounds,
    fiscal_years_text,
    reporter_labels,
)


def removals_by_fiscal_year(tables: Tables) -> pd.DataFrame:
    """Official removals of Cambodian nationals by US fiscal year, with each year's dates.

    Uses: reference_removals, organisations, organisation_aliases.
    """
    removals = tables["reference_removals"]
    names = reporter_labels(tables)
    bounds = [fiscal_year_bounds(int(y)) for y in removals["fiscal_year"]]
    frame = pd.DataFrame(
        {
            "ref_id": removals["ref_id"],
            "fiscal_year": removals["fiscal_year"],
            "fy_start": [a for a, _ in bounds],
            "fy_end": [b for _, b in bounds],
            "measure": removals["measure"],
            "removals": removals["removals"],
            "reporter": removals["reporter"].map(names),
            "publisher": removals["publisher"],
            "basis": removals["basis"],
        }
    )
    return frame.sort_values(["fiscal_year", "measure", "ref_id"]).reset_index(drop=True)


def reported_counts(tables: Tables, kinds: Sequence[str]) -> pd.DataFrame:
    """Counts over a period that the articles report, with the fiscal years the period touches.

    `kinds` are the kinds of claim that count people over a period. The period runs
    from period_start_earliest to period_end_latest (its widest reading); claims
    without a period are left out.

    Uses: claims, organisations, organisation_aliases.
    """
    claims = tables["claims"]
    names = reporter_labels(tables)
    claims = claims[claims["kind"].isin(list(kinds)) & claims["period_start_earliest"].notna()]
    frame = pd.DataFrame(
        {
            "claim_id": claims["claim_id"],
            "kind": claims["kind"],
            "quantity_key": claims["quantity_key"],
            "reporter": claims["reporter_id"].map(names),
            "value_text": claims["value_text"],
            "value_low": claims["value_low"],
            "value_high": claims["value_high"],
            "period_expression": claims["period_expression"],
            "period_start": claims["period_start_earliest"],
            "period_end": claims["period_end_latest"],
            "fiscal_years": [
                fiscal_years_text(a, b)
                for a, b in zip(
                    claims["period_start_earliest"], claims["period_end_latest"], strict=True
                )
            ],
            "quote": claims["quote"],
        }
    )
    return frame.sort_values(["period_start", "claim_id"]).reset_index(drop=True)
