"""Tables that the notebooks show: small, named, tested functions over the clean tables.

Each function reads the clean tables it needs through `deportdata.io.load` and
returns a DataFrame with sorted rows, ready for `figures.save_table`. Nothing here
writes files; the notebooks save what they show. A notebook's metadata lists the
clean tables its functions read (deportdata.reads), so keep the docstrings'
"Reads:" lines in step with the code.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Sequence

import pandas as pd

from deportdata.config import Project
from deportdata.errors import DeportdataError
from deportdata.io.load import load_table

OPEN = "∞"
ACRONYM = re.compile(r"^[A-Z]{2,6}$")


# --- shared helpers -----------------------------------------------------------------------


def reporter_names(project: Project) -> dict[str, str]:
    """organisation_id → organisation name, as printed in tables.

    Reads: organisations.
    """
    orgs = load_table("organisations", project)
    return dict(zip(orgs["organisation_id"], orgs["name"], strict=True))


def reporter_labels(project: Project) -> dict[str, str]:
    """organisation_id → short label for figure legends.

    The organisation's acronyms among its aliases, oldest name first ("RISC / KVAO",
    "ICE"); organisations without one keep their name.

    Reads: organisations, organisation_aliases.
    """
    labels = reporter_names(project)
    aliases = load_table("organisation_aliases", project)
    acronyms = aliases[aliases["alias"].str.fullmatch(ACRONYM.pattern)]
    acronyms = acronyms.sort_values(
        ["organisation_id", "valid_from_earliest", "alias"], na_position="first"
    )
    for org, group in acronyms.groupby("organisation_id", sort=True):
        labels[org] = " / ".join(group["alias"])
    return labels


def article_labels(project: Project) -> dict[str, str]:
    """article_id → short label for figures: number, outlet and best publication date.

    Reads: articles, organisations, organisation_aliases.
    """
    articles = load_table("articles", project)
    names = reporter_labels(project)
    return {
        a: f"{a[:3]} · {names[o]} · {d:%Y-%m-%d}"
        for a, o, d in zip(
            articles["article_id"], articles["outlet"], articles["published_best"], strict=True
        )
    }


def bounds_text(low, high) -> str:
    """Inclusive bounds as text: "[538, 538]", "[561, ∞)"; an empty bound is open."""
    lo = "0" if _missing(low) else str(int(low))
    hi = OPEN + ")" if _missing(high) else str(int(high)) + "]"
    return f"[{lo}, {hi}"


def interval_text(earliest, latest) -> str:
    """A date interval as text: one ISO date when both ends agree, else "a..b"."""
    a, b = pd.Timestamp(earliest).date().isoformat(), pd.Timestamp(latest).date().isoformat()
    return a if a == b else f"{a}..{b}"


def fiscal_year(day) -> int:
    """The US federal fiscal year of a date: FY N runs 1 Oct of N-1 to 30 Sep of N."""
    day = pd.Timestamp(day)
    return day.year + 1 if day.month >= 10 else day.year


def fiscal_year_bounds(year: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of US fiscal year `year`."""
    return pd.Timestamp(year - 1, 10, 1), pd.Timestamp(year, 9, 30)


def fiscal_years_text(start, end) -> str:
    """The fiscal years a period touches: "FY2016" or "FY2016–FY2017"."""
    a, b = fiscal_year(start), fiscal_year(end)
    return f"FY{a}" if a == b else f"FY{a}–FY{b}"


def _missing(value) -> bool:
    return value is None or bool(pd.isna(value))


def _num(value) -> float | None:
    return None if _missing(value) else float(value)


# --- 01 corpus ----------------------------------------------------------------------------


def corpus_summary(project: Project) -> pd.DataFrame:
    """One row per article: outlet, headline, publication interval (coded, and narrowed by the
    dated constraints of its rows), what cleaning removed."""
    articles = load_table("articles", project)
    outlets = load_table("organisations", project).set_index("organisation_id")["name"]
    frame = pd.DataFrame(
        {
            "article_id": articles["article_id"],
            "outlet": articles["outlet"].map(outlets),
            "headline": articles["headline"],
            "published_earliest": articles["published_earliest"].dt.date,
            "published_latest": articles["published_latest"].dt.date,
            "published_narrowed_earliest": articles["published_narrowed_earliest"].dt.date,
            "published_narrowed_latest": articles["published_narrowed_latest"].dt.date,
            "published_narrowed_by": articles["published_narrowed_by"].fillna(""),
            "published_basis": articles["published_basis"],
            "raw_chars": articles["raw_chars"],
            "residue_removed": articles["residue_removed"],
            "chars_removed": articles["raw_chars"] - articles["clean_chars"],
        }
    )
    return frame.sort_values(["published_earliest", "article_id"]).reset_index(drop=True)


