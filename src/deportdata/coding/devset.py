"""The development set: invented paragraphs with their expected drafted rows.

`data/devset/paragraphs.yaml` holds short paragraphs written for the drafting rules in
the styles of the outlets (none copied from an article), each with the claims and
non-claims a careful coder would write. Each paragraph is drafted as an article of its
outlet and date, with the project's registry, and scored as the coded articles are
(`coding.evaluate`): claims at the expected figure, value, kind, reporter and time;
non-claims kept out with the expected reason; drafted claims not expected.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from deportdata.coding.draft import draft_text, registry_of
from deportdata.coding.drafting.rules import drafting_rules
from deportdata.coding.scoring import Score, add_confidence, overlap, span_of
from deportdata.config import Project
from deportdata.errors import DeportdataError
from deportdata.text.rulefile import parse_yaml
from deportdata.text.rules import Rules

DEVSET = Path("data") / "devset" / "paragraphs.yaml"
# written after the rules were finished and measured once, never used to change a rule
HELDOUT = Path("data") / "devset" / "heldout.yaml"


@dataclass(frozen=True)
class Paragraph:
    """One invented paragraph and the rows expected of its draft."""

    paragraph_id: str
    outlet: str
    published: str
    patterns: tuple[str, ...]
    text: str
    claims: tuple[dict[str, str], ...]
    nonclaims: tuple[dict[str, str], ...]


def paragraphs(root: Path, which: Path = DEVSET) -> list[Paragraph]:
    """The development set of a project (or its held-out set; empty when it has none)."""
    path = Path(root) / which
    if not path.is_file():
        return []
    doc, _ = parse_yaml(path.read_text(encoding="utf-8"), str(DEVSET))
    try:
        return [
            Paragraph(
                p["id"], p["outlet"], str(p["published"]), tuple(p["patterns"]), p["text"],
                tuple(p.get("claims") or ()), tuple(p.get("nonclaims") or ()),
            )
            for p in doc["paragraphs"]
        ]  # fmt: skip
    except (KeyError, TypeError) as exc:
        raise DeportdataError(
            f"the development set is malformed: {exc!r}", file=str(DEVSET)
        ) from exc


def _nth(text: str, part: str, occurrence: int) -> tuple[int, int]:
    at = -1
    for _ in range(occurrence):
        at = text.find(part, at + 1)
        if at < 0:
            raise DeportdataError(f"{part!r} does not occur {occurrence} time(s)", file=str(DEVSET))
    return at, at + len(part)


def score_paragraph(paragraph: Paragraph, draft_tables: dict) -> Score:
    """Score one paragraph's draft against its expected rows."""
    text = paragraph.text
    score = Score()
    drafted = [
        (span_of(text, r, "quote", "quote_occurrence", "value_text"), r)
        for r in draft_tables["claims"].to_dict("records")
    ]
    matched: set[int] = set()
    for gold in paragraph.claims:
        label = f"{paragraph.paragraph_id} {gold['value']!r}"
        span = _nth(text, gold["value"], int(gold.get("occurrence", 1)))
        want_time = (gold.get("period", ""), gold.get("as_of", ""))
        score.add("claims")
        score.add("dated_claims", any(want_time))
        hit = next(((i, r) for i, (s, r) in enumerate(drafted) if overlap(s, span)), None)
        if hit is None:
            score.misses.append(f"{label} not found")
            continue
        i, r = hit
        matched.add(i)
        score.add("claims_found")
        got_time = (r["period_expression"], r["as_of_expression"])
        checks = {
            "value_as_printed": (r["value_text"], gold["value"]),
            "reporter_right": (r["reporter"], gold["reporter"]),
            "kind_right": (r["kind"], gold["kind"]),
            "time_right": (got_time, want_time),
        }
        for key, (got, want) in checks.items():
            score.add(key, got == want)
            if got != want:
                score.misses.append(f"{label} {key}: drafted {got!r}, expected {want!r}")
        score.add("time_right_dated", any(want_time) and got_time == want_time)
        add_confidence(score, r, any(got != want for got, want in checks.values()))
    score.extra_claims = [
        f"{paragraph.paragraph_id} {r['value_text']!r}"
        for i, (_, r) in enumerate(drafted)
        if i not in matched
    ]
    ignored = [
        (span_of(text, r, "context", "context_occurrence", "mention_text"), r)
        for r in draft_tables["mentions_ignored"].to_dict("records")
    ]
    for gold in paragraph.nonclaims:
        span = _nth(text, gold["mention"], int(gold.get("occurrence", 1)))
        score.add("nonclaims")
        hit = next((r for s, r in ignored if overlap(s, span)), None)
        in_claim = any(overlap(s, span) for s, _ in drafted)
        score.add("nonclaims_kept_out", hit is not None and not in_claim)
        score.add("reason_right", hit is not None and hit["reason_code"] == gold["reason"])
        label = f"{paragraph.paragraph_id} {gold['mention']!r}"
        if hit is None or in_claim:
            score.misses.append(f"{label} drafted as a claim")
        elif hit["reason_code"] != gold["reason"]:
            score.misses.append(
                f"{label} reason: drafted {hit['reason_code']}, expected {gold['reason']}"
            )
    return score


def evaluate_devset(root: Path, which: Path = DEVSET) -> dict[str, Score]:
    """Scores per paragraph of the development set (or the held-out set), each drafted with
    the project's registry."""
    project = Project(Path(root))
    registry = registry_of(project)
    rules, mention_rules = drafting_rules(project), Rules.load(project).mentions
    scores = {}
    for p in paragraphs(root, which):
        article = {
            "published_earliest": p.published,
            "published_latest": p.published,
            "published_best": p.published,
            "outlet": p.outlet,
        }
        draft = draft_text(
            p.paragraph_id, p.text, article, copy.deepcopy(registry), rules, mention_rules
        )
        scores[p.paragraph_id] = score_paragraph(p, draft.tables)
    return scores
