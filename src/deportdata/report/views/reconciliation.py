"""03-cumulative: every reconciliation of a cumulative total with a later count over a period,
found by rule from the data (no claim id is named), and which totals it covers.

Totals and counts that give the same reading (same reporter, dates and bounds: the same figure
printed by several articles) are reconciled once, the first by id standing for the others
(`repeated` says how many), so the table grows with the distinct figures, not with the articles.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from deportdata.report.views.common import Tables, days, same_readings
from deportdata.report.views.cumulative import ORDER, cumulative_reconciliation, total_readings

PAIR_COLUMNS = ["reconciliation", "base", "added", "compare"]
COUNT_KINDS = ("removals_in_period",)
# what makes two counts over a period the same reading (for totals: cumulative.TOTAL_READING)
COUNT_READING = [
    "kind", "reporter_id", "value_text", "qualifier", "value_low", "value_high",
    "as_of_earliest", "as_of_latest", "period_start_earliest", "period_start_latest",
    "period_end_earliest", "period_end_latest",
]  # fmt: skip


def _finite(frame: pd.DataFrame) -> pd.Series:
    return frame["value_low"].notna() & frame["value_high"].notna()


def _totals(tables: Tables) -> pd.DataFrame:
    """The cumulative totals of series.csv, one row per reading (by source id), in as-of order.

    Uses: series.
    """
    return total_readings(tables["series"], "source_id")


def _counts(tables: Tables, kinds: Sequence[str] = COUNT_KINDS) -> pd.DataFrame:
    """The claims of `kinds` (counts over a period), one row per reading, by claim id.

    Uses: claims.
    """
    claims = tables["claims"]
    return same_readings(claims[claims["kind"].isin(list(kinds))], COUNT_READING, "claim_id")


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

    Each is a reading (`cumulative.total_readings`, `COUNT_READING`), named by its first id.
    Rows are sorted by added claim, then base as-of date.

    Uses: series, claims.
    """
    totals = _totals(tables)
    counts = _counts(tables, kinds)
    needed = ["period_start_earliest", "period_end_earliest", "as_of_earliest", "as_of_latest"]
    counts = counts[_finite(counts) & counts[needed].notna().all(axis=1)]
    bases = totals[_finite(totals)]
    out = []
    for added in counts.to_dict("records"):
        start, end = added["period_start_earliest"], added["period_end_earliest"]
        mine = bases[
            (bases["reporter_id"] == added["reporter_id"])
            & (bases["as_of_latest"] >= start)
            & (bases["as_of_latest"] < end)
        ]
        overlapping = totals.loc[
            (totals["as_of_earliest"] <= added["as_of_latest"])
            & (totals["as_of_latest"] >= added["as_of_earliest"]),
            "source_id",
        ]
        for base in mine["source_id"]:
            out.append(
                {
                    "reconciliation": f"{base}+{added['claim_id']}",
                    "base": base,
                    "added": added["claim_id"],
                    "compare": " ".join(i for i in overlapping if i != base),
                }
            )
    return pd.DataFrame(out, columns=PAIR_COLUMNS)


def cumulative_reconciliations(tables: Tables, kinds: Sequence[str] = COUNT_KINDS) -> pd.DataFrame:
    """Every reconciliation `reconciliation_pairs` finds, each as `cumulative_reconciliation`
    lays it out, one after the other, with the reconciliation's name in the first column and,
    after the id, how many totals or claims give the same reading (`repeated`; empty for a sum).

    Uses: claims, series, organisations, organisation_aliases.
    """
    totals, counts = _totals(tables), _counts(tables, kinds)
    repeated = dict(zip(totals["source_id"], totals["repeated"], strict=True))
    repeated |= dict(zip(counts["claim_id"], counts["repeated"], strict=True))
    frames = []
    for pair in reconciliation_pairs(tables, kinds).to_dict("records"):
        frame = cumulative_reconciliation(
            tables, base=pair["base"], added=pair["added"], compare=pair["compare"].split()
        )
        frame.insert(0, "reconciliation", pair["reconciliation"])
        frame.insert(3, "repeated", frame["id"].map(repeated).astype("Int64"))
        frames.append(frame)
    if not frames:
        columns = ["reconciliation", "step", "id", "repeated", "reporter", "value_text", "as_of"]
        return pd.DataFrame(columns=[*columns, "period", "bounds", "reading"])
    return pd.concat(frames, ignore_index=True)


def reconciliation_coverage(tables: Tables, reconciliations: pd.DataFrame) -> pd.DataFrame:
    """Each cumulative total (series.csv) and the reconciliations it takes part in.

    `role` is "base", "compare" or both, through its reading (a total that repeats another's
    figure takes part where the first of them does); a total in none says so ("none": no
    count over a period of its reporter starts by its date, and no such sum is true on its date).

    Uses: series.
    """
    series = tables["series"].sort_values(ORDER)
    readings = _totals(tables)
    first = {i: ids[0] for ids in readings["ids"] for i in ids}  # source_id → its reading's
    steps = reconciliations.assign(step=reconciliations["step"].replace({"total": "base"}))
    steps = steps[steps["step"].isin(["base", "compare"])]
    roles = steps.groupby("id")["step"].agg(lambda s: " and ".join(sorted(set(s))))
    names = steps.groupby("id")["reconciliation"].agg(lambda s: " ".join(sorted(set(s))))
    reading = series["source_id"].map(first)
    frame = pd.DataFrame(
        {
            "series_row_id": series["series_row_id"],
            "series_id": series["series_id"],
            "origin": series["origin"],
            "as_of": [
                str(days(a, b))
                for a, b in zip(series["as_of_earliest"], series["as_of_latest"], strict=True)
            ],
            "value_text": series["value_text"],
            "role": reading.map(roles).fillna("none"),
            "reconciliations": reading.map(names).fillna(""),
        }
    )
    return frame.reset_index(drop=True)
