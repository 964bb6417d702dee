"""The rows of a draft placed in their article's text, for the review page
(`deportdata.coding.reviewpage`): pure functions, text and rows in, items out.

Claims are placed by their value_text inside their quote, events by their quote (and
date expression), ignored mentions by their mention_text inside their context, proposed
residue (the draft's residue.csv) by its offsets; every numeric mention that no claim
and no ignored mention covers (as the clean step's coverage decides it) becomes an item
of its own. A row that cannot be placed says why, and is not lost.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from deportdata.coding.draftfiles import (
    CONFIDENCE,
    DRAFT_REASON,
    DRAFT_TABLES,
    NEEDS_PERSON,
    REVIEW,
    REVIEW_STATES,
    TODO,
)
from deportdata.coding.drafting.sentences import Occurrences
from deportdata.errors import DeportdataError
from deportdata.io.cells import LINE
from deportdata.text.mentions import Mention
from deportdata.text.quotes import locate, locate_within

RESIDUE = "residue"  # the draft's proposed residue: residue.csv (not a raw table)
MENTION = "mention"  # a numeric mention no row covers
SHOWN_TABLES = (*DRAFT_TABLES, RESIDUE)
REVIEW_COLUMNS = (REVIEW, CONFIDENCE, NEEDS_PERSON, DRAFT_REASON, LINE)
ID_COLUMNS = {
    "organisations": "organisation_id",
    "organisation_aliases": "alias",
    "actors": "actor_id",
    "claims": "claim_id",
    "events": "event_id",
    "mentions_ignored": "mention_id",
    RESIDUE: "residue_id",
}
# what a row is called on the page, and its short text
NOUNS = {
    "organisations": ("organisation", "name"),
    "organisation_aliases": ("alias", "organisation_id"),
    "actors": ("person", "name_as_printed"),
    "claims": ("claim", "value_text"),
    "events": ("event", "date_expression"),
    "mentions_ignored": ("ignored mention", "mention_text"),
    RESIDUE: ("proposed residue", "line_text"),
    MENTION: ("number", "text"),
}


@dataclass
class Mark:
    """A highlighted span of the text: its kind (a CSS class) and the item it belongs to."""

    start: int
    end: int
    kind: str  # claim, ignored, event, date, residue, uncoded
    key: str


@dataclass
class Item:
    """One drafted row (or one numeric mention no row covers), placed in the text if it can be."""

    key: str  # the page's anchor: claims-0, mention-3, ...
    table: str
    row: dict[str, str]
    span: tuple[int, int] | None = None  # where the row's highlight is
    marks: list[Mark] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # why it cannot be placed
    warnings: list[str] = field(default_factory=list)  # what else is amiss (a bad review cell)

    @property
    def row_id(self) -> str:
        return self.row.get(ID_COLUMNS.get(self.table, ""), "")

    @property
    def noun(self) -> str:
        return NOUNS[self.table][0]

    @property
    def short(self) -> str:
        return self.row.get(NOUNS[self.table][1], "")

    @property
    def line(self) -> str:
        return self.row.get(LINE, "")

    @property
    def state(self) -> str:
        """todo or ok (anything but exactly ok counts as todo); a not-coded number: uncoded."""
        if self.table == MENTION:
            return "uncoded"
        return "ok" if self.row.get(REVIEW, "").strip() == "ok" else "todo"

    @property
    def todo_cells(self) -> list[str]:
        """Columns whose cell still begins with TODO (a text only a person can write)."""
        return [
            c
            for c, v in self.row.items()
            if c not in REVIEW_COLUMNS and isinstance(v, str) and v.lstrip().startswith(TODO)
        ]

    @property
    def needs_person(self) -> str:
        return self.row.get(NEEDS_PERSON, "").strip()

    @property
    def rank(self) -> int:
        """0: undecided (a not-coded number, what needs a person, a TODO cell, a row that
        cannot be placed); 1: other todo rows; 2: ok rows."""
        if self.table == MENTION or self.todo_cells or self.problems:
            return 0
        if self.state == "ok":
            return 2
        return 0 if self.needs_person else 1


def _review_problem(row: Mapping[str, str]) -> list[str]:
    value = row.get(REVIEW)
    if value is not None and value not in REVIEW_STATES:  # no column: the heading says so
        return [f"review is {value!r}: write todo or ok"]
    return []


def _attempt(item: Item, column: str, func):
    try:
        return func()
    except DeportdataError as error:
        item.problems.append(f"{column}: {error.message}")
        return None


def _occurrence(item: Item, column: str) -> int | None:
    value = item.row.get(column, "").strip()
    if not value:
        return None
    if value.isdigit():
        return int(value)
    item.problems.append(f"{column}: {value!r} is not a whole number")
    return None


def _quote_span(text: str, item: Item, quote: str, occurrence: str, found: Occurrences):
    if not item.row.get(quote):
        item.problems.append(f"{quote}: empty, so the row has no place in the text")
        return None
    n = _occurrence(item, occurrence)
    part = item.row[quote]
    return _attempt(item, quote, lambda: locate(text, part, n, found.starts(part)))


def _part_span(text: str, item: Item, column: str, span: tuple[int, int]):
    if not item.row.get(column):
        return None
    return _attempt(item, column, lambda: locate_within(text, span, item.row[column]))


def _residue_span(text: str, item: Item) -> tuple[int, int] | None:
    """The proposed line: its offsets (the end may take the line breaks after it with it),
    or, when they do not point at line_text, the first place line_text is printed."""
    start, end = item.row.get("start", "").strip(), item.row.get("end", "").strip()
    line_text = item.row.get("line_text", "")
    if start.isdigit() and end.isdigit() and int(start) < int(end) <= len(text):
        a, b = int(start), int(end)
        if not line_text or text[a:b].rstrip("\r\n") == line_text:
            return a, a + len(text[a:b].rstrip("\r\n"))
        item.warnings.append(f"start/end: the text at {a}..{b} is not line_text")
        return a, b
    item.warnings.append(f"start/end: {start!r}..{end!r} are not offsets in the text")
    found = text.find(line_text) if line_text else -1
    if found < 0:
        item.problems.append("line_text: not found in the text")
        return None
    return found, found + len(line_text)


def _place(text: str, item: Item, found: Occurrences) -> None:
    """Find the row's spans in the text; what cannot be found goes to `item.problems`."""
    table, key = item.table, item.key
    if table in ("claims", "events"):
        quote = _quote_span(text, item, "quote", "quote_occurrence", found)
        if quote is None:
            return
        item.span = quote
        if table == "events":
            item.marks.append(Mark(*quote, "event", key))
            part = _part_span(text, item, "date_expression", quote)
            if part:
                item.marks.append(Mark(*part, "date", key))
        else:
            value = _part_span(text, item, "value_text", quote)
            if value:
                item.span = value
                item.marks.append(Mark(*value, "claim", key))
    elif table == "mentions_ignored":
        context = _quote_span(text, item, "context", "context_occurrence", found)
        mention = context and _part_span(text, item, "mention_text", context)
        item.span = mention or context
        if mention:
            item.marks.append(Mark(*mention, "ignored", key))
    elif table == RESIDUE:
        item.span = _residue_span(text, item)
        if item.span:
            item.marks.append(Mark(*item.span, "residue", key))


