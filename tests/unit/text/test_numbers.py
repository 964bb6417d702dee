"""Tests for deportdata.text.numbers: printed numbers of the corpus and the conventions."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from deportdata.errors import DeportdataError
from deportdata.text.numbers import (
    QUALIFIERS,
    NumberConventions,
    NumberParseError,
    ParsedNumber,
    default_conventions,
    load_conventions,
    parse_number,
)

RULES = REPO / "data" / "raw" / "rules" / "numbers.yaml"
# the conventions as data: the rule file is their only source
DEFAULTS = yaml.safe_load(RULES.read_text(encoding="utf-8"))
DEFAULT_CONVENTIONS = load_conventions(RULES)
ARTICLES = REPO / "data" / "raw" / "articles"

# Named parameters of the default conventions, so expectations show their derivation.
DOZENS = (2 * 12, 100 - 1)
HUNDREDS = (2 * 100, 1000 - 1)
MIN_HALFWIDTH = 1  # "about 7" is never read as exactly 7


def exact(n: int) -> ParsedNumber:
    return ParsedNumber(n, n, n, "exact")


# value_text as printed in data/raw/articles (each is checked to occur there).
CORPUS = [
    ("Twenty-eight", exact(28)),
    ("Twenty-five", exact(25)),
    ("25", exact(25)),
    ("two", exact(2)),
    ("only two", exact(2)),  # "only" is emphasis: exactly two returned to the US
    ("47", exact(47)),
    ("36", exact(36)),
    ("34", exact(34)),
    ("only 34", exact(34)),
    ("538", exact(538)),
    ("41", exact(41)),
    ("768", exact(768)),
    ("92", exact(92)),
    ("1,900", exact(1900)),
    ("1,400", exact(1400)),
    ("more than 560", ParsedNumber(560 + 1, 560 + 1, None, "more_than")),
    ("Over 30", ParsedNumber(30 + 1, 30 + 1, None, "more_than")),
    # 100 read as rounded to the hundred: +/- 50.
    ("Roughly 100", ParsedNumber(100, 100 - 50, 100 + 50, "about")),
    ("dozens", ParsedNumber(None, *DOZENS, "vague")),
    ("dozens more", ParsedNumber(None, *DOZENS, "vague")),
    ("hundreds", ParsedNumber(None, *HUNDREDS, "vague")),
    # Negated "more than": an upper bound only, so a count's lower bound 0.
    ("wouldn’t send more than 10", ParsedNumber(10, 0, 10, "at_most")),
]

# The qualifier words of the issue, each with a figure.
QUALIFIER_WORDS = [
    ("more than 560", ParsedNumber(561, 561, None, "more_than")),
    ("over 30", ParsedNumber(31, 31, None, "more_than")),
    ("Roughly 100", ParsedNumber(100, 50, 150, "about")),
    ("about 30", ParsedNumber(30, 30 - 5, 30 + 5, "about")),
    ("some 550", ParsedNumber(550, 550 - 5, 550 + 5, "about")),
    ("around 1,900", ParsedNumber(1900, 1900 - 50, 1900 + 50, "about")),
    ("approximately 2000", ParsedNumber(2000, 2000 - 500, 2000 + 500, "about")),
    ("about 7", ParsedNumber(7, 7 - MIN_HALFWIDTH, 7 + MIN_HALFWIDTH, "about")),
    ("about 25", ParsedNumber(25, 25 - MIN_HALFWIDTH, 25 + MIN_HALFWIDTH, "about")),
    ("almost 100", ParsedNumber(100 - 1, 100 - 50, 100 - 1, "fewer_than")),
    ("nearly 30", ParsedNumber(30 - 1, 30 - 5, 30 - 1, "fewer_than")),
    ("at least 36", ParsedNumber(36, 36, None, "at_least")),
    ("only two", exact(2)),
    ("just 47", exact(47)),
    ("no more than 10", ParsedNumber(10, 0, 10, "at_most")),
    ("up to 92", ParsedNumber(92, 0, 92, "at_most")),
    ("fewer than 41", ParsedNumber(41 - 1, 0, 41 - 1, "fewer_than")),
    ("less than 41", ParsedNumber(41 - 1, 0, 41 - 1, "fewer_than")),
]

OTHER_FORMS = [
    ("  25 men ", exact(25)),
    ("36 people", exact(36)),
    ("Twenty-five Cambodian-Americans", exact(25)),
    ("more than 560 Cambodians", ParsedNumber(561, 561, None, "more_than")),
    ("one hundred and five", exact(105)),
    ("twenty eight", exact(28)),
    ("NO FEWER THAN 5", ParsedNumber(5, 5, None, "at_least")),
    ("would not send more than 10 a month", ParsedNumber(10, 0, 10, "at_most")),
    ("hundreds of Cambodians", ParsedNumber(None, *HUNDREDS, "vague")),
    ("a handful", ParsedNumber(None, 2, 9, "vague")),
    ("fewer than 1", ParsedNumber(0, 0, 0, "fewer_than")),
    ("about 0", ParsedNumber(0, 0, MIN_HALFWIDTH, "about")),
]

NOT_UNDERSTOOD = [
    "",
    "   ",
    "in the past",
    "many",
    "25 or more",
    "100 or so",
    "30-odd",
    "25 to 30",
    "25-30",
    "between 25 and 30",
    "about dozens",
    "about",
    "fewer than 0",
    "almost 0",
    "a dozen",
    "25 million",
    "1.5",
    "12,34",
    "o",
    "send more than 10",  # words before a qualifier need a negation
    "not about 10",  # a negation reverses only more/fewer than
    "wouldn't not send more than 10",
    "25 men and 3 women",
    "1" * 40,
]


@pytest.mark.parametrize(("text", "expected"), [*CORPUS, *QUALIFIER_WORDS, *OTHER_FORMS])
def test_parse_number(text: str, expected: ParsedNumber) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", [text for text, _ in CORPUS])
def test_corpus_cases_are_printed_in_the_articles(text: str) -> None:
    articles = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    assert any(text in article for article in articles)


@pytest.mark.parametrize("text", NOT_UNDERSTOOD)
def test_not_understood_raises_with_the_text_and_the_accepted_forms(text: str) -> None:
    with pytest.raises(NumberParseError) as caught:
        parse_number(text)
    assert repr(text) in str(caught.value)
    assert "accepted" in str(caught.value)


def test_defaults_are_the_rule_file() -> None:
    """With no conventions given, the readers use the package's project's numbers.yaml."""
    assert default_conventions() == DEFAULT_CONVENTIONS
    assert default_conventions() is default_conventions()  # read once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("about 100", ParsedNumber(100, 90, 110, "about")),
        ("some 550", ParsedNumber(550, 495, 605, "about")),
        ("about 7", ParsedNumber(7, 6, 8, "about")),  # 0.7 < the minimum half-width 1
        ("almost 100", ParsedNumber(99, 90, 99, "fewer_than")),
    ],
)
def test_relative_mode(text: str, expected: ParsedNumber) -> None:
    relative = NumberConventions.from_dict({**DEFAULTS, "approx_mode": "relative"})
    assert parse_number(text, relative) == expected


def test_vague_amounts_are_parameters() -> None:
    conventions = NumberConventions.from_dict({**DEFAULTS, "vague": {"dozens": [13, 99]}})
    assert parse_number("dozens", conventions) == ParsedNumber(None, 13, 99, "vague")


@pytest.mark.parametrize(
    "change",
    [
        {"approx_mode": "nonsense"},
        {"approx_fraction": 2},
        {"vague": {"dozens": [99, 24]}},
        {"qualifiers": {"maybe": ["perhaps"]}},
        {"negation_words": None},
    ],
)
def test_bad_conventions_are_refused(change: dict) -> None:
    with pytest.raises(DeportdataError):
        NumberConventions.from_dict({**DEFAULTS, **change})


def test_bad_yaml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "numbers.yaml"
    path.write_text("approx_mode: [unclosed\n", encoding="utf-8")
    with pytest.raises(DeportdataError) as caught:
        load_conventions(path)
    assert caught.value.file == str(path)


def assert_ordered(parsed: ParsedNumber) -> None:
    assert parsed.qualifier in QUALIFIERS
    points = [x for x in (parsed.low, parsed.value, parsed.high) if x is not None]
    assert points == sorted(points)
    assert parsed.low is None or parsed.low >= 0
    assert (parsed.value is None) == (parsed.qualifier == "vague")


PHRASES = ["", *(p for phrases in DEFAULTS["qualifiers"].values() for p in phrases)]
WORDS = "not wouldn’t send dozens more men or twenty-eight hundred and five 1,900 25 0 a handful"
VOCABULARY = [*PHRASES, *WORDS.split()]
MODES = st.sampled_from(
    [DEFAULT_CONVENTIONS, NumberConventions.from_dict({**DEFAULTS, "approx_mode": "relative"})]
)


@settings(max_examples=200, deadline=None)
@given(phrase=st.sampled_from(PHRASES), figure=st.integers(0, 10**9), conventions=MODES)
def test_qualified_figures_are_ordered(
    phrase: str, figure: int, conventions: NumberConventions
) -> None:
    try:
        parsed = parse_number(f"{phrase} {figure}", conventions)
    except NumberParseError:
        assert figure == 0 and phrase in DEFAULTS["qualifiers"]["fewer_than"] + ["almost", "nearly"]
        return
    assert_ordered(parsed)
    assert parsed.low is None or parsed.low <= figure + 1
    assert parsed.high is None or parsed.high >= figure - 1


@settings(max_examples=200, deadline=None)
@given(text=st.text() | st.lists(st.sampled_from(VOCABULARY), max_size=6).map(" ".join))
def test_any_text_gives_a_result_or_a_number_parse_error(text: str) -> None:
    try:
        parsed = parse_number(text)
    except NumberParseError:
        return
    assert_ordered(parsed)
