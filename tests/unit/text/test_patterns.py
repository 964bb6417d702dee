"""Rule patterns that cannot hang a step (deportdata.text.patterns)."""

from __future__ import annotations

import re

import pytest

from deportdata.text.patterns import guarded, linear, nested_repeat


@pytest.mark.parametrize(
    "pattern",
    [
        r"(\w+\s?)+$",  # the classic: each word can be split in many ways
        r"(a*)*",
        r"(?:x+|y)*z",
        r"(?:(?:\d+,)+\s)+",  # at depth two
        r"(?=(\w+\s)+)x",  # inside a lookahead
        r"(\s*\w)+",
        r"(?:a+){2,}",
    ],
)
def test_a_repeat_without_bound_inside_another_is_refused(pattern):
    assert nested_repeat(pattern)
    with pytest.raises(ValueError, match="exponential"):
        guarded(pattern)


@pytest.mark.parametrize(
    "pattern",
    [
        r"\d+(?:,\d{3})*",  # bounded inside
        r"(?:[^|]{1,30}[|]){2,}",
        r"(?<=\bsaid )\w+",
        r"(?:a|b)+",  # no repeat inside
        r"(?:\w++\s)+",  # possessive: never backtracks into its content
        r"\b(?:more|fewer) than\b",
    ],
)
def test_patterns_without_that_shape_are_compiled(pattern):
    assert not nested_repeat(pattern)
    assert isinstance(guarded(pattern, re.IGNORECASE), re.Pattern)


def test_a_pattern_python_cannot_read_is_a_value_error():
    with pytest.raises(ValueError, match="missing \\)"):
        guarded("(unclosed")


def test_re2_reads_in_linear_time_and_refuses_lookaround():
    compiled = linear(r"(\w+\s?)+$", ignore_case=True)
    assert compiled.fullmatch("Share ON Facebook")
    assert compiled.search("x" * 5000 + "!") is None  # Python's re would run for ever
    with pytest.raises(ValueError, match="invalid perl operator: \\(\\?<"):
        linear(r"(?<=a)b")
