"""Who a figure is attributed to: "according to X", "X said", "said X", titles, pronouns.

Each sentence is read in order; the people named as speakers are remembered, so that
"Mr. Herod said" and "He said" resolve to the person named before. A printed source
resolves to an organisation through the registry (aliases, then a similar name, then a
drafted new organisation); a person's organisation comes from the title printed next
to the name, else from the registry.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass

from deportdata.coding.drafting.discourse import (
    ArticleState,
    Person,
    org_mentions,
    person_of,
    resolve_org,
    surname,
)
from deportdata.coding.drafting.names import person_name
from deportdata.coding.drafting.registry import Registry
from deportdata.coding.drafting.rules import DraftingRules, words_pattern
from deportdata.coding.drafting.sentences import Span

__all__ = [
    "ArticleState", "Attribution", "Found", "Person", "attributions", "complete_open",
    "org_mentions", "resolve_org",
]  # fmt: skip


@dataclass(frozen=True)
class Attribution:
    """A source printed in a sentence, at `start` (its verb or 'according to').

    `kind` is what the source is: a `person` (named), a `role` (described: "a deputy
    director at the ministry"), an `organisation`, a `document` of an organisation ("ICE
    said in a news release", "court papers"), or `open`: a role or group named without its
    organisation ("a rights group said"), which a later naming completes. `noun` is the
    role or document word ("spokesman", "statement") that a back-reference names.
    """

    start: int
    org_id: str
    actor_id: str
    rule: str
    needs: str = ""
    kind: str = "organisation"
    noun: str = ""
    subject: str = ""  # the words printed as the source


@dataclass(frozen=True)
class Found:
    """A source read from a verb's subject: who, by which rule, and what kind of source."""

    org_id: str
    actor_id: str
    rule: str
    needs: str = ""
    kind: str = "organisation"
    noun: str = ""


def _last_source(
    state: ArticleState, kinds: tuple[str, ...], reach: int, noun: str = ""
) -> Attribution | None:
    """The last source named so far of one of `kinds` (and with `noun`, when one of the last
    `reach` sources has it)."""
    first = None
    for a in itertools.islice(reversed(state.sources), reach):
        if a.kind in kinds:
            if not noun or a.noun == noun:
                return a
            first = first or a
    return first


def _cut_relative(chunk: str, rules: DraftingRules) -> str:
    """A subject without its relative clause ("an official who asked not to be named")."""
    relative = words_pattern(rules.entries.relative_words)
    m = relative.search(chunk)
    return chunk[: m.start()].strip() if m and m.start() > 0 else chunk


def _back_reference(last: str, state: ArticleState, rules: DraftingRules) -> Found | None:
    """ "he said", "the official said", "the statement said": the last source of that kind."""
    folded = last.casefold()
    titles = {t.casefold() for t in rules.entries.titles}
    reach = int(rules.entries.back_reference_reach)
    definite = re.fullmatch(r"the (\w+(?: \w+)?)", folded)
    if folded in {p.casefold() for p in rules.entries.pronouns}:
        src = _last_source(state, ("person", "role", "open"), reach)
    elif definite and definite.group(1) in titles:
        src = _last_source(state, ("person", "role", "open"), reach, definite.group(1))
    elif folded in {s.casefold() for s in rules.entries.statement_subjects}:
        src = _last_source(state, ("document",), reach) or _last_source(
            state, ("organisation",), reach
        )
        if src is None and state.last_org:
            return Found(state.last_org, "", f"'{last}' = the source named before")
    else:
        return None
    if src is None:
        return None
    said = src.subject or src.org_id or src.actor_id
    return Found(
        src.org_id, src.actor_id, f"back-reference '{last}' = {src.kind} '{said}'", src.needs,
        src.kind, src.noun,
    )  # fmt: skip


def _from_chunks(
    chunks: list[str], registry: Registry, state: ArticleState, rules: DraftingRules
) -> Found | None:
    """The source printed in the subject chunks of a verb, or None."""
    relative = words_pattern(rules.entries.relative_words)
    chunks = [c.strip() for c in chunks if c.strip()]
    chunks = [_cut_relative(c, rules) for c in chunks if not relative.match(c)]
    if not chunks:
        return None
    last = chunks[-1]
    back = _back_reference(last, state, rules)
    if back is not None or last.casefold() in {p.casefold() for p in rules.entries.pronouns}:
        return back
    roles = rules.entries.titles
    role_pattern = words_pattern(roles)
    lead = re.compile(rf"^(?:{words_pattern(rules['subject_lead_words']).pattern})\s+")
    for i in range(len(chunks) - 1, max(-1, len(chunks) - 3), -1):
        if i < len(chunks) - 1 and not (
            len(chunks[i].split()) <= 6 or role_pattern.search(chunks[-1])
        ):
            continue  # an earlier chunk names the speaker only beside a title
        found = person_name(chunks[i], rules)
        if found:
            name, at = found
            title = chunks[i][:at].strip()
            title = lead.sub("", title)
            others = [c for j, c in enumerate(chunks) if j != i and j >= len(chunks) - 2]
            if not role_pattern.search(title):
                title = next((c for c in others if role_pattern.search(c)), title)
            title = lead.sub("", title)
            behind = rules.name_org.match(chunks[i][at + len(name) :])
            if behind:  # "Chum Rithy of the Interior Ministry"
                title = f"{title} {behind.group(1)}".strip()
            p = person_of(
                name, title if role_pattern.search(title) or title else "", registry, state, rules
            )
            rule = f"person '{name}'" + (f", {p.org_rule}" if p.org_rule else "")
            return Found(p.organisation_id, p.actor_id, rule, "", "person")
    for chunk in reversed(chunks[-2:]):
        person = surname(chunk, state, registry, rules)
        if person:
            rule = f"'{chunk}' = {person.name}"
            return Found(person.organisation_id, person.actor_id, rule, "", "person")
    if len(last.split()) > int(rules.entries.role_description_max_words):
        return None
    org_id, rule, needs = resolve_org(last, registry, state, rules)
    role = role_pattern.search(last)
    document = words_pattern(rules.entries.document_nouns).search(last)
    noun = (document or role).group().casefold() if (document or role) else ""
    if org_id:
        kind = "document" if document else "role" if role else "organisation"
        return Found(
            org_id,
            "",
            rule + (f", {kind} '{last}'" if kind != "organisation" else ""),
            needs,
            kind,
            noun,
        )
    generic = re.search(
        r"\b(" + "|".join(map(re.escape, rules.entries.generic_org_nouns)) + r")$", last, re.I
    )
    if role:  # "a senior U.S. official": the government of the country named
        for org_id, words in rules.entries.national_roles.items():
            if words_pattern(words, 0).search(last[: role.start()]):
                rule = f"national role: '{last}' read as {org_id}"
                return Found(org_id, "", rule, "", "role", noun)
    indefinite = words_pattern(rules.entries.indefinite_articles).match(last)
    if (indefinite and (role or generic)) or document:
        noun = noun or generic.group(1).casefold() if not document else noun
        return Found("", "", f"open: '{last}' (no organisation printed)", "", "open", noun)
    return None


def complete_open(sources: dict[int, list[Attribution]], rules: DraftingRules) -> None:
    """An open source ("a rights group said", "a government spokesman said") takes the
    source named in the next sentences that names "the spokesman", or an organisation when
    it is a group ("The Returnee Integration Support Center (RISC) ... said")."""
    reach = int(rules.entries.later_naming_sentences)
    groups = {g.casefold() for g in rules.entries.generic_org_nouns}
    for si in sorted(sources):
        for k, a in enumerate(sources[si]):
            if a.kind != "open":
                continue
            later = [
                b
                for sj in range(si, si + reach + 1)
                for b in sources.get(sj, [])
                if b.start > a.start and (b.org_id or b.actor_id) and b.kind != "open"
            ]
            named = next(
                (
                    b
                    for b in later
                    if a.noun in re.findall(r"\w+", b.subject.casefold())[:3]
                    or (a.noun in groups and b.kind == "organisation" and not b.actor_id)
                ),
                None,
            )
            if named is not None:
                sources[si][k] = dataclasses.replace(
                    a, org_id=named.org_id, actor_id=named.actor_id, kind=named.kind,
                    rule=f"{a.rule}, named later: {named.rule}", needs=named.needs,
                )  # fmt: skip


def attributions(
    sentence: Span, registry: Registry, state: ArticleState, rules: DraftingRules
) -> list[Attribution]:
    """Every source printed in the sentence, in text order; updates the article state."""
    text = sentence.text
    found: list[Attribution] = []
    according = "|".join(re.escape(a) for a in rules.entries.according_to)
    for m in re.finditer(
        rf"\b(?:{according})\s+(?P<src>[^,.;“”]+(?:\.[A-Z][^,.;“”]*)*)", text, re.I
    ):
        whole = rules.source_end.split(m.group("src"))[0]
        for source in (whole, rules.source_place.split(whole)[0]):
            got = _from_chunks([source], registry, state, rules)
            if got and got.org_id:
                found.append(_attribution(sentence.start + m.start(), got, "according to", source))
                break
    verbs = words_pattern(rules.entries.attribution_verbs)
    not_inverted = {v.casefold() for v in rules.entries.not_inverted_verbs}
    for m in verbs.finditer(text):
        before = text[: m.start()]
        quote_end = max(before.rfind("”"), before.rfind("“"), before.rfind('"'))  # straight too
        tail = before[quote_end + 1 :]
        chunks = [c for c in re.split(r",|\s[–—]\s", tail)]
        while chunks and not chunks[-1].strip():
            chunks.pop()
        got = None
        rule = "X said"
        if chunks and chunks[-1].strip().casefold() in {"and", "but", "and also"}:
            prior = [a for a in found if a.rule.startswith("X said") or a.rule.startswith("said X")]
            if prior:
                found.append(
                    dataclasses.replace(
                        prior[-1],
                        start=sentence.start + m.start(),
                        rule=f"and {m.group()}: same source ({prior[-1].rule})",
                    )
                )
            continue
        after = text[m.end() :]
        parts = re.split(r",|\.$", after)
        subject = _cut_relative(parts[0], rules).strip()
        longest = int(
            rules.entries.role_description_max_words
            if words_pattern(
                rules.entries.indefinite_articles + rules.entries.definite_articles
            ).match(subject)
            and words_pattern(rules.entries.titles).search(subject)
            else rules.entries.inverted_max_words
        )
        inverted = (
            (before.rstrip().endswith((",", "”", '"')) or (quote_end >= 0 and not tail.strip(" ,")))
            and re.match(r"\s+(?:the\s+)?[A-Za-z]", after)
            and len(subject.split()) <= longest
            and m.group().casefold() not in not_inverted
        )
        if inverted:
            rule = "said X"
            said = list(reversed([p for p in parts[:2] if len(p.split()) <= 15]))
            got = _from_chunks(said, registry, state, rules)
            subject = ", ".join(p.strip() for p in reversed(said))
        kept = [_cut_relative(c, rules) for c in chunks[-2:]] if chunks else []
        if (
            got is None
            and kept
            and len(kept[-1].split()) <= int(rules.entries.role_description_max_words)
        ):
            rule = "X said"
            got = _from_chunks(chunks[-2:], registry, state, rules)
            short = [c for c in chunks[-2:-1] if len(c.split()) <= 4]  # "The spokesman, ..."
            subject = ", ".join(c.strip() for c in [*short, chunks[-1]])
        if got and (got.org_id or got.actor_id or got.kind == "open"):
            found.append(_attribution(sentence.start + m.start(), got, rule, subject))
    found.sort(key=lambda a: a.start)
    for a in found:
        if a.actor_id:
            state.last_speaker = a.actor_id
        if a.org_id:
            state.last_org = a.org_id
        state.sources.append(a)
    return found


def _attribution(start: int, got: Found, rule: str, subject: str) -> Attribution:
    return Attribution(
        start, got.org_id, got.actor_id, f"{rule}: {got.rule}", got.needs, got.kind, got.noun,
        subject.strip(),
    )  # fmt: skip
