"""Page furniture proposed for removal: the draft's residue.csv, and the rules it becomes.

`propose` reads a new article's text line by line with the general patterns of
data/raw/rules/furniture.yaml (search boxes, logos, menus, share and comment widgets,
photo credits, a line printed twice) and returns the lines it would remove, with their
offsets. Nothing is removed by a proposal: a person confirms each one in the draft
(`review` = ok) or deletes it, and `deportdata accept` turns each confirmed line into a
residue rule of that article only (`residue_rule`), matched exactly where it was.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from deportdata.errors import DeportdataError
from deportdata.text.patterns import linear
from deportdata.text.residue import Removal, compile_pattern
from deportdata.text.rulefile import parse_yaml

COLUMNS = (
    "residue_id",
    "article_id",
    "line_text",
    "start",
    "end",
    "rule",
    "reason",
    "review",
    "needs_person",
    "draft_reason",
)
REPEATED = "repeated_line"


@dataclass(frozen=True)
class FurnitureRule:
    name: str
    pattern: re.Pattern[str]
    reason: str


@dataclass(frozen=True)
class FurnitureRules:
    max_words: int
    repeated_reason: str
    patterns: tuple[FurnitureRule, ...]


@dataclass(frozen=True)
class Proposal:
    start: int  # the line's first character in the raw text
    end: int  # after the line and the line breaks that follow it
    line: str  # the line as printed, without its line break
    rule: str
    reason: str


def _located(message: str, display: str, node=None, column: str | None = None):
    mark = getattr(node, "start_mark", None)
    return DeportdataError(
        message,
        file=display,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else column,
    )


def load_rules(path: Path, display: str | None = None) -> FurnitureRules:
    """Read furniture.yaml; a problem names the file, line and column of the bad entry."""
    display = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DeportdataError("the furniture rules are missing", file=display) from None
    doc, node = parse_yaml(text, display)
    if not isinstance(doc, dict):
        raise _located("the furniture rules are a mapping (max_words, patterns)", display, node)
    nodes = {k.value: v for k, v in node.value} if node is not None else {}
    max_words = doc.get("max_words")
    if not isinstance(max_words, int) or isinstance(max_words, bool) or max_words < 1:
        raise _located(
            f"max_words must be a whole number of at least 1, not {max_words!r}",
            display,
            nodes.get("max_words"),
            "max_words",
        )
    repeated = doc.get(REPEATED) or {}
    if not isinstance(repeated, dict) or not isinstance(repeated.get("reason"), str):
        raise _located(f"{REPEATED} needs a reason", display, nodes.get(REPEATED), REPEATED)
    specs = doc.get("patterns")
    if not isinstance(specs, list):
        raise _located("patterns must be a list", display, nodes.get("patterns"), "patterns")
    items = nodes["patterns"].value if "patterns" in nodes else []
    rules, names = [], set()
    for spec, item in zip(specs, items, strict=True):
        if not isinstance(spec, dict):
            raise _located("a pattern is a mapping of name, pattern, reason", display, item)
        for key in ("name", "pattern", "reason"):
            if not isinstance(spec.get(key), str) or not spec[key]:
                raise _located(f"a pattern entry lacks a text {key}", display, item, key)
        if spec["name"] in names or spec["name"] == REPEATED:
            raise _located(f"the rule name {spec['name']!r} is used twice", display, item)
        names.add(spec["name"])
        try:
            pattern = linear(spec["pattern"], ignore_case=True)  # RE2: linear in the line
        except ValueError as exc:
            where = {k.value: v for k, v in item.value}.get("pattern", item)
            raise _located(f"rule {spec['name']!r}: bad pattern: {exc}", display, where) from None
        rules.append(FurnitureRule(spec["name"], pattern, spec["reason"]))
    return FurnitureRules(max_words, repeated["reason"], tuple(rules))


def _lines(text: str):
    """(start, end of the line, end with the line breaks that follow, line) for every line;
    a line break is LF or CRLF, and the CR is not part of the line."""
    for m in re.finditer(r"([^\r\n]*(?:\r(?!\n)[^\r\n]*)*)((?:\r?\n)*)", text):
        if m.start() == m.end():
            continue
        yield m.start(), m.end(1), m.end(), m.group(1)


def propose(text: str, rules: FurnitureRules, kept: list[Removal] = ()) -> list[Proposal]:
    """Every line that looks like page furniture, in text order; lines that a residue rule
    already removes (`kept`) are left to that rule."""
    taken = [(r.start, r.end) for r in kept]
    seen: dict[str, tuple[int, int]] = {}  # a line's text -> its first copy's span
    out: list[Proposal] = []
    for start, line_end, end, line in _lines(text):
        stripped = line.strip()
        if not stripped or any(a < line_end and start < b for a, b in taken):
            continue
        first = seen.setdefault(stripped.casefold(), (start, line_end))
        if first[0] != start:
            out.append(Proposal(start, end, line, REPEATED, rules.repeated_reason))
            continue
        if len(stripped.split()) > rules.max_words:
            continue
        rule = next((r for r in rules.patterns if r.pattern.fullmatch(stripped)), None)
        if rule is not None:
            out.append(Proposal(start, end, line, rule.name, rule.reason))
    return out


def residue_rules(text: str, article_id: str, rows: list[dict[str, str]]) -> list[dict]:
    """The residue rules of the confirmed rows of a draft's residue.csv."""
    return [residue_rule(text, article_id, row, n) for n, row in enumerate(rows, 1)]


