"""The drafting rules (data/raw/rules/drafting.yaml), checked and compiled into one typed
object. Read through the one loader of rule files, `text.rules.Rules` (its `drafting`);
the drafting engine (`deportdata.coding.drafting`) applies them."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from deportdata.errors import DeportdataError
from deportdata.text.dates import MONTHS, WEEKDAYS
from deportdata.text.numbers import NumberConventions
from deportdata.text.patterns import guarded
from deportdata.text.rulefile import parse_yaml

REQUIRED = (
    "abbreviations", "sentence_final_abbreviations", "sentence_starters", "clause_barriers",
    "time_prepositions", "time_cores", "speech_verbs", "speech_gap_words", "period_kinds",
    "period_prepositions", "day_kind_change", "dateline_max_words", "non_claims",
    "scale_words", "refers_back", "kind_hints", "default_kind",
    "unit_hints", "default_unit", "quantity_keys", "attribution_verbs", "not_inverted_verbs", "according_to",
    "statement_subjects", "honorifics", "titles", "pronouns", "generic_org_nouns", "organisation_words",
    "not_name_words", "similar_name_min_overlap", "similar_name_stopwords", "event_hints",
    "default_event_type", "deadline_prepositions", "claim_period_only_relations",
    "dateline_prefixes", "year_mention", "restated_date", "since_clause", "undated_kinds",
    "document_verbs", "document_nouns", "relative_words", "inverted_max_words",
    "role_description_max_words", "later_naming_sentences", "name_words_ignored", "name_words_min",
    "low_confidence", "organisation_kinds", "source_end", "source_place", "name_org",
    "subject_lead_words", "windows", "national_roles", "back_reference_reach",
    "quote_reach_sentences", "court_words", "court_name_words_ignored", "indefinite_articles",
    "definite_articles",
)  # fmt: skip


@dataclass(frozen=True)
class NonClaim:
    """One non-claim rule: a mention matching it is not a claim."""

    name: str
    reason_code: str
    reason: str
    mention: re.Pattern[str] | None
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    context: re.Pattern[str] | None
    unless_kind: bool = False  # only when no kind hint matches in the figure's own clause


@dataclass(frozen=True)
class Hint:
    """A kind, unit or event-type hint: a label and where its pattern must match."""

    label: str
    pattern: re.Pattern[str] | None
    after: re.Pattern[str] | None
    adjacent: bool = False


@dataclass(frozen=True)
class Entries:
    """The word lists, numbers, mappings and texts of drafting.yaml, each under its name
    (lists as tuples); what each means is written beside it in the file."""

    abbreviations: tuple[str, ...]
    sentence_final_abbreviations: tuple[str, ...]
    sentence_starters: tuple[str, ...]
    clause_barriers: tuple[str, ...]
    time_prepositions: tuple[str, ...]
    time_cores: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    speech_gap_words: float
    period_kinds: tuple[str, ...]
    period_prepositions: tuple[str, ...]
    day_kind_change: dict[str, Any]
    dateline_max_words: float
    scale_words: tuple[str, ...]
    default_kind: str
    default_unit: str
    quantity_keys: dict[str, Any]
    attribution_verbs: tuple[str, ...]
    not_inverted_verbs: tuple[str, ...]
    according_to: tuple[str, ...]
    statement_subjects: tuple[str, ...]
    honorifics: tuple[str, ...]
    titles: tuple[str, ...]
    pronouns: tuple[str, ...]
    generic_org_nouns: dict[str, Any]
    organisation_words: tuple[str, ...]
    not_name_words: tuple[str, ...]
    similar_name_min_overlap: float
    similar_name_stopwords: tuple[str, ...]
    default_event_type: str
    deadline_prepositions: tuple[str, ...]
    claim_period_only_relations: tuple[str, ...]
    undated_kinds: tuple[str, ...]
    document_verbs: tuple[str, ...]
    document_nouns: tuple[str, ...]
    relative_words: tuple[str, ...]
    inverted_max_words: float
    role_description_max_words: float
    later_naming_sentences: float
    name_words_ignored: tuple[str, ...]
    name_words_min: float
    organisation_kinds: dict[str, Any]
    subject_lead_words: tuple[str, ...]
    windows: dict[str, Any]
    national_roles: dict[str, Any]
    back_reference_reach: float
    quote_reach_sentences: float
    court_words: tuple[str, ...]
    court_name_words_ignored: tuple[str, ...]
    indefinite_articles: tuple[str, ...]
    definite_articles: tuple[str, ...]
    max_sentence_chars: float = 0  # optional: 0 means no limit


@dataclass(frozen=True)
class DraftingRules:
    """Every drafting rule: the patterns compiled, the other entries typed in `entries`;
    `raw` keeps the YAML mapping as read."""

    raw: dict[str, Any]
    entries: Entries
    numbers: NumberConventions
    time_expression: re.Pattern[str]
    non_claims: tuple[NonClaim, ...]
    kind_hints: tuple[Hint, ...]
    unit_hints: tuple[Hint, ...]
    event_hints: tuple[Hint, ...]
    refers_back: tuple[re.Pattern[str], ...]
    barrier: re.Pattern[str]
    speech_verb: re.Pattern[str]
    dateline_prefixes: tuple[re.Pattern[str], ...] = ()
    year_mention: re.Pattern[str] = re.compile(r"(?:19|20)\d\d")
    restated_date: tuple[re.Pattern[str], re.Pattern[str]] | None = None
    since_clause: re.Pattern[str] | None = None
    low_confidence: tuple[tuple[re.Pattern[str], str], ...] = ()
    source_end: re.Pattern[str] = re.compile(r"\s+(?:which|who|that|when)\s")
    source_place: re.Pattern[str] = re.compile(r"\s+(?:on|in|at)\s")
    name_org: re.Pattern[str] = re.compile(r"\s*((?:of|at|from|for|with)\s.+)")

    def __getitem__(self, key: str) -> Any:
        return self.raw[key]


def words_pattern(words: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A pattern matching any of `words` as whole words, longest first."""
    return _words_pattern(tuple(words), flags)


