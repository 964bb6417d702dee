"""Joint narrowing: an article's publication interval cut to the days its dated facts allow.

An article's relative date expressions ("on Friday", "yesterday") are resolved against
every day on which it may have appeared. When an outside fact (sourced or inferred,
coded as a constraint with its URL and reason) pins what an expression means, only
some publication days are possible: those on which the expression, resolved against
that single day, can still mean a date the constraint allows. The publication interval
is narrowed to the days every constraint allows; each constraint is then narrowed to
what its expression means on those days, and the two steps repeat until nothing
changes. Every expression of the article is afterwards resolved against the narrowed
interval, so the rows that depend on the publication day follow.

A narrowed interval is the hull of the allowed days (it never drops a day between two
allowed ones), so narrowing never widens the coded interval and never excludes a
publication day on which every constraint holds. When no day fits, the error names
every constraint with the days it allows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date

from deportdata.errors import DeportdataError
from deportdata.text.dates import DateConventions, DateResolveError, resolve
from deportdata.text.interval import Interval

# (expression, publication interval, conventions) → the interval the expression may mean
Resolver = Callable[[str, Interval, DateConventions], Interval]


def resolve_interval(
    expression: str, publication: Interval, conventions: DateConventions | None = None
) -> Interval:
    """The interval `dates.resolve` finds."""
    return resolve(expression, publication.earliest, publication.latest, conventions).interval


@dataclass(frozen=True)
class Constraint:
    """An outside fact about what one date expression of an article means."""

    row_id: str  # the coded row, e.g. E036 or C021
    expression: str  # the date expression as printed, e.g. "on Friday"
    allowed: Interval  # the days the fact allows for the expression's date
    basis: str = ""  # source or inferred
    url: str = ""
    note: str = ""

    def __str__(self) -> str:
        return f"{self.row_id} {self.expression!r} must mean {self.allowed} ({self.basis or 'no basis'})"


@dataclass(frozen=True)
class Narrowing:
    """The coded and the narrowed publication interval, and what narrowed it."""

    coded: Interval
    narrowed: Interval
    narrowed_by: tuple[str, ...]  # row ids of the constraints that excluded a coded day
    constraints: tuple[Constraint, ...]  # each cut to what its expression means on those days
    rounds: int  # passes until nothing changed

    @property
    def is_narrowed(self) -> bool:
        return self.narrowed != self.coded


class NarrowingContradiction(DeportdataError):
    """No publication day lets every constrained expression mean its constrained date."""


def allowed_days(
    constraint: Constraint,
    publication: Interval,
    conventions: DateConventions | None = None,
    resolver: Resolver = resolve_interval,
) -> list[date]:
    """The publication days on which the expression can mean a date the constraint allows.

    A day on which the expression cannot be resolved at all (it would lie wholly after
    publication) is not allowed.
    """
    days = []
    for day in publication:
        try:
            meaning = resolver(constraint.expression, Interval.day(day), conventions)
        except DateResolveError:
            continue
        if meaning.overlaps(constraint.allowed):
            days.append(day)
    return days


def narrow(
    publication: Interval,
    constraints: Iterable[Constraint],
    conventions: DateConventions | None = None,
    resolver: Resolver = resolve_interval,
) -> Narrowing:
    """Narrow `publication` by every constraint, repeating to a fixed point (module doc)."""
    coded, current = publication, publication
    constraints = tuple(constraints)
    excluded: set[str] = set()
    rounds = 0
    while True:
        rounds += 1
        allowed = {c.row_id: allowed_days(c, current, conventions, resolver) for c in constraints}
        common = set(current)
        for days in allowed.values():
            common &= set(days)
        if not common:
            raise NarrowingContradiction(_contradiction(coded, constraints, allowed))
        excluded |= {c.row_id for c in constraints if len(allowed[c.row_id]) < len(current)}
        narrowed = Interval.hull_of(common)
        cut = tuple(_cut(c, narrowed, conventions, resolver) for c in constraints)
        if narrowed == current and cut == constraints:
            break
        current, constraints = narrowed, cut
    by = tuple(sorted(excluded)) if current != coded else ()
    return Narrowing(coded, current, by, constraints, rounds)


def _cut(
    constraint: Constraint,
    publication: Interval,
    conventions: DateConventions,
    resolver: Resolver,
) -> Constraint:
    """The constraint cut to what its expression can mean against `publication`."""
    meaning = resolver(constraint.expression, publication, conventions)
    found = meaning.intersection(constraint.allowed)
    return (
        constraint
        if found is None or found == constraint.allowed
        else replace(constraint, allowed=found)
    )


def _contradiction(
    coded: Interval, constraints: tuple[Constraint, ...], allowed: dict[str, list[date]]
) -> str:
    parts = []
    for c in constraints:
        days = allowed[c.row_id]
        fits = str(Interval.hull_of(days)) if days else "no day"
        parts.append(f"{c} (allows publication on {fits})")
    return f"no publication day in {coded} fits every dated constraint: " + "; ".join(parts)