# --- 02 claims ----------------------------------------------------------------------------


def claims_table(project: Project) -> pd.DataFrame:
    """Every coded claim with its reporter's name, bounds, as-of interval and verbatim quote.

    Reads: claims, organisations, organisation_aliases.
    """
    claims = load_table("claims", project)
    names = reporter_labels(project)
    frame = pd.DataFrame(
        {
            "claim_id": claims["claim_id"],
            "article_id": claims["article_id"],
            "kind": claims["kind"],
            "reporter": claims["reporter_id"].map(names),
            "value_text": claims["value_text"],
            "qualifier": claims["qualifier"],
            "value": claims["value"],
            "value_low": claims["value_low"],
            "value_high": claims["value_high"],
            "as_of_earliest": claims["as_of_earliest"],
            "as_of_latest": claims["as_of_latest"],
            "quote": claims["quote"],
        }
    )
    return frame.sort_values("claim_id").reset_index(drop=True)


def claims_by_kind(project: Project) -> pd.DataFrame:
    """Per kind of claim: how many claims, from how many reporters, about how many quantities.

    Reads: claims, organisations, organisation_aliases.
    """
    claims = load_table("claims", project)
    names = reporter_labels(project)
    rows = []
    for kind, group in claims.groupby("kind", sort=True):
        reporters = sorted(group["reporter_id"].unique())
        rows.append(
            {
                "kind": kind,
                "claims": len(group),
                "quantities": group["quantity_key"].nunique(),
                "reporters": len(reporters),
                "reporter_names": "; ".join(names[r] for r in reporters),
                "claim_ids": " ".join(sorted(group["claim_id"])),
            }
        )
    frame = pd.DataFrame(rows)
    return frame.sort_values(["claims", "kind"], ascending=[False, True]).reset_index(drop=True)


# --- 03 cumulative totals -----------------------------------------------------------------


def cumulative_series(project: Project) -> pd.DataFrame:
    """Every cumulative total since 2002 (corpus and reference), in as-of order.

    Reads: series, organisations, organisation_aliases.
    """
    series = load_table("series", project)
    names = reporter_labels(project)
    frame = pd.DataFrame(
        {
            "series_row_id": series["series_row_id"],
            "origin": series["origin"],
            "series_id": series["series_id"],
            "reporter_id": series["reporter_id"],
            "reporter": series["reporter_id"].map(names),
            "as_of_earliest": series["as_of_earliest"],
            "as_of_latest": series["as_of_latest"],
            "value_text": series["value_text"],
            "qualifier": series["qualifier"],
            "value_low": series["value_low"],
            "value_high": series["value_high"],
            "source": series["article_id"].fillna(series["url"]),
        }
    )
    return frame.sort_values(["as_of_earliest", "as_of_latest", "series_row_id"]).reset_index(
        drop=True
    )


def pair_verdict(earlier: dict, later: dict) -> tuple[str, str]:
    """Whether a later cumulative total agrees with an earlier one: (verdict, reason).

    `earlier` and `later` hold as_of_earliest, as_of_latest, value_low, value_high and
    value_text. Totals whose as-of intervals overlap have no order: "not comparable".
    Otherwise the later total "break"s when its upper bound is below the earlier lower
    bound (deportdata.checks.cumulative.falling decides), and "agree"s when it is not.
    """
    from deportdata.checks.cumulative import Total, falling

    a_lo, a_hi = pd.Timestamp(earlier["as_of_earliest"]), pd.Timestamp(earlier["as_of_latest"])
    b_lo, b_hi = pd.Timestamp(later["as_of_earliest"]), pd.Timestamp(later["as_of_latest"])
    if not (a_hi < b_lo or b_hi < a_lo):
        return "not comparable", (
            f"as-of intervals overlap ({interval_text(a_lo, a_hi)} and "
            f"{interval_text(b_lo, b_hi)}): which came first is unknown"
        )
    if b_hi < a_lo:
        raise ValueError("pair_verdict: `later` is surely earlier than `earlier`")
    totals = [
        Total(
            "pair",
            a_lo.date().isoformat(),
            a_hi.date().isoformat(),
            _num(earlier["value_low"]),
            _num(earlier["value_high"]),
        ),
        Total(
            "pair",
            b_lo.date().isoformat(),
            b_hi.date().isoformat(),
            _num(later["value_low"]),
            _num(later["value_high"]),
        ),
    ]
    earlier_low = "none" if _missing(earlier["value_low"]) else f"{int(earlier['value_low'])}"
    later_high = OPEN if _missing(later["value_high"]) else f"{int(later['value_high'])}"
    compared = (
        f"later upper bound {later_high} ('{later['value_text']}') {{}} earlier lower bound "
        f"{earlier_low} ('{earlier['value_text']}')"
    )
    if falling(totals)[1] == 0:
        return "break", compared.format("<")
    return "agree", compared.format("≥")


