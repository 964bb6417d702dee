"""The flight ledger (flights.csv): every reported arrival group, matched with ICE Air missions.

A group is the reference rows sharing a flight_key (reference/arrival_groups.csv) joined by the
corpus claims of kind arrivals_on_flight whose flight date meets the group's arrival interval;
each group is matched with the ICE Air mission that left 0 to 3 days before it arrived, and a
mission no report mentions is a group of its own. The rules are pure functions of rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from deportdata.clean.context import Context
from deportdata.text.interval import Interval, columns
from deportdata.text.numbers import NumberConventions, parse_number

Row = dict[str, object]

FLIGHT_CLAIM_KIND = "arrivals_on_flight"  # the corpus claims that count the people on a flight
MISSION_LEAD_DAYS = 3  # a mission matches an arrival 0 to 3 days after its date
UNREPORTED_ARRIVAL_DAYS = (1, 2)  # a mission no report mentions arrives 1 or 2 days later
NEWS = "news"  # report_kind of a news report (ice_air_data: a group known from ICE's data only)


class AmbiguousFlight(ValueError):
    """A corpus claim's flight date meets the arrival interval of several reference groups."""


def build_reference_arrivals(ctx: Context, numbers: NumberConventions) -> list[Row]:
    """The reference arrival rows with their printed number of people parsed into bounds."""
    out = []
    for row in ctx.raw["reference_arrivals"]:
        parsed = None
        if row["value_text"]:
            parsed = ctx.attempt(
                "reference_arrivals",
                row,
                "value_text",
                lambda r=row: parse_number(r["value_text"], numbers),
            )
        out.append(
            {
                **{k: v for k, v in row.items() if not k.startswith("_")},
                "qualifier": parsed.qualifier if parsed else "",
                "value": parsed.value if parsed else "",
                "value_low": parsed.low if parsed else "",
                "value_high": parsed.high if parsed else "",
            }
        )
    return out


