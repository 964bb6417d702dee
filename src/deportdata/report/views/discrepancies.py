"""06-discrepancies: quantities that several claims report, and whether their bounds agree."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from deportdata.report.views.common import (
    Tables,
    bounds_text,
    ids_text,
    interval_text,
    listed,
    missing,
    number,
    reporter_labels,
    same_readings,
)

LISTED = 6  # a ledger cell lists this many ids or values, then summarises the rest


def bounds_overlap(lows: list, highs: list) -> tuple[bool, float | None, float | None]:
    """Whether inclusive bounds share a value, and the common range (None = open)."""
    lo = max((number(v) or 0.0) for v in lows)
    finite = [number(v) for v in highs if not missing(v)]
    hi = min(finite) if finite else None
    return (hi is None or lo <= hi), lo, hi


def _reading(group: pd.DataFrame, names: dict[str, str]) -> tuple[str, str]:
    """(verdict, reading) for claims that share a quantity_key."""
    # some two as-of intervals are disjoint exactly when the latest start is after the
    # earliest end (the intervals pairwise overlap otherwise)
    ordered = group["as_of_earliest"].max() > group["as_of_latest"].min()
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


LEDGER_COLUMNS = [
    "quantity_key", "kind", "claim_ids", "values", "reporters", "articles", "as_of",
    "bounds_overlap", "common_bounds", "verdict", "reading",
]  # fmt: skip


def discrepancy_ledger(tables: Tables, min_claims: int) -> pd.DataFrame:
    """One row per quantity that at least `min_claims` claims report, with whether their
    bounds agree. `claim_ids` and `values` list up to six claims; beyond that, the first six
    ids and each distinct value with its count (every claim is in `discrepancy_claims`).

    Uses: claims, organisations, organisation_aliases.
    """
    claims = tables["claims"]
    names = reporter_labels(tables)
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
                "claim_ids": ids_text(group["claim_id"], LISTED),
                "values": listed(group["value_text"], LISTED),
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
    return pd.DataFrame(rows, columns=LEDGER_COLUMNS)


def discrepancy_claims(tables: Tables, min_claims: int) -> pd.DataFrame:
    """The claims behind the ledger, one per row, with bounds, the coder's note and the quote.

    Uses: claims, organisations, organisation_aliases.
    """
    claims = tables["claims"]
    names = reporter_labels(tables)
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


PANEL_COLUMNS = [
    "quantity_key", "verdict", "role", "claim_id", "repeated", "articles", "kind", "reporter",
    "value_text", "value", "value_low", "value_high",
]  # fmt: skip
# claims of one quantity equal in these are drawn as one bar
PANEL_READING = ["kind", "reporter_id", "value_text", "value", "value_low", "value_high"]


def discrepancy_panels(
    ledger: pd.DataFrame,
    tables: Tables,
    *,
    exclude_verdicts: Iterable[str],
    related: Iterable[Sequence[str]],
) -> pd.DataFrame:
    """What the discrepancy figure draws: one row per reading per panel, in drawing order.

    One panel per row of `ledger` (`discrepancy_ledger`'s result, so the figure shows the
    quantities the tables show) whose verdict is not in `exclude_verdicts`. `role` is
    "claim" for the ledger's claims and "related" for the claims of another quantity drawn
    beside them: `related` pairs (quantity_key, other quantity_key), e.g. the number
    requested beside the numbers accepted. Claims of a quantity that give the same reading
    (kind, reporter, figure and bounds) are one row: `claim_id` is the first of them,
    `repeated` how many there are, `articles` their articles (numbers, or how many when
    more than three).

    Uses: claims, organisations, organisation_aliases.
    """
    claims = tables["claims"]
    names = reporter_labels(tables)
    drawn = ledger[~ledger["verdict"].isin(list(exclude_verdicts))]
    context = {key: other for key, other in related}
    by_key = dict(list(claims.groupby("quantity_key", sort=False)))
    empty = claims.iloc[:0]
    frames = []
    for key, verdict in zip(drawn["quantity_key"], drawn["verdict"], strict=True):
        for role, part in (
            ("claim", by_key.get(key, empty)),
            ("related", by_key.get(context.get(key), empty)),
        ):
            if part.empty:
                continue
            readings = same_readings(part, PANEL_READING, "claim_id")
            frames.append(
                pd.DataFrame(
                    {
                        "quantity_key": key,
                        "verdict": verdict,
                        "role": role,
                        "claim_id": readings["claim_id"],
                        "repeated": readings["repeated"],
                        "articles": [_articles(part, ids) for ids in readings["ids"]],
                        "kind": readings["kind"],
                        "reporter": readings["reporter_id"].map(names),
                        **{
                            k: readings[k]
                            for k in ("value_text", "value", "value_low", "value_high")
                        },
                    },
                    columns=PANEL_COLUMNS,
                )
            )
    if not frames:
        return pd.DataFrame(columns=PANEL_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def _articles(part: pd.DataFrame, ids: list[str]) -> str:
    """The articles of the claims `ids`: their numbers (002 004), or how many when more than 3."""
    articles = sorted(set(part.loc[part["claim_id"].isin(ids), "article_id"]))
    if len(articles) > 3:
        return f"{len(articles):,} articles"
    return ("article " if len(articles) == 1 else "articles ") + ", ".join(a[:3] for a in articles)


REQUEST_READING = ["value_text", "value_low", "value_high", "reporter_id", "actor_id"]


def request_and_acceptance(
    tables: Tables, *, requested_key: str, accepted_key: str
) -> pd.DataFrame:
    """How many of a request were not accepted, by each reporter of the accepted number.

    One row per (request, acceptance) reading: requested − accepted, in bounds. Claims that
    give the same figure from the same reporter and actor are one reading, named by the
    first of them, with how many claims give it (`requested_claims`, `accepted_claims`).

    Uses: claims, organisations, organisation_aliases.
    """
    claims = tables["claims"]
    names = reporter_labels(tables)
    requested = same_readings(
        claims[claims["quantity_key"] == requested_key], REQUEST_READING, "claim_id"
    )
    accepted = same_readings(
        claims[claims["quantity_key"] == accepted_key], REQUEST_READING, "claim_id"
    )
    rows = []
    for r in requested.to_dict("records"):
        for a in accepted.to_dict("records"):
            low = None if missing(a["value_high"]) else int(r["value_low"]) - int(a["value_high"])
            high = None if missing(r["value_high"]) else int(r["value_high"]) - int(a["value_low"])
            rows.append(
                {
                    "requested_id": r["claim_id"],
                    "requested_claims": r["repeated"],
                    "requested": r["value_text"],
                    "requested_reporter": names[r["reporter_id"]],
                    "accepted_id": a["claim_id"],
                    "accepted_claims": a["repeated"],
                    "accepted": a["value_text"],
                    "accepted_reporter": names[a["reporter_id"]],
                    "accepted_actor": a["actor_id"],
                    "not_accepted": bounds_text(low, high) if low != high else str(low),
                }
            )
    return pd.DataFrame(rows)
