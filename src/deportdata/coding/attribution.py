"""Who a figure is attributed to: "according to X", "X said", "said X", titles, pronouns.

Each sentence is read in order; the people named as speakers are remembered, so that
"Mr. Herod said" and "He said" resolve to the person named before. A printed source
resolves to an organisation through the registry (aliases, then a similar name, then a
drafted new organisation); a person's organisation comes from the title printed next
to the name, else from the registry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from deportdata.coding.names import SINGLE, person_name
from deportdata.coding.registry import Registry, snake_id
from deportdata.coding.rules import DraftingRules, words_pattern
from deportdata.coding.sentences import Span

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


@dataclass(frozen=True)
class Attribution:
    """A source printed in a sentence, at `start` (its verb or 'according to')."""

    start: int
    org_id: str
    actor_id: str
    rule: str
    needs: str = ""


@dataclass
class ArticleState:
    """What an article has said so far: its speakers and the last one."""

    people: dict[str, Person] = field(default_factory=dict)
    seen: dict[str, str] = field(default_factory=dict)  # names printed so far -> title
    last_speaker: str = ""
    last_org: str = ""
    org_mentions: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, name, id)
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


def _surname(
    chunk: str, state: ArticleState, registry: Registry, rules: DraftingRules
) -> Person | None:
    """A person named before, named again by one word of their name ("Mr. Herod")."""
    words = [w.group() for w in SINGLE.finditer(chunk)]
    stop = set(rules["not_name_words"]) | set(rules["organisation_words"])
    for word in reversed(words):
        if word in stop:
            continue
        for person in reversed(list(state.people.values())):
            if word in person.name.split():
                return person
        for name, title in reversed(list(state.seen.items())):
            if word in name.split():
                return _person(name, title, registry, state, rules)
    return None


def resolve_org(
    phrase: str, registry: Registry, state: ArticleState, rules: DraftingRules
) -> tuple[str, str, str]:
    """(organisation_id, rule, needs) for a printed source phrase; id empty when none."""
    hit = registry.alias_in(phrase)
    if hit:
        return hit[1], f"alias '{hit[0]}'", ""
    definite = re.search(r"\bthe ([a-z]+)\b", phrase)
    if definite:
        word = definite.group(1).casefold()
        kinds = set(rules["generic_org_nouns"].get(word) or ())
        last = state.last_org_mention(word, kinds, registry)
        if last is not None:
            _, name, org_id = last
            return org_id, f"'the {word}' = {name}", ""
    orgs = set(rules["organisation_words"])
    for m in ORG_RUN.finditer(phrase):
        run = m.group().rstrip(".")
        if not any(w.strip("()’s") in orgs for w in run.split()):
            continue
        similar = registry.similar(run, rules)
        if similar:
            return (
                similar[1],
                f"similar to '{similar[0]}'",
                f"'{run}' is not a known name; read as '{similar[0]}' ({similar[1]}): check",
            )
        new_id = registry.draft_organisation(run, rules)
        return new_id, "new organisation", f"new organisation '{run}' drafted as {new_id}: check it"
    return "", "", ""


def _person(
    name: str, title: str, registry: Registry, state: ArticleState, rules: DraftingRules
) -> Person:
    actor_id = registry.actor_by_name(name) or snake_id(name)
    if actor_id in state.people:
        person = state.people[actor_id]
        if title and not person.title:
            person.title = title
        return person
    known = actor_id in registry.actors
    org_id, needs = "", []
    if title:
        org_id, _, need = resolve_org(title, registry, state, rules)
        if need:
            needs.append(need)
    if not org_id and known:
        org_id = registry.actors[actor_id].get("organisation_id", "")
    if not known:
        needs.append(f"new person '{name}' drafted as {actor_id}: check the id and organisation")
    if not org_id:
        needs.append(f"organisation of '{name}' not found (title: '{title or 'none printed'}')")
    person = Person(actor_id, name, title, org_id, known, needs)
    state.people[actor_id] = person
    return person


def _from_chunks(
    chunks: list[str], registry: Registry, state: ArticleState, rules: DraftingRules
) -> tuple[str, str, str, str] | None:
    """(org_id, actor_id, rule, needs) for the subject chunks of a verb, or None."""
    chunks = [c.strip() for c in chunks if c.strip()]
    if not chunks:
        return None
    last = chunks[-1]
    if last.casefold() in {p.casefold() for p in rules["pronouns"]}:
        if state.last_speaker:
            p = state.people[state.last_speaker]
            return p.organisation_id, p.actor_id, f"pronoun '{last}' = {p.name}", ""
        return None
    if last.casefold() in {s.casefold() for s in rules["statement_subjects"]} and state.last_org:
        return state.last_org, "", f"'{last}' = the source named before", ""
    roles = rules["titles"]
    role_pattern = words_pattern(roles)
    for i in range(len(chunks) - 1, max(-1, len(chunks) - 3), -1):
        if i < len(chunks) - 1 and not (
            len(chunks[i].split()) <= 6 or role_pattern.search(chunks[-1])
        ):
            continue  # an earlier chunk names the speaker only beside a title
        found = person_name(chunks[i], rules)
        if found:
            name, at = found
            title = chunks[i][:at].strip()
            title = re.sub(r"^(?:and|but|though|although|while)\s+", "", title)
            others = [c for j, c in enumerate(chunks) if j != i and j >= len(chunks) - 2]
            if not role_pattern.search(title):
                title = next((c for c in others if role_pattern.search(c)), title)
            title = re.sub(r"^(?:and|but|though|although|while|whose)\s+", "", title)
            p = _person(
                name, title if role_pattern.search(title) or title else "", registry, state, rules
            )
            return p.organisation_id, p.actor_id, f"person '{name}'", ""
    for chunk in reversed(chunks[-2:]):
        person = _surname(chunk, state, registry, rules)
        if person:
            return person.organisation_id, person.actor_id, f"'{chunk}' = {person.name}", ""
    if len(last.split()) > 12:
        return None
    org_id, rule, needs = resolve_org(last, registry, state, rules)
    if org_id:
        return org_id, "", rule, needs
    return None


def attributions(
    sentence: Span, registry: Registry, state: ArticleState, rules: DraftingRules
) -> list[Attribution]:
    """Every source printed in the sentence, in text order; updates the article state."""
    text = sentence.text
    found: list[Attribution] = []
    according = "|".join(re.escape(a) for a in rules["according_to"])
    for m in re.finditer(
        rf"\b(?:{according})\s+(?P<src>[^,.;“”]+(?:\.[A-Z][^,.;“”]*)*)", text, re.I
    ):
        source = re.split(r"\s+(?:on|in|at|which|who|that|when)\s", m.group("src"))[0]
        got = _from_chunks([source], registry, state, rules)
        if got and got[0]:
            found.append(
                Attribution(
                    sentence.start + m.start(), got[0], got[1], f"according to: {got[2]}", got[3]
                )
            )
    verbs = words_pattern(rules["attribution_verbs"])
    for m in verbs.finditer(text):
        before = text[: m.start()]
        quote_end = max(before.rfind("”"), before.rfind("“"))
        tail = before[quote_end + 1 :]
        chunks = [c for c in re.split(r",|\s[–—]\s", tail)]
        while chunks and not chunks[-1].strip():
            chunks.pop()
        got = None
        rule = "X said"
        if chunks and chunks[-1].strip().casefold() in {"and", "but", "and also"}:
            prior = [a for a in found if a.rule.startswith("X said") or a.rule.startswith("said X")]
            if prior:
                a = prior[-1]
                found.append(
                    Attribution(
                        sentence.start + m.start(),
                        a.org_id,
                        a.actor_id,
                        f"and {m.group()}: same source",
                        a.needs,
                    )
                )
            continue
        after = text[m.end() :]
        parts = re.split(r",|\.$", after)
        inverted = (
            (before.rstrip().endswith((",", "”")) or (quote_end >= 0 and not tail.strip(" ,")))
            and re.match(r"\s+(?:the\s+)?[A-Za-z]", after)
            and len(parts[0].split()) <= 6
            and m.group().casefold() not in {v.casefold() for v in rules["not_inverted_verbs"]}
        )
        if inverted:
            rule = "said X"
            got = _from_chunks(
                list(reversed([p for p in parts[:2] if len(p.split()) <= 15])),
                registry,
                state,
                rules,
            )
        if got is None and chunks and len(chunks[-1].split()) <= 12:
            rule = "X said"
            got = _from_chunks(chunks[-2:], registry, state, rules)
        if got and (got[0] or got[1]):
            found.append(
                Attribution(sentence.start + m.start(), got[0], got[1], f"{rule}: {got[2]}", got[3])
            )
    found.sort(key=lambda a: a.start)
    for a in found:
        if a.actor_id:
            state.last_speaker = a.actor_id
        if a.org_id:
            state.last_org = a.org_id
    return found