def _pairs(rows: pd.DataFrame, scope_kind: str, scope: str) -> list[dict]:
    rows = rows.sort_values(["as_of_earliest", "as_of_latest", "series_row_id"]).to_dict("records")
    out = []
    for a, b in itertools.pairwise(rows):
        verdict, reason = pair_verdict(a, b)
        out.append(
            {
                "scope_kind": scope_kind,
                "scope": scope,
                "earlier_id": a["series_row_id"],
                "later_id": b["series_row_id"],
                "earlier_reporter": a["reporter"],
                "later_reporter": b["reporter"],
                "earlier_as_of": interval_text(a["as_of_earliest"], a["as_of_latest"]),
                "later_as_of": interval_text(b["as_of_earliest"], b["as_of_latest"]),
                "earlier_value_text": a["value_text"],
                "later_value_text": b["value_text"],
                "earlier_bounds": bounds_text(a["value_low"], a["value_high"]),
                "later_bounds": bounds_text(b["value_low"], b["value_high"]),
                "verdict": verdict,
                "reason": reason,
            }
        )
    return out


def known_issue_ids(project: Project, table: str) -> dict[str, str]:
    """row_id → known-issue ids (space-separated) recorded for rows of `table`; {} without any.

    Reads: known_issues (when it exists).
    """
    issues = known_issues(project)
    if issues.empty or "row_id" not in issues:
        return {}
    if "table" in issues:
        issues = issues[issues["table"] == table]
    return {row: " ".join(sorted(g["issue_id"])) for row, g in issues.groupby("row_id", sort=True)}


def cumulative_pairs(
    project: Project, scopes: Sequence[str] = ("series", "origin", "all")
) -> pd.DataFrame:
    """Consecutive pairs of cumulative totals, each judged agree / break / not comparable.

    Totals are ordered by as-of interval; each is compared with the next one within
    its series ("series"), within its origin, all reporters pooled ("origin"), and
    across both origins ("all"). Pooling shows where different reporters' totals do not
    fit one rising count, which no single series can. A break whose later total has a
    record in known_issues.csv names it (the source printed it; it is kept, not fixed).

    Reads: series, organisations, organisation_aliases, known_issues.
    """
    series = cumulative_series(project)
    out: list[dict] = []
    if "series" in scopes:
        for series_id, group in series.groupby("series_id", sort=True):
            out += _pairs(group, "series", series_id)
    if "origin" in scopes:
        for origin, group in series.groupby("origin", sort=True):
            out += _pairs(group, "origin", origin)
    if "all" in scopes:
        out += _pairs(series, "all", "all")
    columns = [
        "scope_kind",
        "scope",
        "earlier_id",
        "later_id",
        "earlier_reporter",
        "later_reporter",
        "earlier_as_of",
        "later_as_of",
        "earlier_value_text",
        "later_value_text",
        "earlier_bounds",
        "later_bounds",
        "verdict",
        "reason",
        "known_issue",
    ]
    issues = known_issue_ids(project, "series")
    for row in out:
        row["known_issue"] = issues.get(row["later_id"], "") if row["verdict"] == "break" else ""
    return pd.DataFrame(out, columns=columns)


