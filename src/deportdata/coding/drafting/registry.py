"""Who is who: the raw organisations, aliases and actors, and how a printed name resolves."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from deportdata.coding.drafting.rules import DraftingRules, words_pattern


def snake_id(name: str) -> str:
    """A snake_case id from a printed name ("Jay Raman" -> "jay_raman")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"(?<=\b[A-Za-z])\.(?=[A-Za-z]\b)", "", ascii_name)  # U.S. -> US
    words = re.findall(r"[A-Za-z0-9]+", ascii_name.lower())
    text = "_".join(words) or "unnamed"
    return text if text[0].isalpha() else f"x_{text}"


@dataclass
class Registry:
    """Organisations (id -> row), aliases (printed name -> id) and known actors."""

    organisations: dict[str, dict[str, str]]
    aliases: dict[str, str]
    actors: dict[str, dict[str, str]]  # actor_id -> a row (name, organisation, article)
    new_organisations: dict[str, dict[str, str]] = field(default_factory=dict)
    _patterns: tuple | None = field(default=None, repr=False, compare=False)
    # (aliases counted, [(name, id, its words)]) for named_in, made again when aliases change
    _name_words: tuple | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_rows(
        cls, organisations: list[dict], aliases: list[dict], actors: list[dict]
    ) -> Registry:
        orgs = {r["organisation_id"]: dict(r) for r in organisations}
        names = {r["alias"]: r["organisation_id"] for r in aliases}
        for org_id, row in orgs.items():
            names.setdefault(row["name"], org_id)
        people: dict[str, dict[str, str]] = {}
        for row in actors:
            people.setdefault(row["actor_id"], dict(row))
        return cls(orgs, names, people)

    def kind(self, org_id: str) -> str:
        row = self.organisations.get(org_id) or self.new_organisations.get(org_id) or {}
        return row.get("kind", "")

    def alias_in(self, phrase: str) -> tuple[str, str] | None:
        """The longest known name printed inside `phrase`: (name, organisation_id)."""
        best = None
        folded = phrase.casefold().replace("'", "’")
        for name, org_id, key, pattern in self._alias_patterns():
            if (
                key in folded
                and pattern.search(folded)
                and (best is None or len(name) > len(best[0]))
            ):
                best = (name, org_id)
        return best

    def _alias_patterns(self) -> list[tuple[str, str, str, re.Pattern[str]]]:
        """(name, id, folded name, pattern) of every alias, made again when aliases change."""
        state = tuple(self.aliases.items())
        if self._patterns is None or self._patterns[0] != state:
            made = []
            for name, org_id in state:
                key = name.casefold().replace("'", "’")
                made.append((name, org_id, key, re.compile(rf"(?<![\w]){re.escape(key)}(?![\w])")))
            self._patterns = (state, made)
        return self._patterns[1]

    def similar(self, phrase: str, rules: DraftingRules) -> tuple[str, str] | None:
        """A known name sharing enough content words with `phrase` (to be checked)."""
        stop = {w.casefold() for w in rules.entries.similar_name_stopwords}

        def words(text: str) -> set[str]:
            return {
                w
                for w in re.findall(r"[\w’.]+", text.casefold())
                if w.strip(".") not in stop and w not in stop
            }

        mine = words(phrase)
        if len(mine) < 2:
            return None
        best, score = None, 0.0
        for name, org_id in self.aliases.items():
            theirs = words(name)
            if not theirs:
                continue
            overlap = len(mine & theirs) / len(mine | theirs)
            if overlap > score:
                best, score = (name, org_id), overlap
        return best if score >= float(rules.entries.similar_name_min_overlap) else None

    def named_in(self, phrase: str, rules: DraftingRules) -> tuple[str, str] | None:
        """The known name whose every word is printed in `phrase`, in any order ("the
        immigration department at the Interior Ministry" names "Immigration department of
        the Ministry of Interior"): the one with most words, of at least
        `name_words_min` words; None when none or a tie between organisations."""
        stop = {w.casefold() for w in rules.entries.name_words_ignored}

        def words(text: str) -> set[str]:
            found = re.findall(r"[^\W\d_]+", re.sub(r"[’']s\b", "", text.casefold()))
            return {w for w in found if w not in stop}

        mine = words(phrase)
        if self._name_words is None or self._name_words[0] != len(self.aliases):
            least = int(rules.entries.name_words_min)
            named = [(n, o, w) for n, o in self.aliases.items() if len(w := words(n)) >= least]
            self._name_words = (len(self.aliases), named)
        hits = sorted(
            ((len(theirs), name, org_id) for name, org_id, theirs in self._name_words[1]
             if theirs <= mine),
            reverse=True,
        )  # fmt: skip
        if not hits or (len(hits) > 1 and hits[1][0] == hits[0][0] and hits[1][2] != hits[0][2]):
            return None
        return hits[0][1], hits[0][2]

    def actor_by_name(self, name: str) -> str | None:
        for actor_id, row in sorted(self.actors.items()):
            if row.get("name_as_printed") == name:
                return actor_id
        return None

    def draft_organisation(self, name: str, rules: DraftingRules) -> str:
        """Register a new organisation (drafted, for a person to check); return its id."""
        org_id = snake_id(re.sub(r"^(?:the|The)\s+", "", name))
        if org_id in self.organisations and self.organisations[org_id]["name"] != name:
            org_id = f"{org_id}_new"
        if org_id not in self.organisations and org_id not in self.new_organisations:
            self.new_organisations[org_id] = {
                "organisation_id": org_id,
                "name": re.sub(r"^(?:the|The)\s+", "", name),
                "kind": guess_kind(name, rules),
                "country": "",
                "parent_id": "",
                "note": "Drafted from the article text: check the name, kind, country and parent.",
            }
            self.aliases.setdefault(name, org_id)
        return org_id


def guess_kind(name: str, rules: DraftingRules) -> str:
    """An organisation kind from the words of its name (drafting.yaml's
    `organisation_kinds`, the first that matches); `other` when none fits."""
    return next(
        (kind for kind, words in rules.entries.organisation_kinds.items()
         if words_pattern(words, 0).search(name)),
        "other",
    )  # fmt: skip
