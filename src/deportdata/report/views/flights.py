"""08-flights: the flight ledger, reported people by fiscal year against official removals,
and the cumulative counts against the running sum of official removals."""

from __future__ import annotations

import pandas as pd

from deportdata.report.views.common import (
    Tables,
    bounds_text,
    fiscal_year_bounds,
    missing,
    reporter_labels,
)

REPORTED = ("matched", "reported_only")  # groups a news report or the corpus gives
MEASURES = {"ice_removals": "ice_removals", "all_removals": "dhs_removals"}


def flight_ledger(tables: Tables) -> pd.DataFrame:
    """Every arrival group with its size, fiscal year and ICE Air mission, by arrival.

    Uses: flights, reference_missions.
    """
    flights = tables["flights"]
    missions = tables["reference_missions"].set_index("mission_id")
    return pd.DataFrame(
        {
            "flight_id": flights["flight_id"],
            "arrival_earliest": flights["arrival_earliest"],
            "arrival_latest": flights["arrival_latest"],
            "fiscal_year": flights["fiscal_year"],
            "people": [
                "not found" if missing(lo) and missing(hi) else bounds_text(lo, hi)
                for lo, hi in zip(flights["people_low"], flights["people_high"], strict=True)
            ],
            "people_low": flights["people_low"],
            "people_high": flights["people_high"],
            "is_count_disputed": flights["is_count_disputed"],
            "n_reports": flights["n_reports"],
            "match": flights["match"],
            "ice_air_mission_date": flights["ice_air_mission_date"],
            "ice_air_people": flights["ice_air_people"],
            "pickup_airport": flights["ice_air_mission_id"].map(missions["pickup_airport"]),
            "sources": flights["sources"],
        }
    ).reset_index(drop=True)


def _sum_or_missing(values: pd.Series) -> object:
    """The sum, or missing when any value is missing (an unknown size leaves no upper bound)."""
    return pd.NA if values.isna().any() else int(values.sum())


def _share(part, whole) -> object:
    if missing(part) or missing(whole) or not whole:
        return pd.NA
    return round(float(part) / float(whole), 3)


def flights_by_fiscal_year(tables: Tables) -> pd.DataFrame:
    """For every fiscal year from the first to the last in the ledger or the removals: the
    reported groups and their people (bounds), the ICE Air missions and their people, ICE's
    and DHS's removals, and the share of each that the reported people account for.

    A group whose size was not found adds 0 to the lower bound and leaves the upper bound
    empty; a group whose arrival interval spans two fiscal years (no `fiscal_year`) is counted
    in neither; a fiscal year without an official figure has no share.

    Uses: flights, reference_removals.
    """
    flights = tables["flights"].dropna(subset=["fiscal_year"])
    removals = tables["reference_removals"]
    years = [*flights["fiscal_year"].astype(int), *removals["fiscal_year"].astype(int)]
    rows = []
    for year in range(min(years), max(years) + 1) if years else []:
        here = flights[flights["fiscal_year"] == year]
        reported = here[here["match"].isin(REPORTED)]
        missions = here[here["ice_air_mission_id"].notna()]
        start, end = fiscal_year_bounds(year)
        row = {
            "fiscal_year": year,
            "fy_start": start,
            "fy_end": end,
            "reported_groups": len(reported),
            "groups_without_count": int(reported["people_low"].isna().sum()),
            "reported_people_low": int(reported["people_low"].fillna(0).sum()),
            "reported_people_high": _sum_or_missing(reported["people_high"]),
            "ice_air_missions": len(missions),
            "ice_air_people": int(missions["ice_air_people"].sum()),
        }
        for measure, column in MEASURES.items():
            found = removals[(removals["fiscal_year"] == year) & (removals["measure"] == measure)]
            row[column] = int(found["removals"].iloc[0]) if len(found) else pd.NA
        for column, name in (("ice_removals", "ice"), ("dhs_removals", "dhs")):
            row[f"reported_share_of_{name}_low"] = _share(row["reported_people_low"], row[column])
            row[f"reported_share_of_{name}_high"] = _share(row["reported_people_high"], row[column])
        rows.append(row)
    frame = pd.DataFrame(rows)
    for column in ("reported_people_high", "ice_removals", "dhs_removals"):
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    return frame


