"""The official-vs-reported figure: a window chosen for the corpus as it was hides nothing of a grown one."""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from plotting import notebook_style

from deportdata.report import plots

TABLES = ["reference_removals", "claims", "series", "organisations", "organisation_aliases"]


def _inputs(count_start: str, count_end: str):
    """The notebook's inputs from the committed clean layer, every count moved to one period."""
    from deportdata.config import source_project
    from deportdata.report import notebook, views

    tables = notebook.load_tables(source_project(), TABLES)
    counts = views.reported_counts(tables, ["removals_in_period", "arrivals_on_flight"])
    counts = counts.head(1).assign(
        period_start=pd.Timestamp(count_start), period_end=pd.Timestamp(count_end)
    )
    return (
        views.removals_by_fiscal_year(tables),
        counts,
        views.cumulative_differences(tables, "risc_kvao"),
    )


def _shown(fig) -> tuple[str, str]:
    return tuple(mdates.num2date(x).date().isoformat() for x in fig.axes[0].get_xlim())


def test_a_count_inside_the_window_keeps_it():
    with notebook_style():
        fig = plots.official_vs_reported(
            *_inputs("2017-01-01", "2017-06-30"), ngo="KVAO", start="2015-07-01", end="2020-04-30"
        )
        assert _shown(fig) == ("2015-07-01", "2020-04-30")


def test_a_count_of_an_earlier_year_widens_the_window():
    with notebook_style():
        fig = plots.official_vs_reported(
            *_inputs("2008-10-01", "2009-09-30"), ngo="KVAO", start="2015-07-01", end="2020-04-30"
        )
        start, end = _shown(fig)
        assert start <= "2008-10-01" and end >= "2020-04-30"
