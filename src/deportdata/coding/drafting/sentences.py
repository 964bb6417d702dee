"""Split an article into sentences and a sentence into the parts a figure belongs to.

A sentence ends at ".", "!" or "?" (and a closing quote) before an upper-case word or
an opening quote, and at every line break; titles and initials ("Mr.", "Carl C.") never
end one, and "U.S." ends one only before a usual sentence starter ("the U.S. But ...").
A sentence longer than `max_sentence_chars` (drafting.yaml) is cut into parts at its
last clause break (comma, semicolon, dash) or space before the limit, so that the work
per figure, and every drafted quote, stays bounded however long a text runs on.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from deportdata.coding.drafting.rules import DraftingRules
from deportdata.text.quotes import occurrences

_END = re.compile(
    r"(?P<word>[\w.’']*)(?P<punct>[.!?])(?P<close>[”\"’)]*)(?P<gap>[ \t]+)(?=[“\"‘(]?[A-Z0-9])"
)
_LINE = re.compile(r"\n+")
_WORD = re.compile(r"\S+")
_BREAK = re.compile(r"[,;:](?=\s)|\s[–—-](?=\s)")
_COMMA = re.compile(r",(?=\s)|;|:(?=\s)|\(|\)|(?<=\s)[–—-](?=\s)")


@dataclass(frozen=True)
class Span:
    """A part of the text: [start, end) offsets and the text itself."""

    start: int
    end: int
    text: str


def _ends_sentence(word: str, next_word: str, rules: DraftingRules) -> bool:
    bare = word.rstrip(".")
    if re.fullmatch(r"[A-Z]", bare):  # an initial
        return False
    if bare in rules.entries.abbreviations:
        return False
    if bare in rules.entries.sentence_final_abbreviations or re.fullmatch(
        r"(?:[A-Za-z]\.)+[A-Za-z]", bare
    ):
        return next_word.strip('“"‘(') in rules.entries.sentence_starters
    return True


def sentences(text: str, rules: DraftingRules) -> list[Span]:
    """Sentence spans of `text`, stripped, in order."""
    cuts: list[tuple[int, int]] = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    for m in _END.finditer(text):
        following = _WORD.match(text, m.end())
        word = m.group("word") + (m.group("punct") if m.group("punct") == "." else "")
        if m.group("punct") != "." or _ends_sentence(
            word, following.group() if following else "", rules
        ):
            cuts.append((m.start("gap"), m.end("gap")))
    cuts.sort()
    out, left = [], 0
    limit = int(rules.entries.max_sentence_chars or 0)
    for a, b in [*cuts, (len(text), len(text))]:
        piece = text[left:a]
        stripped = piece.strip()
        if stripped:
            offset = left + piece.index(stripped)
            span = Span(offset, offset + len(stripped), stripped)
            out += _parts(span, limit) if limit and len(stripped) > limit else [span]
        left = b
    return out


def _parts(sentence: Span, limit: int) -> list[Span]:
    """A sentence longer than `limit` cut into parts of at most `limit` characters, each
    after the last clause break (else space) before the limit; each part stripped."""
    out, text, left = [], sentence.text, 0
    while left < len(text):
        if len(text) - left <= limit:
            cut = len(text)
        else:
            window = text[left : left + limit]
            breaks = [m.end() for m in _BREAK.finditer(window)]
            spaces = [m.start() for m in re.finditer(r"\s", window)]
            cut = left + (
                breaks[-1] if breaks and breaks[-1] > limit // 2
                else spaces[-1] if spaces and spaces[-1] > 0 else limit
            )  # fmt: skip
        piece = text[left:cut]
        stripped = piece.strip()
        if stripped:
            start = sentence.start + left + piece.index(stripped)
            out.append(Span(start, start + len(stripped), stripped))
        left = cut
    return out


class Occurrences:
    """Where a part of one text occurs, found through an index of the text's words.

    Every occurrence of a part that holds an inner word (a run of word characters with
    a non-word character on either side within the part) starts at an occurrence of
    that word, shifted by the word's offset in the part; the rarest inner word gives the
    candidates, each checked in place. So a lookup costs the occurrences of one word,
    not a scan of the text. Parts without an inner word are found by a scan, once each.
    Overlapping occurrences count, as `deportdata.text.quotes.locate` counts them.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: dict[str, list[int]] | None = None
        self._found: dict[str, list[int]] = {}

    def _index(self) -> dict[str, list[int]]:
        if self._words is None:
            self._words = {}
            for m in re.finditer(r"\w+", self.text):
                self._words.setdefault(m.group(), []).append(m.start())
        return self._words

    def starts(self, part: str) -> list[int]:
        """Start offsets of every occurrence of `part`, in order."""
        found = self._found.get(part)
        if found is not None:
            return found
        words = self._index()
        inner = [
            (len(words.get(m.group(), ())), m.start(), m.group())
            for m in re.finditer(r"\w+", part)
            if m.start() > 0 and m.end() < len(part)
        ]
        if inner:
            _, rel, word = min(inner)
            found = [
                at - rel
                for at in words.get(word, ())
                if at >= rel and self.text.startswith(part, at - rel)
            ]
        else:
            found = occurrences(self.text, part) if part else []
        self._found[part] = found
        return found

    def occurrence(self, part: str, at: int) -> str:
        """1-based occurrence of `part` starting at `at`, when it occurs more than once."""
        starts = self.starts(part)
        i = bisect.bisect_left(starts, at)
        return str(i + 1) if len(starts) > 1 and i < len(starts) and starts[i] == at else ""


