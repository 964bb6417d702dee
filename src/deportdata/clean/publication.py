"""Publication intervals narrowed jointly by the dated constraints of each article's rows.

Events carry `date_constraint_*` on their `date_expression`, claims `as_of_constraint_*`
on their `as_of_expression`; both are an outside fact (sourced or inferred) that
`deportdata.text.narrowing` turns into the publication days it allows.
"""

from __future__ import annotations

from deportdata.clean.context import Context, resolve_cached
from deportdata.errors import DeportdataError
from deportdata.text.dates import DateConventions
from deportdata.text.interval import EmptyIntervalError, Interval
from deportdata.text.interval import columns as interval_columns
from deportdata.text.narrowing import Constraint, Narrowing, narrow

# raw table → (id column, expression column, prefix of the constraint columns)
CONSTRAINED = {
    "events": ("event_id", "date_expression", "date_constraint"),
    "claims": ("claim_id", "as_of_expression", "as_of_constraint"),
}


def resolver(expression: str, publication: Interval, conventions: DateConventions) -> Interval:
    """The interval an expression may mean against a publication interval (the clean
    step's one cache, `context.resolve_cached`)."""
    return resolve_cached(expression, publication, conventions).interval


def constraint_of(ctx: Context, table: str, row: dict[str, str]) -> Constraint | None:
    """The row's dated constraint, or None (none coded, or a problem recorded)."""
    id_column, expression_column, prefix = CONSTRAINED[table]
    if not row.get(f"{prefix}_earliest"):
        return None
    if not row.get(expression_column):
        ctx.problem(table, row, f"{prefix}_earliest", f"a {prefix} needs an {expression_column}")
        return None
    try:
        allowed = Interval.of_row(row, prefix)
    except EmptyIntervalError as exc:
        ctx.problem(table, row, f"{prefix}_latest", str(exc))
        return None
    return Constraint(
        row_id=row[id_column],
        expression=row[expression_column],
        allowed=allowed,
        basis=row.get(f"{prefix}_basis") or "",
        url=row.get(f"{prefix}_url") or "",
        note=row.get(f"{prefix}_note") or "",
    )


def narrow_publications(ctx: Context, dates: DateConventions) -> dict[str, Narrowing]:
    """article_id → its narrowing; a contradiction is recorded at the article's row."""
    constraints: dict[str, list[Constraint]] = {}
    for table in CONSTRAINED:
        for row in ctx.raw[table]:
            if row["article_id"] not in ctx.texts:
                continue  # reported as a foreign-key error
            found = constraint_of(ctx, table, row)
            if found is not None and _resolvable(ctx, table, row, found, dates):
                constraints.setdefault(row["article_id"], []).append(found)
                ctx.constraints[(table, found.row_id)] = found
    out = {}
    for row in ctx.raw["articles"]:
        article_id = row["article_id"]
        coded = ctx.coded[article_id]
        try:
            out[article_id] = narrow(coded, constraints.get(article_id, ()), dates, resolver)
        except DeportdataError as error:
            ctx.problem("articles", row, "published_earliest", str(error))
    return out


def _resolvable(
    ctx: Context, table: str, row: dict[str, str], constraint: Constraint, dates: DateConventions
) -> bool:
    """Whether the expression resolves against the coded interval (else the row's own
    resolution reports why, once)."""
    try:
        resolver(constraint.expression, ctx.coded[row["article_id"]], dates)
    except DeportdataError:
        return False
    return True


def constrained(
    ctx: Context, table: str, row: dict[str, str], interval: Interval
) -> tuple[Interval, bool]:
    """(interval, whether a constraint narrowed it): the resolved interval cut to the row's
    constraint; a contradiction is recorded at the constraint's column."""
    _, expression_column, prefix = CONSTRAINED[table]
    constraint = ctx.constraints.get((table, row[CONSTRAINED[table][0]]))
    if constraint is None:
        return interval, False
    narrowed = interval.intersection(constraint.allowed)
    if narrowed is None:
        ctx.problem(
            table,
            row,
            f"{prefix}_earliest",
            f"the constraint {constraint.allowed} contradicts {row[expression_column]!r} "
            f"({interval.earliest}..{interval.latest})",
        )
        return interval, False
    return narrowed, True


def columns(narrowing: Narrowing | None) -> dict[str, object]:
    """The clean articles columns of a narrowing."""
    if narrowing is None:
        return {}
    return {
        **interval_columns("published_narrowed", narrowing.narrowed),
        "published_narrowed_by": ";".join(narrowing.narrowed_by),
    }