def cumulative_reconciliation(
    project: Project,
    base: str = "C008",
    added: str = "C002",
    compare: Sequence[str] = ("C001", "K005"),
) -> pd.DataFrame:
    """A cumulative total plus a later count over a period, set against later totals.

    `base` is a cumulative claim, `added` a count "since" some month that ends later
    (a claim), `compare` are later totals (claim or reference ids in series.csv). When
    the added period may start before the base total's as-of date, arrivals in the
    overlap may be in both, so the sum is only an upper bound: the total at the end of
    the period lies in [base low, base high + added high]. Each later total is
    compared with that range by its bounds.

    Reads: claims, series, organisations, organisation_aliases.
    """
    claims = load_table("claims", project).set_index("claim_id")
    series = load_table("series", project).set_index("source_id")
    names = reporter_labels(project)
    b, d = claims.loc[base], claims.loc[added]
    if _missing(b["value_low"]) or _missing(b["value_high"]) or _missing(d["value_high"]):
        raise ValueError("cumulative_reconciliation: base and added need finite bounds")
    overlaps = d["period_start_earliest"] <= b["as_of_latest"]
    low = int(b["value_low"]) + (0 if overlaps else int(d["value_low"]))
    high = int(b["value_high"]) + int(d["value_high"])
    rows = [
        {
            "step": "total",
            "id": base,
            "reporter": names[b["reporter_id"]],
            "value_text": b["value_text"],
            "as_of": interval_text(b["as_of_earliest"], b["as_of_latest"]),
            "period": "since 2002",
            "bounds": bounds_text(b["value_low"], b["value_high"]),
            "reading": "cumulative total",
        },
        {
            "step": "plus",
            "id": added,
            "reporter": names[d["reporter_id"]],
            "value_text": d["value_text"],
            "as_of": interval_text(d["as_of_earliest"], d["as_of_latest"]),
            "period": (
                f"{interval_text(d['period_start_earliest'], d['period_start_latest'])} to "
                f"{interval_text(d['period_end_earliest'], d['period_end_latest'])}"
            ),
            "bounds": bounds_text(d["value_low"], d["value_high"]),
            "reading": (
                "its period starts before the total's as-of date, so some may be counted in both"
                if overlaps
                else "its period starts after the total's as-of date"
            ),
        },
        {
            "step": "sum",
            "id": f"{base}+{added}",
            "reporter": "",
            "value_text": f"{b['value_text']} + {d['value_text']}",
            "as_of": interval_text(d["as_of_earliest"], d["as_of_latest"]),
            "period": "since 2002",
            "bounds": bounds_text(low, high),
            "reading": (
                f"between {low} (if all {d['value_text'].lower()} arrived before the total was "
                f"counted) and {high} (if none did): {high} is an upper reading"
                if overlaps
                else "the sum, if both counts are right"
            ),
        },
    ]
    for cid in compare:
        c = series.loc[cid]
        c_low, c_high = _num(c["value_low"]), _num(c["value_high"])
        fits = (c_high is None or c_high >= low) and (c_low is None or c_low <= high)
        rows.append(
            {
                "step": "compare",
                "id": cid,
                "reporter": names[c["reporter_id"]],
                "value_text": c["value_text"],
                "as_of": interval_text(c["as_of_earliest"], c["as_of_latest"]),
                "period": "since 2002",
                "bounds": bounds_text(c["value_low"], c["value_high"]),
                "reading": (
                    f"agrees: its bounds overlap [{low}, {high}]"
                    if fits
                    else f"disagrees: its bounds miss [{low}, {high}]"
                ),
            }
        )
    return pd.DataFrame(rows)


# --- 04 timeline --------------------------------------------------------------------------


def timeline_events(project: Project) -> pd.DataFrame:
    """Every dated event (corpus and reference) and every article's publication interval.

    `lane` is "reference" for context events from outside the corpus, else the
    article_id; `kind` is "event", "deadline" or "publication".

    Reads: events, reference_events, articles, organisations, organisation_aliases.
    """
    events = load_table("events", project)
    reference = load_table("reference_events", project)
    articles = load_table("articles", project)
    names = reporter_labels(project)
    corpus = pd.DataFrame(
        {
            "lane": events["article_id"],
            "id": events["event_id"],
            "kind": events["is_deadline"].map({True: "deadline", False: "event"}),
            "event_type": events["event_type"],
            "date_expression": events["date_expression"],
            "date_earliest": events["date_earliest"],
            "date_latest": events["date_latest"],
            "date_precision": events["date_precision"],
            "date_relation": events["date_relation"],
            "date_basis": events["date_basis"],
            "description": events["description"],
            "occurrence_id": events["occurrence_id"],
        }
    )
    context = pd.DataFrame(
        {
            "lane": "reference",
            "id": reference["ref_event_id"],
            "kind": "event",
            "event_type": reference["event_type"],
            "date_expression": reference["date_text"],
            "date_earliest": reference["date_earliest"],
            "date_latest": reference["date_latest"],
            "date_precision": reference["date_precision"],
            "date_relation": "at",
            "date_basis": reference["basis"],
            "description": reference["description"],
            "occurrence_id": reference["occurrence_id"],
        }
    )
    published = pd.DataFrame(
        {
            "lane": articles["article_id"],
            "id": articles["article_id"],
            "kind": "publication",
            "event_type": "publication",
            "date_expression": articles["published_best"].dt.strftime("%Y-%m-%d"),
            "date_earliest": articles["published_narrowed_earliest"],
            "date_latest": articles["published_narrowed_latest"],
            "date_precision": articles["published_narrowed_precision"],
            "date_relation": "at",
            "date_basis": articles["published_basis"],
            "description": [
                f"{names[o]}: {h}"
                for o, h in zip(articles["outlet"], articles["headline"], strict=True)
            ],
            "occurrence_id": pd.NA,
        }
    )
    frame = pd.concat([context, published, corpus], ignore_index=True)
    order = {"reference": 0}
    frame["_lane"] = frame["lane"].map(lambda lane: order.get(lane, 1))
    frame["_kind"] = frame["kind"].map({"publication": 0, "event": 1, "deadline": 1})
    frame = frame.sort_values(["_lane", "lane", "_kind", "date_earliest", "date_latest", "id"])
    return frame.drop(columns=["_lane", "_kind"]).reset_index(drop=True)