class _Spans:
    """Marks sorted by start, to ask in log time how far those starting at or before an
    offset reach (a mention is covered when a claim or ignored mention reaches past it)."""

    def __init__(self, marks) -> None:
        ordered = sorted(marks, key=lambda m: m.start)
        self.starts = [m.start for m in ordered]
        self.reaches = list(itertools.accumulate((m.end for m in ordered), max))

    def reach(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.reaches[i] if i >= 0 else -1


def place(
    text: str, tables: Mapping[str, Sequence[Mapping[str, str]]], mentions: Sequence[Mention]
) -> list[Item]:
    """Every drafted row placed in the text, then every numeric mention that no claim
    (its value_text) and no ignored mention (its mention_text) covers, as the clean
    step's coverage decides it."""
    items: list[Item] = []
    found = Occurrences(text)  # where each quote occurs, without a scan of the text per row
    for table in SHOWN_TABLES:
        for n, row in enumerate(tables.get(table, ())):
            item = Item(f"{table}-{n}", table, dict(row), warnings=_review_problem(row))
            _place(text, item, found)
            items.append(item)
    covers = _Spans(m for i in items for m in i.marks if m.kind in ("claim", "ignored"))
    residue = _Spans(m for i in items for m in i.marks if m.kind == "residue")
    for n, mention in enumerate(mentions):
        if covers.reach(mention.start) >= mention.end:
            continue
        item = Item(f"{MENTION}-{n}", MENTION, {"text": mention.text, "form": mention.form})
        item.span = (mention.start, mention.end)
        item.marks.append(Mark(mention.start, mention.end, "uncoded", item.key))
        if residue.reach(mention.start) > mention.start:
            item.row["note"] = "inside proposed residue"
        items.append(item)
    return items


def order(items: Sequence[Item]) -> list[Item]:
    """The summary's order: undecided first, then the other todo rows, then the ok rows;
    within each, the rows the drafting rules are unsure of (`confidence` low) first, then in
    text order (rows with no place in the text last)."""
    tables = [*SHOWN_TABLES, MENTION]
    return sorted(
        items,
        key=lambda i: (
            i.rank,
            i.row.get(CONFIDENCE, "").strip() != "low",  # the uncertain rows first
            i.span is None,
            i.span[0] if i.span else 0,
            tables.index(i.table),
            i.key,
        ),
    )


def line_starts(text: str) -> list[int]:
    """The offset where each line of `text` starts."""
    return [0, *(m.end() for m in re.finditer("\n", text))]


def line_of(starts: Sequence[int], offset: int) -> int:
    """The 0-based line of a character offset."""
    return bisect.bisect_right(starts, offset) - 1
