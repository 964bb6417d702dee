"""Find every numeric mention in a text: digits, number words and vague amounts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from text_to_num import text2num

from deportdata.config import RULE_FILES
from deportdata.text.numbers import NumberConventions, load_conventions
from deportdata.text.rulefile import parse_yaml

# a token with a digit, with thousands groups ("1,900") kept together
DIGITS = re.compile(r"(?<![\w])\w*\d\w*(?:,\d{3})*")
# a word, possibly hyphenated ("Twenty-eight")
WORD = re.compile(r"(?<![\w-])[A-Za-z]+(?:-[A-Za-z]+)*")
JOINER = re.compile(r"(?: | and )")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    form: str  # digits, number_word, vague


@dataclass(frozen=True)
class MentionRules:
    vague_amounts: frozenset[str]
    not_number_words: frozenset[str]


def load_rules(path: Path, numbers: NumberConventions | None = None) -> MentionRules:
    """The scan's rules (mentions.yaml); its vague amounts are the one vocabulary of
    numbers.yaml (`numbers`, default: the numbers.yaml beside `path`), by their last word
    ("a handful" is found as "handful", "tens of thousands" as "thousands")."""
    doc = parse_yaml(path.read_text(encoding="utf-8"), str(path))[0] or {}
    numbers = numbers or load_conventions(Path(path).with_name(RULE_FILES["numbers"]))
    return MentionRules(
        frozenset(words[-1] for words, _, _ in numbers.vague),
        frozenset(w.lower() for w in doc.get("not_number_words") or ()),
    )


@cache
def _is_number_word(word: str) -> bool:
    try:
        text2num(word, "en")
    except (ValueError, IndexError, TypeError):
        return False
    return True


@cache
def _words_pattern(words: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def scan(text: str, rules: MentionRules) -> list[Mention]:
    """Every numeric mention in `text`, in order; adjacent number words form one mention."""
    found = [Mention(m.start(), m.end(), m.group(), "digits") for m in DIGITS.finditer(text)]
    # which distinct words are numbers is decided once per word; then only those are located
    candidates = frozenset(
        w
        for w in {t.lower() for t in WORD.findall(text)}
        if w in rules.vague_amounts or (w not in rules.not_number_words and _is_number_word(w))
    )
    words: list[Mention] = []
    if candidates:
        for m in _words_pattern(candidates).finditer(text):
            word = m.group().lower()
            if word in rules.vague_amounts:
                words.append(Mention(m.start(), m.end(), m.group(), "vague"))
                continue
            prev = words[-1] if words else None
            joined = text[prev.start : m.end()] if prev else ""
            if (
                prev
                and prev.form == "number_word"
                and JOINER.fullmatch(text[prev.end : m.start()])
                and _is_number_word(joined.lower())
            ):
                words[-1] = Mention(prev.start, m.end(), joined, "number_word")
            else:
                words.append(Mention(m.start(), m.end(), m.group(), "number_word"))
    return sorted(found + words, key=lambda x: x.start)