def timeline_occurrences(project: Project) -> pd.DataFrame:
    """One row per real-world event, with the intersection of its mentions' intervals.

    `mentioned_in` names the articles (by number) and "reference" when a context event
    is among the mentions, so a reader sees at once who reports the event.

    Reads: occurrences.
    """
    occurrences = load_table("occurrences", project)

    def sources(row) -> str:
        ids = [] if _missing(row["article_ids"]) else str(row["article_ids"]).split(";")
        names = [a[:3] for a in ids] + (["reference"] if row["in_reference"] else [])
        return "; ".join(names)

    frame = occurrences.assign(mentioned_in=occurrences.apply(sources, axis=1))
    columns = [
        "occurrence_id", "description", "event_type", "date_earliest", "date_latest",
        "date_precision", "mentions", "articles", "mentioned_in", "mention_ids",
    ]  # fmt: skip
    return frame[columns].reset_index(drop=True)


def occurrence_mentions(project: Project) -> pd.DataFrame:
    """Every mention of every occurrence: its id, source (article or reference), the date
    as printed and the interval it resolves to, in the order of `timeline_occurrences`.

    Reads: occurrences, events, reference_events, articles.
    """
    order = {o: n for n, o in enumerate(timeline_occurrences(project)["occurrence_id"])}
    events = timeline_events(project)
    mentions = events[events["kind"] != "publication"].copy()
    mentions["source"] = mentions["lane"]
    mentions["_order"] = mentions["occurrence_id"].map(order)
    mentions = mentions.sort_values(["_order", "lane", "date_earliest", "id"])
    columns = [
        "occurrence_id", "id", "source", "kind", "date_expression", "date_earliest",
        "date_latest", "date_relation", "date_basis",
    ]  # fmt: skip
    return mentions[columns].rename(columns={"id": "mention_id"}).reset_index(drop=True)


# --- 05 official versus reported ----------------------------------------------------------


def removals_by_fiscal_year(project: Project) -> pd.DataFrame:
    """Official removals of Cambodian nationals by US fiscal year, with each year's dates.

    Reads: reference_removals, organisations, organisation_aliases.
    """
    removals = load_table("reference_removals", project)
    names = reporter_labels(project)
    bounds = [fiscal_year_bounds(int(y)) for y in removals["fiscal_year"]]
    frame = pd.DataFrame(
        {
            "ref_id": removals["ref_id"],
            "fiscal_year": removals["fiscal_year"],
            "fy_start": [a for a, _ in bounds],
            "fy_end": [b for _, b in bounds],
            "measure": removals["measure"],
            "removals": removals["removals"],
            "reporter": removals["reporter"].map(names),
            "publisher": removals["publisher"],
            "basis": removals["basis"],
        }
    )
    return frame.sort_values(["fiscal_year", "measure", "ref_id"]).reset_index(drop=True)


def reported_counts(
    project: Project, kinds: Sequence[str] = ("removals_in_period", "arrivals_on_flight")
) -> pd.DataFrame:
    """Counts over a period that the articles report, with the fiscal years the period touches.

    The period runs from period_start_earliest to period_end_latest (its widest
    reading); claims without a period are left out.

    Reads: claims, organisations, organisation_aliases.
    """
    claims = load_table("claims", project)
    names = reporter_labels(project)
    claims = claims[claims["kind"].isin(list(kinds)) & claims["period_start_earliest"].notna()]
    frame = pd.DataFrame(
        {
            "claim_id": claims["claim_id"],
            "kind": claims["kind"],
            "quantity_key": claims["quantity_key"],
            "reporter": claims["reporter_id"].map(names),
            "value_text": claims["value_text"],
            "value_low": claims["value_low"],
            "value_high": claims["value_high"],
            "period_expression": claims["period_expression"],
            "period_start": claims["period_start_earliest"],
            "period_end": claims["period_end_latest"],
            "fiscal_years": [
                fiscal_years_text(a, b)
                for a, b in zip(
                    claims["period_start_earliest"], claims["period_end_latest"], strict=True
                )
            ],
            "quote": claims["quote"],
        }
    )
    return frame.sort_values(["period_start", "claim_id"]).reset_index(drop=True)


