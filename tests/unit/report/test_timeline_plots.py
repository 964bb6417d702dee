"""Unit tests of report/plots/timeline.py: figures of bounded size whatever the corpus, one
artist per layer, and windows from the data."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest
from plotting import notebook_style

from deportdata.report import plots
from deportdata.report.plots.timeline import period_edges

matplotlib.use("Agg")
D = pd.Timestamp
LIMIT = 10


@pytest.fixture(autouse=True)
def style():
    with notebook_style():
        yield


def occurrences(n: int, *, start="2008-01-01", articles=None) -> pd.DataFrame:
    """n one-day events, a week apart from `start`; `articles` reporting each (default 1)."""
    days = pd.date_range(start, periods=n, freq="7D")
    articles = [1] * n if articles is None else articles
    return pd.DataFrame(
        {"occurrence_id": [f"O{i:04d}" for i in range(n)],
         "description": [f"event {i}" for i in range(n)],
         "date_earliest": days, "date_latest": days,
         "mentions_earliest": days - pd.Timedelta(days=3), "mentions_latest": days,
         "mentions": pd.array(articles, dtype="Int64"),
         "articles": pd.array(articles, dtype="Int64"),
         "in_reference": pd.array([i % 3 == 0 for i in range(n)], dtype="boolean")}
    )  # fmt: skip


def timeline(publications: int, context: int = 4) -> pd.DataFrame:
    """The rows of `views.timeline_events` the overview reads: context events from 2003 and
    `publications` articles published a fortnight apart from 2009."""
    ctx = pd.date_range("2003-01-01", periods=context, freq="90D")
    pub = pd.date_range("2009-01-01", periods=publications, freq="14D")
    return pd.DataFrame(
        {"lane": ["reference"] * context + [f"{i:03d}_x" for i in range(publications)],
         "id": [f"X{i}" for i in range(context)] + [f"{i:03d}_x" for i in range(publications)],
         "kind": ["event"] * context + ["publication"] * publications,
         "description": ["context"] * context + ["published"] * publications,
         "date_earliest": list(ctx) + list(pub),
         "date_latest": list(ctx) + list(pub + pd.Timedelta(days=2))}
    )  # fmt: skip


def test_every_event_is_shown_when_they_fit():
    frame = occurrences(LIMIT).iloc[::-1]
    shown = plots.shown_occurrences(frame, LIMIT)
    assert list(shown["occurrence_id"]) == sorted(frame["occurrence_id"])  # in date order


def test_the_most_reported_events_are_shown_whole_ties_only():
    articles = [5, 1, 3, 1, 3, *([1] * 20)]
    shown = plots.shown_occurrences(occurrences(len(articles), articles=articles), 4)
    # the 4th and 5th ranked have 1 article like twenty others: only those with more are shown
    assert list(shown["occurrence_id"]) == ["O0000", "O0002", "O0004"]


def test_a_tie_too_big_to_show_is_cut_by_date():
    shown = plots.shown_occurrences(occurrences(30), LIMIT)
    assert list(shown["occurrence_id"]) == [f"O{i:04d}" for i in range(LIMIT)]


@pytest.mark.parametrize(
    ("start", "end", "period", "first"),
    [
        ("2017-02-10", "2019-06-01", "month", "2017-02-01"),
        ("2010-05-10", "2019-06-01", "quarter", "2010-04-01"),
        ("2001-07-01", "2021-01-01", "year", "2001-01-01"),
    ],
)
def test_period_edges_cover_the_window(start, end, period, first):
    edges, name = period_edges(D(start), D(end))
    assert name == period
    assert edges[0] == D(first) and edges[-2] < D(end) <= edges[-1]


def _artists(fig) -> int:
    return sum(len(ax.collections) + len(ax.patches) + len(ax.lines) for ax in fig.axes)


def test_events_figure_is_bounded_and_draws_one_artist_per_layer():
    small = plots.timeline_occurrences(occurrences(LIMIT + 5), limit=LIMIT)
    large = plots.timeline_occurrences(occurrences(50 * LIMIT), limit=LIMIT)
    assert tuple(small.get_size_inches()) == tuple(large.get_size_inches())
    # the count bars on the right are one per drawn row; every other layer is one artist
    assert _artists(small) == _artists(large)
    every = plots.timeline_occurrences(
        occurrences(50 * LIMIT), dates=["2007-01-01", "2018-01-01"], limit=LIMIT
    )
    assert every.axes[2].patches[0].get_data().values.sum() == 50 * LIMIT  # every event counted
    assert f"All {50 * LIMIT:,} events" in every.axes[2].get_title(loc="left")


def test_events_figure_window_comes_from_the_data():
    fig = plots.timeline_occurrences(occurrences(20, start="2008-03-01"), limit=LIMIT)
    left, right = (
        pd.Timestamp(matplotlib.dates.num2date(x)).tz_localize(None) for x in fig.axes[0].get_xlim()
    )
    assert D("2007-12-01") <= left <= D("2008-03-01")
    assert D("2008-07-12") <= right <= D("2008-10-01")


def test_events_figure_takes_one_end_of_the_window():
    fig = plots.timeline_occurrences(
        occurrences(20, start="2008-03-01"), dates=["2005-01-01", None]
    )
    left = matplotlib.dates.num2date(fig.axes[0].get_xlim()[0])
    assert left.year == 2005


def test_events_before_the_window_are_pinned_with_their_year():
    frame = occurrences(12, start="2008-03-01")
    frame.loc[0, ["date_earliest", "date_latest"]] = D("2002-03-01")
    fig = plots.timeline_occurrences(frame, dates=["2008-01-01", "2009-01-01"])
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["2002"]


def test_overview_is_bounded_and_counts_every_publication():
    small, large = plots.timeline_overview(timeline(5)), plots.timeline_overview(timeline(500))
    assert tuple(small.get_size_inches()) == tuple(large.get_size_inches())
    assert _artists(small) == _artists(large)
    counts = [p.get_data().values.sum() for p in large.axes[2].patches if hasattr(p, "get_data")]
    assert counts == [500]


def test_overview_windows_come_from_the_data():
    fig = plots.timeline_overview(timeline(5))
    zoom = [matplotlib.dates.num2date(x).year for x in fig.axes[1].get_xlim()]
    overview = [matplotlib.dates.num2date(x).year for x in fig.axes[0].get_xlim()]
    assert zoom == [2008, 2009]  # around the publications, early 2009
    assert overview[0] == 2002 and overview[1] == 2009


def test_overview_caps_its_rows():
    fig = plots.timeline_overview(timeline(5, context=30), limit=LIMIT)
    assert len(fig.axes[0].get_yticks()) == LIMIT
    assert f"the first {LIMIT} of 30 context events" in fig._suptitle.get_text()


def test_figures_take_no_per_row_artists():
    fig = plots.timeline_occurrences(occurrences(LIMIT), limit=LIMIT)
    main = fig.axes[0]
    assert len(main.collections) <= 4 and len(main.lines) == 0
    assert np.isclose(len(main.get_yticks()), LIMIT)
