"""Known issues: failures of consistency rules recorded in data/raw/known_issues.csv.

A failed consistency rule whose every offending row has a record is "known" and lets
the build pass; the known_issues suite, run last, fails on a record that matched no
failure.
"""

from __future__ import annotations

import pandas as pd

from deportdata.checks.frames import MATCHED
from deportdata.checks.gxsuite import RuleResult, row_id
from deportdata.checks.suites import KNOWN_ISSUES


def known_issues(frame) -> dict[tuple[str, str, str], list[str]]:
    """(table, rule_id, row_id) → issue_ids."""
    out: dict[tuple[str, str, str], list[str]] = {}
    for rec in frame.to_dict("records"):
        if all(isinstance(rec.get(c), str) for c in ("table", "rule_id", "row_id", "issue_id")):
            out.setdefault((rec["table"], rec["rule_id"], rec["row_id"]), []).append(
                rec["issue_id"]
            )
    return out


def classify(result: RuleResult, table: str, key: list[str], known) -> RuleResult:
    """Mark the offending rows that have a known-issue record; a failed consistency rule
    whose every offending row has one is 'known'. Integrity and coverage rules always fail."""
    if result.status != "failed" or result.rule_class != "consistency":
        return result
    matched, unexplained = [], 0
    for row in result.rows:
        issues = sorted(set(known.get((table, result.rule_id, row_id(row, key)), [])))
        if issues:
            row["known_issue"] = ";".join(issues)
            matched += issues
        else:
            unexplained += 1
    result.known_issues = sorted(set(matched))
    if matched and not unexplained:
        result.status = "known"
    return result


def mark_matched(frame: pd.DataFrame, results: list[RuleResult]) -> None:
    """Set the known_issues frame's `is_matched`: whether each record matched a failure."""
    used = {(r.suite, r.rule_id, i) for r in results for i in r.known_issues}
    frame[MATCHED] = [
        (rec["table"], rec["rule_id"], rec["issue_id"]) in used for rec in frame.to_dict("records")
    ]
    frame[MATCHED] = frame[MATCHED].astype("boolean")


__all__ = ["KNOWN_ISSUES", "MATCHED", "classify", "known_issues", "mark_matched", "row_id"]