def cumulative_differences(project: Project, reporter_id: str = "risc_kvao") -> pd.DataFrame:
    """Arrivals implied by consecutive cumulative totals of one reporter (corpus and reference).

    Two totals whose as-of intervals are surely ordered bound the arrivals between
    them: [later low − earlier high, later high − earlier low] (open when a bound is
    open). A difference is `usable` as a count of arrivals only when both bounds are
    finite and not negative; otherwise `note` says why not.

    Reads: series, organisations, organisation_aliases.
    """
    series = cumulative_series(project)
    series = series[series["reporter_id"] == reporter_id]
    rows = series.sort_values(["as_of_earliest", "as_of_latest", "series_row_id"]).to_dict(
        "records"
    )
    out = []
    for a, b in itertools.pairwise(rows):
        if not a["as_of_latest"] < b["as_of_earliest"]:
            low = high = None
            note = "as-of intervals overlap: no order, no difference"
        else:
            low = None if _missing(a["value_high"]) else int(b["value_low"]) - int(a["value_high"])
            high = (
                None
                if _missing(b["value_high"]) or _missing(a["value_low"])
                else int(b["value_high"]) - int(a["value_low"])
            )
            if low is None or high is None:
                note = "a bound is open: the difference is bounded on one side only"
            elif low < 0:
                note = "the bounds allow a fall: not a count of arrivals (see 03-cumulative)"
            else:
                note = ""
        out.append(
            {
                "earlier_id": a["series_row_id"],
                "later_id": b["series_row_id"],
                "earlier_value_text": a["value_text"],
                "later_value_text": b["value_text"],
                "from_earliest": a["as_of_earliest"],
                "from_latest": a["as_of_latest"],
                "to_earliest": b["as_of_earliest"],
                "to_latest": b["as_of_latest"],
                "fiscal_years": fiscal_years_text(a["as_of_earliest"], b["as_of_latest"]),
                "difference_low": low,
                "difference_high": high,
                "usable": not note,
                "note": note,
            }
        )
    columns = [
        "earlier_id",
        "later_id",
        "earlier_value_text",
        "later_value_text",
        "from_earliest",
        "from_latest",
        "to_earliest",
        "to_latest",
        "fiscal_years",
        "difference_low",
        "difference_high",
        "usable",
        "note",
    ]
    frame = pd.DataFrame(out, columns=columns)
    for column in ("difference_low", "difference_high"):
        frame[column] = frame[column].astype("Int64")
    return frame


# --- 06 discrepancies ---------------------------------------------------------------------


def bounds_overlap(lows: list, highs: list) -> tuple[bool, float | None, float | None]:
    """Whether inclusive bounds share a value, and the common range (None = open)."""
    lo = max((_num(v) or 0.0) for v in lows)
    finite = [_num(v) for v in highs if not _missing(v)]
    hi = min(finite) if finite else None
    return (hi is None or lo <= hi), lo, hi


def _reading(group: pd.DataFrame, names: dict[str, str]) -> tuple[str, str]:
    """(verdict, reading) for claims that share a quantity_key."""
    spans = list(zip(group["as_of_earliest"], group["as_of_latest"], strict=True))
    ordered = any(
        a_hi < b_lo or b_hi < a_lo
        for i, (a_lo, a_hi) in enumerate(spans)
        for (b_lo, b_hi) in spans[i + 1 :]
    )
    reporters = sorted(group["reporter_id"].unique())
    articles = group["article_id"].nunique()
    overlap, lo, hi = bounds_overlap(list(group["value_low"]), list(group["value_high"]))
    who = "; ".join(names[r] for r in reporters)
    if ordered:
        return "different dates", (
            "the figures are true at different dates: a series, not a "
            "disagreement; compared pair by pair in 03-cumulative"
        )
    same = group[["value_low", "value_high"]].astype("string").drop_duplicates().shape[0] == 1
    if same and len(reporters) > 1:
        return "same figure", (
            f"{len(reporters)} reporters give the same figure ({who}); it may "
            "still come from one source passed on"
        )
    if same:
        return "same figure", f"one reporter ({who}), repeated in {articles} articles"
    if overlap:
        common = bounds_text(lo, hi)
        return "compatible", f"the bounds overlap on {common}: all the figures can be true"
    return "disagree", (
        "the bounds do not overlap: at most one figure is right, or they count "
        f"different things ({who})"
    )


