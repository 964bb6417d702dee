"""02-claims: every coded figure, by kind and reporter."""

from __future__ import annotations

import pandas as pd

from deportdata.report.views.common import Tables, ids_text, reporter_labels

LISTED = 6  # claim ids listed per kind; beyond that the first six and how many more


def claims_table(tables: Tables) -> pd.DataFrame:
    """Every coded claim with its reporter's name, bounds, as-of interval and verbatim quote.

    Uses: claims, organisations, organisation_aliases.
    """
    claims = tables["claims"]
    names = reporter_labels(tables)
    frame = pd.DataFrame(
        {
            "claim_id": claims["claim_id"],
            "article_id": claims["article_id"],
            "kind": claims["kind"],
            "reporter": claims["reporter_id"].map(names),
            "value_text": claims["value_text"],
            "qualifier": claims["qualifier"],
            "value": claims["value"],
            "value_low": claims["value_low"],
            "value_high": claims["value_high"],
            "as_of_earliest": claims["as_of_earliest"],
            "as_of_latest": claims["as_of_latest"],
            "quote": claims["quote"],
        }
    )
    return frame.sort_values("claim_id").reset_index(drop=True)


def claims_by_kind(tables: Tables) -> pd.DataFrame:
    """Per kind of claim: how many claims, from how many reporters, about how many quantities,
    and their ids (up to six; the first six and how many more beyond that).

    Uses: claims, organisations, organisation_aliases.
    """
    claims = tables["claims"]
    names = reporter_labels(tables)
    rows = []
    for kind, group in claims.groupby("kind", sort=True):
        reporters = sorted(group["reporter_id"].unique())
        rows.append(
            {
                "kind": kind,
                "claims": len(group),
                "quantities": group["quantity_key"].nunique(),
                "reporters": len(reporters),
                "reporter_names": "; ".join(names[r] for r in reporters),
                "claim_ids": ids_text(sorted(group["claim_id"]), LISTED),
            }
        )
    frame = pd.DataFrame(rows)
    return frame.sort_values(["claims", "kind"], ascending=[False, True]).reset_index(drop=True)
