"""Trace one row of the flight ledger to its reference rows and their URLs, its ICE Air mission,
and its corpus claims down to their quotes (`deportdata trace <flight_id>`)."""

from __future__ import annotations

from deportdata.coding.trace import report_tables_listing, trace
from deportdata.config import Project
from deportdata.errors import DeportdataError
from deportdata.io.tables import read_records

ARRIVALS_FILE = "data/raw/reference/arrival_groups.csv"
MISSIONS_FILE = "data/raw/reference/ice_air_missions.csv"


def _indented(text: str) -> list[str]:
    return ["     " + line for line in text.splitlines()]


def _arrival_lines(row: dict[str, str]) -> list[str]:
    count = row["value_text"] or "number of people not found"
    lines = [
        f"   {row['ref_id']} ({ARRIVALS_FILE}, {row['report_kind']}): {count} "
        f"(people {row['people_basis']}), arrival {row['arrival_text']} ({row['arrival_basis']})",
        f"     reported by {row['reported_by']}; from {row['originating_source']}; "
        f"basis {row['basis']}",
        f"     url: {row['url'] or '(none in full in the research note; see its note)'}",
    ]
    lines += [f"     also: {u}" for u in row["other_urls"].split(";") if u]
    return lines


def _mission_lines(row: dict[str, str]) -> list[str]:
    return [
        f"   {row['mission_id']} ({MISSIONS_FILE}, row {row['source_row']} of the ICE Air file): "
        f"mission {row['mission_date']} {row['pickup_airport']}→{row['dropoff_airport']}, "
        f"{row['people']} people",
        f"     url: {row['url']}",
    ]


def _flights(project: Project) -> dict[str, dict[str, str]]:
    return {r["flight_id"]: r for r in read_records(project, "flights", "clean")}


def trace_flight(
    project: Project, flight_id: str, flights: dict[str, dict[str, str]] | None = None
) -> str:
    """The chain ledger row → report tables → reference rows (URLs), mission, corpus quotes;
    `flights`: the ledger's rows by flight_id, when the caller has read them."""
    flights = _flights(project) if flights is None else flights
    if flight_id not in flights:
        raise DeportdataError(
            f"no flight {flight_id!r} in data/clean/flights.csv",
            hint=f"known ids: {', '.join(sorted(flights)[:5])}, ...",
        )
    f = flights[flight_id]
    people = (
        f"[{f['people_low']}, {f['people_high'] or '+inf'}]" if f["people_low"] else "not found"
    )
    out = [
        f"flight {flight_id}: arrival {f['arrival_earliest']}..{f['arrival_latest']}, people "
        f"{people}, fiscal year {f['fiscal_year'] or '(spans two)'}, {f['match']}, "
        f"{f['n_reports']} report(s)",
        "1. used in: " + report_tables_listing(project, {flight_id}),
        f"2. ledger row: data/clean/flights.csv (flight_id {flight_id}; sources {f['sources']})",
    ]
    ids = [x for x in f["sources"].split(";") if x]
    arrivals = {r["ref_id"]: r for r in read_records(project, "reference_arrivals", "clean")}
    missions = {r["mission_id"]: r for r in read_records(project, "reference_missions", "clean")}
    references = [i for i in ids if i in arrivals]
    if references:
        out.append("3. reference rows:")
        for ref_id in references:
            out += _arrival_lines(arrivals[ref_id])
    if f["ice_air_mission_id"] in missions:
        out.append("4. ICE Air mission:")
        out += _mission_lines(missions[f["ice_air_mission_id"]])
    claims = [i for i in ids if i not in arrivals and i not in missions]
    for claim_id in claims:
        out.append(f"5. corpus claim {claim_id}:")
        out += _indented(trace(project, claim_id))
    return "\n".join(out)


def trace_value(project: Project, value_id: str) -> str:
    """A flight of the ledger (flight_id) or a claim (claim_id), traced to its sources."""
    flights = _flights(project)
    if value_id in flights:
        return trace_flight(project, value_id, flights)
    return trace(project, value_id)
