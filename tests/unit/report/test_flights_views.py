"""report.views.flights and report.plots.flights on small inline frames."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from deportdata.report import plots, views

FY2017, FY2018 = 2017, 2018
ICE_2017, ICE_2018, DHS_2016 = 29, 110, 72


def flights() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "flight_id": ["a", "b", "c", "d"],
            "arrival_earliest": pd.to_datetime(
                ["2017-03-29", "2017-12-20", "2018-03-01", "2018-04-01"]
            ),
            "arrival_latest": pd.to_datetime(
                ["2017-03-29", "2017-12-20", "2018-03-02", "2018-04-30"]
            ),
            "people_low": pd.array([5, 25, None, None], dtype="Int64"),
            "people_high": pd.array([5, 30, None, None], dtype="Int64"),
            "is_count_disputed": [False, True, False, False],
            "fiscal_year": pd.array([FY2017, FY2018, FY2018, FY2018], dtype="Int64"),
            "n_reports": [1, 2, 0, 1],
            "sources": ["A1;M1", "A2;A3", "A4;M2", "A5"],
            "ice_air_mission_id": ["M1", None, "M2", None],
            "ice_air_mission_date": pd.to_datetime(["2017-03-28", None, "2018-02-28", None]),
            "ice_air_people": pd.array([5, None, 8, None], dtype="Int64"),
            "match": ["matched", "reported_only", "ice_air_only", "reported_only"],
        }
    )


def tables() -> dict[str, pd.DataFrame]:
    return {
        "flights": flights(),
        "reference_missions": pd.DataFrame(
            {"mission_id": ["M1", "M2"], "pickup_airport": ["KAEX", "KIWA"]}
        ),
        "reference_removals": pd.DataFrame(
            {
                "ref_id": ["R1", "R2", "R3"],
                "fiscal_year": [2016, FY2017, FY2018],
                "measure": ["all_removals", "ice_removals", "ice_removals"],
                "removals": [DHS_2016, ICE_2017, ICE_2018],
            }
        ),
    }


def test_reported_people_by_fiscal_year_against_ice_and_dhs():
    by_year = views.flights_by_fiscal_year(tables()).set_index("fiscal_year")
    assert list(by_year.index) == [2016, FY2017, FY2018]  # every year from the first to the last
    fy17, fy18 = by_year.loc[FY2017], by_year.loc[FY2018]
    assert (fy17["reported_people_low"], fy17["reported_people_high"]) == (5, 5)
    assert fy17["reported_share_of_ice_low"] == round(5 / ICE_2017, 3)
    # the ICE Air-only group is not reported; the group without a size leaves the top open
    assert (fy18["reported_groups"], fy18["groups_without_count"]) == (2, 1)
    assert fy18["reported_people_low"] == 25 and pd.isna(fy18["reported_people_high"])
    assert pd.isna(fy18["reported_share_of_ice_high"])
    assert (fy18["ice_air_missions"], fy18["ice_air_people"]) == (1, 8)
    assert by_year.loc[2016, "dhs_removals"] == DHS_2016 and pd.isna(
        by_year.loc[2016, "ice_removals"]
    )


def test_the_headline_gives_groups_people_and_shares():
    ledger = views.flight_ledger(tables())
    text = views.headline(ledger, views.flights_by_fiscal_year(tables()), FY2017, FY2017)
    assert "**4 arrival groups**" in text and "3 reported" in text and "1 matched" not in text
    assert f"5 of ICE's {ICE_2017} removals ({5 / ICE_2017:.0%})" in text


def test_the_ledger_names_the_missions_airport_and_says_when_a_size_was_not_found():
    ledger = views.flight_ledger(tables()).set_index("flight_id")
    assert ledger.loc["a", "pickup_airport"] == "KAEX"
    assert ledger.loc["b", "people"] == "[25, 30]"
    assert ledger.loc["d", "people"] == "not found"


def test_the_running_total_prefers_dhs_and_falls_back_on_ice():
    running = views.official_running_total(tables())
    assert list(running["measure"]) == ["all_removals", "ice_removals", "ice_removals"]
    assert list(running["running_total"]) == [
        DHS_2016,
        DHS_2016 + ICE_2017,
        DHS_2016 + ICE_2017 + ICE_2018,
    ]


@pytest.mark.parametrize("draw", ["timeline", "by_year"])
def test_the_figures_draw_from_the_views(draw):
    t = tables()
    if draw == "timeline":
        fig = plots.flights_timeline(views.flight_ledger(t))
    else:
        fig = plots.flights_by_fiscal_year(views.flights_by_fiscal_year(t), FY2017, FY2018)
    assert any(fig.axes[0].get_title(loc) for loc in ("left", "center"))
    plt.close(fig)
