"""03-cumulative: every reconciliation of a cumulative total with a later count over a period,
found by rule from the data (no claim id is named), and which totals it covers."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from deportdata.report.views.common import Tables, days, missing
from deportdata.report.views.cumulative import ORDER, cumulative_reconciliation

PAIR_COLUMNS = ["reconciliation", "base", "added", "compare"]
COUNT_KINDS = ("removals_in_period",)


def _finite(row) -> bool:
    return not (missing(row["value_low"]) or missing(row["value_high"]))


def reconciliation_pairs(tables: Tables, kinds: Sequence[str] = COUNT_KINDS) -> pd.DataFrame:
    """The reconciliations the data allow: one row per (base, added), with the totals to compare.

    The rule, from the data alone:

    - `added` is a claim of one of `kinds` (a count over a period) with finite bounds and
      a dated period start and end;
    - `base` is a cumulative total (series.csv, either origin) of the same reporter, with
      finite bounds, counted inside the added period: the period surely starts no later
      than the total's as-of date ends (period_start_earliest <= as_of_latest), and the
      total is surely counted before the period ends (as_of_latest < period_end_earliest).
      A base counted before the period starts would leave a gap no count covers, so it is
      not paired;
    - `compare` are the other cumulative totals (any reporter, either origin) whose as-of
      interval overlaps the day the sum is true (the added claim's as-of interval),
      space-separated in as-of order.

    Rows are sorted by added claim, then base as-of date.

    Uses: series, claims.
    """
    series = tables["series"].sort_values(ORDER)
    claims = tables["claims"]
    counts = claims[claims["kind"].isin(list(kinds))].sort_values("claim_id")
    needed = ["period_start_earliest", "period_end_earliest", "as_of_earliest", "as_of_latest"]
    out = []
    for added in counts.to_dict("records"):
        if not _finite(added) or any(missing(added[c]) for c in needed):
            continue
        start = pd.Timestamp(added["period_start_earliest"])
        end = pd.Timestamp(added["period_end_earliest"])
        when = days(added["as_of_earliest"], added["as_of_latest"])
        mine = series[series["reporter_id"] == added["reporter_id"]]
        for base in mine.to_dict("records"):
            latest = pd.Timestamp(base["as_of_latest"])
            if not _finite(base) or not (start <= latest < end):
                continue
            compare = [
                row["source_id"]
                for row in series.to_dict("records")
                if row["source_id"] != base["source_id"]
                and days(row["as_of_earliest"], row["as_of_latest"]).overlaps(when)
            ]
            out.append(
                {
                    "reconciliation": f"{base['source_id']}+{added['claim_id']}",
                    "base": base["source_id"],
                    "added": added["claim_id"],
                    "compare": " ".join(compare),
                }
            )
    return pd.DataFrame(out, columns=PAIR_COLUMNS)


def cumulative_reconciliations(tables: Tables, kinds: Sequence[str] = COUNT_KINDS) -> pd.DataFrame:
    """Every reconciliation `reconciliation_pairs` finds, each as `cumulative_reconciliation`
    lays it out, one after the other, with the reconciliation's name in the first column.

    Uses: claims, series, organisations, organisation_aliases.
    """
    frames = []
    for pair in reconciliation_pairs(tables, kinds).to_dict("records"):
        frame = cumulative_reconciliation(
            tables, base=pair["base"], added=pair["added"], compare=pair["compare"].split()
        )
        frame.insert(0, "reconciliation", pair["reconciliation"])
        frames.append(frame)
    if not frames:
        columns = ["reconciliation", "step", "id", "reporter", "value_text", "as_of", "period"]
        return pd.DataFrame(columns=[*columns, "bounds", "reading"])
    return pd.concat(frames, ignore_index=True)


def reconciliation_coverage(tables: Tables, reconciliations: pd.DataFrame) -> pd.DataFrame:
    """Each cumulative total (series.csv) and the reconciliations it takes part in.

    `role` is "base", "compare" or both; a total in none says so ("none": no count over a
    period of its reporter starts by its date, and no such sum is true on its date).

    Uses: series.
    """
    series = tables["series"].sort_values(ORDER)
    rows = []
    for total in series.to_dict("records"):
        sid = total["source_id"]
        mine = reconciliations[reconciliations["id"] == sid]
        roles = sorted(set(mine["step"].replace({"total": "base"})))
        rows.append(
            {
                "series_row_id": total["series_row_id"],
                "series_id": total["series_id"],
                "origin": total["origin"],
                "as_of": str(days(total["as_of_earliest"], total["as_of_latest"])),
                "value_text": total["value_text"],
                "role": " and ".join(roles) if roles else "none",
                "reconciliations": " ".join(sorted(set(mine["reconciliation"]))),
            }
        )
    return pd.DataFrame(rows)