def discrepancy_ledger(project: Project, min_claims: int = 2) -> pd.DataFrame:
    """One row per quantity that several claims report, with whether their bounds agree.

    Reads: claims, organisations, organisation_aliases.
    """
    claims = load_table("claims", project)
    names = reporter_labels(project)
    rows = []
    for key, group in claims.groupby("quantity_key", sort=True):
        if len(group) < min_claims:
            continue
        group = group.sort_values("claim_id")
        overlap, lo, hi = bounds_overlap(list(group["value_low"]), list(group["value_high"]))
        verdict, reading = _reading(group, names)
        rows.append(
            {
                "quantity_key": key,
                "kind": "; ".join(sorted(group["kind"].unique())),
                "claim_ids": " ".join(group["claim_id"]),
                "values": "; ".join(group["value_text"]),
                "reporters": "; ".join(names[r] for r in sorted(group["reporter_id"].unique())),
                "articles": group["article_id"].nunique(),
                "as_of": interval_text(group["as_of_earliest"].min(), group["as_of_latest"].max()),
                "bounds_overlap": pd.NA if verdict == "different dates" else overlap,
                "common_bounds": bounds_text(lo, hi)
                if overlap and verdict != "different dates"
                else "",
                "verdict": verdict,
                "reading": reading,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "quantity_key",
            "kind",
            "claim_ids",
            "values",
            "reporters",
            "articles",
            "as_of",
            "bounds_overlap",
            "common_bounds",
            "verdict",
            "reading",
        ],
    )


def discrepancy_claims(project: Project, min_claims: int = 2) -> pd.DataFrame:
    """The claims behind the ledger, one per row, with bounds, the coder's note and the quote.

    Reads: claims, organisations, organisation_aliases.
    """
    claims = load_table("claims", project)
    names = reporter_labels(project)
    sizes = claims.groupby("quantity_key")["claim_id"].transform("size")
    claims = claims[sizes >= min_claims]
    frame = pd.DataFrame(
        {
            "quantity_key": claims["quantity_key"],
            "claim_id": claims["claim_id"],
            "article_id": claims["article_id"],
            "reporter": claims["reporter_id"].map(names),
            "value_text": claims["value_text"],
            "bounds": [
                bounds_text(a, b)
                for a, b in zip(claims["value_low"], claims["value_high"], strict=True)
            ],
            "as_of": [
                interval_text(a, b)
                for a, b in zip(claims["as_of_earliest"], claims["as_of_latest"], strict=True)
            ],
            "note": claims["note"],
            "quote": claims["quote"],
        }
    )
    return frame.sort_values(["quantity_key", "claim_id"]).reset_index(drop=True)


def request_and_acceptance(
    project: Project,
    requested_key: str = "requested_by_us_2017_02",
    accepted_key: str = "accepted_by_cambodia_2017_02",
) -> pd.DataFrame:
    """How many of a request were not accepted, by each reporter of the accepted number.

    One row per (request claim, acceptance claim): requested − accepted, in bounds.

    Reads: claims, organisations, organisation_aliases.
    """
    claims = load_table("claims", project)
    names = reporter_labels(project)
    requested = claims[claims["quantity_key"] == requested_key].sort_values("claim_id")
    accepted = claims[claims["quantity_key"] == accepted_key].sort_values("claim_id")
    rows = []
    for r in requested.to_dict("records"):
        for a in accepted.to_dict("records"):
            low = None if _missing(a["value_high"]) else int(r["value_low"]) - int(a["value_high"])
            high = None if _missing(r["value_high"]) else int(r["value_high"]) - int(a["value_low"])
            rows.append(
                {
                    "requested_id": r["claim_id"],
                    "requested": r["value_text"],
                    "requested_reporter": names[r["reporter_id"]],
                    "accepted_id": a["claim_id"],
                    "accepted": a["value_text"],
                    "accepted_reporter": names[a["reporter_id"]],
                    "accepted_actor": a["actor_id"],
                    "not_accepted": bounds_text(low, high) if low != high else str(low),
                }
            )
    return pd.DataFrame(rows)


# --- 07 data quality ----------------------------------------------------------------------