def fiscal_years_total(by_year: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    """The fiscal years `first`..`last` summed: reported groups and people, ICE Air people,
    ICE's removals, and the reported people's share of them (one row)."""
    years = by_year[(by_year["fiscal_year"] >= first) & (by_year["fiscal_year"] <= last)]
    low = int(years["reported_people_low"].sum())
    high = _sum_or_missing(years["reported_people_high"])
    ice = _sum_or_missing(years["ice_removals"])
    return pd.DataFrame(
        [
            {
                "fiscal_years": f"{first}–{last}",
                "reported_groups": int(years["reported_groups"].sum()),
                "reported_people_low": low,
                "reported_people_high": high,
                "ice_removals": ice,
                "reported_share_of_ice_low": _share(low, ice),
                "reported_share_of_ice_high": _share(high, ice),
            }
        ]
    )


def ledger_counts(ledger: pd.DataFrame) -> pd.DataFrame:
    """How many groups the ledger holds by match, with and without a reported size."""
    counted = ledger["people_low"].notna()
    out = (
        pd.DataFrame({"match": ledger["match"], "with_count": counted, "groups": 1})
        .groupby(["match", "with_count"], as_index=False)["groups"]
        .sum()
    )
    return out.sort_values(["match", "with_count"], ascending=[True, False]).reset_index(drop=True)


def headline(ledger: pd.DataFrame, by_year: pd.DataFrame, first: int, last: int) -> str:
    """The ledger's headline figures as one paragraph of Markdown."""
    reported = ledger[ledger["match"].isin(REPORTED)]
    counted = reported["people_low"].notna()
    low, high = int(reported["people_low"].sum()), int(reported["people_high"].sum())
    total = fiscal_years_total(by_year, first, last).iloc[0]

    def people(lo, hi) -> str:
        return str(lo) if missing(hi) or lo == hi else f"{lo} to {hi}"

    def percent(part) -> str:
        if missing(part) or missing(total.ice_removals) or not total.ice_removals:
            return "an unknown share"
        return f"{part / total.ice_removals:.0%}"

    shares = ", ".join(
        f"FY{int(r.fiscal_year)} {people(r.reported_people_low, r.reported_people_high)}"
        f" of {r.ice_removals}"
        for r in by_year.itertuples()
        if first <= r.fiscal_year <= last and not missing(r.ice_removals)
    )
    low_share, high_share = percent(total.reported_people_low), percent(total.reported_people_high)
    share = low_share if low_share == high_share else f"{low_share} to {high_share}"
    return (
        f"**{len(ledger)} arrival groups** in the ledger: {len(reported)} reported "
        f"({int(counted.sum())} with a printed size, {int((~counted).sum())} without), "
        f"{int((ledger['match'] == 'ice_air_only').sum())} known only from ICE Air; "
        f"{int((ledger['match'] == 'matched').sum())} reported groups matched to an ICE Air "
        f"mission. The reported groups with a size carried **{people(low, high)} people**. "
        f"In fiscal years {first}–{last} the reported groups account for "
        f"**{people(total.reported_people_low, total.reported_people_high)} of ICE's "
        f"{total.ice_removals} removals ({share})**: {shares}."
    )


def official_running_total(tables: Tables) -> pd.DataFrame:
    """The official removals summed year by year from the first fiscal year with a figure:
    DHS's count of all removals where it exists, else ICE's (named in `measure`).

    Uses: reference_removals.
    """
    removals = tables["reference_removals"]
    rows = []
    for year, group in removals.groupby("fiscal_year", sort=True):
        chosen = group[group["measure"] == "all_removals"]
        chosen = chosen if len(chosen) else group[group["measure"] == "ice_removals"]
        if len(chosen):
            r = chosen.iloc[0]
            start, end = fiscal_year_bounds(int(year))
            rows.append(
                {
                    "fiscal_year": int(year),
                    "fy_start": start,
                    "fy_end": end,
                    "measure": r["measure"],
                    "removals": int(r["removals"]),
                }
            )
    frame = pd.DataFrame(rows)
    frame["running_total"] = frame["removals"].cumsum()
    return frame


def cumulative_counts(tables: Tables) -> pd.DataFrame:
    """Every cumulative total since 2002 (corpus and reference), with its reporter's label.

    Uses: series, organisations, organisation_aliases.
    """
    series = tables["series"]
    names = reporter_labels(tables)
    frame = pd.DataFrame(
        {
            "series_row_id": series["series_row_id"],
            "origin": series["origin"],
            "reporter": series["reporter_id"].map(names),
            "as_of_earliest": series["as_of_earliest"],
            "as_of_latest": series["as_of_latest"],
            "value_text": series["value_text"],
            "value_low": series["value_low"],
            "value_high": series["value_high"],
        }
    )
    return frame.sort_values(["as_of_earliest", "series_row_id"]).reset_index(drop=True)
