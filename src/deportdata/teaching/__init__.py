"""Answer keys and friendly checks for the teaching notebooks in notebooks/teaching/.

Every expected answer is derived from the clean data and the package (the number
parser, the date resolver, the cumulative check), not typed in. `check` prints
"✓ Correct: ..." or "✗ Not yet: <what is off>", says "not answered yet" while an
answer is still None, and never raises, so a notebook with blank answers runs to
the end.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd

from deportdata.checks.cumulative import Total, falling, totals_of
from deportdata.config import Project
from deportdata.io.load import load_table
from deportdata.schema import load_schema
from deportdata.text import dates, numbers
from deportdata.text.rules import Rules

# Lesson 1: from a sentence to a data point
CLAIM_MORE_THAN = "C001"  # "Since 2002, more than 560 Cambodians have been deported ..."
CLAIM_NEGATED = "C010"  # "... they wouldn't send more than 10 a month"
# Lesson 2: relative dates against an uncertain publication date
WIDE_ARTICLE = "004_2a647670bcb548ec"  # published some day from 27 Jan to 4 Feb 2018
EVENT_THURSDAY = "E001"  # "an official said on Thursday" (published 10-12 Aug 2017)
EVENT_FRIDAY = "E036"  # "In a ruling on Friday" (article WIDE_ARTICLE)
EVENT_LATE = "E025"  # "a U.S. federal court ruling late last month"
# Lesson 3: breaking a cumulative total
BREAK = ("corpus:C016", 368)  # one wrong digit: KVAO's 768 (January 2020) becomes 368
PER_REPORTER_RULE = "series.cumulative_not_falling"
POOLED_RULE = "series.cumulative_not_falling_pooled"
CUMULATIVE_EXPECTATION = "expect_cumulative_totals_not_to_fall"  # as in checks/gxrules.py

Judge = Callable[[Any, Any, Project], "str | None"]  # (answer, expected, project) -> hint


class Hint(ValueError):
    """An answer a judge cannot read; its message is the hint, shown as it is."""


@dataclass(frozen=True)
class Exercise:
    """One exercise: its title, how its answer is derived, how an answer is judged."""

    title: str
    solve: Callable[[Project], Any]
    judge: Judge  # a hint saying what is off, or None when the answer is right
    explain: Callable[[Any], str]  # what the right answer means
    shape: Callable[[Any], Any] = lambda expected: expected  # expected → as a student writes it


def check(exercise: str, answer: Any, project: Project | None = None) -> bool:
    """Print whether `answer` solves `exercise` ("1.2"), with a hint if not; True when right."""
    if exercise not in EXERCISES:
        print(f"✗ There is no exercise {exercise!r}; the exercises are {', '.join(EXERCISES)}.")
        return False
    ex = EXERCISES[exercise]
    if answer is None:
        print(
            f"… Exercise {exercise} ({ex.title}) is not answered yet: replace None with your "
            "answer and run the cell again."
        )
        return False
    project = project or Project.find()
    expected = ex.solve(project)
    try:
        hint = ex.judge(answer, expected, project)
    except Hint as exc:
        hint = str(exc)
    except Exception as exc:  # a student's answer of an unexpected shape is a hint, never a crash
        hint = f"could not read that answer ({type(exc).__name__}: {exc})."
    if hint is None:
        print(f"✓ Correct ({exercise}): {ex.explain(expected)}")
        return True
    print(f"✗ Not yet ({exercise}): {hint}")
    return False


def solution(exercise: str, project: Project | None = None) -> Any:
    """The answer to an exercise as a student would write it, derived from the data."""
    ex = EXERCISES[exercise]
    return ex.shape(ex.solve(project or Project.find()))


# ---------------------------------------------------------------- shared helpers


def _row(table: str, key: str, value: str, project: Project) -> dict[str, Any]:
    frame = load_table(table, project)
    return frame[frame[key] == value].iloc[0].to_dict()


def _day(value: Any) -> date:
    """A date from 'YYYY-MM-DD', a date or a pandas Timestamp; Hint for anything else."""
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise Hint(
                f"{value!r} has the form YYYY-MM-DD but is not a day of the calendar."
            ) from None
    if isinstance(value, str) and re.fullmatch(r"\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\s*", value):
        raise Hint(
            f"{value!r} is written day and month in some order, which readers take differently "
            "(10/08 is 10 August in most of the world and October 8 in the US): write dates "
            "as 'YYYY-MM-DD', e.g. '2017-08-10'."
        )
    if isinstance(value, str):
        for form in ("%d %B %Y", "%B %d %Y", "%B %d, %Y", "%d %b %Y", "%b %d %Y", "%b %d, %Y"):
            try:
                day = datetime.strptime(value.strip(), form).date()
            except ValueError:
                continue
            raise Hint(f"{value!r} is not written 'YYYY-MM-DD': write it as '{day.isoformat()}'.")
    raise Hint(f"{value!r} is not a date written 'YYYY-MM-DD' (e.g. '2017-08-10'), in quotes.")


def _not_a_count(value: Any, name: str) -> str | None:
    """A hint when `value` is not a whole number (text in quotes, a decimal, True/False), else None."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return None
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return (
            f"{name} is the text {value!r}, in quotes; a count is a number: write {value.strip()} "
            "without the quotes."
        )
    if isinstance(value, float) and value.is_integer():
        return f"{name} is {value!r}, a decimal; counts are whole numbers: write {int(value)}."
    return f"{name} is {value!r}, which is not a whole number."


