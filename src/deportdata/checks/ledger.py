"""Derived columns for the flight ledger's rules: what the ledger's rows must agree with.

Each column is computed from the clean tables again, independently of the clean step's
results, so a ledger row that was edited or built wrongly fails a rule naming it.
"""

from __future__ import annotations

import re

import pandas as pd

from deportdata.clean.flights import fiscal_year

URL = re.compile(r"^https?://\S+$")


def _ids(cell: object) -> list[str]:
    return [] if pd.isna(cell) else [x for x in str(cell).split(";") if x]


def malformed_urls(cells: pd.Series) -> pd.Series:
    """For ';'-separated URL lists: the entries that are not http(s) URLs, missing when all are."""
    out = [";".join(u for u in _ids(cell) if not URL.match(u)) or None for cell in cells]
    return pd.Series(out, index=cells.index, dtype="string")


def fiscal_years(flights: pd.DataFrame) -> pd.Series:
    """The fiscal year of each arrival interval (missing when it spans two, or is unknown)."""
    years = [
        pd.NA if pd.isna(a) or pd.isna(b) else fiscal_year(a.date(), b.date()) or pd.NA
        for a, b in zip(flights["arrival_earliest"], flights["arrival_latest"], strict=True)
    ]
    return pd.Series(years, index=flights.index, dtype="Int64")


def unresolved_sources(flights: pd.DataFrame, frames: dict[str, pd.DataFrame]) -> pd.Series:
    """The ids in `sources` that are no reference arrival row, corpus claim or mission."""
    known = {
        *frames["reference_arrivals"]["ref_id"].dropna().astype(str),
        *frames["claims"]["claim_id"].dropna().astype(str),
        *frames["reference_missions"]["mission_id"].dropna().astype(str),
    }
    out = [";".join(x for x in _ids(c) if x not in known) or None for c in flights["sources"]]
    return pd.Series(out, index=flights.index, dtype="string")


def add_flight_columns(frames: dict[str, pd.DataFrame]) -> None:
    """Add the derived columns of `flights` and `reference_arrivals` in place; a column whose
    inputs are missing is left out (the `columns` rule names the missing input)."""
    arrivals, flights = frames["reference_arrivals"], frames["flights"]
    if "other_urls" in arrivals:
        arrivals["other_urls_malformed"] = malformed_urls(arrivals["other_urls"])
    if {"arrival_earliest", "arrival_latest"} <= set(flights):
        flights["fiscal_year_of_arrival"] = fiscal_years(flights)
    if "sources" in flights:
        flights["sources_unresolved"] = unresolved_sources(flights, frames)
    if "ice_air_mission_id" not in flights:
        return
    missions = frames["reference_missions"].dropna(subset=["mission_id"])
    missions = missions.drop_duplicates("mission_id").set_index("mission_id")
    mission = flights["ice_air_mission_id"]
    recorded = mission.map(missions["mission_date"]).astype("datetime64[ns]")
    flights["mission_date_recorded"] = recorded
    flights["mission_people_recorded"] = mission.map(missions["people"]).astype("Int64")
    if {"arrival_earliest", "arrival_latest", "ice_air_mission_date"} <= set(flights):
        for end in ("earliest", "latest"):
            lead = (flights[f"arrival_{end}"] - flights["ice_air_mission_date"]).dt.days
            flights[f"mission_days_to_arrival_{end}"] = lead.astype("Int64")