@cache
def _words_pattern(words: tuple[str, ...], flags: int) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", flags)


def _optional(spec: dict, key: str, flags: int) -> re.Pattern[str] | None:
    return re.compile(spec[key], flags) if spec.get(key) else None


def _time_pattern(doc: dict[str, Any]) -> re.Pattern[str]:
    """Preposition (optional) + one core form; month and weekday names must be capitalised."""
    months = "|".join(
        sorted({m.capitalize() + ("\\.?" if len(m) <= 4 and m != "may" else "") for m in MONTHS},
               key=len, reverse=True)
    )  # fmt: skip
    weekdays = "|".join(w.capitalize() for w in WEEKDAYS)
    cores = "|".join(
        f"(?:{c.replace('{month}', f'(?-i:{months})').replace('{weekday}', f'(?-i:{weekdays})')})"
        for c in doc["time_cores"]
    )
    preps = "|".join(re.escape(p) for p in sorted(doc["time_prepositions"], key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:(?:{preps})\s+)?(?:{cores})(?![\w-])", re.IGNORECASE)


def compile_rules(doc: dict[str, Any], numbers: NumberConventions) -> DraftingRules:
    """Check and compile a mapping shaped like drafting.yaml."""
    missing = [k for k in REQUIRED if k not in doc]
    if missing:
        raise DeportdataError(f"drafting rules lack {', '.join(missing)}")
    try:
        non_claims = tuple(
            NonClaim(
                r["name"], r["reason_code"], r["reason"],
                _optional(r, "mention", 0 if r.get("case_sensitive") else re.I),
                _optional(r, "before", 0 if r.get("case_sensitive") else re.I),
                _optional(r, "after", 0 if r.get("case_sensitive") else re.I),
                _optional(r, "context", re.I),
                bool(r.get("unless_kind")),
            )
            for r in doc["non_claims"]
        )  # fmt: skip
        kinds = tuple(
            Hint(h["kind"], _optional(h, "pattern", re.I), _optional(h, "after", re.I))
            for h in doc["kind_hints"]
        )
        units = tuple(
            Hint(h["unit"], _optional(h, "pattern", re.I), _optional(h, "after", re.I))
            for h in doc["unit_hints"]
        )
        events = tuple(
            Hint(h["type"], _optional(h, "pattern", re.I), None, bool(h.get("adjacent")))
            for h in doc["event_hints"]
        )
        refers = tuple(re.compile(p, re.I) for p in doc["refers_back"])
        time_expression = _time_pattern(doc)
        datelines = tuple(re.compile(p, re.M) for p in doc["dateline_prefixes"])
        restated = doc["restated_date"]
        restated_date = (re.compile(restated["between"]), re.compile(restated["after"]))
        since_clause = re.compile(doc["since_clause"], re.I)
        year_mention = re.compile(doc["year_mention"])
        low = tuple((re.compile(r["reason"]), r["why"]) for r in doc["low_confidence"])
    except (KeyError, TypeError, re.error) as exc:
        raise DeportdataError(f"drafting rules are malformed: {exc!r}") from exc
    entries = Entries(
        **{
            f.name: tuple(doc[f.name]) if isinstance(doc[f.name], list) else doc[f.name]
            for f in dataclasses.fields(Entries)
            if f.name in doc
        }
    )
    return DraftingRules(
        doc, entries, numbers, time_expression, non_claims, kinds, units, events, refers,
        words_pattern(doc["clause_barriers"], 0), words_pattern(doc["speech_verbs"]),
        datelines, year_mention, restated_date, since_clause, low,
        re.compile(doc["source_end"]), re.compile(doc["source_place"]), re.compile(doc["name_org"]),
    )  # fmt: skip


# The kind of value each entry holds; an entry not named here holds a list of texts.
NUMBERS = (
    "max_sentence_chars",
    "speech_gap_words",
    "dateline_max_words",
    "similar_name_min_overlap",
    "inverted_max_words",
    "role_description_max_words",
    "later_naming_sentences",
    "name_words_min",
    "back_reference_reach",
    "quote_reach_sentences",
)
MAPPINGS = (
    "day_kind_change", "quantity_keys", "generic_org_nouns", "restated_date", "organisation_kinds",
    "windows", "national_roles",
)  # fmt: skip
TEXTS = (
    "default_kind", "default_unit", "default_event_type", "year_mention", "since_clause",
    "source_end", "source_place", "name_org",
)  # fmt: skip
RULE_LISTS = (
    "non_claims",
    "kind_hints",
    "unit_hints",
    "event_hints",
    "low_confidence",
)  # lists of mappings


def _kind_problem(key: str, value: Any) -> str | None:
    """What is wrong with the kind of an entry's value, or None."""
    if key in NUMBERS:
        ok = isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
        return None if ok else f"{key} must be a number, not {value!r}"
    if key in MAPPINGS:
        return None if isinstance(value, dict) else f"{key} must be a mapping"
    if key in TEXTS:
        return None if isinstance(value, str) else f"{key} must be a text, not {value!r}"
    if not isinstance(value, list):
        return f"{key} must be a list"
    item = dict if key in RULE_LISTS else str
    bad = next((v for v in value if not isinstance(v, item)), None)
    if bad is not None:
        return f"{key}: {bad!r} is not a {'rule (a mapping)' if item is dict else 'text'}"
    return None


def _display(path: Path) -> str:
    """data/raw/rules/drafting.yaml for the project's rule file, else the path as given."""
    return "/".join(path.parts[-4:]) if path.parts[-4:-1] == ("data", "raw", "rules") else str(path)


def _check_kinds(node: yaml.Node | None, doc: Any, display: str) -> None:
    """Every entry holds the kind of value it must: a problem names the file, and the line and
    column of the entry."""
    if not isinstance(doc, dict):
        raise DeportdataError("the drafting rules are a mapping of named entries", file=display)
    where = {k.value: v.start_mark for k, v in node.value} if node is not None else {}
    for key, value in doc.items():
        problem = _kind_problem(key, value)
        if problem:
            mark = where.get(key)
            raise DeportdataError(
                problem,
                file=display,
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
            )


# where drafting.yaml holds regular expressions: entries that are one, lists of them, the
# mapping restated_date, and the fields of the rule lists (low_confidence's `reason` is one)
PATTERN_ENTRIES = ("year_mention", "since_clause", "source_end", "source_place", "name_org")
PATTERN_LISTS = ("refers_back", "dateline_prefixes")
PATTERN_FIELDS = {"mention", "before", "after", "context", "pattern"}


def _pattern_nodes(node: yaml.MappingNode):
    """(where, scalar node) for every regular expression of the file."""
    for key, value in node.value:
        name = key.value
        if name in PATTERN_ENTRIES and isinstance(value, yaml.ScalarNode):
            yield name, value
        elif name in PATTERN_LISTS and isinstance(value, yaml.SequenceNode):
            yield from ((f"{name}[{i + 1}]", v) for i, v in enumerate(value.value))
        elif name == "restated_date" and isinstance(value, yaml.MappingNode):
            yield from ((f"{name}.{k.value}", v) for k, v in value.value)
        elif name in RULE_LISTS and isinstance(value, yaml.SequenceNode):
            fields = PATTERN_FIELDS | ({"reason"} if name == "low_confidence" else set())
            for i, rule in enumerate(value.value):
                if isinstance(rule, yaml.MappingNode):
                    label = {k.value: v.value for k, v in rule.value}.get("name", i + 1)
                    for k, v in rule.value:
                        if k.value in fields:
                            yield f"{name} {label!r}: {k.value}", v


def _check_patterns(node: yaml.Node | None, display: str) -> None:
    """Every regular expression compiles and cannot backtrack without end (text.patterns):
    a problem names the file, the line and column of the pattern, and the rule."""
    if not isinstance(node, yaml.MappingNode):
        return
    for where, value in _pattern_nodes(node):
        if not isinstance(value, yaml.ScalarNode) or not value.value:
            continue
        try:
            guarded(value.value)
        except ValueError as exc:
            mark = value.start_mark
            raise DeportdataError(
                f"{where}: bad pattern: {exc}",
                file=display,
                line=mark.line + 1,
                column=mark.column + 1,
            ) from None


def load(path: Path, numbers: NumberConventions) -> DraftingRules:
    """The drafting rules of a file (a problem names the file, line and column)."""
    if not path.is_file():
        raise DeportdataError("drafting rules are missing", file=str(path))
    display = _display(path)
    doc, node = parse_yaml(path.read_text(encoding="utf-8"), display)
    doc = doc or {}
    _check_kinds(node, doc, display)
    _check_patterns(node, display)
    try:
        return compile_rules(doc, numbers)
    except DeportdataError as exc:
        raise exc.located(file=display) from exc