def append_rules(residue_yaml: str, article_id: str, rules: list[dict]) -> str:
    """residue.yaml's text with `rules` appended under a comment naming the article."""
    body = yaml.safe_dump(rules, sort_keys=False, allow_unicode=True, width=1000)
    head = residue_yaml if residue_yaml.endswith("\n") or not residue_yaml else residue_yaml + "\n"
    return (
        head + f"# Page furniture of article {article_id}, confirmed in its draft "
        "(deportdata accept): each rule removes one line, in this article only.\n" + body
    )


def read_rows(
    path: Path, display: str, article_id: str, text: str
) -> tuple[list[dict[str, str]], list[DeportdataError]]:
    """The rows of a draft's residue.csv, with `__line__`; a missing column, a row whose
    line is not the whole line of the text at its offsets (with the line breaks after it),
    or a file that is not CSV is a problem naming file, line and column."""
    from deportdata.io.tables import LINE, parse_csv

    parsed = parse_csv(path, display)
    if parsed.errors:
        return [], list(parsed.errors)
    missing = [c for c in COLUMNS if c not in parsed.header]
    if missing:
        return [], [
            DeportdataError(
                f"missing column(s) {', '.join(missing)}",
                file=display,
                line=1,
                hint=f"residue.csv has the columns {', '.join(COLUMNS)}",
            )
        ]
    errors: list[DeportdataError] = []
    rows = []
    for line, fields in parsed.records:
        row = dict(zip(parsed.header, fields, strict=True))
        row = {c: row.get(c, "") for c in COLUMNS} | {LINE: str(line)}
        rows.append(row)

        def bad(column: str, message: str, line: int = line) -> None:
            errors.append(DeportdataError(message, file=display, line=line, column=column))

        if row["review"] not in ("todo", "ok"):
            bad("review", f"{row['review']!r} is neither todo nor ok")
        if row["article_id"] != article_id:
            bad("article_id", f"the row belongs to {row['article_id']!r}, not {article_id}")
        if not row["reason"].strip():
            bad("reason", "the reason is empty: say why the line is not the article")
        if not (re.fullmatch(r"[0-9]+", row["start"]) and re.fullmatch(r"[0-9]+", row["end"])):
            bad("start", "start and end are character offsets (whole numbers)")
            continue
        start, end = int(row["start"]), int(row["end"])
        at_line_start = start == 0 or (start <= len(text) and text[start - 1] == "\n")
        if not at_line_start or not text.startswith(row["line_text"], start):
            bad("line_text", f"{row['line_text']!r} is not the line at character {start}")
            continue
        after = start + len(row["line_text"])
        breaks = re.compile(r"(?:\r?\n)*").match(text, after).end()
        if row["line_text"] == "" or (breaks == after and after != len(text)):
            bad("line_text", f"{row['line_text']!r} is not a whole line of the text")
        elif end != breaks:
            bad("end", f"end must be {breaks}: the end of the line and of the line breaks after it")
    return rows, errors


def residue_rule(text: str, article_id: str, row: dict[str, str], number: int) -> dict:
    """The residue rule (as written to residue.yaml) that removes a confirmed proposal: the
    whole line, anchored, in this article only, and only at its place (`occurrence`)."""
    start, end = int(row["start"]), int(row["end"])
    line = text[start:end].rstrip("\r\n")
    literal = re.escape(line).replace("\\ ", " ")  # a space means itself (no re.VERBOSE)
    pattern = "^" + literal + (r"(?:\r?\n)+" if end > start + len(line) else r"\z")
    starts = [m.start() for m in compile_pattern(pattern).finditer(text)]  # as clean matches
    rule = {
        "name": f"{article_id}_{row['rule']}_{number}",
        "pattern": pattern,
        "reason": row["reason"],
        "article_id": article_id,
    }
    if len(starts) > 1:
        rule["occurrence"] = starts.index(start) + 1
    return rule


