"""08-flights: every arrival group on a time axis, reported people against official removals
by fiscal year, and the cumulative counts against the running sum of official removals."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from deportdata.report.plots.common import DAY, date_axis, date_num

MATCH_STYLES = {  # match → (label, colour, marker)
    "matched": ("reported, matched to an ICE Air mission", "C0", "o"),
    "reported_only": ("reported, no ICE Air mission in the data", "C1", "s"),
    "ice_air_only": ("ICE Air mission no report mentions", "C3", "D"),
}


def _whole_years(first, last) -> tuple[pd.Timestamp, pd.Timestamp]:
    """1 January of `first`'s year to 1 January after `last`'s."""
    return pd.Timestamp(first.year, 1, 1), pd.Timestamp(last.year + 1, 1, 1)


def _ends(ledger: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    return _whole_years(ledger["arrival_earliest"].min(), ledger["arrival_latest"].max())


def flights_timeline(ledger: pd.DataFrame, start=None, end=None):
    """Each group at its arrival (a bar across the arrival interval when it is not one day),
    its size as a vertical bar from the lowest to the highest report, marked by match; a group
    whose size was not found sits on the axis with a hollow mark; an ICE Air-only group at the
    mission's count. `ledger` is `views.flight_ledger` with the arrival interval as dates."""
    auto_start, auto_end = _ends(ledger)
    start, end = pd.Timestamp(start or auto_start), pd.Timestamp(end or auto_end)
    fig, ax = plt.subplots(figsize=(12, 5.5))
    x0 = np.array([date_num(d) for d in ledger["arrival_earliest"]])
    x1 = np.array([date_num(d + DAY) for d in ledger["arrival_latest"]])
    x = (x0 + x1) / 2
    low = ledger["people_low"].astype("Float64")
    high = ledger["people_high"].astype("Float64").fillna(low)
    size = low.fillna(ledger["ice_air_people"].astype("Float64"))
    for match, (label, colour, marker) in MATCH_STYLES.items():
        here = (ledger["match"] == match).to_numpy()
        known = here & size.notna().to_numpy()
        unknown = here & size.isna().to_numpy()
        ax.vlines(
            x[known],
            low[known].fillna(size[known]),
            high[known].fillna(size[known]),
            color=colour,
            lw=3,
        )
        ax.hlines(size[known], x0[known], x1[known], color=colour, lw=1.5)
        ax.scatter(x[known], size[known], color=colour, marker=marker, s=36, label=label, zorder=3)
        if unknown.any():
            ax.hlines(np.zeros(unknown.sum()), x0[unknown], x1[unknown], color=colour, lw=4)
            ax.scatter(
                x[unknown],
                np.zeros(unknown.sum()),
                facecolors="white",
                edgecolors=colour,
                marker=marker,
                s=46,
                zorder=3,
                label=f"{label}: size not found",
            )
    date_axis(ax, start, end, years=2 if (end - start).days > 3650 else 1)
    ax.set_ylim(-3, max(float(np.nanmax(size.fillna(0).to_numpy())), 1) * 1.15 + 3)
    ax.set_ylabel("people in the group")
    ax.set_xlabel("arrival in Phnom Penh")
    ax.set_title("Every group of deportees reported arriving, and ICE Air's missions")
    ax.legend(loc="upper left", fontsize=8.5, frameon=False)
    return fig


def flights_by_fiscal_year(
    by_year: pd.DataFrame, first: int | None = None, last: int | None = None
):
    """Per fiscal year: ICE's and DHS's removals as bars, the people in the reported groups as
    a bar from its lower to its upper bound (an arrow where a size was not found)."""
    years = by_year
    if first is not None:
        years = years[years["fiscal_year"] >= first]
    if last is not None:
        years = years[years["fiscal_year"] <= last]
    x = years["fiscal_year"].to_numpy()
    fig, ax = plt.subplots(figsize=(12, 5))
    ice = years["ice_removals"].astype("Float64").fillna(0).to_numpy()
    dhs = years["dhs_removals"].astype("Float64").fillna(0).to_numpy()
    ax.bar(
        x - 0.22,
        dhs,
        width=0.4,
        color="none",
        edgecolor="0.3",
        hatch="///",
        label="DHS: all removals",
    )
    ax.bar(x + 0.22, ice, width=0.4, color="C0", alpha=0.35, label="ICE removals")
    low = years["reported_people_low"].astype("Float64").to_numpy()
    high = years["reported_people_high"].astype("Float64")
    open_high = high.isna().to_numpy()
    high = high.fillna(years["reported_people_low"].astype("Float64")).to_numpy()
    ax.vlines(x, low, high, color="C1", lw=6, label="people in the reported groups (bounds)")
    ax.scatter(x, low, color="C1", marker="_", s=120, zorder=3)
    if open_high.any():
        ax.scatter(
            x[open_high],
            high[open_high] + 3,
            color="C1",
            marker="^",
            s=40,
            zorder=3,
            label="a reported group's size not found",
        )
    ax.set_xticks(x, [f"FY{y}" for y in x], rotation=45, ha="right")
    ax.set_ylabel("people")
    ax.set_title("People in the reported groups against official removals, by fiscal year")
    ax.legend(loc="upper left", fontsize=8.5, frameon=False)
    return fig


def cumulative_against_official(running: pd.DataFrame, counts: pd.DataFrame, start=None, end=None):
    """The running sum of official removals (from its first fiscal year) as steps at each
    fiscal year's end, and every cumulative count since 2002 as a bar across its as-of
    interval at its bounds, coloured by origin."""
    fig, ax = plt.subplots(figsize=(12, 5.5))
    ends = [date_num(d + DAY) for d in running["fy_end"]]
    ax.step(
        ends,
        running["running_total"],
        where="post",
        color="0.25",
        lw=1.6,
        label=f"sum of official removals from FY{running['fiscal_year'].min()}",
    )
    for origin, colour in (("reference", "C2"), ("corpus", "C4")):
        here = counts[counts["origin"] == origin]
        if here.empty:
            continue
        x0 = np.array([date_num(d) for d in here["as_of_earliest"]])
        x1 = np.array([date_num(d + DAY) for d in here["as_of_latest"]])
        low = here["value_low"].astype("Float64").to_numpy()
        high = here["value_high"].astype("Float64").fillna(here["value_low"]).to_numpy()
        x = (x0 + x1) / 2
        ax.vlines(x, low, high, color=colour, lw=3)
        ax.hlines(low, x0, x1, color=colour, lw=1.5)
        ax.scatter(
            x,
            low,
            color=colour,
            s=18,
            zorder=3,
            label=f"cumulative counts since 2002 ({origin})",
        )
    first, last = _whole_years(
        min(counts["as_of_earliest"].min(), running["fy_start"].min()),
        max(counts["as_of_latest"].max(), running["fy_end"].max()),
    )
    date_axis(ax, pd.Timestamp(start or first), pd.Timestamp(end or last), years=2)
    tops = [running["running_total"].max(), counts["value_low"].max()]
    ax.set_ylim(0, float(max(t for t in tops if not pd.isna(t))) * 1.2)  # open bounds run off
    ax.set_ylabel("people since 2002")
    ax.set_title("Cumulative counts of the aid groups and the governments, and official removals")
    ax.legend(loc="upper left", fontsize=8.5, frameon=False)
    return fig
