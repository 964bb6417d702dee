"""The quality verdict in words: rules checked, failed, known issues, each known issue in one
sentence. The landing page and the Data Docs say it in the same words (this module's)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from deportdata.config import Project

REASON_CHARS = 240  # a known issue's reason, shortened to its first sentence and at most this


@dataclass(frozen=True)
class KnownFailure:
    """A failed consistency rule whose offending rows all have a known-issue record."""

    issue_id: str
    rule_id: str
    suite: str
    rows: tuple[str, ...]
    reason: str

    def sentence(self) -> str:
        rows = ", ".join(self.rows) if self.rows else "its rows"
        return (
            f"Known issue {self.issue_id}: rule {self.rule_id} fails on {rows}, and the "
            "failure is recorded in data/raw/known_issues.csv, so the build counts it as a "
            f"known issue, not as a failure. Why: {self.reason}"
        )


@dataclass(frozen=True)
class Verdict:
    rules: int
    passed: int
    failed: int
    known: int
    suites: int
    known_failures: tuple[KnownFailure, ...] = ()
    failed_rules: tuple[str, ...] = ()
    failed_suites: tuple[str, ...] = ()

    def headline(self) -> str:
        issues = len(self.known_failures)
        known = (
            f", and {self.known} fail{'s' if self.known == 1 else ''} only on rows recorded as "
            f"known issues ({issues} known issue{'' if issues == 1 else 's'})"
            if self.known
            else ", no known issue"
        )
        return (
            f"{self.rules} rules checked on {self.suites} clean tables: {self.passed} passed, "
            f"{self.failed} failed{known}."
        )

    def conclusion(self) -> str:
        if self.failed:
            return (
                f"The checks fail: {self.failed} rule{'' if self.failed == 1 else 's'} "
                f"({', '.join(self.failed_rules)}) name rows that break them and that no "
                "known-issue record explains; the reports are not built from checked data."
            )
        return "The checks pass: every rule holds, or fails only on rows a known issue explains."


def first_sentence(text: str, limit: int = REASON_CHARS) -> str:
    """The text's first sentence, shortened to `limit` characters at a word."""
    text = " ".join(str(text).split())
    found = re.match(r"(.+?[.!?])(?=\s+[A-Z(]|$)", text)
    sentence = found.group(1) if found else text
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    return sentence


def verdict(rules: list[dict], issues: list[dict]) -> Verdict:
    """From the rule results (as in reports/validation.json) and the known-issue records."""
    records = {str(i.get("issue_id")): i for i in issues}
    known = []
    for rule in rules:
        if rule["status"] != "known":
            continue
        for issue_id in rule.get("known_issues") or []:
            record = records.get(issue_id, {})
            row = str(record.get("row_id") or "")
            known.append(
                KnownFailure(
                    issue_id, rule["rule_id"], rule["suite"], (row,) if row else (),
                    first_sentence(record.get("reason") or "(no record found)"),
                )
            )  # fmt: skip
    count = {s: sum(r["status"] == s for r in rules) for s in ("passed", "failed", "known")}
    return Verdict(
        rules=len(rules),
        suites=len({r["suite"] for r in rules}),
        known_failures=tuple(known),
        failed_rules=tuple(r["rule_id"] for r in rules if r["status"] == "failed"),
        failed_suites=tuple(sorted({r["suite"] for r in rules if r["status"] == "failed"})),
        **count,
    )


def read(project: Project, results: Path | None = None) -> Verdict | None:
    """The verdict of the last validation (reports/validation.json, or the `results` a build
    has staged), or None before any."""
    import csv

    path = results or project.validation_results
    if not path.is_file():
        return None
    rules = json.loads(path.read_text(encoding="utf-8"))["rules"]
    issues_file = project.clean / "known_issues.csv"
    issues = []
    if issues_file.is_file():
        with issues_file.open(encoding="utf-8", newline="") as handle:
            issues = list(csv.DictReader(handle))
    return verdict(rules, issues)


def validation_pages(docs: Path, suite: str) -> list[Path]:
    """The Data Docs validation pages of one suite (its quick pass, and the rerun of the
    failing rules), relative to `docs`."""
    return sorted(
        p.relative_to(docs)
        for p in docs.glob("validations/*/*/*/*.html")
        if p.name == f"clean-{suite}.html"
    )