class SentenceIndex:
    """Sentences of one text, looked up by offset, and where parts of it occur."""

    def __init__(self, text: str, rules: DraftingRules) -> None:
        self.text = text
        self.spans = sentences(text, rules)
        self.starts = [s.start for s in self.spans]
        self.occurrences = Occurrences(text)

    def occurrence(self, part: str, at: int) -> str:
        return self.occurrences.occurrence(part, at)

    def index(self, offset: int) -> int:
        """Index of the sentence that holds `offset`."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def at(self, offset: int) -> Span:
        return self.spans[self.index(offset)]


def _lead(sentence: Span, time_spans: list[tuple[int, int]]) -> Span | None:
    """A leading clause before the sentence's first comma that holds a time expression."""
    first = re.search(r",\s", sentence.text)
    if not first:
        return None
    end = sentence.start + first.start()
    if any(sentence.start <= a and b <= end for a, b in time_spans):
        return Span(sentence.start, end, sentence.text[: first.start()])
    return None


def barrier_part(sentence: Span, start: int, end: int, rules: DraftingRules) -> Span:
    """The part of the sentence around [start, end) between clause barrier words."""
    rel_a, rel_b = start - sentence.start, end - sentence.start
    left, right = 0, len(sentence.text)
    for m in rules.barrier.finditer(sentence.text):
        if m.end() <= rel_a:
            left = max(left, m.start())
        elif m.start() >= rel_b:
            right = min(right, m.start())
    return Span(sentence.start + left, sentence.start + right, sentence.text[left:right])


def comma_part(sentence: Span, start: int, end: int) -> Span:
    """The part of the sentence around [start, end) between commas, dashes and brackets."""
    rel_a, rel_b = start - sentence.start, end - sentence.start
    left, right = 0, len(sentence.text)
    for m in _COMMA.finditer(sentence.text):
        if m.end() <= rel_a:
            left = max(left, m.end())
        elif m.start() >= rel_b:
            right = min(right, m.start())
    return Span(sentence.start + left, sentence.start + right, sentence.text[left:right])


def scopes(
    sentence: Span, start: int, end: int, rules: DraftingRules, time_spans: list[tuple[int, int]]
) -> list[tuple[str, str]]:
    """Texts a figure's kind is looked for in, narrowest first, each with its name.

    The clause between commas (with a leading time clause such as "Since 2002,"), the
    part between clause barriers, then the whole sentence.
    """
    barrier = barrier_part(sentence, start, end, rules)
    comma = comma_part(sentence, start, end)
    a, b = max(barrier.start, comma.start), min(barrier.end, comma.end)
    clause = sentence.text[a - sentence.start : b - sentence.start]
    lead = _lead(sentence, time_spans)
    if lead is not None and lead.end <= a:
        clause = f"{lead.text}, {clause}"
    return [("clause", clause), ("sentence part", barrier.text), ("sentence", sentence.text)]
