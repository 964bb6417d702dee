r"""Regular expressions from the rule files, compiled so that no pattern can hang a step.

Rules are data that people edit. Two ways to read a pattern, each safe:

- `linear(pattern)`: RE2 (google-re2), whose matching time grows linearly with the text,
  whatever the pattern; it refuses lookaround and backreferences (`text.residue` uses it for
  the residue rules, `coding` for the furniture patterns).
- `guarded(pattern)`: Python's `re`, for the patterns that need lookaround or Unicode word
  boundaries (the drafting rules), refused when it has the shape of catastrophic
  backtracking: a repeat without bound inside another repeat without bound (`(\w+\s?)+`,
  `(a*)*`, `(?:x+|y)*`), which can take time exponential in the text's length.

Both raise ValueError with the reason; the loaders turn it into an error naming the rule file,
line, column and rule.
"""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser as sre_parse

import re2

REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def linear(pattern: str, *, ignore_case: bool = False):
    """`pattern` compiled by RE2; ValueError with RE2's reason if it cannot be."""
    options = re2.Options()
    options.log_errors = False  # the reason goes into the caller's one-line message
    options.case_sensitive = not ignore_case
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        reason = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
        raise ValueError(reason) from None


def _unbounded(op, av) -> bool:
    return op in REPEATS and av[1] == sre.MAXREPEAT


def _parts(op, av):
    """The sub-patterns of one node of the parse tree."""
    if op in REPEATS:
        yield av[2]
    elif op is sre.SUBPATTERN:
        yield av[3]
    elif op is sre.BRANCH:
        yield from av[1]
    elif op is sre.ATOMIC_GROUP:
        yield av
    elif op is sre.GROUPREF_EXISTS:
        yield from (part for part in av[1:] if part is not None)
    elif op in (sre.ASSERT, sre.ASSERT_NOT):
        yield av[1]


def nested_repeat(pattern: str, flags: int = 0) -> bool:
    """Whether a repeat without bound (`*`, `+`, `{n,}`) holds another one, at any depth (a
    possessive repeat never gives back what it matched, so it neither holds nor counts)."""

    def inside(sub, unbounded: bool) -> bool:
        for op, av in sub:
            if unbounded and _unbounded(op, av) and op is not sre.POSSESSIVE_REPEAT:
                return True
            here = unbounded or (_unbounded(op, av) and op is not sre.POSSESSIVE_REPEAT)
            if any(inside(part, here) for part in _parts(op, av)):
                return True
        return False

    return inside(sre_parse.parse(pattern, flags), False)


def guarded(pattern: str, flags: int = 0) -> re.Pattern:
    """`pattern` compiled by Python's `re`, unless it cannot be or could backtrack without end."""
    try:
        compiled = re.compile(pattern, flags)
    except re.error as exc:
        raise ValueError(str(exc)) from None
    if nested_repeat(pattern, flags):
        raise ValueError(
            "a repeat without bound (*, +, {n,}) inside another one can take time exponential "
            "in the text's length; bound the inner one ({1,30}), or make the two unambiguous"
        )
    return compiled
