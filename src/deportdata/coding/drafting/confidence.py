"""How sure the drafting rules are of a drafted row: `high` or `low`, and why.

A row is `low` when a person must decide something about it (its `needs_person` is not
empty) or when its `draft_reason` names one of the rules drafting.yaml's `low_confidence`
lists, the rules that are often wrong on articles they were not written for. The rule that
decided is added to `draft_reason`; the review page shows the low rows first.
"""

from __future__ import annotations

from deportdata.coding.draftfiles import CONFIDENCE, DRAFT_REASON, NEEDS_PERSON
from deportdata.coding.drafting.rules import DraftingRules


def confidence(row: dict[str, str], rules: DraftingRules) -> tuple[str, str]:
    """(high or low, the rule that decided it) for a drafted row."""
    reason = row.get(DRAFT_REASON, "")
    why = next((why for pattern, why in rules.low_confidence if pattern.search(reason)), "")
    if why:
        return "low", why
    if row.get(NEEDS_PERSON, "").strip():
        return "low", "a person must decide: see needs_person"
    return "high", "no uncertain rule and nothing for a person to decide"


def assign(row: dict[str, str], rules: DraftingRules) -> None:
    """Write the row's `confidence` and add the rule that decided it to its draft_reason."""
    level, why = confidence(row, rules)
    row[CONFIDENCE] = level
    row[DRAFT_REASON] = f"{row.get(DRAFT_REASON, '')}; confidence: {level} ({why})".lstrip("; ")
