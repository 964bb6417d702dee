"""The report figures: one function per figure, each returning a matplotlib Figure.

Every figure takes its data from a function in `deportdata.report.views` (so the numbers
drawn are the numbers tabled), has a title and labelled axes with units, and leaves
the source line to `figures.save_figure`. Call `notebook.setup` (or
`figures.use_style`) first for the shared style.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from deportdata.config import Project
from deportdata.report import figures, views

DAY = pd.Timedelta(days=1)
STATUS_COLORS = {"passed": "C2", "known": "C1", "failed": "C3"}
MENTION_COLORS = {"claim": "C0", "ignored": "C7", "uncoded": "C3"}
ORIGIN_MARKERS = {"corpus": "o", "reference": "s"}
BREAK_COLOR = "black"


# --- helpers ------------------------------------------------------------------------------


def palette(keys: Iterable[str]) -> dict[str, tuple]:
    """A colour per key (sorted, so the same keys always get the same colours)."""
    keys = sorted(set(keys))
    return dict(zip(keys, figures.colors(max(len(keys), 1)), strict=False))


def _num(day) -> float:
    """A date as a matplotlib date number."""
    return mdates.date2num(pd.Timestamp(day).to_pydatetime())


def _wrap(text: str, width: int = 28) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def _short(text: str, width: int) -> str:
    text = str(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _wrapped(text: str, width: int, lines: int) -> str:
    """`text` on up to `lines` lines of `width` characters; only what is left over is cut."""
    import textwrap

    parts = textwrap.wrap(str(text), width)
    if len(parts) > lines:
        parts = [*parts[: lines - 1], _short(" ".join(parts[lines - 1 :]), width)]
    return "\n".join(parts)


def _date_axis(ax, start, end, *, years: int = 1, fmt: str = "%Y") -> None:
    ax.set_xlim(_num(start), _num(end))
    ax.xaxis.set_major_locator(mdates.YearLocator(years))
    ax.xaxis.set_major_formatter(mdates.DateFormatter(fmt))


# --- 01 corpus ----------------------------------------------------------------------------


def publication_intervals(project: Project):
    """Each article's publication interval, in days around its best date, with the dates.

    The pale part of a bar is the coded days that joint narrowing excluded (the rows
    whose dated constraints excluded them are named).
    """
    from deportdata.io.load import load_table

    articles = (
        load_table("articles", project)
        .sort_values("published_best", ascending=False)
        .reset_index(drop=True)
    )
    fig, ax = plt.subplots(figsize=(12, 4.5))
    for y, row in articles.iterrows():
        best = row["published_best"]
        lo = (row["published_earliest"] - best).days
        hi = (row["published_latest"] - best).days
        nlo = (row["published_narrowed_earliest"] - best).days
        nhi = (row["published_narrowed_latest"] - best).days
        color = "C0" if row["published_basis"] == "source" else "C1"
        ax.barh(y, hi - lo + 1, left=lo - 0.5, height=0.5, color=color, alpha=0.18)
        ax.barh(y, nhi - nlo + 1, left=nlo - 0.5, height=0.5, color=color, alpha=0.55)
        ax.plot([0], [y], "o", color="black", markersize=5)
        text = f"{row['published_narrowed_earliest']:%d %b %Y} – {row['published_narrowed_latest']:%d %b %Y}"
        if (nlo, nhi) != (lo, hi):
            by = ", ".join(str(row["published_narrowed_by"]).split(";"))
            text += f"\n(coded {row['published_earliest']:%d %b} – {row['published_latest']:%d %b}; narrowed by {by})"
        ax.annotate(text, (hi + 0.8, y), va="center", fontsize=9)
    ax.set_yticks(
        range(len(articles)),
        [
            f"{b:%Y-%m-%d}  {h[:44]}{'…' if len(h) > 44 else ''}"
            for b, h in zip(articles["published_best"], articles["headline"], strict=True)
        ],
    )
    ax.set_xlim(-10, 22)
    ax.set_xlabel("Days from the best publication date (− before, + after)")
    ax.set_title("How well the publication dates are known")
    handles = [plt.Rectangle((0, 0), 1, 1, color=c, alpha=0.55) for c in ("C0", "C1")]
    handles.append(plt.Rectangle((0, 0), 1, 1, color="0.5", alpha=0.18))
    ax.legend(
        handles,
        ["date from a source", "date inferred", "excluded by narrowing"],
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        fontsize=9,
        frameon=False,
    )
    return fig


# --- 02 claims ----------------------------------------------------------------------------


def claims_by_kind(project: Project):
    """Claims per kind, stacked by the reporter they are attributed to."""
    claims = views.claims_table(project)
    counts = claims.groupby(["kind", "reporter"]).size().unstack(fill_value=0)
    counts = counts.loc[sorted(counts.index, key=lambda k: (counts.loc[k].sum(), k))]
    colors = palette(counts.columns)
    fig, ax = plt.subplots(figsize=(10, 5.5))
    left = pd.Series(0, index=counts.index)
    for reporter in sorted(counts.columns):
        ax.barh(
            [k.replace("_", " ") for k in counts.index],
            counts[reporter],
            left=left,
            color=colors[reporter],
            label=_wrap(reporter, 30),
            height=0.65,
            edgecolor="white",
        )
        left = left + counts[reporter]
    ax.set_xlabel("Claims (count)")
    ax.set_ylabel("Kind of claim")
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.set_title("Numeric claims in the five articles, by kind and reporter")
    ax.legend(
        title="Reporter", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False
    )
    return fig


def claim_bounds(project: Project):
    """Every claim's bounds on a log scale: a bar from low to high, a dot at the value.

    An open bound runs to the edge of the axis as an arrow; a lower bound of 0 is
    drawn to the left edge (a log axis has no 0).
    """
    claims = views.claims_table(project).sort_values("claim_id", ascending=False)
    claims = claims.reset_index(drop=True)
    colors = palette(claims["reporter"])
    xmin, xmax = 1, 4000
    fig, ax = plt.subplots(figsize=(12.5, 8))
    ax.set_xscale("log")
    ax.set_xlim(xmin, xmax)
    for y, c in claims.iterrows():
        color = colors[c["reporter"]]
        low = xmin if pd.isna(c["value_low"]) or c["value_low"] == 0 else float(c["value_low"])
        high = xmax if pd.isna(c["value_high"]) else float(c["value_high"])
        if low == high:
            ax.plot([low], [y], "|", color=color, markersize=12, mew=2)
        else:
            ax.plot([low, high], [y, y], color=color, lw=5, alpha=0.45, solid_capstyle="butt")
        for edge, bound in ((xmax, c["value_high"]), (xmin, c["value_low"])):
            if pd.isna(bound) or (edge == xmin and bound == 0):
                start = float(c["value_low"]) if edge == xmax else float(c["value_high"])
                ax.annotate(
                    "",
                    xy=(edge, y),
                    xytext=(start, y),
                    arrowprops={"arrowstyle": "->", "color": color, "lw": 1.5},
                )
        if not pd.isna(c["value"]):
            ax.plot([float(c["value"])], [y], "o", color=color, markersize=6, mec="black", mew=0.5)
    unit = {"rate_limit": ", a month"}
    ax.set_yticks(
        range(len(claims)),
        [
            f"{c['claim_id']}  {_short(c['value_text'], 26)}  ({c['kind'].replace('_', ' ')}"
            f"{unit.get(c['kind'], '')})"
            for _, c in claims.iterrows()
        ],
        fontsize=8.5,
    )
    ax.xaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_ylim(-0.7, len(claims) - 0.3)
    ax.set_xlabel(
        "Persons (log scale); bar = inclusive bounds, dot = best value, arrow = open bound"
    )
    ax.set_title("The bounds of every numeric claim")
    handles = [Patch(color=colors[r], alpha=0.7, label=_wrap(r, 30)) for r in sorted(colors)]
    ax.legend(
        handles=handles,
        title="Reporter",
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        fontsize=8,
        frameon=False,
    )
    return fig


# --- 03 cumulative totals -----------------------------------------------------------------


def _draw_total(ax, row, color, ylim, *, label_text: str | None = None, offset=(4, 3)) -> None:
    """One cumulative total: date interval across, value bounds up, open bound as an arrow.

    A vague amount ("hundreds") is a hatched box over its bounds, without a point.
    """
    x0, x1 = _num(row["as_of_earliest"]), _num(row["as_of_latest"] + DAY)
    xm = (x0 + x1) / 2
    low = float(row["value_low"]) if not pd.isna(row["value_low"]) else ylim[0]
    high = float(row["value_high"]) if not pd.isna(row["value_high"]) else None
    if row["qualifier"] == "vague" and high is not None:
        ax.add_patch(
            Rectangle(
                (x0, low),
                x1 - x0,
                high - low,
                facecolor=color,
                alpha=0.12,
                edgecolor=color,
                hatch="//",
                lw=0.8,
            )
        )
        if label_text:
            ax.annotate(
                f"{label_text}\n({int(low)}–{int(high)})",
                (x0, min(high, ylim[1])),
                xytext=(3, -3),
                textcoords="offset points",
                fontsize=8,
                color="0.15",
                ha="left",
                va="top",
            )
        return
    marker = ORIGIN_MARKERS[row["origin"]]
    face = color if row["origin"] == "corpus" else "white"
    if high is not None and high > low:
        ax.plot([xm, xm], [low, high], color=color, lw=2)
    ax.plot([x0, x1], [low, low], color=color, lw=2.5, solid_capstyle="butt")
    if high is None:
        ax.annotate(
            "",
            xy=(xm, ylim[1]),
            xytext=(xm, low),
            arrowprops={"arrowstyle": "->", "color": color, "lw": 1.5},
        )
    ax.plot([xm], [low], marker, color=color, mfc=face, mec=color, mew=1.6, markersize=7, zorder=5)
    if label_text:
        ax.annotate(
            label_text,
            (xm, low),
            xytext=offset,
            textcoords="offset points",
            fontsize=8,
            color="0.15",
            ha="left" if offset[0] >= 0 else "right",
            va="bottom",
        )


CUMULATIVE_LABEL_OFFSETS = {
    # series_row_id → label offset in points, where the default would collide
    "reference:K003": (6, -11),
    "corpus:C008": (-6, 3),
    "reference:K005": (-6, 4),
    "corpus:C001": (6, -12),
}


def cumulative_series(
    project: Project, zoom_start: str = "2016-10-01", zoom_end: str = "2020-03-01"
):
    """Cumulative deportees since 2002, corpus and reference, each with its date and value bounds.

    Left: 2002–2020; right: a zoom on `zoom_start`..`zoom_end`, where the totals
    crowd. Colours are reporters, filled circles the five articles, open squares the
    reference figures; a hatched box is a vague amount ("hundreds").
    """
    series = views.cumulative_series(project)
    colors = palette(series["reporter"])
    fig, (ax1, ax2) = plt.subplots(
        1, 2, figsize=(12.5, 5.8), gridspec_kw={"width_ratios": [1, 1.5]}
    )
    full = (0, 1050)
    zoom = (480, 800)
    zs, ze = pd.Timestamp(zoom_start), pd.Timestamp(zoom_end)
    for ax, ylim in ((ax1, full), (ax2, zoom)):
        ax.set_ylim(*ylim)
    for _, row in series.iterrows():
        _draw_total(ax1, row, colors[row["reporter"]], full)
        inside = row["as_of_latest"] >= zs and row["as_of_earliest"] <= ze
        if inside:
            _draw_total(
                ax2,
                row,
                colors[row["reporter"]],
                zoom,
                label_text=row["value_text"],
                offset=CUMULATIVE_LABEL_OFFSETS.get(row["series_row_id"], (6, 3)),
            )
    breaks = views.cumulative_pairs(project)
    breaks = breaks[breaks["verdict"] == "break"].drop_duplicates(["earlier_id", "later_id"])
    points = series.set_index("series_row_id")
    for _, pair in breaks.iterrows():
        a, b = points.loc[pair["earlier_id"]], points.loc[pair["later_id"]]
        xa = (_num(a["as_of_earliest"]) + _num(a["as_of_latest"] + DAY)) / 2
        xb = (_num(b["as_of_earliest"]) + _num(b["as_of_latest"] + DAY)) / 2
        ax2.annotate(
            "",
            xy=(xb, float(b["value_high"])),
            xytext=(xa, float(a["value_low"])),
            arrowprops={"arrowstyle": "->", "color": BREAK_COLOR, "lw": 1.2, "ls": ":"},
        )
    for later_id in breaks["later_id"].unique():
        b = points.loc[later_id]
        xb = (_num(b["as_of_earliest"]) + _num(b["as_of_latest"] + DAY)) / 2
        ax2.annotate(
            "break",
            (xb, float(b["value_high"])),
            xytext=(-4, 10),
            textcoords="offset points",
            fontsize=8,
            color=BREAK_COLOR,
            ha="right",
            va="bottom",
            fontweight="bold",
        )
    _date_axis(ax1, "2001-07-01", "2020-12-31", years=3)
    ax1.axvspan(_num(zs), _num(ze), color="0.85", alpha=0.5, lw=0)
    ax1.annotate("zoomed →", (_num(zs), full[1] * 0.96), fontsize=8, color="0.35", ha="right")
    ax1.set_title("2002–2020")
    _date_axis(ax2, zs, ze, years=1)
    ax2.xaxis.set_minor_locator(mdates.MonthLocator((1, 4, 7, 10)))
    ax2.grid(which="minor", axis="x", color="0.93")
    ax2.set_title(f"Zoom: {zs:%b %Y} – {ze:%b %Y}")
    ax1.set_ylabel("Deportees received since 2002 (persons)")
    for ax in (ax1, ax2):
        ax.set_xlabel("Date the total refers to (as-of interval)")
    fig.suptitle(
        "Cumulative deportees since 2002, as reported",
        x=0.01,
        ha="left",
        fontweight="bold",
        fontsize=13,
    )
    reporters = [Patch(color=colors[r], label=_wrap(r, 26)) for r in sorted(colors)]
    origins = [
        Line2D([], [], marker="o", ls="", color="0.3", mfc="0.3", label="in the five articles"),
        Line2D(
            [], [], marker="s", ls="", color="0.3", mfc="white", mew=1.6, label="reference figure"
        ),
        Patch(facecolor="0.7", alpha=0.4, hatch="//", label="vague amount"),
        Line2D([], [], marker=r"$\uparrow$", ls="", color="0.3", label="open upper bound"),
        Line2D(
            [], [], color=BREAK_COLOR, ls=":", label="break: a later total\nbelow an earlier one"
        ),
    ]
    ax1.legend(handles=reporters, title="Reporter", loc="upper left", fontsize=8, framealpha=0.9)
    ax2.legend(
        handles=origins,
        title="Origin",
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        fontsize=8,
        frameon=False,
    )
    return fig


# --- 04 timeline --------------------------------------------------------------------------


def _interval(ax, y, earliest, latest, color, *, height=0.5, marker="o", alpha=0.55) -> None:
    """A date interval as a bar (inclusive days) with a marker at its middle."""
    x0, x1 = _num(earliest), _num(latest + DAY)
    ax.barh(y, x1 - x0, left=x0, height=height, color=color, alpha=alpha, lw=0)
    ax.plot([(x0 + x1) / 2], [y], marker, color=color, markersize=5, mec="black", mew=0.4)


def timeline_overview(
    project: Project, zoom_start: str = "2016-10-01", zoom_end: str = "2020-02-29"
):
    """Context events and publication dates: 2002–2020 on the left, a zoom on the right.

    One row per reference event and per article's publication interval; each date
    is drawn as the interval it may lie in.
    """
    timeline = views.timeline_events(project)
    rows = timeline[timeline["kind"] == "publication"]
    rows = pd.concat([timeline[timeline["lane"] == "reference"], rows])
    rows = rows.sort_values(["date_earliest", "date_latest", "id"]).reset_index(drop=True)
    labels = views.article_labels(project)
    fig, (ax1, ax2) = plt.subplots(
        1, 2, figsize=(13, 7.2), sharey=True, gridspec_kw={"width_ratios": [1, 2.2]}
    )
    zs, ze = pd.Timestamp(zoom_start), pd.Timestamp(zoom_end)
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
        else f"{r['id']}  {_short(r['description'], 60)}"
        for _, r in rows.iterrows()
    ]
    ax1.set_yticks(range(len(rows)), ticks, fontsize=8.5)
    ax1.set_ylim(len(rows) - 0.5, -0.5)
    _date_axis(ax1, "2001-07-01", "2020-12-31", years=4)
    ax1.axvspan(_num(zs), _num(ze), color="0.85", alpha=0.5, lw=0)
    ax1.set_title("2002–2020")
    _date_axis(ax2, zs, ze + DAY, years=1)
    ax2.xaxis.set_minor_locator(mdates.MonthLocator((1, 4, 7, 10)))
    ax2.grid(which="minor", axis="x", color="0.93")
    ax2.set_title(f"Zoom: {zs:%b %Y} – {ze:%b %Y}")
    for ax in (ax1, ax2):
        ax.set_xlabel("Date (bar = every day the date may be)")
    fig.suptitle(
        "Context events and publication dates, 2002–2020",
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


def timeline_articles(project: Project, start: str = "2016-08-01", end: str = "2020-02-29"):
    """Every dated event each article reports, grouped by article, with its publication interval.

    Mentions of one real-world event in an article (one occurrence_id) share a row. The
    grey band in each block is the article's (narrowed) publication interval; a "since"
    date carries a thin line on to publication (the state it starts still holds
    then); an event before `start` is pinned to the left edge with its year.
    """
    timeline = views.timeline_events(project)
    labels = views.article_labels(project)
    published = timeline[timeline["kind"] == "publication"].sort_values("date_earliest")
    s, e = pd.Timestamp(start), pd.Timestamp(end)
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
            text = _wrapped(f"{ids} {ev['date_expression']}{when}: {ev['description']}", 70, 2)
            ticks.append((y, text, False))
            placed += [(y, row, early, pub) for _, row in group.iterrows()]
            y += 1
        blocks.append((header, y - 1, pub))
        y += 0.6
    fig, ax = plt.subplots(figsize=(15, 0.4 * y + 2.2))
    for header, last, pub in blocks:
        x0, x1 = _num(pub["date_earliest"]), _num(pub["date_latest"] + DAY)
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
            ax.plot([_num(s)], [yy], "<", color=color, markersize=6, clip_on=False)
            continue
        if ev["date_relation"] == "since":
            ax.plot(
                [_num(ev["date_latest"] + DAY), _num(pub["date_earliest"])],
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
    _date_axis(ax, s, e + DAY, years=1)
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


def timeline_occurrences(project: Project, start: str = "2016-08-01", end: str = "2020-02-29"):
    """One row per real-world event, drawn once, with each of its mentions beneath it.

    The grey bar is the occurrence's interval (the days every mention allows); each
    mention is a thin line over the days it allows, coloured by the article (or the
    reference table) it is in. An occurrence before `start` is pinned to the left edge.
    """
    occurrences = views.timeline_occurrences(project)
    mentions = views.occurrence_mentions(project)
    labels = views.article_labels(project)
    sources = [*sorted(set(mentions["source"]) - {"reference"}), "reference"]
    colors = dict(zip(sources[:-1], figures.colors(len(sources) - 1), strict=True))
    colors["reference"] = "0.35"
    s, e = pd.Timestamp(start), pd.Timestamp(end)
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
            ax.plot([_num(s)], [y], "<", color="0.3", markersize=6, clip_on=False)
            ax.annotate(
                f"{occ['date_earliest']:%Y}", (_num(s), y), xytext=(6, -3),
                textcoords="offset points", fontsize=7, color="0.3",
            )  # fmt: skip
            continue
        x0, x1 = _num(max(occ["date_earliest"], s)), _num(occ["date_latest"] + DAY)
        ax.barh(y, max(x1 - x0, 2), left=x0, height=0.8, color="0.75", alpha=0.6, lw=0)
        step = 0.56 / max(len(own) - 1, 1)
        offsets = [0.0] if len(own) == 1 else [-0.28 + step * i for i in range(len(own))]
        for off, (_, m) in zip(offsets, own.iterrows(), strict=True):
            m0, m1 = _num(max(m["date_earliest"], s)), _num(m["date_latest"] + DAY)
            ax.plot([m0, max(m1, m0 + 1)], [y + off, y + off], color=colors[m["source"]], lw=1.6)
            ax.plot([(m0 + m1) / 2], [y + off], "o", color=colors[m["source"]], markersize=3.5)
    ax.set_yticks(range(len(occurrences)), ticks, fontsize=7.5)
    ax.set_ylim(len(occurrences) - 0.4, -0.6)
    _date_axis(ax, s, e + DAY, years=1)
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


# --- 05 official versus reported ----------------------------------------------------------


NGO_COLOR, FLIGHT_COLOR = "C1", "C4"
LABEL_BOX = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85}


def official_vs_reported(
    project: Project,
    start: str = "2015-07-01",
    end: str = "2020-04-30",
    reporter_id: str = "risc_kvao",
):
    """Official removals by fiscal year against the counts the articles and the NGO report.

    Each mark spans the period its count covers and stands at the count over that
    whole period (not a rate). Fiscal-year boxes run October–September. Differences
    of the NGO's cumulative totals are drawn only where `views.cumulative_differences`
    finds them usable.
    """
    removals = views.removals_by_fiscal_year(project)
    counts = views.reported_counts(project)
    diffs = views.cumulative_differences(project, reporter_id)
    diffs = diffs[diffs["usable"]]
    ngo = views.reporter_labels(project)[reporter_id]
    fig, ax = plt.subplots(figsize=(12, 6))
    styles = {
        "all_removals": {
            "facecolor": "none",
            "edgecolor": "0.2",
            "hatch": "///",
            "lw": 1.2,
            "ls": "--",
        },
        "ice_removals": {"facecolor": "C0", "edgecolor": "C0", "alpha": 0.3, "lw": 1},
    }
    for _, r in removals.iterrows():
        x0, x1 = _num(r["fy_start"]), _num(r["fy_end"] + DAY)
        ax.add_patch(Rectangle((x0, 0), x1 - x0, r["removals"], **styles[r["measure"]]))
        dhs = r["measure"] == "all_removals"
        ax.annotate(
            f"{r['reporter']} FY{r['fiscal_year']}: {r['removals']}",
            ((x0 + x1) / 2, r["removals"]),
            xytext=(0, -13 if dhs else 3),
            textcoords="offset points",
            ha="center",
            fontsize=8.5,
            color="0.1",
            fontweight="normal" if dhs else "bold",
            bbox=LABEL_BOX if dhs else None,
        )
    for _, group in counts.groupby("quantity_key", sort=True):
        c = group.iloc[0]
        value = float(c["value_low"])
        x0, x1 = _num(c["period_start"]), _num(c["period_end"] + DAY)
        if x1 - x0 <= 2:  # one day: arrivals on one flight
            ax.plot(
                [(x0 + x1) / 2],
                [value],
                "*",
                color=FLIGHT_COLOR,
                markersize=14,
                mec="black",
                mew=0.5,
            )
            who = f"{len(group)} reporters" if len(group) > 1 else group["reporter"].iloc[0]
            ax.annotate(
                f"{c['value_text']} on one flight,\n{c['period_start']:%d %b %Y} ({who})",
                ((x0 + x1) / 2, value),
                xytext=(-9, 0),
                textcoords="offset points",
                ha="right",
                va="center",
                fontsize=8,
                color="0.1",
                bbox=LABEL_BOX,
            )
            continue
        ax.plot([x0, x1], [value, value], color=NGO_COLOR, lw=3.5, solid_capstyle="butt")
        ax.plot([x0, x1], [value, value], "|", color=NGO_COLOR, markersize=10, mew=2)
        who = ", ".join(sorted(group["reporter"]))
        ax.annotate(
            f"{c['value_text']} ({who}: “{c['period_expression']}”)",
            ((x0 + x1) / 2, value),
            xytext=(0, -5),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=8,
            color="0.1",
            bbox=LABEL_BOX,
        )
    for _, d in diffs.iterrows():
        x0, x1 = _num(d["from_latest"] + DAY), _num(d["to_earliest"])
        lo, hi = float(d["difference_low"]), float(d["difference_high"])
        mid = (lo + hi) / 2
        ax.plot([x0, x1], [mid, mid], color=NGO_COLOR, lw=2, ls=(0, (4, 2)))
        ax.plot([_num(d["from_earliest"]), x0], [mid, mid], color=NGO_COLOR, lw=1, ls=":")
        ax.plot([x1, _num(d["to_latest"] + DAY)], [mid, mid], color=NGO_COLOR, lw=1, ls=":")
        if hi > lo:
            ax.plot([(x0 + x1) / 2] * 2, [lo, hi], color=NGO_COLOR, lw=2)
        text = f"{int(lo)}" if lo == hi else f"{int(lo)}–{int(hi)}"
        short = x1 - x0 < 120  # days: label beside the segment, not above it
        ax.annotate(
            f"{text} ({d['earlier_value_text']} → {d['later_value_text']})",
            (_num(d["to_latest"] + DAY) if short else (x0 + x1) / 2, mid if short else hi),
            xytext=(4, 0) if short else (0, 4),
            textcoords="offset points",
            ha="left" if short else "center",
            va="center" if short else "bottom",
            fontsize=8,
            color="0.1",
            bbox=LABEL_BOX,
        )
    top = max([float(removals["removals"].max())] + [float(v) for v in diffs["difference_high"]])
    ax.set_ylim(0, top * 1.15)
    _date_axis(ax, start, end, years=1)
    ax.xaxis.set_minor_locator(mdates.MonthLocator((10,)))
    ax.grid(which="minor", axis="x", color="0.6", ls=":")
    ax.set_xlabel("Date (dotted lines: 1 October, start of a US fiscal year)")
    ax.set_ylabel("Persons counted over the period drawn")
    ax.set_title("Official removals by fiscal year and the counts the articles report")
    handles = [
        Patch(
            facecolor="none",
            edgecolor="0.2",
            hatch="///",
            ls="--",
            label="DHS: all removals\n(Yearbook Table 41)",
        ),
        Patch(facecolor="C0", alpha=0.3, label="ICE removals"),
        Line2D([], [], color=NGO_COLOR, lw=3.5, label=f"{ngo}: count over\na period (article)"),
        Line2D(
            [],
            [],
            color=NGO_COLOR,
            lw=2,
            ls=(0, (4, 2)),
            label=f"difference of two {ngo}\ncumulative totals (dotted:\nas-of uncertainty)",
        ),
        Line2D(
            [],
            [],
            color=FLIGHT_COLOR,
            marker="*",
            ls="",
            markersize=11,
            mec="black",
            mew=0.5,
            label="arrivals on one flight",
        ),
    ]
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False
    )
    return fig


# --- 06 discrepancies ---------------------------------------------------------------------


RELATED_QUANTITIES = (("accepted_by_cambodia_2017_02", "requested_by_us_2017_02"),)


def discrepancy_bounds(
    project: Project,
    exclude_verdicts: Iterable[str] = ("different dates",),
    related: Iterable[tuple[str, str]] = RELATED_QUANTITIES,
):
    """One panel per quantity that several claims report: each claim's bounds, by reporter.

    The shaded band is the range all the claims share, when there is one. `related`
    pairs (quantity_key, other quantity_key) draw the other quantity's claims as a
    dashed line in the first one's panel (the 47 requested beside the 36 and 34 accepted).
    """
    ledger = views.discrepancy_ledger(project)
    ledger = ledger[~ledger["verdict"].isin(list(exclude_verdicts))].reset_index(drop=True)
    claims = views.claims_table(project).set_index("claim_id")
    keys = views.discrepancy_claims(project, min_claims=1).set_index("claim_id")["quantity_key"]
    context = dict(related)
    sizes = [len(ids.split()) for ids in ledger["claim_ids"]]
    colors = palette(
        claims.loc[[i for ids in ledger["claim_ids"] for i in ids.split()], "reporter"]
    )
    fig, axes = plt.subplots(
        len(ledger),
        1,
        figsize=(10, 1.0 + 0.55 * sum(sizes) + 0.75 * len(ledger)),
        gridspec_kw={"height_ratios": [s + 0.8 for s in sizes]},
        squeeze=False,
    )
    for ax, (_, g) in zip(axes[:, 0], ledger.iterrows(), strict=True):
        rows = claims.loc[g["claim_ids"].split()]
        others = claims.loc[keys[keys == context.get(g["quantity_key"], "")].index]
        finite = [
            float(v)
            for v in pd.concat([rows["value_low"], rows["value_high"], others["value"]]).dropna()
        ]
        lo, hi = min(finite), max(finite)
        pad = max((hi - lo) * 0.25, 4)
        xmin, xmax = max(lo - pad, 0), hi + pad
        ax.set_xlim(xmin, xmax)
        overlap, c_lo, c_hi = views.bounds_overlap(
            list(rows["value_low"]), list(rows["value_high"])
        )
        if overlap:
            ax.axvspan(
                c_lo - 0.5, (xmax if c_hi is None else c_hi) + 0.5, color="0.85", lw=0, zorder=0
            )
        for y, (cid, c) in enumerate(rows.iterrows()):
            color = colors[c["reporter"]]
            low = float(c["value_low"])
            high = xmax if pd.isna(c["value_high"]) else float(c["value_high"])
            ax.plot(
                [low - 0.5, high + 0.5],
                [y, y],
                color=color,
                lw=6,
                alpha=0.55,
                solid_capstyle="butt",
            )
            if pd.isna(c["value_high"]):
                ax.annotate(
                    "",
                    xy=(xmax, y),
                    xytext=(low, y),
                    arrowprops={"arrowstyle": "->", "color": color, "lw": 1.5},
                )
            if not pd.isna(c["value"]):
                ax.plot(
                    [float(c["value"])], [y], "o", color=color, mec="black", mew=0.5, markersize=7
                )
            ax.annotate(
                f"  {cid} “{c['value_text']}” ({c['reporter']}, article {c['article_id'][:3]})",
                (xmin, y),
                xytext=(2, 7),
                textcoords="offset points",
                fontsize=8,
                va="bottom",
            )
        for oid, o in others.iterrows():
            ax.axvline(float(o["value"]), color="0.3", ls="--", lw=1.2)
            ax.annotate(
                f"{oid} “{o['value_text']}” {o['kind']} ({o['reporter']})",
                (float(o["value"]), 0),
                xytext=(-4, 7),
                textcoords="offset points",
                ha="right",
                va="bottom",
                fontsize=8,
                color="0.25",
            )
        ax.set_ylim(len(rows) - 0.2, -0.7)
        ax.set_yticks([])
        ax.set_title(f"{g['quantity_key']}: {g['verdict']}", fontsize=10, loc="left")
        ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True, nbins=8))
    axes[-1, 0].set_xlabel(
        "Persons (bar = inclusive bounds, dot = best value, shade = range all share)"
    )
    fig.suptitle(
        "Claims about the same quantity", x=0.01, ha="left", fontweight="bold", fontsize=13
    )
    return fig


# --- 07 data quality ----------------------------------------------------------------------


def quality_rules(project: Project):
    """Validation rules per suite (clean table): passed, known issue, failed."""
    summary = views.validation_summary(project).sort_values("suite", ascending=False)
    summary = summary.reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(10, max(2.8, 1.6 + 0.45 * len(summary))))
    left = pd.Series(0, index=summary.index)
    for status in ("passed", "known", "failed"):
        ax.barh(
            summary["suite"],
            summary[status],
            left=left,
            color=STATUS_COLORS[status],
            label=status,
            height=0.6,
            edgecolor="white",
        )
        left = left + summary[status]
    for y, r in summary.iterrows():
        ax.annotate(
            f"{r['passed']} passed, {r['known']} known, {r['failed']} failed",
            (r["rules"], y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.set_xlim(0, summary["rules"].max() * 1.5 if len(summary) else 1)
    ax.set_ylim(-0.6, len(summary) - 0.4)
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.set_xlabel("Rules (count)")
    ax.set_ylabel("Suite")
    ax.set_title("Validation rules per table (suite)")
    ax.legend(title="Status", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    return fig


def mention_coverage(project: Project):
    """Numeric mentions per article: coded as a claim, ignored with a reason, or uncoded."""
    coverage = views.mention_coverage(project)
    coverage = coverage[coverage["article_id"] != "all"].sort_values("article_id", ascending=False)
    labels = views.article_labels(project)
    fig, ax = plt.subplots(figsize=(10, max(2.8, 1.6 + 0.5 * len(coverage))))
    left = pd.Series(0, index=coverage.index)
    ylabels = [labels.get(a, a) for a in coverage["article_id"]]
    for status, color in MENTION_COLORS.items():
        ax.barh(
            ylabels,
            coverage[status],
            left=left,
            color=color,
            label=status,
            height=0.6,
            edgecolor="white",
        )
        left = left + coverage[status]
    ax.set_xlim(0, max(coverage["total"].max(), 1) * 1.1)
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.set_xlabel("Numeric mentions in the raw text (count)")
    ax.set_ylabel("Article")
    ax.set_title("What accounts for every number in the articles")
    ax.legend(
        title="Mention is", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False
    )
    return fig
