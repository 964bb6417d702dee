"""What an article has named so far: its people, the organisation names printed, and
the sources read in order (`attribution` reads them); a printed source phrase resolved to
an organisation (aliases, "the group", a similar name, else a drafted new organisation)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from deportdata.coding.drafting.names import SINGLE
from deportdata.coding.drafting.registry import Registry, snake_id
from deportdata.coding.drafting.rules import DraftingRules, words_pattern

ORG_RUN = re.compile(
    r"(?:[A-Z][\w’'.-]*|\([A-Z]+\))(?:\s+(?:of|for|and|on|the|de|[A-Z][\w’'.-]*|\([A-Z]+\)))*"
)


@dataclass
class Person:
    actor_id: str
    name: str
    title: str
    organisation_id: str
    known: bool
    needs: list[str] = field(default_factory=list)
    org_rule: str = ""  # how the organisation was read from the title (alias, court, ...)


@dataclass
class ArticleState:
    """What an article has said so far: its speakers and the last one."""

    people: dict[str, Person] = field(default_factory=dict)
    seen: dict[str, str] = field(default_factory=dict)  # names printed so far -> title
    last_speaker: str = ""
    last_org: str = ""
    org_mentions: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, name, id)
    sources: list = field(default_factory=list)  # every attribution.Attribution so far, in order
    text: str = ""  # the article's text, read up to `read_to` (the end of the sentence read)
    read_to: int = 0
    # the last of org_mentions by the last word of the name and by kind, kept up to date
    _indexed: tuple[object, int] = (None, 0)  # (the list indexed, entries indexed)
    _by_word: dict[str, tuple[int, str, str]] = field(default_factory=dict)
    _by_kind: dict[str, tuple[int, str, str]] = field(default_factory=dict)

    def last_org_mention(
        self, word: str, kinds: set[str], registry: Registry
    ) -> tuple[int, str, str] | None:
        """The last organisation named so far whose name ends in `word` or whose kind is
        one of `kinds` (org_mentions are in text order)."""
        listed, done = self._indexed
        if listed is not self.org_mentions or done > len(self.org_mentions):
            self._by_word, self._by_kind, done = {}, {}, 0
        for mention in self.org_mentions[done:]:
            for index, key in (
                (self._by_word, mention[1].split()[-1].casefold()),
                (self._by_kind, registry.kind(mention[2])),
            ):
                if key not in index or index[key] < mention:
                    index[key] = mention
        self._indexed = (self.org_mentions, len(self.org_mentions))
        found = [self._by_word.get(word), *(self._by_kind.get(k) for k in kinds)]
        return max((f for f in found if f is not None), default=None)


def org_mentions(text: str, registry: Registry) -> list[tuple[int, str, str]]:
    """Every printed known name in the text, by offset."""
    found = []
    word = lambda c: c.isalnum() or c == "_"  # noqa: E731 (what \w matches)
    for name, org_id in registry.aliases.items():
        # as re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text), by str.find
        at = text.find(name) if name else -1
        while at != -1:
            end = at + len(name)
            if (at == 0 or not word(text[at - 1])) and (end == len(text) or not word(text[end])):
                found.append((at, name, org_id))
                at = text.find(name, end)
            else:
                at = text.find(name, at + 1)
    return sorted(found)


def surname(
    chunk: str, state: ArticleState, registry: Registry, rules: DraftingRules
) -> Person | None:
    """A person named before, named again by one word of their name ("Mr. Herod")."""
    words = [w.group() for w in SINGLE.finditer(chunk)]
    stop = set(rules.entries.not_name_words) | set(rules.entries.organisation_words)
    for word in reversed(words):
        if word in stop:
            continue
        for person in reversed(list(state.people.values())):
            if word in person.name.split():
                return person
        for name, title in reversed(list(state.seen.items())):
            if word in name.split():
                return person_of(name, title, registry, state, rules)
    return None


def resolve_org(
    phrase: str, registry: Registry, state: ArticleState, rules: DraftingRules
) -> tuple[str, str, str]:
    """(organisation_id, rule, needs) for a printed source phrase; id empty when none."""
    hit = registry.alias_in(phrase)
    every = registry.named_in(phrase, rules)
    if every and (not hit or len(every[0].split()) > len(hit[0].split())):
        return every[1], f"every word of '{every[0]}'", ""
    if hit:
        return hit[1], f"alias '{hit[0]}'", ""
    generic = rules.entries.generic_org_nouns
    definite = re.search(r"\b[Tt]he ([a-z]+)\b", phrase) or re.match(  # "ministry spokesman"
        rf"({'|'.join(map(re.escape, generic))})\s", phrase
    )
    if definite:
        word = definite.group(1).casefold()
        kinds = set(generic.get(word) or ())
        last = state.last_org_mention(word, kinds, registry)
        if last is not None:
            _, name, org_id = last
            return org_id, f"'the {word}' = {name}", ""
    orgs = set(rules.entries.organisation_words)
    for m in ORG_RUN.finditer(phrase):
        run = m.group().rstrip(".")
        if not any(w.strip("()’s") in orgs for w in run.split()) or run in orgs:
            continue  # no organisation word, or one alone ("Court papers show"): no name
        similar = registry.similar(run, rules)
        if similar:
            return (
                similar[1],
                f"similar to '{similar[0]}'",
                f"'{run}' is not a known name; read as '{similar[0]}' ({similar[1]}): check",
            )
        new_id = registry.draft_organisation(run, rules)
        return new_id, "new organisation", f"new organisation '{run}' drafted as {new_id}: check it"
    court = court_of(phrase, registry, state, rules)
    return court if court else ("", "", "")


def court_of(
    phrase: str, registry: Registry, state: ArticleState, rules: DraftingRules
) -> tuple[str, str, str] | None:
    """The court behind a source that names none ("court papers", "a federal judge"): the
    last court named so far, else the one known court whose name holds a place printed in
    the article so far ("a California court"); None when none or several."""
    if not words_pattern(rules.entries.court_words).search(phrase):
        return None
    last = state.last_org_mention("court", {"court"}, registry)
    if last is not None:
        return last[2], f"court: the court named before ({last[1]})", ""
    stop = set(rules.entries.court_name_words_ignored)
    printed = state.text[: state.read_to]
    found = {
        org_id: place
        for org_id, row in registry.organisations.items()
        if row.get("kind") == "court"
        for place in re.findall(r"\b[A-Z][a-z]+\b", row.get("name", ""))
        if place not in stop and re.search(rf"\b{place}\b", printed)
    }
    if len(found) != 1:
        return None
    org_id, place = next(iter(found.items()))
    return org_id, f"court: '{place}' printed, read as {org_id}", ""


def person_of(
    name: str, title: str, registry: Registry, state: ArticleState, rules: DraftingRules
) -> Person:
    actor_id = registry.actor_by_name(name) or snake_id(name)
    if actor_id in state.people:
        person = state.people[actor_id]
        if title and not person.title:
            person.title = title
        return person
    known = actor_id in registry.actors
    org_id, org_rule, needs = "", "", []
    if title:
        org_id, org_rule, need = resolve_org(title, registry, state, rules)
        if need:
            needs.append(need)
    if not org_id and known:
        org_id = registry.actors[actor_id].get("organisation_id", "")
    if not known:
        needs.append(f"new person '{name}' drafted as {actor_id}: check the id and organisation")
    if not org_id:
        needs.append(f"organisation of '{name}' not found (title: '{title or 'none printed'}')")
    person = Person(actor_id, name, title, org_id, known, needs, org_rule)
    state.people[actor_id] = person
    return person
