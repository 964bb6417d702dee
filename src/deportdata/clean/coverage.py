"""Clean mentions: every numeric mention in the texts with its status (claim, ignored, uncoded)."""

from __future__ import annotations

import bisect
import re

from deportdata.clean.context import Context
from deportdata.text.mentions import MentionRules, scan
from deportdata.text.quotes import locate_within

Row = dict[str, object]
SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+|\n+")


class Sentences:
    """Sentence (or line) boundaries of a text, found once, looked up by offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks = [(m.start(), m.end()) for m in SENTENCE_END.finditer(text)]
        self.starts = [b[0] for b in self.breaks]

    def around(self, start: int, end: int) -> str:
        """The sentence that contains text[start:end]."""
        i = bisect.bisect_right(self.starts, start) - 1  # last break starting at or before `start`
        left = self.breaks[i][1] if i >= 0 and self.breaks[i][1] <= start else 0
        j = bisect.bisect_left(self.starts, end)  # first break at or after `end`
        right = self.breaks[j][0] if j < len(self.breaks) else len(self.text)
        return self.text[left:right].strip()


def build_mentions(ctx: Context, claims: list[Row], rules: MentionRules) -> list[Row]:
    """Scan each raw text and say which claim or ignore-record accounts for each mention."""
    covers: dict[str, list[tuple[int, int, str, str, str]]] = {}
    for claim in claims:
        if claim["value_start"] != "":
            covers.setdefault(str(claim["article_id"]), []).append(
                (
                    int(claim["value_start"]),
                    int(claim["value_end"]),
                    "claim",
                    str(claim["claim_id"]),
                    "",
                )
            )
    for row in ctx.raw["mentions_ignored"]:
        if row["article_id"] not in ctx.texts:
            continue
        span = ctx.quote_span("mentions_ignored", row, "context", "context_occurrence")
        if span is None:
            continue
        part = ctx.attempt(
            "mentions_ignored",
            row,
            "mention_text",
            lambda r=row, s=span: locate_within(ctx.texts[r["article_id"]], s, r["mention_text"]),
        )
        if part:
            covers.setdefault(row["article_id"], []).append(
                (part[0], part[1], "ignored", row["mention_id"], row["reason_code"])
            )
    out: list[Row] = []
    used: set[str] = set()
    for article_id in sorted(ctx.texts):
        text = ctx.texts[article_id]
        spans = covers.get(article_id, [])
        sentences = Sentences(text)
        for n, m in enumerate(scan(text, rules), 1):
            match = next((c for c in spans if c[0] <= m.start and m.end <= c[1]), None)
            status, ref, reason = (match[2], match[3], match[4]) if match else ("uncoded", "", "")
            if ref:
                used.add(ref)
            out.append(
                {
                    "mention_id": f"{article_id}#{n}",
                    "article_id": article_id,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "form": m.form,
                    "status": status,
                    "claim_id": ref if status == "claim" else "",
                    "ignored_id": ref if status == "ignored" else "",
                    "reason_code": reason,
                    "sentence": sentences.around(m.start, m.end),
                }
            )
    for row in ctx.raw["mentions_ignored"]:
        if row["mention_id"] not in used and row["article_id"] in ctx.texts:
            ctx.problem(
                "mentions_ignored",
                row,
                "mention_text",
                f"{row['mention_text']!r} is not a numeric mention the scanner finds; nothing to ignore",
                hint="remove the row, or check data/raw/rules/mentions.yaml",
            )
    return out