def validation_results(project: Project) -> dict:
    """reports/validation.json, as written by `deportdata validate`."""
    path = project.validation_results
    if not path.is_file():
        raise DeportdataError(
            "validation results are missing",
            file=project.rel(path),
            hint="run 'deportdata validate'",
        )
    return json.loads(path.read_text(encoding="utf-8"))


def validation_summary(project: Project) -> pd.DataFrame:
    """Rules per suite (one suite per clean table): passed, failed, known issues."""
    summary = pd.DataFrame(
        validation_results(project)["summary"],
        columns=["suite", "rules", "passed", "failed", "known"],
    )
    return summary.sort_values("suite").reset_index(drop=True)


def validation_rules(project: Project) -> pd.DataFrame:
    """Every rule checked, with its class, status, offending rows and known-issue ids."""
    rules = validation_results(project)["rules"]
    frame = pd.DataFrame(
        [
            {
                "suite": r["suite"],
                "rule_id": r["rule_id"],
                "rule_class": r["rule_class"],
                "status": r["status"],
                "offending_rows": len(r.get("rows") or []),
                "known_issues": " ".join(r.get("known_issues") or []),
                "description": r["description"],
            }
            for r in rules
        ],
        columns=[
            "suite",
            "rule_id",
            "rule_class",
            "status",
            "offending_rows",
            "known_issues",
            "description",
        ],
    )
    return frame.sort_values(["suite", "rule_id"]).reset_index(drop=True)


KNOWN_ISSUES_FILE = "known_issues.csv"


def known_issues(project: Project, *, with_status: bool = False) -> pd.DataFrame:
    """The known issues recorded in data/clean/known_issues.csv (empty when there is none).

    With `with_status`, each issue gets `rule_status`: the status in reports/validation.json
    of the rule it explains ("known" while a failure still matches it).

    Reads: known_issues (when it exists).
    """
    path = project.clean / KNOWN_ISSUES_FILE
    if not path.is_file():
        columns = ["issue_id", "rule_id", "row_id", "reason"]
        return pd.DataFrame(columns=[*columns, "rule_status"] if with_status else columns)
    try:
        issues = load_table("known_issues", project)
    except KeyError:  # not (yet) a table of the schema: read it as text
        issues = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])
    issues = issues.copy()
    if with_status and "rule_id" in issues:
        status = {r["rule_id"]: r["status"] for r in validation_results(project)["rules"]}
        issues["rule_status"] = issues["rule_id"].map(lambda rule: status.get(rule, "not checked"))
    first = [c for c in ("issue_id", "rule_id", "row_id") if c in issues]
    issues = issues[first + [c for c in issues.columns if c not in first]]
    return issues.sort_values(first or list(issues.columns[:1])).reset_index(drop=True)


def known_issues_message(project: Project) -> str:
    """One sentence on the known-issue records: how many, or why there are none."""
    path = project.clean / KNOWN_ISSUES_FILE
    if not path.is_file():
        return (
            f"There is no {project.rel(path)} yet, so no failure is explained by a known-issue "
            "record: every failed consistency rule counts as failed."
        )
    n = len(known_issues(project))
    return f"{n} known-issue record{'s' if n != 1 else ''} in {project.rel(path)}."


def mention_coverage(project: Project) -> pd.DataFrame:
    """Per article: numeric mentions coded as claims, ignored with a reason, or uncoded.

    Reads: mentions.
    """
    mentions = load_table("mentions", project)
    statuses = ["claim", "ignored", "uncoded"]
    table = (
        mentions.groupby(["article_id", "status"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=statuses, fill_value=0)
    )
    table = table.sort_index()
    table.loc["all"] = table.sum()
    table["total"] = table[statuses].sum(axis=1)
    table = table.reset_index().rename(columns={"index": "article_id"})
    table.columns.name = None
    return table.astype({c: "int64" for c in [*statuses, "total"]})


def ignored_reasons(project: Project) -> pd.DataFrame:
    """Ignored numeric mentions by reason code, with examples of what was ignored.

    Reads: mentions.
    """
    mentions = load_table("mentions", project)
    ignored = mentions[mentions["status"] == "ignored"]
    rows = [
        {
            "reason_code": code,
            "mentions": len(group),
            "examples": "; ".join(sorted(group["text"].unique())[:6]),
        }
        for code, group in ignored.groupby("reason_code", sort=True)
    ]
    return (
        pd.DataFrame(rows, columns=["reason_code", "mentions", "examples"])
        .sort_values(["mentions", "reason_code"], ascending=[False, True])
        .reset_index(drop=True)
    )
