"""04-timeline: context and publication dates, each article's dated events, and each
real-world event with its mentions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from deportdata.report import figures
from deportdata.report.plots.common import (
    DAY,
    date_axis,
    date_num,
    date_window,
    short,
    wrapped,
    years_title,
)


def _interval(ax, y, earliest, latest, color, *, height=0.5, marker="o", alpha=0.55) -> None:
    """A date interval as a bar (inclusive days) with a marker at its middle."""
    x0, x1 = date_num(earliest), date_num(latest + DAY)
    ax.barh(y, x1 - x0, left=x0, height=height, color=color, alpha=alpha, lw=0)
    ax.plot([(x0 + x1) / 2], [y], marker, color=color, markersize=5, mec="black", mew=0.4)


def timeline_overview(
    timeline: pd.DataFrame,
    labels: Mapping[str, str],
    *,
    overview: Sequence[str] | None = None,
    zoom: Sequence[str] | None = None,
):
    """Context events and publication dates: the `overview` dates (start, end) on the left,
    a zoom on the `zoom` dates on the right.

    `timeline` is `views.timeline_events`' result, `labels` `views.article_labels`'. One
    row per reference event and per article's publication interval; each date is drawn as
    the interval it may lie in. Left out (None), `overview` spans every row's dates and
    `zoom` the articles' publication dates.
    """
    rows = timeline[timeline["kind"] == "publication"]
    rows = pd.concat([timeline[timeline["lane"] == "reference"], rows])
    rows = rows.sort_values(["date_earliest", "date_latest", "id"]).reset_index(drop=True)
    fig, (ax1, ax2) = plt.subplots(
        1, 2, figsize=(13, 7.2), sharey=True, gridspec_kw={"width_ratios": [1, 2.2]}
    )
    overview = date_window(overview, rows["date_earliest"], rows["date_latest"])
    published = rows[rows["kind"] == "publication"]
    published = published if len(published) else rows
    zs, ze = date_window(zoom, published["date_earliest"], published["date_latest"], pad=0.1)
    colors = {"event": "C0", "publication": "C3"}
    markers = {"event": "o", "publication": "D"}
    for y, r in rows.iterrows():
        for ax in (ax1, ax2):
            _interval(
                ax,
                y,
                r["date_earliest"],
                r["date_latest"],
                colors[r["kind"]],
                marker=markers[r["kind"]],
            )
    ticks = [
        f"{labels[r['id']]} published"
        if r["kind"] == "publication"
        else f"{r['id']}  {short(r['description'], 60)}"
        for _, r in rows.iterrows()
    ]
    ax1.set_yticks(range(len(rows)), ticks, fontsize=8.5)
    ax1.set_ylim(len(rows) - 0.5, -0.5)
    date_axis(ax1, overview[0], overview[1], years=4)
    ax1.axvspan(date_num(zs), date_num(ze), color="0.85", alpha=0.5, lw=0)
    ax1.set_title(years_title(*overview))
    date_axis(ax2, zs, ze + DAY, years=1)
    ax2.xaxis.set_minor_locator(mdates.MonthLocator((1, 4, 7, 10)))
    ax2.grid(which="minor", axis="x", color="0.93")
    ax2.set_title(f"Zoom: {zs:%b %Y} – {ze:%b %Y}")
    for ax in (ax1, ax2):
        ax.set_xlabel("Date (bar = every day the date may be)")
    fig.suptitle(
        f"Context events and publication dates, {years_title(*overview)}",
        x=0.01,
        ha="left",
        fontweight="bold",
        fontsize=13,
    )
    handles = [
        Line2D([], [], marker="o", color="C0", ls="", label="context event (reference)"),
        Line2D([], [], marker="D", color="C3", ls="", label="article published"),
    ]
    ax2.legend(handles=handles, loc="upper right", fontsize=8, frameon=True)
    return fig


RELATION_COLORS = {"at": "C0", "since": "C1", "during": "C2", "until": "C3"}


def _article_rows(timeline: pd.DataFrame, labels: Mapping[str, str], s: pd.Timestamp):
    """The layout of the per-article figure: (height, ticks, blocks, placed).

    ticks are (y, text, is_header); blocks (header y, last y, publication row); placed
    (y, event row, before `s`, publication row).
    """
    published = timeline[timeline["kind"] == "publication"].sort_values("date_earliest")
    y, ticks, blocks, placed = 0.0, [], [], []
    for _, pub in published.iterrows():
        events = timeline[(timeline["lane"] == pub["lane"]) & (timeline["kind"] != "publication")]
        events = events.sort_values(["date_earliest", "date_latest", "id"])
        header = y
        ticks.append((y, labels[pub["lane"]], True))
        y += 1
        # mentions of one real-world event in the article share a row
        for _, group in events.groupby("occurrence_id", sort=False):
            ev = group.iloc[0]
            early = group["date_latest"].max() < s
            year = f"{ev['date_earliest']:%Y}"
            when = f" ({year})" if early and year not in ev["date_expression"] else ""
            ids = ", ".join(group["id"])
            text = wrapped(f"{ids} {ev['date_expression']}{when}: {ev['description']}", 70, 2)
            ticks.append((y, text, False))
            placed += [(y, row, early, pub) for _, row in group.iterrows()]
            y += 1
        blocks.append((header, y - 1, pub))
        y += 0.6
    return y, ticks, blocks, placed


def timeline_articles(
    timeline: pd.DataFrame,
    labels: Mapping[str, str],
    *,
    start: str | None = None,
    end: str | None = None,
):
    """Every dated event each article reports, grouped by article, with its publication interval.

    `timeline` is `views.timeline_events`' result, `labels` `views.article_labels`'.

    Mentions of one real-world event in an article (one occurrence_id) share a row. The
    grey band in each block is the article's (narrowed) publication interval; a "since"
    date carries a thin line on to publication (the state it starts still holds
    then); an event before `start` is pinned to the left edge with its year. `start` or
    `end` left out (None) comes from the data: every event's and publication's dates.
    """
    s, e = date_window([start, end], timeline["date_earliest"], timeline["date_latest"])
    y, ticks, blocks, placed = _article_rows(timeline, labels, s)
    fig, ax = plt.subplots(figsize=(15, 0.4 * y + 2.2))
    for header, last, pub in blocks:
        x0, x1 = date_num(pub["date_earliest"]), date_num(pub["date_latest"] + DAY)
        ax.add_patch(
            Rectangle(
                (x0, header - 0.5),
                max(x1 - x0, 3),
                last - header + 1,
                color="0.6",
                alpha=0.35,
                lw=0,
            )
        )
        ax.plot([(x0 + x1) / 2], [header], "D", color="C7", markersize=6, mec="black", mew=0.4)
    for yy, ev, early, pub in placed:
        color = RELATION_COLORS.get(ev["date_relation"], "C0")
        if early:
            ax.plot([date_num(s)], [yy], "<", color=color, markersize=6, clip_on=False)
            continue
        if ev["date_relation"] == "since":
            ax.plot(
                [date_num(ev["date_latest"] + DAY), date_num(pub["date_earliest"])],
                [yy, yy],
                color=color,
                lw=1.2,
            )
        _interval(
            ax,
            yy,
            max(ev["date_earliest"], s),
            ev["date_latest"],
            color,
            height=0.6,
            marker=">" if ev["kind"] == "deadline" else "o",
        )
    ax.set_yticks([t[0] for t in ticks], [t[1] for t in ticks], fontsize=10, linespacing=1.05)
    for label, (_, _, bold) in zip(ax.get_yticklabels(), ticks, strict=True):
        if bold:
            label.set_fontweight("bold")
            label.set_fontsize(11)
    ax.set_ylim(y - 0.4, -0.8)
    date_axis(ax, s, e + DAY, years=1)
    ax.xaxis.set_minor_locator(mdates.MonthLocator((1, 4, 7, 10)))
    ax.grid(which="minor", axis="x", color="0.93")
    ax.set_xlabel("Date (bar = every day the date may be; grey band = publication interval)")
    ax.set_title(f"Events dated in each article, {s:%b %Y} – {e:%b %Y}")
    handles = [
        Line2D([], [], marker="o", color=c, ls="", label=f"date relation: {r}")
        for r, c in RELATION_COLORS.items()
    ]
    handles += [
        Line2D([], [], marker=">", color=RELATION_COLORS["until"], ls="", label="deadline"),
        Line2D([], [], marker="D", color="C7", ls="", mec="black", label="article published"),
        Line2D([], [], marker="<", color="0.3", ls="", label=f"before {s:%b %Y}"),
    ]
    ax.legend(handles=handles, loc="upper right", fontsize=10, frameon=True, framealpha=0.95)
    return fig


def timeline_occurrences(
    occurrences: pd.DataFrame,
    mentions: pd.DataFrame,
    labels: Mapping[str, str],
    *,
    start: str | None = None,
    end: str | None = None,
):
    """One row per real-world event, drawn once, with each of its mentions beneath it.

    `occurrences`, `mentions` and `labels` are the results of `views.timeline_occurrences`,
    `views.occurrence_mentions` and `views.article_labels`.

    The grey bar is the occurrence's interval (the days every mention allows); each
    mention is a thin line over the days it allows, coloured by the article (or the
    reference table) it is in. An occurrence before `start` is pinned to the left edge.
    `start` or `end` left out (None) comes from the data: every occurrence's dates.
    """
    sources = [*sorted(set(mentions["source"]) - {"reference"}), "reference"]
    colors = dict(zip(sources[:-1], figures.colors(len(sources) - 1), strict=True))
    colors["reference"] = "0.35"
    s, e = date_window([start, end], occurrences["date_earliest"], occurrences["date_latest"])
    # laid out at the resolution it is saved at: text measured at another dpi overflows
    fig, ax = plt.subplots(
        figsize=(13, 0.3 * len(occurrences) + 2.4), dpi=plt.rcParams["savefig.dpi"]
    )
    ticks = []
    for y, occ in occurrences.iterrows():
        own = mentions[mentions["occurrence_id"] == occ["occurrence_id"]]
        ids = ", ".join(own["mention_id"])
        text = str(occ["description"])  # cut with "..." (the ellipsis glyph is mis-measured)
        text = text if len(text) <= 48 else text[:45].rstrip() + "..."
        ticks.append(f"{text}  [{ids}]")
        if occ["date_latest"] < s:
            ax.plot([date_num(s)], [y], "<", color="0.3", markersize=6, clip_on=False)
            ax.annotate(
                f"{occ['date_earliest']:%Y}", (date_num(s), y), xytext=(6, -3),
                textcoords="offset points", fontsize=7, color="0.3",
            )  # fmt: skip
            continue
        x0, x1 = date_num(max(occ["date_earliest"], s)), date_num(occ["date_latest"] + DAY)
        ax.barh(y, max(x1 - x0, 2), left=x0, height=0.8, color="0.75", alpha=0.6, lw=0)
        step = 0.56 / max(len(own) - 1, 1)
        offsets = [0.0] if len(own) == 1 else [-0.28 + step * i for i in range(len(own))]
        for off, (_, m) in zip(offsets, own.iterrows(), strict=True):
            m0, m1 = date_num(max(m["date_earliest"], s)), date_num(m["date_latest"] + DAY)
            ax.plot([m0, max(m1, m0 + 1)], [y + off, y + off], color=colors[m["source"]], lw=1.6)
            ax.plot([(m0 + m1) / 2], [y + off], "o", color=colors[m["source"]], markersize=3.5)
    ax.set_yticks(range(len(occurrences)), ticks, fontsize=7.5)
    ax.set_ylim(len(occurrences) - 0.4, -0.6)
    date_axis(ax, s, e + DAY, years=1)
    ax.xaxis.set_minor_locator(mdates.MonthLocator((1, 4, 7, 10)))
    ax.grid(which="minor", axis="x", color="0.93")
    ax.set_xlabel("Date (grey bar = days every mention allows; line = days one mention allows)")
    ax.set_title(
        f"Real-world events and their mentions, {s:%b %Y} – {e:%b %Y} "
        f"({len(occurrences)} events, {len(mentions)} mentions)"
    )
    handles = [Patch(color="0.75", alpha=0.6, label="event (intersection of its mentions)")]
    handles += [
        Line2D([], [], marker="o", color=colors[k], markersize=4,
               label="reference event" if k == "reference" else labels[k])
        for k in sources
    ]  # fmt: skip
    handles.append(Line2D([], [], marker="<", color="0.3", ls="", label=f"before {s:%b %Y}"))
    ax.legend(handles=handles, loc="upper right", fontsize=7.5, frameon=True, framealpha=0.95)
    return fig