def day(value: object) -> date:
    """An ISO date (or a date) as a date."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def number(value: object) -> int | None:
    """A bound as a whole number; None when empty (unbounded or not found)."""
    return None if value in ("", None) else int(value)


@dataclass
class Group:
    """One real-world arrival group and the reports behind it."""

    flight_id: str
    earliest: date
    latest: date
    references: list[Row] = field(default_factory=list)
    claims: list[Row] = field(default_factory=list)
    mission: Row | None = None

    def widen(self, earliest: date, latest: date) -> None:
        self.earliest, self.latest = min(self.earliest, earliest), max(self.latest, latest)

    def meets(self, earliest: date, latest: date) -> bool:
        return self.earliest <= latest and earliest <= self.latest

    @property
    def news(self) -> list[Row]:
        """The news reports and corpus claims (not the ICE Air data rows)."""
        return [r for r in self.references if r["report_kind"] == NEWS] + self.claims


def claim_days(claim: Row) -> tuple[date, date]:
    """The days of the flight a claim counts: its period when it has one, else its as-of."""
    if claim.get("period_start_earliest") and claim.get("period_end_latest"):
        return day(claim["period_start_earliest"]), day(claim["period_end_latest"])
    return day(claim["as_of_earliest"]), day(claim["as_of_latest"])


def reference_groups(rows: Iterable[Row]) -> list[Group]:
    """The reference rows grouped by flight_key, each group over the hull of its intervals."""
    groups: dict[str, Group] = {}
    for row in rows:
        earliest, latest = day(row["arrival_earliest"]), day(row["arrival_latest"])
        key = str(row["flight_key"])
        if key not in groups:
            groups[key] = Group(key, earliest, latest)
        groups[key].widen(earliest, latest)
        groups[key].references.append(row)
    return list(groups.values())


def join_claims(groups: list[Group], claims: Iterable[Row]) -> list[Group]:
    """Corpus claims of one flight (one quantity_key, else one claim) joined to the reference
    group whose interval they meet, or made a group of their own; AmbiguousFlight when
    they meet several."""
    by_key: dict[str, list[Row]] = {}
    for claim in claims:
        if claim.get("kind") == FLIGHT_CLAIM_KIND:
            by_key.setdefault(str(claim.get("quantity_key") or claim["claim_id"]), []).append(claim)
    out = list(groups)
    for key, members in by_key.items():
        spans = [claim_days(c) for c in members]
        earliest, latest = min(a for a, _ in spans), max(b for _, b in spans)
        meeting = [g for g in groups if g.meets(earliest, latest)]
        if len(meeting) > 1:
            ids = ", ".join(str(c["claim_id"]) for c in members)
            raise AmbiguousFlight(
                f"claims {ids} ({earliest}..{latest}) meet the arrivals of "
                + ", ".join(g.flight_id for g in meeting)
            )
        if meeting:
            meeting[0].claims += members
            meeting[0].widen(earliest, latest)
        else:
            out.append(Group(f"corpus:{key}", earliest, latest, claims=list(members)))
    return out


def mission_fits(group: Group, mission_day: date) -> bool:
    """Whether a mission of that day left 0 to MISSION_LEAD_DAYS days before some arrival day."""
    return group.earliest - timedelta(days=MISSION_LEAD_DAYS) <= mission_day <= group.latest


def match_missions(groups: list[Group], missions: Iterable[Row]) -> list[Group]:
    """Each group (by arrival) given the latest unused mission that fits it; the missions left
    over become groups of their own, arriving 1 or 2 days after the mission."""
    left = sorted(missions, key=lambda m: (day(m["mission_date"]), str(m["mission_id"])))
    for group in sorted(groups, key=lambda g: (g.earliest, g.latest, g.flight_id)):
        fits = [m for m in left if mission_fits(group, day(m["mission_date"]))]
        if fits:
            group.mission = fits[-1]
            left.remove(fits[-1])
    first, last = UNREPORTED_ARRIVAL_DAYS
    extra = [
        Group(
            f"ice_air:{m['mission_id']}",
            day(m["mission_date"]) + timedelta(days=first),
            day(m["mission_date"]) + timedelta(days=last),
            mission=m,
        )
        for m in left
    ]
    return [*groups, *extra]


def fiscal_year(earliest: date, latest: date) -> int | None:
    """The US fiscal year (October to September) of an interval; None when it spans two."""
    years = {d.year + (d.month >= 10) for d in (earliest, latest)}
    return years.pop() if len(years) == 1 else None


def people_bounds(reports: list[Row]) -> tuple[int | None, int | None, bool]:
    """(low, high, disputed) over the reports that give a number: the lowest low, the highest
    high (None when one is unbounded), and whether their printed values differ."""
    pairs = [(number(r.get("value_low")), number(r.get("value_high"))) for r in reports]
    counted = [(low, high) for low, high in pairs if low is not None]
    if not counted:
        return None, None, False
    highs = [high for _, high in counted]
    high = None if None in highs else max(highs)
    return min(low for low, _ in counted), high, len(set(counted)) > 1


def ledger_row(group: Group) -> Row:
    """One row of flights.csv."""
    news = group.news
    low, high, disputed = people_bounds(news)
    mission = group.mission
    match = "ice_air_only" if not news else "matched" if mission else "reported_only"
    sources = sorted(str(r["ref_id"]) for r in group.references)
    sources += sorted(str(c["claim_id"]) for c in group.claims)
    sources += [str(mission["mission_id"])] if mission else []
    year = fiscal_year(group.earliest, group.latest)
    return {
        "flight_id": group.flight_id,
        **columns("arrival", Interval(group.earliest, group.latest)),
        "people_low": "" if low is None else low,
        "people_high": "" if high is None else high,
        "is_count_disputed": disputed,
        "fiscal_year": "" if year is None else year,
        "n_reports": len(news),
        "sources": ";".join(sources),
        "ice_air_mission_id": mission["mission_id"] if mission else "",
        "ice_air_mission_date": day(mission["mission_date"]).isoformat() if mission else "",
        "ice_air_people": mission["people"] if mission else "",
        "match": match,
    }


def ledger(arrivals: list[Row], claims: list[Row], missions: list[Row]) -> list[Row]:
    """The flight ledger's rows, sorted by arrival; AmbiguousFlight as in `join_claims`."""
    groups = match_missions(join_claims(reference_groups(arrivals), claims), missions)
    rows = [ledger_row(g) for g in groups]
    return sorted(rows, key=lambda r: (r["arrival_earliest"], r["arrival_latest"], r["flight_id"]))


def build_flights(ctx: Context, arrivals: list[Row], claims: list[Row]) -> list[Row]:
    """The flight ledger; an ambiguous corpus claim is reported against claims.csv."""
    try:
        return ledger(arrivals, claims, ctx.raw["reference_missions"])
    except AmbiguousFlight as error:
        first = next(r for r in ctx.raw["claims"] if r["kind"] == FLIGHT_CLAIM_KIND)
        ctx.problem(
            "claims",
            first,
            "period_expression",
            f"{error}: one flight cannot be told from another",
            hint="give the claims a period that meets one arrival group only",
        )
        return []
