"""What drafting knows of one article, built once and passed to every step, and the typed
records the steps return before they become draft rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from deportdata.coding.drafting.attribution import Attribution
from deportdata.coding.drafting.figures import Figure
from deportdata.coding.drafting.rules import DraftingRules
from deportdata.coding.drafting.sentences import SentenceIndex
from deportdata.coding.drafting.timex import TimeExpression


@dataclass(frozen=True)
class ArticleContext:
    """One article as drafting reads it: its text and outlet, when it was published, its
    sentences, its time expressions (each sentence's own in `in_sentence`) and the sources
    each sentence names (`sources`, by sentence index)."""

    article_id: str
    text: str
    outlet: str
    published: tuple[date, date]
    best: date  # the publication day a key falls back to
    index: SentenceIndex
    expressions: list[TimeExpression]
    in_sentence: dict[int, list[TimeExpression]]
    sources: dict[int, list[Attribution]]
    rules: DraftingRules


@dataclass
class DraftedClaim:
    """A drafted claims row and what drafting knows of it beyond its cells: its sentence,
    what a person must decide, why the parser cannot read its value (empty when it can),
    and the time expressions it took (as (start, end) offsets)."""

    row: dict[str, str]
    sentence: int
    needs: list[str] = field(default_factory=list)
    unreadable: str = ""
    period: TimeExpression | None = None
    as_of: TimeExpression | None = None

    @property
    def kind(self) -> str:
        return self.row["kind"]


@dataclass(frozen=True)
class IgnoredMention:
    """A figure kept out of the claims: its reason code and reason, the rule that decided,
    what a person must decide, and the time expression it is part of (if any), whose role
    names the reason once the claims have taken their times."""

    figure: Figure
    reason_code: str
    reason: str
    rule: str
    needs: tuple[str, ...] = ()
    time: TimeExpression | None = None
