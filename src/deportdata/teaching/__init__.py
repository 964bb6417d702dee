"""Answer keys and friendly checks for the teaching notebooks in notebooks/teaching/.

Every expected answer is derived from the clean data and the package (the number
parser, the date resolver, the cumulative check), not typed in. `check` prints
"✓ Correct: ..." or "✗ Not yet: <what is off>", says "not answered yet" while an
answer is still None, and never raises, so a notebook with blank answers runs to
the end.

The machinery is in `teaching.checking`; each lesson's exercises and helpers are in a
module named after its notebook (`sentence_to_data_point`, `relative_dates`,
`breaking_a_total`, `review_a_draft`). This module gathers their answer keys and is what
the notebooks import: `from deportdata import teaching`, then `teaching.check(...)`.
"""

from __future__ import annotations

from typing import Any

from deportdata.config import Project
from deportdata.teaching import (
    breaking_a_total,
    checking,
    relative_dates,
    review_a_draft,
    sentence_to_data_point,
)
from deportdata.teaching.breaking_a_total import (
    BREAK,
    CUMULATIVE_EXPECTATION,
    PER_REPORTER_RULE,
    POOLED_RULE,
    cumulative_rules,
    falls,
    lower_total,
    next_issue_id,
    totals,
)
from deportdata.teaching.checking import Exercise, Hint, Judge
from deportdata.teaching.relative_dates import (
    EVENT_FRIDAY,
    EVENT_LATE,
    EVENT_THURSDAY,
    WIDE_ARTICLE,
    resolved,
)
from deportdata.teaching.sentence_to_data_point import CLAIM_MORE_THAN, CLAIM_NEGATED, parsed

# every exercise of every lesson, "1.1" ... "4.3", in lesson order
EXERCISES: dict[str, Exercise] = {
    **sentence_to_data_point.EXERCISES,
    **relative_dates.EXERCISES,
    **breaking_a_total.EXERCISES,
    **review_a_draft.EXERCISES,
}

__all__ = [
    "BREAK",
    "CLAIM_MORE_THAN",
    "CLAIM_NEGATED",
    "CUMULATIVE_EXPECTATION",
    "EVENT_FRIDAY",
    "EVENT_LATE",
    "EVENT_THURSDAY",
    "EXERCISES",
    "PER_REPORTER_RULE",
    "POOLED_RULE",
    "WIDE_ARTICLE",
    "Exercise",
    "Hint",
    "Judge",
    "check",
    "cumulative_rules",
    "exercises",
    "falls",
    "lower_total",
    "next_issue_id",
    "parsed",
    "resolved",
    "solution",
    "totals",
]


def check(exercise: str, answer: Any, project: Project | None = None) -> bool:
    """Print whether `answer` solves `exercise` ("1.2"), with a hint if not; True when right."""
    return checking.check(EXERCISES, exercise, answer, project)


def solution(exercise: str, project: Project | None = None) -> Any:
    """The answer to an exercise as a student would write it, derived from the data."""
    return checking.solution(EXERCISES, exercise, project)


def exercises(lesson: str) -> list[str]:
    """The exercise ids of one lesson ("1" → ["1.1", "1.2", ...])."""
    return [e for e in EXERCISES if e.split(".")[0] == lesson]
