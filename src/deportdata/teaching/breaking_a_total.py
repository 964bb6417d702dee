"""Lesson 3, breaking a cumulative total (notebooks/teaching/03-breaking-a-total.ipynb): the
pooled check on the real series, one wrong digit that makes a total fall, the smallest
figure that passes, and the known-issue record that would explain it."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pandas as pd

from deportdata.checks.cumulative import Total, falling, totals_of
from deportdata.config import Project
from deportdata.io.load import load_table
from deportdata.schema import load_schema
from deportdata.teaching.checking import (
    Exercise,
    Hint,
    as_day,
    as_tuple,
    is_blank,
    not_a_count,
    table_row,
)

BREAK = ("corpus:C016", 368)  # one wrong digit: KVAO's 768 (January 2020) becomes 368
PER_REPORTER_RULE = "series.cumulative_not_falling"
POOLED_RULE = "series.cumulative_not_falling_pooled"
CUMULATIVE_EXPECTATION = "expect_cumulative_totals_not_to_fall"  # as in checks/gxrules.py


def totals(series: pd.DataFrame, group: str = "series_id") -> list[Total]:
    """The rows of a series table as `Total`s for `checks.cumulative.falling`, by `group`."""
    return totals_of(series, group)


def lower_total(series: pd.DataFrame, row_id: str, value: int) -> pd.DataFrame:
    """A copy of the series with one total replaced by an exact `value` (original untouched)."""
    broken = series.copy()
    row = broken["series_row_id"] == row_id
    if not row.any():
        raise KeyError(f"no series row {row_id!r}")
    broken.loc[row, ["value_text", "qualifier"]] = [str(value), "exact"]
    broken.loc[row, ["value", "value_low", "value_high"]] = value
    return broken


def cumulative_rules(project: Project) -> dict[str, str]:
    """rule_id → the column grouping the totals, per cumulative rule in expectations/series.json."""
    suite = json.loads((project.expectations / "series.json").read_text(encoding="utf-8"))
    return {
        e["meta"]["rule_id"]: e["kwargs"]["column_list"][0]
        for e in suite["expectations"]
        if e["type"] == CUMULATIVE_EXPECTATION
    }


def falls(series: pd.DataFrame, rule_id: str, project: Project) -> list[tuple[str, str]]:
    """(falling row, earlier row it falls below) for every row the rule names, as series_row_ids."""
    ids = list(series["series_row_id"])
    below = falling(totals(series, cumulative_rules(project)[rule_id]))
    return [(ids[i], ids[j]) for i, j in enumerate(below) if j is not None]


def _series(project: Project, *, broken: bool = False) -> pd.DataFrame:
    series = load_table("series", project)
    return lower_total(series, *BREAK) if broken else series


def next_issue_id(project: Project) -> str:
    """The next free issue_id in data/raw/known_issues.csv (I001, I002, ...)."""
    used = load_table("known_issues", project)["issue_id"]
    return f"I{max((int(i[1:]) for i in used), default=0) + 1:03d}"


def _ids(answer: Any) -> set[str]:
    return {answer} if isinstance(answer, str) else {str(a) for a in answer}


def _judge_pooled(answer: Any, expected: set[str], project: Project) -> str | None:
    given = _ids(answer)
    if given == expected:
        return None
    pairs = dict(falls(_series(project), POOLED_RULE, project))
    known = set(_series(project)["series_row_id"])
    if given - known:
        return (
            f"{', '.join(sorted(given - known))} is not a series_row_id; they look like "
            f"{min(known)!r}."
        )
    if given & set(pairs.values()):
        return (
            f"{', '.join(sorted(given & set(pairs.values())))} is the earlier total; "
            "falling() names the later total that drops below it."
        )
    return (
        "run falling() on the totals grouped by origin and list the rows whose entry is not None."
    )


def _judge_broken(answer: Any, expected: tuple[str, str], project: Project) -> str | None:
    pair = as_tuple(answer)
    if pair is None:
        return (
            'give two series_row_ids: ("<the row that falls>", "<the earlier row it falls below>").'
        )
    if tuple(pair) == expected:
        return None
    if tuple(pair) == expected[::-1]:
        return "the other way round: first the later total that falls, then the earlier one."
    if pair[0] != expected[0]:
        return f"{pair[0]!r} does not fall under {PER_REPORTER_RULE}; which row did we lower?"
    return (
        f"{pair[0]} is right, but it does not fall below {pair[1]!r}: look at the index "
        "that falling() gives for it."
    )


def _smallest(project: Project) -> int:
    """The smallest exact figure the broken row can take without failing the per-reporter rule."""
    series = _series(project, broken=True)
    earlier = dict(falls(series, PER_REPORTER_RULE, project))[BREAK[0]]
    return int(series.loc[series["series_row_id"] == earlier, "value_low"].iloc[0])


def _judge_smallest(answer: Any, expected: int, project: Project) -> str | None:
    if hint := not_a_count(answer, "your answer"):
        return hint
    if answer == expected:
        return None
    fails = falls(lower_total(_series(project), BREAK[0], answer), PER_REPORTER_RULE, project)
    if any(row == BREAK[0] for row, _ in fails):
        return f"with {answer} the row still falls: it must not be below the earlier lower bound."
    if answer == expected + 1:
        return (
            f"{answer} passes, but so does a smaller figure: a total equal to an earlier one "
            "does not fall, the rule fails only when the later upper bound is strictly below "
            "the earlier lower bound."
        )
    return f"{answer} passes, but it is not the smallest figure that does."


def _solve_record(project: Project) -> dict[str, str]:
    row_id, value = BREAK
    return {
        "issue_id": next_issue_id(project),
        "table": "series",
        "rule_id": PER_REPORTER_RULE,
        "row_id": row_id,
        "quote": f"brought the total number of deportees from the US to {value}",
        "reason": (
            f"The total printed is below the earlier {_smallest(project)} of the same "
            "reporter; the source printed it, so it is kept as printed."
        ),
        "url": _source_url(row_id, project),
        "recorded_on": date.today().isoformat(),
        "note": "",
    }


def _source_url(row_id: str, project: Project) -> str:
    """The URL of the source that printed a series row (its article's URL for corpus rows)."""
    row = table_row("series", "series_row_id", row_id, project)
    if not is_blank(row["url"]):
        return row["url"]
    return table_row("articles", "article_id", row["article_id"], project)["url"]


def _judge_record(answer: Any, expected: dict[str, str], project: Project) -> str | None:
    if not isinstance(answer, dict):
        return 'give a dict: {"issue_id": ..., "table": ..., ...}, one key per column.'
    columns = load_schema().table("raw", "known_issues").columns
    missing, extra = set(columns) - set(answer), set(answer) - set(columns)
    if missing or extra:
        return (
            f"the keys must be the columns of data/raw/known_issues.csv ({', '.join(columns)})"
            f"; missing {sorted(missing)}, unexpected {sorted(extra)}."
        )
    empty = [c for c, col in columns.items() if col.required and not str(answer[c] or "").strip()]
    if empty:
        return f"{', '.join(empty)} must be filled in (a reviewer reads every one)."
    used = set(load_table("known_issues", project)["issue_id"])
    if not re.fullmatch(r"I\d{3,}", answer["issue_id"]) or answer["issue_id"] in used:
        return (
            f"issue_id must have the form I001 and be new: the ids taken are in "
            f"data/raw/known_issues.csv ({', '.join(sorted(used))})."
        )
    if answer["table"] != expected["table"]:
        return (
            "table names the clean table the rule checks: the suite's file name in "
            "expectations/ says which."
        )
    failing = {
        r
        for r in cumulative_rules(project)
        if any(row == BREAK[0] for row, _ in falls(_series(project, broken=True), r, project))
    }
    if answer["rule_id"] not in failing:
        return (
            f"rule_id must be a rule that fails on this row: one of {sorted(failing)} "
            "(see meta.rule_id in expectations/series.json)."
        )
    if answer["rule_id"] != expected["rule_id"]:
        return (
            f"{answer['rule_id']!r} fails on this row too, but the exercise asks for the rule "
            "that compares a reporter with itself (read the descriptions in "
            "expectations/series.json); each failing rule needs its own record."
        )
    if answer["row_id"] != expected["row_id"]:
        return (
            "row_id is the row that falls, not the earlier total it falls below (the "
            "failure names both: the row, and the one in falls_below)."
        )
    if str(BREAK[1]) not in answer["quote"]:
        return f"the quote is what the source printed, so it contains the figure {BREAK[1]}."
    if answer["url"] != expected["url"]:
        return (
            "url is the address of the article that printed the total: find its article_id "
            "in series.csv, then its url in articles.csv."
        )
    try:
        as_day(answer["recorded_on"])
    except Hint as exc:
        return f"recorded_on is today's date written 'YYYY-MM-DD': {exc}"
    if len(answer["reason"].split()) < 5:
        return "write the reason in a sentence or two: why the row breaks the rule, why it is kept."
    return None


def _explain_record(expected: dict[str, str]) -> str:
    return (
        f"this record matches the failure of its rule on {expected['row_id']}, so validate "
        "would report it as a known issue instead of failing the build."
    )


EXERCISES: dict[str, Exercise] = {
    "3.1": Exercise(
        "the pooled check on the real series",
        lambda p: {row for row, _ in falls(_series(p), POOLED_RULE, p)},
        _judge_pooled,
        lambda e: f"{', '.join(sorted(e))} falls; data/raw/known_issues.csv explains why.",
        lambda e: next(iter(e)) if len(e) == 1 else sorted(e),
    ),
    "3.2": Exercise(
        "which row falls after the break",
        lambda p: next(
            f for f in falls(_series(p, broken=True), PER_REPORTER_RULE, p) if f[0] == BREAK[0]
        ),
        _judge_broken,
        lambda e: f"{e[0]} falls below the earlier total {e[1]}.",
    ),
    "3.3": Exercise(
        "the smallest figure that passes",
        _smallest,
        _judge_smallest,
        lambda e: f"{e}: equal to the earlier lower bound, so the total does not fall.",
    ),
    "3.4": Exercise(
        "a known-issue record",
        _solve_record,
        _judge_record,
        _explain_record,
    ),
}
