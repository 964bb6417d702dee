"""The rules kept as data (data/raw/rules/*.yaml), loaded once per project into one object.

Every step that reads a text by rules (clean, checks, coding, teaching) takes them from
`Rules.load(project)`; the files are the only source (no copy in the code). A rule file
changed on disk is read again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from deportdata.config import RULE_FILES, Project, source_project
from deportdata.text import dates, drafting, mentions, numbers, residue
from deportdata.text.dates import DateConventions
from deportdata.text.drafting import DraftingRules
from deportdata.text.mentions import MentionRules
from deportdata.text.numbers import NumberConventions
from deportdata.text.residue import ResidueRule

LOADED = ("numbers", "dates", "mentions", "residue", "drafting")


@dataclass(frozen=True)
class Rules:
    """A project's reading rules: numbers, dates, the mention scan, the residue, and the
    drafting rules (read when first asked for: only drafting needs them)."""

    numbers: NumberConventions
    dates: DateConventions
    mentions: MentionRules
    residue: tuple[ResidueRule, ...]
    folder: Path | None = field(default=None, compare=False, repr=False)

    @cached_property
    def drafting(self) -> DraftingRules:
        """The drafting rules (drafting.yaml), checked and compiled."""
        if self.folder is None:
            raise ValueError("these rules were not read from a folder")
        return drafting.load(self.folder / RULE_FILES["drafting"], self.numbers)

    @classmethod
    def load(cls, project: Project) -> Rules:
        """The project's rules, read once (again when a file's size or time changes)."""
        stamps = tuple(_stamp(project.rule_file(name)) for name in LOADED)
        return _load(project.root, project.rules, stamps)

    @property
    def residue_names(self) -> list[str]:
        return sorted(rule.name for rule in self.residue)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_mtime_ns, stat.st_size


@cache
def _load(root: Path, folder: Path, stamps: tuple) -> Rules:
    """The rules read from `folder` (a staged raw layer's rules, for accept, or the project's)."""
    number_rules = numbers.load_conventions(folder / RULE_FILES["numbers"])
    residue_file = folder / RULE_FILES["residue"]
    return Rules(
        numbers=number_rules,
        dates=dates.load_conventions(folder / RULE_FILES["dates"]),
        mentions=mentions.load_rules(folder / RULE_FILES["mentions"], number_rules),
        residue=tuple(residue.load_rules(residue_file, Project(root).rel(residue_file))),
        folder=folder,
    )


def default_rules() -> Rules:
    """The rules of the package's own project."""
    return Rules.load(source_project())


__all__ = ["RULE_FILES", "Rules", "default_rules"]
