"""The drafting rules, as the one loader of rule files reads them (`text.rules.Rules`, its
`drafting`: data/raw/rules/drafting.yaml checked and compiled into `DraftingRules`)."""

from __future__ import annotations

from deportdata.config import Project
from deportdata.text.drafting import DraftingRules, Hint, NonClaim, compile_rules, words_pattern
from deportdata.text.rules import Rules

__all__ = ["DraftingRules", "Hint", "NonClaim", "compile_rules", "drafting_rules", "words_pattern"]


def drafting_rules(project: Project) -> DraftingRules:
    """A project's drafting rules (read once, again when a rule file changes)."""
    return Rules.load(project).drafting
