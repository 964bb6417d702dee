"""clean.flights: groups from reference rows and corpus claims, matched with ICE Air missions by
rule, on rows written inline."""

from __future__ import annotations

from datetime import date

import pytest
from inline import RULES, context, row

from deportdata.clean.flights import (
    MISSION_LEAD_DAYS,
    UNREPORTED_ARRIVAL_DAYS,
    AmbiguousFlight,
    build_flights,
    build_reference_arrivals,
    fiscal_year,
    ledger,
)


def report(ref_id: str, key: str, earliest: str, latest: str = "", value: str = "", **more):
    """A parsed reference arrival row: a news report with an exact count (or none)."""
    return {
        "ref_id": ref_id,
        "flight_key": key,
        "report_kind": more.pop("report_kind", "news"),
        "arrival_earliest": earliest,
        "arrival_latest": latest or earliest,
        "value_low": int(value) if value else "",
        "value_high": int(value) if value else "",
        **more,
    }


def mission(mission_id: str, day: str, people: int) -> dict:
    return {"mission_id": mission_id, "mission_date": day, "people": people}


def claim(claim_id: str, day: str, value: int, key: str = "") -> dict:
    return {
        "claim_id": claim_id,
        "kind": "arrivals_on_flight",
        "quantity_key": key,
        "period_start_earliest": day,
        "period_end_latest": day,
        "as_of_earliest": day,
        "as_of_latest": day,
        "value_low": value,
        "value_high": value,
    }


def by_id(rows: list[dict]) -> dict[str, dict]:
    return {r["flight_id"]: r for r in rows}


def test_disagreeing_reports_of_one_group_give_bounds_not_an_average():
    rows = [
        report("A1", "jan", "2020-01-15", value="25"),
        report("A2", "jan", "2020-01-15", value="30"),
    ]
    (flight,) = ledger(rows, [], [])
    assert (flight["people_low"], flight["people_high"]) == (25, 30)
    assert flight["is_count_disputed"] is True
    assert (flight["n_reports"], flight["sources"], flight["match"]) == (
        2,
        "A1;A2",
        "reported_only",
    )


def test_disagreeing_dates_of_one_group_give_the_days_of_both():
    rows = [
        report("A1", "sep", "2002-09-12", value="11"),
        report("A2", "sep", "2002-09-11", value="11"),
    ]
    (flight,) = ledger(rows, [], [])
    assert (flight["arrival_earliest"], flight["arrival_latest"]) == ("2002-09-11", "2002-09-12")
    assert flight["is_count_disputed"] is False


def test_a_group_whose_size_was_not_found_has_no_bounds():
    (flight,) = ledger([report("A1", "nov", "2002-11-01", "2002-11-30")], [], [])
    assert (flight["people_low"], flight["people_high"]) == ("", "")
    assert flight["arrival_precision"] == "month"


def test_a_corpus_claim_joins_the_reference_group_it_meets():
    rows = [report("A1", "jan", "2020-01-15", value="25")]
    claims = [claim("C1", "2020-01-15", 25, "k"), claim("C2", "2020-01-15", 25, "k")]
    (flight,) = ledger(rows, claims, [])
    assert (flight["flight_id"], flight["sources"], flight["n_reports"]) == ("jan", "A1;C1;C2", 3)


def test_a_corpus_claim_no_reference_row_meets_is_a_group_of_its_own():
    flights = by_id(
        ledger([report("A1", "jan", "2020-01-15", value="25")], [claim("C1", "2009-05-06", 4)], [])
    )
    assert flights["corpus:C1"]["people_low"] == 4
    assert flights["corpus:C1"]["match"] == "reported_only"


def test_a_claim_meeting_two_groups_is_ambiguous():
    rows = [
        report("A1", "a", "2017-05-01", "2017-05-10"),
        report("A2", "b", "2017-05-08", "2017-05-20"),
    ]
    with pytest.raises(AmbiguousFlight, match=r"C1.*a, b"):
        ledger(rows, [claim("C1", "2017-05-09", 7)], [])


