"""Unit tests of report/plots/labels.py and the cumulative figure's labels: placed so that no
two overlap and none covers a marker, however crowded the totals, and whatever the ids."""

from __future__ import annotations

import matplotlib
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from plotting import notebook_style

from deportdata.report import figures, plots
from deportdata.report.plots import labels

matplotlib.use("Agg")
D = pd.Timestamp
CROWD = 10  # totals within a few months, a few persons apart
ZOOM = ["2016-12-01", "2018-06-30"]


@pytest.fixture(autouse=True)
def style():
    with notebook_style():
        yield


def total(row_id, reporter, day, low, high, *, text=None, qualifier="exact", origin="corpus"):
    return {
        "series_row_id": f"{origin}:{row_id}",
        "origin": origin,
        "series_id": f"{origin}:{reporter}",
        "reporter_id": reporter,
        "reporter": reporter.upper(),
        "as_of_earliest": D(day),
        "as_of_latest": D(day) + pd.Timedelta(days=20),
        "value_text": text or f"{low:g}",
        "qualifier": qualifier,
        "value_low": low,
        "value_high": high,
        "source": "000",
    }


def crowded() -> tuple[pd.DataFrame, pd.DataFrame]:
    """CROWD totals nine days apart, alternately 540 and 545 and up (labels would collide at
    one fixed offset), an open bound, a vague amount and a break ending at the last total."""
    rows = [
        total(f"C{i:03d}", "risc" if i % 2 else "daily", D("2017-01-01") + pd.Timedelta(days=9 * i),
              540 + 5 * (i % 2) + i, 540 + 5 * (i % 2) + i, origin="corpus" if i % 3 else "reference")
        for i in range(CROWD)
    ]  # fmt: skip
    rows.append(total("C100", "daily", "2017-05-01", 561, np.nan, text="more than 560",
                      qualifier="more_than"))  # fmt: skip
    rows.append(total("C101", "voa", "2017-01-10", 200, 999, text="hundreds", qualifier="vague"))
    rows.append(total("K200", "risc", "2017-09-01", 545, 555, text="some 550", origin="reference"))
    series = pd.DataFrame(rows)
    pairs = pd.DataFrame(
        {"earlier_id": ["corpus:C100"], "later_id": ["reference:K200"], "verdict": ["break"]}
    )
    return series, pairs


def draw(series, pairs):
    fig = plots.cumulative_series(
        series, pairs, overview=["2001-07-01", "2020-12-31"], zoom=ZOOM, zoom_ylim=[480, 620]
    )
    return fig


def saved(fig, tmp_path, name="cumulative"):
    """The figure saved as the notebook saves it (its layout is the one the labels keep)."""
    paths = figures.save_figure(fig, name, tmp_path, source="a test")
    return paths[0].read_bytes()


def texts(fig):
    return [t for t in fig.axes[1].texts if t.get_text()]


def boxes(items, renderer) -> np.ndarray:
    return np.array([t.get_window_extent(renderer).extents for t in items])


def marker_boxes(ax) -> np.ndarray:
    """The drawn markers of `ax` (one point lines with a marker), as pixel boxes."""
    points = [
        (line.get_xdata()[0], line.get_ydata()[0], line.get_markersize())
        for line in ax.get_lines()
        if line.get_marker() not in (None, "None", "") and len(line.get_xdata()) == 1
    ]
    centre = ax.transData.transform([(x, y) for x, y, _ in points])
    half = np.array([size for _, _, size in points])[:, None] * ax.figure.dpi / 72 / 2
    return np.hstack([centre - half, centre + half])


