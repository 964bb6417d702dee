"""People's names in a sentence: every name printed, and the people a sentence names with
their titles ("U.S. Embassy spokesman Jay Raman", "Bill Herod, an adviser to RISC"), so
that "Mr. Herod" resolves to the person named before."""

from __future__ import annotations

import re
from typing import Any

from deportdata.coding.drafting.rules import DraftingRules, words_pattern
from deportdata.coding.drafting.sentences import Span

_CAP = r"(?:[A-Z][a-z’'-]+|[A-Z]\.)"
NAME_RUN = re.compile(rf"(?<![\w.]){_CAP}(?:\s+{_CAP})+(?![\w])")
SINGLE = re.compile(r"(?<![\w.])[A-Z][a-z’'-]+(?![\w])")


def person_name(chunk: str, rules: DraftingRules) -> tuple[str, int] | None:
    """The last person's name in a chunk of text and its offset there, or None."""
    names = person_names(chunk, rules)
    return names[-1] if names else None


_NAME_WORDS: dict[int, tuple[DraftingRules, set[str], set[str]]] = {}


def _name_words(rules: DraftingRules) -> tuple[set[str], set[str]]:
    """(words never in a name, titles and honorifics casefolded), made once per rules."""
    made = _NAME_WORDS.get(id(rules))
    if made is None or made[0] is not rules:
        stop = set(rules.entries.not_name_words) | set(rules.entries.organisation_words)
        roles = {w.casefold() for w in rules.entries.titles + rules.entries.honorifics}
        made = _NAME_WORDS[id(rules)] = (rules, stop, roles)
    return made[1], made[2]


def person_names(chunk: str, rules: DraftingRules) -> list[tuple[str, int]]:
    """Every person's name in a chunk of text, with its offset there."""
    stop, roles = _name_words(rules)
    best = []
    for m in NAME_RUN.finditer(chunk):
        tokens = list(re.finditer(r"\S+", m.group()))
        keep = [t for t in tokens]
        for i, t in enumerate(tokens):
            word = re.sub(r"[’']s$", "", t.group())
            if word in stop or t.group() in stop or word.casefold() in roles:
                keep = tokens[i + 1 :]
        following = re.match(r"\s+(\S+)", chunk[m.end() :])
        preceding = re.search(r"(\S+)\s+$", chunk[: m.start()])
        if following and re.sub(r"[’'s]+$", "", following.group(1)) in stop:
            continue  # "Human Rights Watch"
        if (
            preceding
            and preceding.group(1) in ("of", "for", "on")
            and keep
            and keep[0].start() == 0
        ):
            continue  # "Centre for Human Rights"
        if len(keep) >= 2:
            start = m.start() + keep[0].start()
            best.append((chunk[start : m.start() + keep[-1].end()], start))
    return best


def remember_names(sentence: Span, state: Any, rules: DraftingRules) -> None:
    """Note the people a sentence names, speakers or not, so that "Mr. Sounry" resolves
    (`state` is the article's `attribution.ArticleState`: its `seen` names are updated)."""
    roles = words_pattern(rules.entries.titles)
    chunks = re.split(r",|;|\s[–—]\s", sentence.text)
    for i, chunk in enumerate(chunks):
        for name, at in person_names(chunk, rules):
            if name in state.seen:
                continue
            prefix = re.split(
                r"\b(?:and|between|with|by|to|said|that|whose|who|of)\s+", chunk[:at]
            )[-1].strip()
            nxt = chunks[i + 1].strip() if i + 1 < len(chunks) else ""
            if prefix and roles.search(prefix.split()[-1]):
                state.seen[name] = prefix
            elif (
                chunk[at + len(name) :].strip() == ""
                and roles.search(nxt)
                and len(nxt.split()) <= 12
            ):
                state.seen[name] = nxt
            else:
                state.seen[name] = ""