def draft_rows(article_id: str, proposals: list[Proposal]) -> list[dict[str, str]]:
    """The rows of the draft's residue.csv: every proposal for a person to confirm."""
    return [
        {
            "residue_id": f"D-R{n:03d}",
            "article_id": article_id,
            "line_text": p.line,
            "start": str(p.start),
            "end": str(p.end),
            "rule": p.rule,
            "reason": p.reason,
            "review": "todo",
            "needs_person": "is this line page furniture, not the article? keep the row "
            "(review ok) to remove it from the clean text, or delete the row",
            "draft_reason": f"furniture: {p.rule}",
        }
        for n, p in enumerate(proposals, 1)
    ]


def _span(found, text: str, part: str, occurrence: str) -> tuple[int, int] | None:
    """Where `part` (its `occurrence`-th copy) is, as accept locates it, through the text's
    index of occurrences (`coding.sentences.Occurrences`); None where accept could not
    place it either."""
    from deportdata.text.quotes import locate

    n = int(occurrence) if re.fullmatch(r"[0-9]+", occurrence) else None
    try:
        return locate(text, part, n, found.starts(part) if part else None)
    except DeportdataError:
        return None


def _occurrence(found, part: str, at: int) -> str:
    """1-based occurrence of `part` starting at `at`, when it occurs more than once."""
    starts = found.starts(part)
    return str(starts.index(at) + 1) if len(starts) > 1 and at in starts else ""


def set_aside(draft, text: str, proposals: list[Proposal], mention_rules) -> None:
    """Take what the draft found inside proposed furniture out of its claims, events and
    ignored mentions, and ignore every number there as residue (in place): the furniture
    is removed from the clean text once a person confirms it."""
    import pandas

    from deportdata.coding.drafting.sentences import Occurrences
    from deportdata.text.mentions import scan

    if not proposals:
        return
    starts = [p.start for p in proposals]  # in text order, not overlapping
    found_in_text = Occurrences(text)

    def inside(span: tuple[int, int] | None) -> bool:
        if span is None:
            return False
        i = bisect.bisect_right(starts, span[0]) - 1
        return i >= 0 and span[1] <= proposals[i].end

    dropped: set[str] = set()
    for name, part, occ, key in (
        ("claims", "quote", "quote_occurrence", "claim_id"),
        ("events", "quote", "quote_occurrence", "event_id"),
        ("mentions_ignored", "context", "context_occurrence", "mention_id"),
    ):
        frame = draft.tables[name]
        keep = [
            not inside(_span(found_in_text, text, r[part], r[occ]))
            for r in frame.to_dict("records")
        ]
        dropped |= set(frame.loc[[not k for k in keep], key])
        draft.tables[name] = frame.loc[keep].reset_index(drop=True)
    mentions = draft.tables["mentions_ignored"]
    used = [int(m[3:]) for m in mentions["mention_id"] if re.fullmatch(r"D-M\d+", m)]
    number = max(used, default=0)
    rows = []
    found = scan(text, mention_rules)  # as the clean step's coverage scans the raw text
    mention_starts = [m.start for m in found]
    for n, proposal in enumerate(proposals, 1):
        line_end = proposal.start + len(proposal.line)
        first = bisect.bisect_left(mention_starts, proposal.start)
        last = bisect.bisect_left(mention_starts, line_end, lo=first)
        for m in found[first:last]:
            if m.end > line_end:
                continue
            first = text.find(m.text, proposal.start, line_end) == m.start
            at = proposal.start if first else m.start
            phrase = text[at:line_end]
            number += 1
            rows.append(
                {
                    "mention_id": f"D-M{number:03d}",
                    "article_id": draft.article_id,
                    "mention_text": m.text,
                    "context": phrase,
                    "context_occurrence": _occurrence(found_in_text, phrase, at),
                    "reason_code": "residue",
                    "reason": f"In page furniture proposed for removal (residue.csv D-R{n:03d}, "
                    f"rule {proposal.rule}).",
                    "review": "todo",
                    "needs_person": f"if the line is the article's text after all (D-R{n:03d} "
                    "deleted), code this number: a claim, or ignored with another reason",
                    "draft_reason": "non-claim: in proposed page furniture",
                }
            )
    if rows:
        added = pandas.DataFrame(rows, dtype=str).reindex(columns=mentions.columns, fill_value="")
        draft.tables["mentions_ignored"] = pandas.concat([mentions, added], ignore_index=True)
    if dropped and isinstance(getattr(draft, "needs_person", None), list):
        draft.needs_person[:] = [
            item
            for item in draft.needs_person
            if not (isinstance(item, str) and item.split(" ", 1)[0] in dropped)
        ]