def _blank(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def _published(article_id: str, project: Project) -> tuple[date, date]:
    row = _row("articles", "article_id", article_id, project)
    return _day(row["published_earliest"]), _day(row["published_latest"])


def _pair(answer: Any, size: int = 2) -> tuple | None:
    return tuple(answer) if isinstance(answer, tuple | list) and len(answer) == size else None


# ---------------------------------------------------------------- lesson 1


def _claim(claim_id: str, project: Project) -> dict[str, Any]:
    return _row("claims", "claim_id", claim_id, project)


def parsed(claim_id: str, project: Project) -> numbers.ParsedNumber:
    """The parser's reading of a claim's value_text, under the project's conventions."""
    conventions = Rules.load(project).numbers
    return numbers.parse_number(_claim(claim_id, project)["value_text"], conventions)


def _judge_value_text(answer: Any, expected: str, project: Project) -> str | None:
    quote = _claim(CLAIM_MORE_THAN, project)["quote"]
    if not isinstance(answer, str):
        return 'value_text is text: write it in quotes, e.g. "Twenty-eight".'
    if answer == expected:
        return None
    if answer.strip() == expected:
        return "almost: remove the spaces at the start or end."
    if answer not in quote:
        return (
            f"{answer!r} does not occur in the quote; value_text is copied character for "
            "character from the sentence."
        )
    if answer in expected:
        left_out = expected.replace(answer, " ").strip()
        return (
            f"{answer!r} leaves out {left_out!r}, and those words change the meaning: keep "
            "the words that qualify the number (codebook: 'value_text is the number exactly "
            "as printed together with the words that qualify it')."
        )
    if expected in answer:
        extra = answer.replace(expected, " ").strip()
        return (
            f"leave out {extra!r}: value_text is the number and its qualifier words only; "
            "what is counted is recorded in kind and unit."
        )
    return "look for the number in the quote, together with the words that qualify it."


def _judge_bounds(answer: Any, expected: numbers.ParsedNumber, project: Project) -> str | None:
    text = _claim(CLAIM_MORE_THAN, project)["value_text"]
    pair = _pair(answer)
    if pair is None:
        return "give two values in brackets, (value_low, value_high); write None for an open bound."
    low, high = pair
    figure = int(re.sub(r"\D", "", text))
    for value, name in ((low, "value_low"), (high, "value_high")):
        if hint := _not_a_count(value, name):
            return hint
    if low != expected.low:
        if expected.qualifier == "more_than" and low == figure:
            return f"value_low is {low} but {text!r} excludes {figure} itself: try {expected.low}."
        return f"value_low is {low}; what is the smallest count that {text!r} allows?"
    if high != expected.high:
        if expected.high is None:
            return (
                f"{text!r} puts no ceiling on the count, so value_high is open: "
                "write None, not a number."
            )
        return f"value_high is {high}; what is the largest count that {text!r} allows?"
    return None


def _judge_negated(answer: Any, expected: numbers.ParsedNumber, project: Project) -> str | None:
    text = _claim(CLAIM_NEGATED, project)["value_text"]
    triple = _pair(answer, 3)
    if triple is None:
        return (
            "give three values in brackets: (qualifier, value_low, value_high), "
            'e.g. ("exact", 5, 5).'
        )
    qualifier, low, high = triple
    for value, name in ((low, "value_low"), (high, "value_high")):
        if hint := _not_a_count(value, name):
            return hint
    if qualifier not in numbers.QUALIFIERS:
        return (
            f"{qualifier!r} is not a qualifier; the qualifiers are {', '.join(numbers.QUALIFIERS)}."
        )
    if qualifier != expected.qualifier:
        if qualifier == "more_than":
            return (
                f"read the whole phrase: {text!r} negates 'more than', so the number is a "
                "ceiling, not a floor."
            )
        return f"{qualifier!r} is not how {text!r} bounds the count: is 10 a floor or a ceiling?"
    if low != expected.low:
        if low is None:
            return (
                "a count of people cannot be negative, so 'at most' still has a lower "
                f"bound: {expected.low}."
            )
        return f"value_low is {low}; with only a ceiling, the smallest possible count is the floor."
    if high != expected.high:
        return (
            f"value_high is {high}; the phrase allows up to {expected.high}, that number included."
        )
    return None


def _judge_reporter(answer: Any, expected: str, project: Project) -> str | None:
    if not isinstance(answer, str):
        return 'write the organisation_id as text in quotes, e.g. "risc_kvao".'
    if answer == expected:
        return None
    ids = set(load_table("organisations", project)["organisation_id"])
    if re.sub(r"\W+", "_", answer.strip().lower()).strip("_") == expected:
        return f"use the organisation_id (snake_case, as in organisations.csv): {expected!r}."
    if answer not in ids:
        return f"{answer!r} is not an organisation_id in data/clean/organisations.csv."
    claim = _claim(CLAIM_MORE_THAN, project)
    outlet = _row("articles", "article_id", claim["article_id"], project)["outlet"]
    if expected == outlet:
        return (
            f"the sentence names no source for the figure ({answer!r} is not in it). "
            "The codebook says a figure stated without attribution is attributed to the "
            "outlet that published the article: look it up in articles.csv."
        )
    return f"the quote attributes the figure to someone else than {answer!r}: read it again."


def _explain_bounds(p: numbers.ParsedNumber) -> str:
    high = "None (open)" if p.high is None else p.high
    return f"value_low = {p.low}, value_high = {high}; the parser reads it as {p}."


# ---------------------------------------------------------------- lesson 2


def _event(event_id: str, project: Project) -> tuple[str, date, date]:
    """(date expression, published_earliest, published_latest) of an event."""
    row = _row("events", "event_id", event_id, project)
    return (row["date_expression"], *_published(row["article_id"], project))


def resolved(event_id: str, project: Project) -> dates.DateInterval:
    """An event's date expression resolved against its article's publication interval."""
    expression, earliest, latest = _event(event_id, project)
    conventions = Rules.load(project).dates
    return dates.resolve(expression, earliest, latest, conventions).interval


def _per_day(event_id: str, project: Project) -> dict[date, dates.DateInterval]:
    """The interval the expression gives for each single possible publication day."""
    expression, earliest, latest = _event(event_id, project)
    conventions = Rules.load(project).dates
    days = [earliest + timedelta(n) for n in range((latest - earliest).days + 1)]
    return {d: dates.resolve(expression, d, d, conventions).interval for d in days}


def _publication_days(project: Project) -> int:
    earliest, latest = _published(WIDE_ARTICLE, project)
    return (latest - earliest).days + 1


def _judge_days(answer: Any, expected: int, project: Project) -> str | None:
    earliest, latest = _published(WIDE_ARTICLE, project)
    if answer is None or (hint := _not_a_count(answer, "your answer")):
        return hint or "give a whole number of days, e.g. 3."
    if answer == expected:
        return None
    if answer == expected - 1:
        return (
            f"{answer} is the difference between {latest} and {earliest}, but both ends "
            "are possible days: count the first and the last day too."
        )
    return f"count the days from {earliest} to {latest}, both included."


def _interval_judge(event_id: str) -> Judge:
    """A judge for (earliest, latest) of one event's resolved date."""

    def judge(answer: Any, expected: dates.DateInterval, project: Project) -> str | None:
        pair = _pair(answer)
        if pair is None:
            return "give two dates in brackets, (earliest, latest), written 'YYYY-MM-DD'."
        return _interval_hint(tuple(_day(d) for d in pair), expected, event_id, project)

    return judge


def _interval_hint(
    answer: tuple[date, date], expected: dates.DateInterval, event_id: str, project: Project
) -> str | None:
    first, last = answer
    if answer == (expected.earliest, expected.latest):
        return None
    expression, published_earliest, published_latest = _event(event_id, project)
    per_day = _per_day(event_id, project)
    if first > last:
        return f"the earliest date {first} is after the latest {last}."
    if last > published_latest:
        return (
            f"{last} is after the last possible publication day ({published_latest}): a "
            f"report dates what already happened, so {expression!r} looks back, not forward."
        )
    days = [d for d, i in per_day.items() if (i.earliest, i.latest) == answer]
    if days and len(days) < len(per_day):
        return (
            f"that is right if the article appeared on {', '.join(map(str, days))}; but it "
            f"may have appeared any day from {published_earliest} to {published_latest}. "
            "Resolve for every possible day and keep the earliest and latest results."
        )
    if first <= expected.earliest and last >= expected.latest:
        return (
            f"your interval holds the answer but is too wide: no possible publication day "
            f"makes {expression!r} earlier than {expected.earliest} or later than "
            f"{expected.latest}."
        )
    if last < expected.earliest:
        return (
            f"too early: on every possible publication day {expression!r} is on or after "
            f"{expected.earliest}; a report means the most recent such day, not an older one."
        )
    missed = next(d for d, i in per_day.items() if i.earliest < first or i.latest > last)
    i = per_day[missed]
    return (
        f"if the article appeared on {missed}, {expression!r} means {i.earliest}..{i.latest}, "
        "which your interval does not cover."
    )


def _judge_late(answer: Any, expected: dates.DateInterval, project: Project) -> str | None:
    triple = _pair(answer, 3)
    if triple is None:
        return "give (earliest, latest, precision), e.g. ('2018-01-01', '2018-01-01', 'day')."
    days = (_day(triple[0]), _day(triple[1]))
    if days != (expected.earliest, expected.latest):
        parts = Rules.load(project).dates.month_parts
        late = next(((a, b) for name, a, b in parts if name == "late"), None)
        if days[0].day != expected.earliest.day and late:
            return (
                f"where does 'late' start? The convention is written in "
                f"data/raw/rules/dates.yaml: late = days {late[0]} to {late[1]} of the month."
            )
        return _interval_hint(days, expected, EVENT_LATE, project)
    if triple[2] != expected.precision:
        return (
            f"the dates are right, but precision {triple[2]!r} is not: it names the kind of "
            f"interval ({', '.join(dates.PRECISIONS)}), and part of a month is none of "
            "day, week, month or year."
        )
    return None


def _explain_interval(i: dates.DateInterval) -> str:
    return f"{i.earliest} to {i.latest} (precision {i.precision}); dates.resolve agrees."


# ---------------------------------------------------------------- lesson 3


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
    pair = _pair(answer)
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
    if hint := _not_a_count(answer, "your answer"):
        return hint
    if answer == expected:
        return None
    fails = falls(lower_total(_series(project), BREAK[0], answer), PER_REPORTER_RULE, project)
    if any(row == BREAK[0] for row, _ in fails):
        return f"with {answer} the row still falls: it must not be below the earlier lower bound."
    if answer == expected + 1:
        return (
            f"{answer} passes, and so does {expected}: a total equal to an earlier one does "
            "not fall, the rule fails only when the later upper bound is strictly below the "
            "earlier lower bound."
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
    row = _row("series", "series_row_id", row_id, project)
    if not _blank(row["url"]):
        return row["url"]
    return _row("articles", "article_id", row["article_id"], project)["url"]


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
            f"issue_id must have the form I001 and be new ({', '.join(sorted(used))} "
            f"taken): try {expected['issue_id']}."
        )
    if answer["table"] != expected["table"]:
        return f"table names the clean table the rule checks: {expected['table']!r}."
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
            f"that compares a reporter with itself, {expected['rule_id']!r}; each failing rule "
            "needs its own record."
        )
    if answer["row_id"] != expected["row_id"]:
        return (
            f"row_id is the row that falls, {expected['row_id']!r}, not the earlier total "
            "it falls below."
        )
    if str(BREAK[1]) not in answer["quote"]:
        return f"the quote is what the source printed, so it contains the figure {BREAK[1]}."
    if answer["url"] != expected["url"]:
        return (
            f"url is the address of the article that printed it (articles.csv): {expected['url']}."
        )
    try:
        _day(answer["recorded_on"])
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


