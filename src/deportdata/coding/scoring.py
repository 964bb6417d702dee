"""How drafts are scored against a hand coding: the measures, their totals and their table.

Shared by the two sets the drafts are measured on (`coding.evaluate`): the coded
articles of the corpus and the invented development set (`coding.devset`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from deportdata.text.quotes import locate, locate_within

MEASURES = (
    ("claims_found", "claims found (a drafted claim at the hand-coded figure)", "claims"),
    ("value_as_printed", "claims found with the value as printed", "claims"),
    ("reporter_right", "reporter right", "claims"),
    ("actor_right", "actor right", "claims"),
    ("kind_right", "kind right", "claims"),
    ("time_right", "time expressions right (period and as-of)", "claims"),
    ("time_right_dated", "… of claims whose hand coding has a time expression", "dated_claims"),
    ("flagged_low", "drafted claims at a coded figure flagged low confidence", "claims_found"),
    ("wrong_flagged_low", "… of those with a wrong cell, flagged low confidence", "claims_wrong"),
    ("nonclaims_kept_out", "non-claims kept out", "nonclaims"),
    ("reason_right", "… with the hand-coded reason", "nonclaims"),
    ("events_found", "events found (same date expression)", "events"),
    ("event_type_right", "… with the hand-coded event type", "events"),
)
EXTRA = (
    ("extra_claims", "drafted claims the hand coding does not have"),
    ("extra_events", "drafted events the hand coding does not have"),
)


@dataclass
class Score:
    """Counts of one article's (or paragraph's) measures, and what was missed."""

    counts: dict[str, int] = field(default_factory=dict)
    extra_claims: list[str] = field(default_factory=list)
    extra_events: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, key: str, ok: bool = True) -> None:
        self.counts[key] = self.counts.get(key, 0) + int(ok)


def add_confidence(score: Score, drafted: dict, wrong: bool) -> None:
    """Count whether a found claim was flagged low, and whether a wrong one was."""
    low = drafted.get("confidence", "") == "low"
    score.add("flagged_low", low)
    score.add("claims_wrong", wrong)
    score.add("wrong_flagged_low", wrong and low)


def span_of(text: str, row: dict, quote_col: str, occ_col: str, part_col: str) -> tuple[int, int]:
    """Where a row's part (its value, mention or date expression) is printed in the text."""
    occ = row.get(occ_col) or ""
    span = locate(text, row[quote_col], int(occ) if occ else None)
    return locate_within(text, span, row[part_col])


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def totals(scores: dict[str, Score]) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for s in scores.values():
        for k, v in s.counts.items():
            out[k] = out.get(k, 0) + v
    out["extra_claims"] = sum(len(s.extra_claims) for s in scores.values())
    out["extra_events"] = sum(s.extra_events for s in scores.values())
    return out


def cell(t: dict[str, int | None], key: str, base: str) -> str:
    if key in t and t[key] is None:  # a measure this set does not score
        return "–"
    n, d = t.get(key, 0), t.get(base, 0)
    return f"{n} of {d} ({100 * n / d:.0f}%)" if d else "–"


def table(columns: dict[str, dict[str, int | None]]) -> str:
    """A markdown table of the measures, one column per set of totals (heading → totals).
    A measure a set does not score (its base is 0) shows "–"."""
    lines = [
        "| measure | " + " | ".join(columns) + " |",
        "|---|" + "---|" * len(columns),
    ]
    for key, label, base in MEASURES:
        lines.append(
            f"| {label} | " + " | ".join(cell(t, key, base) for t in columns.values()) + " |"
        )
    for key, label in EXTRA:
        shown = [str(t[key]) if t.get(key) is not None else "–" for t in columns.values()]
        lines.append(f"| {label} | " + " | ".join(shown) + " |")
    return "\n".join(lines)
