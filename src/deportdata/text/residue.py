"""Remove scraping residue from article texts by rules kept as data, logging every removal."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from deportdata.errors import DeportdataError
from deportdata.text.rulefile import parse_yaml


@dataclass(frozen=True)
class ResidueRule:
    name: str
    pattern: re.Pattern[str]
    reason: str
    article_id: str = ""  # set: the rule applies to this article only
    occurrence: int = 0  # set: only the n-th match (1-based) is removed

    def applies_to(self, article_id: str | None) -> bool:
        """A rule without an article applies to every text; a rule of an article, to its
        text only (a text of no named article gets the general rules alone)."""
        return not self.article_id or self.article_id == article_id


@dataclass(frozen=True)
class Removal:
    rule: str
    start: int  # offset in the raw text (characters)
    end: int
    text: str


def load_rules(path: Path, display: str | None = None) -> list[ResidueRule]:
    """Read residue rules (a YAML list of name, pattern, reason)."""
    display = display or str(path)
    specs = parse_yaml(path.read_text(encoding="utf-8"), display)[0] or []
    if not isinstance(specs, list):
        raise DeportdataError(
            "the residue rules are a list of rules (name, pattern, reason)", file=display
        )
    rules = []
    for number, spec in enumerate(specs, 1):
        if not isinstance(spec, dict):
            raise DeportdataError(
                f"rule {number} is not a mapping of name, pattern, reason", file=display
            )
        missing = [k for k in ("name", "pattern", "reason") if not spec.get(k)]
        if missing:
            raise DeportdataError(
                f"rule {number} lacks {', '.join(missing)}", file=display, column=missing[0]
            )
        for key in ("name", "pattern", "reason", "article_id"):
            if key in spec and not isinstance(spec[key], str):
                raise DeportdataError(
                    f"rule {spec['name']!r}: {key} must be a text, not {spec[key]!r}",
                    file=display,
                    column=key,
                )
        occurrence = spec.get("occurrence", 0)
        if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 0:
            raise DeportdataError(
                f"rule {spec['name']!r}: occurrence must be a whole number (1 = the first match)",
                file=display,
                column="occurrence",
            )
        if occurrence and not spec.get("article_id"):
            raise DeportdataError(
                f"rule {spec['name']!r}: occurrence needs the article_id it counts in",
                file=display,
                column="article_id",
            )
        try:
            pattern = re.compile(spec["pattern"], re.MULTILINE)
        except re.error as exc:
            raise DeportdataError(
                f"rule {spec['name']!r}: bad pattern: {exc}", file=display, column="pattern"
            ) from None
        rules.append(
            ResidueRule(
                spec["name"], pattern, spec["reason"], spec.get("article_id", ""), occurrence
            )
        )
    return rules


def _matches(rule: ResidueRule, text: str) -> list[re.Match[str]]:
    found = [m for m in rule.pattern.finditer(text) if m.end() > m.start()]
    if rule.occurrence:
        return found[rule.occurrence - 1 : rule.occurrence]
    return found


def find_residue(
    text: str, rules: list[ResidueRule], article_id: str | None = None
) -> list[Removal]:
    """Every match in `text` of the rules that apply to `article_id` (None: the rules of
    no particular article), in order.

    Two matches may share only blank space (the blank lines between two pieces of residue,
    which each rule takes with it): the later match then starts where the earlier ends.
    Any other overlap is an error.
    """
    found = sorted(
        (
            Removal(rule.name, m.start(), m.end(), m.group())
            for rule in rules
            if rule.applies_to(article_id)
            for m in _matches(rule, text)
        ),
        key=lambda r: (r.start, r.end),
    )
    removals: list[Removal] = []
    for after in found:
        before = removals[-1] if removals else None
        if before and after.start < before.end:
            if after.end <= before.end or text[after.start : before.end].strip():
                raise DeportdataError(
                    f"residue rules {before.rule!r} and {after.rule!r} overlap at characters "
                    f"{after.start}-{before.end}",
                    hint="make the patterns disjoint",
                )
            after = Removal(after.rule, before.end, after.end, text[before.end : after.end])
        removals.append(after)
    return removals


def remove(text: str, removals: list[Removal]) -> str:
    """`text` without the removed spans."""
    parts, cursor = [], 0
    for r in removals:
        parts.append(text[cursor : r.start])
        cursor = r.end
    parts.append(text[cursor:])
    return "".join(parts)


def restore(clean: str, removals: list[Removal]) -> str:
    """Put the removed spans back: the inverse of `remove`, used to prove nothing else changed."""
    parts, cursor, shift = [], 0, 0
    for r in removals:
        clean_pos = r.start - shift
        parts.append(clean[cursor:clean_pos])
        parts.append(r.text)
        cursor = clean_pos
        shift += r.end - r.start
    parts.append(clean[cursor:])
    return "".join(parts)
