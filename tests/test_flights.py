"""The committed flight ledger against the research note on flights (no build: the committed
outputs are what `make all` rebuilds byte for byte, tests/test_build.py)."""

from __future__ import annotations

import csv

from conftest import REPO

ICE_AIR_MISSIONS = 9  # reference/ice_air_missions.csv, from UWCHR/ice-air
MATCHED = 7  # every mission of March 2017 to August 2018 but the one of 28 Feb 2018
ICE_AIR_ONLY = ("2016-01-05", "2018-02-28")  # the two missions no report mentions
REPORTED_GROUPS = 17  # research note 1a: 19 groups, of which 2 only in the ICE Air data
# research note section 3: reported people (low, high) against ICE's removals, FY2017-FY2020
BY_FISCAL_YEAR = {2017: (28, 28, 29), 2018: (82, 82, 110), 2019: (73, 73, 80), 2020: (25, 30, 32)}


def rows(path: str) -> list[dict[str, str]]:
    with (REPO / path).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_ice_air_mission_is_in_the_ledger_seven_matched():
    flights = rows("data/clean/flights.csv")
    missions = [f for f in flights if f["ice_air_mission_id"]]
    assert len(missions) == ICE_AIR_MISSIONS
    assert sum(f["match"] == "matched" for f in flights) == MATCHED
    only = sorted(f["ice_air_mission_date"] for f in flights if f["match"] == "ice_air_only")
    assert tuple(only) == ICE_AIR_ONLY
    # the note's groups: a group only an added article reports ("corpus:...") is not one of them
    noted = [f for f in flights if not f["flight_id"].startswith("corpus:")]
    assert sum(f["match"] != "ice_air_only" for f in noted) == REPORTED_GROUPS


def test_reported_people_against_ice_removals_as_the_research_note_computes_them():
    table = {int(r["fiscal_year"]): r for r in rows("reports/tables/flights-by-fiscal-year.csv")}
    for year, (low, high, ice) in BY_FISCAL_YEAR.items():
        got = table[year]
        assert (
            int(got["reported_people_low"]),
            int(got["reported_people_high"]),
            int(got["ice_removals"]),
        ) == (low, high, ice), year