def overlapping(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Whether each box of `a` overlaps each box of `b` (a matrix)."""
    w = np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0])
    h = np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1])
    return (w > 0) & (h > 0)


def test_no_two_labels_overlap_in_a_crowded_zoom(tmp_path):
    fig = draw(*crowded())
    saved(fig, tmp_path)
    renderer = fig.canvas.get_renderer()
    drawn = texts(fig)
    assert len(drawn) == CROWD + 4  # each total, the vague amount and the break
    assert {"break", "more than 560", "some 550", "hundreds\n(200–999)"} <= {
        t.get_text() for t in drawn
    }
    assert labels.overlaps(drawn, renderer) == []


def test_no_label_covers_a_marker_or_leaves_the_axes(tmp_path):
    fig = draw(*crowded())
    saved(fig, tmp_path)
    renderer, ax = fig.canvas.get_renderer(), fig.axes[1]
    found = boxes(texts(fig), renderer)
    markers = marker_boxes(ax)
    assert len(markers) == CROWD + 2  # the vague amount has no marker
    assert not overlapping(found, markers).any()
    frame = ax.get_window_extent(renderer).extents
    assert (found[:, :2] >= frame[:2]).all() and (found[:, 2:] <= frame[2:]).all()


def test_labels_at_one_fixed_offset_would_overlap(tmp_path):
    """The crowd is crowded: the check above can fail (every label above right of its point)."""
    fig = draw(*crowded())
    saved(fig, tmp_path)
    for text in texts(fig):
        if text.get_text() != "hundreds\n(200–999)":
            text.set_position((6, 3))
            text.set_horizontalalignment("left")
            text.set_verticalalignment("bottom")
    fig.canvas.draw()
    assert labels.overlaps(texts(fig), fig.canvas.get_renderer()) != []


def placement(fig):
    return sorted(
        (t.get_text(), tuple(t.xy), tuple(t.xyann), t.get_ha(), t.get_va()) for t in texts(fig)
    )


def test_placement_does_not_depend_on_ids(tmp_path):
    series, pairs = crowded()
    first = draw(series, pairs)
    first_bytes = saved(first, tmp_path / "a")
    # other ids, in the opposite order
    renamed = {old: f"x:{999 - i:04d}" for i, old in enumerate(series["series_row_id"])}
    series = series.assign(series_row_id=series["series_row_id"].map(renamed))
    pairs = pairs.assign(
        earlier_id=pairs["earlier_id"].map(renamed), later_id=pairs["later_id"].map(renamed)
    )
    second = draw(series.iloc[::-1], pairs)
    assert placement(second) == placement(first)
    assert saved(second, tmp_path / "b") == first_bytes


def test_place_takes_the_first_clear_candidate_and_avoids_marks():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    fig.canvas.draw()
    alone = labels.place(ax, [labels.Label(5, 5, "alone")])
    assert alone[0].xyann == labels.CANDIDATES[0][0]
    # a mark over the default place: the label goes elsewhere, clear of it
    default = alone[0].get_window_extent(fig.canvas.get_renderer()).extents
    moved = labels.place(ax, [labels.Label(5, 5, "moved")], marks=np.array([default]))
    assert moved[0].xyann != labels.CANDIDATES[0][0]
    box = moved[0].get_window_extent(fig.canvas.get_renderer()).extents
    assert not overlapping(np.array([box]), np.array([default])).any()


def test_the_overview_window_given_for_one_corpus_holds_a_grown_one():
    """The notebook's overview window (chosen for the corpus as it was) is widened to hold a
    total of a later year and above its persons; a window that holds every total is kept."""
    series, pairs = crowded()
    window, persons = ["2016-07-01", "2018-12-31"], [0, 1050]
    fig = plots.cumulative_series(series, pairs, overview=window, overview_ylim=persons, zoom=ZOOM)
    left = fig.axes[0]
    assert [mdates.num2date(x).date().isoformat() for x in left.get_xlim()] == [
        "2016-07-01",
        "2018-12-31",
    ]
    assert left.get_ylim() == (0, 1050)
    plt.close(fig)
    later = total("K300", "risc", "2023-05-01", 1500, 1500, origin="reference")
    grown = pd.concat([series, pd.DataFrame([later])], ignore_index=True)
    fig = plots.cumulative_series(grown, pairs, overview=window, overview_ylim=persons, zoom=ZOOM)
    left = fig.axes[0]
    start, end = (mdates.num2date(x).date() for x in left.get_xlim())
    assert start.isoformat() <= "2016-07-01" and end.isoformat() > "2023-05-21"
    assert left.get_ylim()[0] == 0 and left.get_ylim()[1] > 1500
    plt.close(fig)
