r"""Remove scraping residue from article texts by rules kept as data, logging every removal.

The rules' patterns are matched by RE2 (google-re2), whose matching time grows linearly with
the text whatever the pattern: a rule a person edits cannot make the clean step run for ever
(Python's `re` backtracks, and `(\w+\s?)+$` takes exponential time). RE2 has no lookaround
and no backreferences, and `\d`, `\w`, `\s` are ASCII; a pattern it cannot compile is
refused with the rule named.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from deportdata.errors import DeportdataError
from deportdata.text.patterns import linear
from deportdata.text.rulefile import parse_yaml


@dataclass(frozen=True)
class ResidueRule:
    name: str
    pattern: object  # a compiled RE2 pattern (`compile_pattern`)
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


def compile_pattern(pattern: str):
    r"""A residue pattern compiled by RE2, multi-line (`^` and `$` at every line, `\A` and `\z`
    at the ends of the text); ValueError with RE2's reason if it cannot be compiled."""
    try:
        return linear(f"(?m){pattern}")
    except ValueError as exc:
        raise ValueError(str(exc).replace("(?m)", "", 1)) from None


def load_rules(path: Path, display: str | None = None) -> list[ResidueRule]:
    """Read residue rules (a YAML list of name, pattern, reason); a bad rule is an error naming
    the file, the line and column of the entry, and the rule."""
    display = display or str(path)
    doc, tree = parse_yaml(path.read_text(encoding="utf-8"), display)
    specs = doc or []
    if not isinstance(specs, list):
        raise DeportdataError(
            "the residue rules are a list of rules (name, pattern, reason), not "
            f"{type(specs).__name__}",
            file=display,
            line=1,
        )

    def place(number: int, key: str | None = None) -> dict:
        """file, line and column of rule `number` (its `key`'s value, when it has one)."""
        node = tree.value[number - 1] if tree is not None else None
        if node is not None and key and isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), node)
        mark = node.start_mark if node is not None else None
        return {
            "file": display,
            "line": mark.line + 1 if mark else None,
            "column": mark.column + 1 if mark else key,
        }

    rules = []
    for number, spec in enumerate(specs, 1):
        if not isinstance(spec, dict):
            raise DeportdataError(
                f"rule {number} is not a mapping of name, pattern, reason", **place(number)
            )
        missing = [k for k in ("name", "pattern", "reason") if not spec.get(k)]
        if missing:
            raise DeportdataError(f"rule {number} lacks {', '.join(missing)}", **place(number))
        label = spec["name"] if isinstance(spec["name"], str) else number
        for key in ("name", "pattern", "reason", "article_id"):
            if key in spec and not isinstance(spec[key], str):
                raise DeportdataError(
                    f"rule {label!r}: {key} must be a text, not {spec[key]!r}",
                    **place(number, key),
                )
        occurrence = spec.get("occurrence", 0)
        if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 0:
            raise DeportdataError(
                f"rule {label!r}: occurrence must be a whole number (1 = the first match)",
                **place(number, "occurrence"),
            )
        if occurrence and not spec.get("article_id"):
            raise DeportdataError(
                f"rule {label!r}: occurrence needs the article_id it counts in",
                **place(number),
            )
        try:
            pattern = compile_pattern(spec["pattern"])
        except ValueError as exc:
            raise DeportdataError(
                f"rule {label!r}: bad pattern (RE2, linear-time matching): {exc}",
                **place(number, "pattern"),
                hint="RE2 syntax: no lookaround, no backreferences; \\z ends the text",
            ) from None
        rules.append(
            ResidueRule(
                spec["name"], pattern, spec["reason"], spec.get("article_id", ""), occurrence
            )
        )
    return rules


def _matches(rule: ResidueRule, text: str) -> list:
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
