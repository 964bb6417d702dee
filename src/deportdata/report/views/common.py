"""What every theme's views share: labels for organisations and articles, bounds and dates as
text, US fiscal years. Pure functions of frames already loaded; no file is read here."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from deportdata.text.interval import Interval

Tables = Mapping[str, pd.DataFrame]  # clean table name → the frame `load_table` returned

OPEN = "∞"
ACRONYM = re.compile(r"^[A-Z]{2,6}$")
FISCAL_YEAR = "Y-SEP"  # US federal fiscal year N: 1 October of N-1 to 30 September of N


def reporter_names(tables: Tables) -> dict[str, str]:
    """organisation_id → organisation name, as printed in tables.

    Uses: organisations.
    """
    orgs = tables["organisations"]
    return dict(zip(orgs["organisation_id"], orgs["name"], strict=True))


def reporter_labels(tables: Tables) -> dict[str, str]:
    """organisation_id → short label for figure legends.

    The organisation's acronyms among its aliases, oldest name first ("RISC / KVAO",
    "ICE"); organisations without one keep their name.

    Uses: organisations, organisation_aliases.
    """
    labels = reporter_names(tables)
    aliases = tables["organisation_aliases"]
    acronyms = aliases[aliases["alias"].str.fullmatch(ACRONYM.pattern)]
    acronyms = acronyms.sort_values(
        ["organisation_id", "valid_from_earliest", "alias"], na_position="first"
    )
    for org, group in acronyms.groupby("organisation_id", sort=True):
        labels[org] = " / ".join(group["alias"])
    return labels


def reporter_order(tables: Tables) -> list[str]:
    """The labels of every organisation that reports a figure (a claim's or a total's
    reporter), in order of organisation_id: the figures colour a reporter by its place here
    (`plots.palette`), so it has the same colour in every figure of the build.

    Uses: claims, series, organisations, organisation_aliases.
    """
    labels = reporter_labels(tables)
    ids = sorted(set(tables["claims"]["reporter_id"]) | set(tables["series"]["reporter_id"]))
    return [labels[i] for i in ids]


def article_labels(tables: Tables) -> dict[str, str]:
    """article_id → short label for figures: number, outlet and best publication date.

    Uses: articles, organisations, organisation_aliases.
    """
    articles = tables["articles"]
    names = reporter_labels(tables)
    return {
        a: f"{a[:3]} · {names[o]} · {d:%Y-%m-%d}"
        for a, o, d in zip(
            articles["article_id"], articles["outlet"], articles["published_best"], strict=True
        )
    }


def bounds_text(low, high) -> str:
    """Inclusive bounds as text: "[538, 538]", "[561, ∞)"; an empty bound is open."""
    lo = "0" if missing(low) else str(int(low))
    hi = OPEN + ")" if missing(high) else str(int(high)) + "]"
    return f"[{lo}, {hi}"


def days(earliest, latest) -> Interval:
    """The calendar days from `earliest` to `latest` (dates, timestamps or ISO text)."""
    return Interval(pd.Timestamp(earliest).date(), pd.Timestamp(latest).date())


def interval_text(earliest, latest) -> str:
    """A date interval as text: one ISO date when both ends agree, else "a..b"."""
    return str(days(earliest, latest))


def fiscal_year(day) -> int:
    """The US federal fiscal year of a date: FY N runs 1 Oct of N-1 to 30 Sep of N."""
    return pd.Timestamp(day).to_period(FISCAL_YEAR).year


def fiscal_year_bounds(year: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of US fiscal year `year`."""
    period = pd.Period(str(year), freq=FISCAL_YEAR)
    return period.start_time, period.end_time.normalize()


def fiscal_years_text(start, end) -> str:
    """The fiscal years a period touches: "FY2016" or "FY2016–FY2017"."""
    a, b = fiscal_year(start), fiscal_year(end)
    return f"FY{a}" if a == b else f"FY{a}–FY{b}"


def missing(value) -> bool:
    """Whether a cell is empty (None, NaN or pandas' NA)."""
    return value is None or bool(pd.isna(value))


def number(value) -> float | None:
    """A cell as a float, None when empty."""
    return None if missing(value) else float(value)


SHOWN_IDS = 3  # a cell lists at most this many ids, then says how many more


def ids_text(ids, limit: int = SHOWN_IDS) -> str:
    """Ids as one cell: all of them space-separated up to `limit`, else the first `limit` and
    "and N more", so that a cell stays short however many rows share it."""
    ids = [str(i) for i in ids]
    if len(ids) <= limit:
        return " ".join(ids)
    return " ".join(ids[:limit]) + f" and {len(ids) - limit:,} more"


def listed(items, limit: int = 6, sep: str = "; ") -> str:
    """Values as one cell: every one, in order, up to `limit`; beyond that each distinct value
    once, in order of first appearance, with its count ("538 ×100")."""
    items = [str(i) for i in items]
    if len(items) <= limit:
        return sep.join(items)
    counts = pd.Series(items).value_counts(sort=False)
    return sep.join(f"{v} ×{n:,}" if n > 1 else v for v, n in counts.items())


def same_readings(frame: pd.DataFrame, columns, id_column: str) -> pd.DataFrame:
    """One row per reading: the rows equal in every one of `columns` (empty cells equal too)
    are one reading, and the first of them by `id_column` stands for it, with `repeated`
    (how many rows give that reading) and `ids` (their ids, sorted).

    A corpus that grows repeats its figures (several articles print RISC's 538); grouping
    them keeps a table or a figure as long as the distinct readings, not the rows.
    """
    ordered = frame.sort_values(id_column, kind="stable").reset_index(drop=True)
    if ordered.empty:
        return ordered.assign(repeated=pd.Series(dtype="int64"), ids=pd.Series(dtype=object))
    group = ordered.groupby(list(columns), dropna=False, sort=False).ngroup()
    first = ordered.groupby(group, sort=False).head(1)
    ids = ordered.groupby(group, sort=False)[id_column].agg(list)
    out = first.assign(repeated=ids.str.len().to_numpy(), ids=list(ids))
    return out.reset_index(drop=True)
