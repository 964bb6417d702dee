"""checks.ledger: the derived columns the flight ledger's rules compare against, on inline frames."""

from __future__ import annotations

import pandas as pd

from deportdata.checks.ledger import add_flight_columns, malformed_urls


def test_malformed_urls_names_the_bad_entries_only():
    cells = pd.Series(["https://a.org/x;b.org/y", "https://a.org", None], dtype="string")
    assert malformed_urls(cells).tolist() == ["b.org/y", pd.NA, pd.NA]


def test_flight_columns_recompute_fiscal_year_sources_and_mission_lead():
    frames = {
        "reference_arrivals": pd.DataFrame({"ref_id": ["A1"], "other_urls": [None]}),
        "claims": pd.DataFrame({"claim_id": ["C1"]}),
        "reference_missions": pd.DataFrame(
            {
                "mission_id": ["M1"],
                "mission_date": pd.to_datetime(["2017-09-28"]),
                "people": pd.array([9], dtype="Int64"),
            }
        ),
        "flights": pd.DataFrame(
            {
                "arrival_earliest": pd.to_datetime(["2017-09-30", "2017-09-30"]),
                "arrival_latest": pd.to_datetime(["2017-09-30", "2017-10-01"]),
                "sources": ["A1;C1;M1", "A1;C9"],
                "ice_air_mission_id": ["M1", None],
                "ice_air_mission_date": pd.to_datetime(["2017-09-28", None]),
            }
        ),
    }
    add_flight_columns(frames)
    flights = frames["flights"]
    assert flights["fiscal_year_of_arrival"].tolist() == [2017, pd.NA]  # the second spans two
    assert flights["sources_unresolved"].tolist() == [pd.NA, "C9"]
    assert flights["mission_people_recorded"].tolist() == [9, pd.NA]
    assert flights["mission_days_to_arrival_earliest"].tolist() == [2, pd.NA]
    assert flights["mission_days_to_arrival_latest"].tolist() == [2, pd.NA]