# ---------------------------------------------------------------- the answer keys

EXERCISES: dict[str, Exercise] = {
    "1.1": Exercise(
        "value_text of a claim",
        lambda p: _claim(CLAIM_MORE_THAN, p)["value_text"],
        _judge_value_text,
        lambda e: f"value_text is {e!r}: the number with the words that qualify it.",
    ),
    "1.2": Exercise(
        "bounds of 'more than'",
        lambda p: parsed(CLAIM_MORE_THAN, p),
        _judge_bounds,
        _explain_bounds,
        lambda e: (e.low, e.high),
    ),
    "1.3": Exercise(
        "a negated bound",
        lambda p: parsed(CLAIM_NEGATED, p),
        _judge_negated,
        lambda e: f"qualifier {e.qualifier}, value_low {e.low}, value_high {e.high}: {e}.",
        lambda e: (e.qualifier, e.low, e.high),
    ),
    "1.4": Exercise(
        "who reports the figure",
        lambda p: _claim(CLAIM_MORE_THAN, p)["reporter_id"],
        _judge_reporter,
        lambda e: f"the figure is attributed to {e!r}, the outlet, because no source is named.",
    ),
    "2.1": Exercise(
        "possible publication days",
        _publication_days,
        _judge_days,
        lambda e: f"{e} possible publication days, both ends included.",
    ),
    "2.2": Exercise(
        "'on Thursday'",
        lambda p: resolved(EVENT_THURSDAY, p),
        _interval_judge(EVENT_THURSDAY),
        _explain_interval,
        lambda e: (e.earliest.isoformat(), e.latest.isoformat()),
    ),
    "2.3": Exercise(
        "'on Friday' with a wide publication interval",
        lambda p: resolved(EVENT_FRIDAY, p),
        _interval_judge(EVENT_FRIDAY),
        _explain_interval,
        lambda e: (e.earliest.isoformat(), e.latest.isoformat()),
    ),
    "2.4": Exercise(
        "'late last month'",
        lambda p: resolved(EVENT_LATE, p),
        _judge_late,
        _explain_interval,
        lambda e: (e.earliest.isoformat(), e.latest.isoformat(), e.precision),
    ),
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

# Lesson 4, reviewing a draft: its helpers and keys live beside the coding they teach
from deportdata.coding.lesson import exercises as _review_exercises  # noqa: E402

EXERCISES.update(_review_exercises(Exercise))


def exercises(lesson: str) -> list[str]:
    """The exercise ids of one lesson ("1" → ["1.1", "1.2", ...])."""
    return [e for e in EXERCISES if e.split(".")[0] == lesson]
