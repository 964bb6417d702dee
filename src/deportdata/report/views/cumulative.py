"""03-cumulative: the cumulative totals since 2002, pair by pair, and their reconciliation;
the arrivals two totals imply (used by 05-official-vs-reported)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pandas as pd

from deportdata.checks.cumulative import Total, falling
from deportdata.report.views.common import (
    OPEN,
    Tables,
    bounds_text,
    days,
    fiscal_years_text,
    interval_text,
    missing,
    number,
    reporter_labels,
    same_readings,
)

ORDER = ["as_of_earliest", "as_of_latest", "series_row_id"]
# what makes two cumulative totals the same reading: one figure printed by several articles
TOTAL_READING = [
    "origin", "series_id", "reporter_id", "as_of_earliest", "as_of_latest", "value_text",
    "qualifier", "value_low", "value_high",
]  # fmt: skip


def total_readings(series: pd.DataFrame, id_column: str = "series_row_id") -> pd.DataFrame:
    """Cumulative totals, one row per reading (`same_readings`), in as-of order."""
    totals = same_readings(series, TOTAL_READING, id_column)
    return totals.sort_values(ORDER).reset_index(drop=True)


def cumulative_series(tables: Tables) -> pd.DataFrame:
    """Every cumulative total since 2002 (corpus and reference), in as-of order.

    Uses: series, organisations, organisation_aliases.
    """
    series = tables["series"]
    names = reporter_labels(tables)
    frame = pd.DataFrame(
        {
            "series_row_id": series["series_row_id"],
            "origin": series["origin"],
            "series_id": series["series_id"],
            "reporter_id": series["reporter_id"],
            "reporter": series["reporter_id"].map(names),
            "as_of_earliest": series["as_of_earliest"],
            "as_of_latest": series["as_of_latest"],
            "value_text": series["value_text"],
            "qualifier": series["qualifier"],
            "value_low": series["value_low"],
            "value_high": series["value_high"],
            "source": series["article_id"].fillna(series["url"]),
        }
    )
    return frame.sort_values(ORDER).reset_index(drop=True)


def _total(row: dict) -> Total:
    as_of = days(row["as_of_earliest"], row["as_of_latest"])
    return Total(
        "pair",
        as_of.earliest.isoformat(),
        as_of.latest.isoformat(),
        number(row["value_low"]),
        number(row["value_high"]),
    )


def pair_verdict(earlier: dict, later: dict) -> tuple[str, str]:
    """Whether a later cumulative total agrees with an earlier one: (verdict, reason).

    `earlier` and `later` hold as_of_earliest, as_of_latest, value_low, value_high and
    value_text. Totals whose as-of intervals overlap have no order: "not comparable".
    Otherwise the later total "break"s when its upper bound is below the earlier lower
    bound (deportdata.checks.cumulative.falling decides), and "agree"s when it is not.
    """
    a = days(earlier["as_of_earliest"], earlier["as_of_latest"])
    b = days(later["as_of_earliest"], later["as_of_latest"])
    if a.overlaps(b):
        return "not comparable", (
            f"as-of intervals overlap ({a} and {b}): which came first is unknown"
        )
    if b < a:
        raise ValueError("pair_verdict: `later` is surely earlier than `earlier`")
    earlier_low = "none" if missing(earlier["value_low"]) else f"{int(earlier['value_low'])}"
    later_high = OPEN if missing(later["value_high"]) else f"{int(later['value_high'])}"
    compared = (
        f"later upper bound {later_high} ('{later['value_text']}') {{}} earlier lower bound "
        f"{earlier_low} ('{earlier['value_text']}')"
    )
    if falling([_total(earlier), _total(later)])[1] == 0:
        return "break", compared.format("<")
    return "agree", compared.format("≥")


def _pairs(rows: pd.DataFrame, scope_kind: str, scope: str) -> list[dict]:
    out = []
    for a, b in itertools.pairwise(rows.sort_values(ORDER).to_dict("records")):
        verdict, reason = pair_verdict(a, b)
        out.append(
            {
                "scope_kind": scope_kind,
                "scope": scope,
                "earlier_id": a["series_row_id"],
                "later_id": b["series_row_id"],
                "earlier_reporter": a["reporter"],
                "later_reporter": b["reporter"],
                "earlier_as_of": interval_text(a["as_of_earliest"], a["as_of_latest"]),
                "later_as_of": interval_text(b["as_of_earliest"], b["as_of_latest"]),
                "earlier_value_text": a["value_text"],
                "later_value_text": b["value_text"],
                "earlier_bounds": bounds_text(a["value_low"], a["value_high"]),
                "later_bounds": bounds_text(b["value_low"], b["value_high"]),
                "verdict": verdict,
                "reason": reason,
            }
        )
    return out


def known_issue_ids(issues: pd.DataFrame | None, table: str) -> dict[str, str]:
    """row_id → known-issue ids (space-separated) recorded for rows of `table`; {} without any."""
    if issues is None or issues.empty or "row_id" not in issues:
        return {}
    if "table" in issues:
        issues = issues[issues["table"] == table]
    return {row: " ".join(sorted(g["issue_id"])) for row, g in issues.groupby("row_id", sort=True)}


PAIR_COLUMNS = [
    "scope_kind", "scope", "earlier_id", "later_id", "earlier_reporter", "later_reporter",
    "earlier_as_of", "later_as_of", "earlier_value_text", "later_value_text", "earlier_bounds",
    "later_bounds", "verdict", "reason", "known_issue",
]  # fmt: skip


def cumulative_pairs(
    tables: Tables, scopes: Sequence[str] = ("series", "origin", "all")
) -> pd.DataFrame:
    """Consecutive pairs of cumulative totals, each judged agree / break / not comparable.

    Totals are ordered by as-of interval; each is compared with the next one within
    its series ("series"), within its origin, all reporters pooled ("origin"), and
    across both origins ("all"). Pooling shows where different reporters' totals do not
    fit one rising count, which no single series can. A break whose later total has a
    record in known_issues names it (the source printed it; it is kept, not fixed). Totals
    that give the same reading (`TOTAL_READING`) are compared once, by the first of them.

    Uses: series, organisations, organisation_aliases, known_issues (when given).
    """
    series = total_readings(cumulative_series(tables))
    out: list[dict] = []
    if "series" in scopes:
        for series_id, group in series.groupby("series_id", sort=True):
            out += _pairs(group, "series", series_id)
    if "origin" in scopes:
        for origin, group in series.groupby("origin", sort=True):
            out += _pairs(group, "origin", origin)
    if "all" in scopes:
        out += _pairs(series, "all", "all")
    issues = known_issue_ids(tables.get("known_issues"), "series")
    for row in out:
        row["known_issue"] = issues.get(row["later_id"], "") if row["verdict"] == "break" else ""
    return pd.DataFrame(out, columns=PAIR_COLUMNS)


def missing_ids(tables: Tables, *, base: str, added: str, compare: Sequence[str]) -> list[str]:
    """The ids of a reconciliation that this corpus does not hold, in the order given.

    `base` and `compare` are looked up in series.csv (`source_id`: claim or reference
    ids), `added` in claims.csv. [] when all are there.

    Uses: series, claims.
    """
    totals = set(tables["series"]["source_id"])
    claims = set(tables["claims"]["claim_id"])
    wanted = [(base, totals), (added, claims), *((c, totals) for c in compare)]
    return [i for i, known in wanted if i not in known]


def cumulative_reconciliation(
    tables: Tables, *, base: str, added: str, compare: Sequence[str]
) -> pd.DataFrame:
    """A cumulative total plus a later count over a period, set against later totals.

    `base` is a cumulative total (a claim or reference id in series.csv), `added` a
    count "since" some month that ends later (a claim), `compare` are later totals
    (claim or reference ids in series.csv); an id the corpus does not hold is a
    ValueError naming it (see `missing_ids`). When
    the added period may start before the base total's as-of date, arrivals in the
    overlap may be in both, so the sum is only an upper bound: the total at the end of
    the period lies in [base low, base high + added high]. Each later total is
    compared with that range by its bounds.

    Uses: claims, series, organisations, organisation_aliases.
    """
    claims = tables["claims"].set_index("claim_id")
    series = tables["series"].set_index("source_id")
    absent = missing_ids(tables, base=base, added=added, compare=compare)
    if absent:
        raise ValueError(
            f"cumulative_reconciliation: not in this corpus: {', '.join(absent)} "
            "(base and compare are ids in series.csv, added a claim id in claims.csv)"
        )
    names = reporter_labels(tables)
    b, d = series.loc[base], claims.loc[added]
    if missing(b["value_low"]) or missing(b["value_high"]) or missing(d["value_high"]):
        raise ValueError("cumulative_reconciliation: base and added need finite bounds")
    overlaps = d["period_start_earliest"] <= b["as_of_latest"]
    low = int(b["value_low"]) + (0 if overlaps else int(d["value_low"]))
    high = int(b["value_high"]) + int(d["value_high"])
    rows = [
        {
            "step": "total",
            "id": base,
            "reporter": names[b["reporter_id"]],
            "value_text": b["value_text"],
            "as_of": interval_text(b["as_of_earliest"], b["as_of_latest"]),
            "period": "since 2002",
            "bounds": bounds_text(b["value_low"], b["value_high"]),
            "reading": "cumulative total",
        },
        {
            "step": "plus",
            "id": added,
            "reporter": names[d["reporter_id"]],
            "value_text": d["value_text"],
            "as_of": interval_text(d["as_of_earliest"], d["as_of_latest"]),
            "period": (
                f"{interval_text(d['period_start_earliest'], d['period_start_latest'])} to "
                f"{interval_text(d['period_end_earliest'], d['period_end_latest'])}"
            ),
            "bounds": bounds_text(d["value_low"], d["value_high"]),
            "reading": (
                "its period starts before the total's as-of date, so some may be counted in both"
                if overlaps
                else "its period starts after the total's as-of date"
            ),
        },
        {
            "step": "sum",
            "id": f"{base}+{added}",
            "reporter": "",
            "value_text": f"{b['value_text']} + {d['value_text']}",
            "as_of": interval_text(d["as_of_earliest"], d["as_of_latest"]),
            "period": "since 2002",
            "bounds": bounds_text(low, high),
            "reading": (
                f"between {low} (if all {d['value_text'].lower()} arrived before the total was "
                f"counted) and {high} (if none did): {high} is an upper reading"
                if overlaps
                else "the sum, if both counts are right"
            ),
        },
    ]
    for cid in compare:
        c = series.loc[cid]
        c_low, c_high = number(c["value_low"]), number(c["value_high"])
        fits = (c_high is None or c_high >= low) and (c_low is None or c_low <= high)
        rows.append(
            {
                "step": "compare",
                "id": cid,
                "reporter": names[c["reporter_id"]],
                "value_text": c["value_text"],
                "as_of": interval_text(c["as_of_earliest"], c["as_of_latest"]),
                "period": "since 2002",
                "bounds": bounds_text(c["value_low"], c["value_high"]),
                "reading": (
                    f"agrees: its bounds overlap [{low}, {high}]"
                    if fits
                    else f"disagrees: its bounds miss [{low}, {high}]"
                ),
            }
        )
    return pd.DataFrame(rows)


DIFFERENCE_COLUMNS = [
    "earlier_id", "later_id", "earlier_value_text", "later_value_text", "from_earliest",
    "from_latest", "to_earliest", "to_latest", "fiscal_years", "difference_low",
    "difference_high", "usable", "note",
]  # fmt: skip


def _difference(a: dict, b: dict) -> tuple[int | None, int | None, str]:
    """(low, high, note) of the arrivals between totals `a` and `b`."""
    if days(a["as_of_earliest"], a["as_of_latest"]).overlaps(
        days(b["as_of_earliest"], b["as_of_latest"])
    ):
        return None, None, "as-of intervals overlap: no order, no difference"
    low = None if missing(a["value_high"]) else int(b["value_low"]) - int(a["value_high"])
    high = (
        None
        if missing(b["value_high"]) or missing(a["value_low"])
        else int(b["value_high"]) - int(a["value_low"])
    )
    if low is None or high is None:
        return low, high, "a bound is open: the difference is bounded on one side only"
    if low < 0:
        return low, high, "the bounds allow a fall: not a count of arrivals (see 03-cumulative)"
    return low, high, ""


def cumulative_differences(tables: Tables, reporter_id: str) -> pd.DataFrame:
    """Arrivals implied by consecutive cumulative totals of one reporter (corpus and reference).

    Two totals whose as-of intervals are surely ordered bound the arrivals between
    them: [later low − earlier high, later high − earlier low] (open when a bound is
    open). A difference is `usable` as a count of arrivals only when both bounds are
    finite and not negative; otherwise `note` says why not. Totals that give the same
    reading are differenced once, by the first of them.

    Uses: series, organisations, organisation_aliases.
    """
    series = cumulative_series(tables)
    series = total_readings(series[series["reporter_id"] == reporter_id])
    out = []
    for a, b in itertools.pairwise(series.sort_values(ORDER).to_dict("records")):
        low, high, note = _difference(a, b)
        out.append(
            {
                "earlier_id": a["series_row_id"],
                "later_id": b["series_row_id"],
                "earlier_value_text": a["value_text"],
                "later_value_text": b["value_text"],
                "from_earliest": a["as_of_earliest"],
                "from_latest": a["as_of_latest"],
                "to_earliest": b["as_of_earliest"],
                "to_latest": b["as_of_latest"],
                "fiscal_years": fiscal_years_text(a["as_of_earliest"], b["as_of_latest"]),
                "difference_low": low,
                "difference_high": high,
                "usable": not note,
                "note": note,
            }
        )
    frame = pd.DataFrame(out, columns=DIFFERENCE_COLUMNS)
    for column in ("difference_low", "difference_high"):
        frame[column] = frame[column].astype("Int64")
    return frame