@pytest.mark.parametrize("lead", [0, 1, MISSION_LEAD_DAYS])
def test_a_mission_0_to_3_days_before_the_arrival_matches(lead):
    arrival = date(2017, 4, 20)
    day = date.fromordinal(arrival.toordinal() - lead).isoformat()
    (flight,) = ledger(
        [report("A1", "apr", arrival.isoformat(), value="8")], [], [mission("M1", day, 8)]
    )
    assert (flight["match"], flight["ice_air_mission_id"], flight["ice_air_people"]) == (
        "matched",
        "M1",
        8,
    )
    assert flight["sources"] == "A1;M1"


@pytest.mark.parametrize("lead", [MISSION_LEAD_DAYS + 1, -1])
def test_a_mission_outside_the_window_is_a_group_no_report_mentions(lead):
    arrival = date(2017, 4, 20)
    day = date.fromordinal(arrival.toordinal() - lead)
    flights = by_id(
        ledger(
            [report("A1", "apr", arrival.isoformat(), value="8")],
            [],
            [mission("M1", day.isoformat(), 8)],
        )
    )
    assert flights["apr"]["match"] == "reported_only"
    extra = flights["ice_air:M1"]
    first, last = UNREPORTED_ARRIVAL_DAYS
    assert extra["arrival_earliest"] == date.fromordinal(day.toordinal() + first).isoformat()
    assert extra["arrival_latest"] == date.fromordinal(day.toordinal() + last).isoformat()
    assert (extra["match"], extra["n_reports"], extra["people_low"]) == ("ice_air_only", 0, "")


def test_a_group_known_only_from_ice_air_data_is_ice_air_only_with_no_reported_people():
    rows = [report("A1", "feb", "2018-03-01", "2018-03-02", value="8", report_kind="ice_air_data")]
    (flight,) = ledger(rows, [], [mission("M1", "2018-02-28", 8)])
    assert (flight["match"], flight["n_reports"], flight["people_low"]) == ("ice_air_only", 0, "")
    assert flight["ice_air_people"] == 8


def test_each_mission_is_matched_once_the_nearest_first():
    rows = [report("A1", "a", "2017-05-03", value="8"), report("A2", "b", "2017-05-04", value="7")]
    flights = by_id(
        ledger(rows, [], [mission("M1", "2017-05-01", 8), mission("M2", "2017-05-02", 7)])
    )
    assert (flights["a"]["ice_air_mission_id"], flights["b"]["ice_air_mission_id"]) == ("M2", "M1")


@pytest.mark.parametrize(
    ("earliest", "latest", "year"),
    [
        ("2017-09-30", "2017-09-30", 2017),
        ("2017-10-01", "2017-10-01", 2018),
        ("2017-09-30", "2017-10-01", None),
    ],
)
def test_the_fiscal_year_runs_october_to_september(earliest, latest, year):
    assert fiscal_year(date.fromisoformat(earliest), date.fromisoformat(latest)) == year


def test_printed_numbers_are_read_into_bounds_and_an_empty_one_stays_empty():
    raw = [
        row("reference_arrivals", 2, ref_id="A001", value_text="about 40"),
        row("reference_arrivals", 3, ref_id="A002", value_text=""),
    ]
    parsed = build_reference_arrivals(context(reference_arrivals=raw), RULES.numbers)
    assert (parsed[0]["qualifier"], parsed[0]["value_low"], parsed[0]["value_high"]) == (
        "about",
        35,
        45,
    )
    assert (parsed[1]["qualifier"], parsed[1]["value"], parsed[1]["value_low"]) == ("", "", "")


def test_an_ambiguous_claim_is_reported_against_claims_csv():
    raw = [row("claims", 4, claim_id="C001", kind="arrivals_on_flight")]
    ctx = context(claims=raw)
    arrivals = [
        report("A1", "a", "2017-05-01", "2017-05-10"),
        report("A2", "b", "2017-05-08", "2017-05-20"),
    ]
    assert build_flights(ctx, arrivals, [claim("C001", "2017-05-09", 7)]) == []
    (error,) = ctx.errors
    assert (error.file, error.line) == ("data/raw/claims.csv", 4)
