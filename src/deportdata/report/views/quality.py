"""07-data-quality: the check results, the known issues, and whether every number in the
texts is accounted for.

`validation` is the content of reports/validation.json (`notebook.load_validation`), as
written by `deportdata validate`.
"""

from __future__ import annotations

import pandas as pd

from deportdata.report.views.common import Tables

KNOWN_ISSUES_PATH = "data/clean/known_issues.csv"
ISSUE_COLUMNS = ["issue_id", "rule_id", "row_id", "reason"]


def validation_summary(validation: dict) -> pd.DataFrame:
    """Rules per suite (one suite per clean table): passed, failed, known issues."""
    summary = pd.DataFrame(
        validation["summary"], columns=["suite", "rules", "passed", "failed", "known"]
    )
    return summary.sort_values("suite").reset_index(drop=True)


def validation_rules(validation: dict) -> pd.DataFrame:
    """Every rule checked, with its class, status, offending rows and known-issue ids."""
    columns = [
        "suite", "rule_id", "rule_class", "status", "offending_rows", "known_issues",
        "description",
    ]  # fmt: skip
    frame = pd.DataFrame(
        [
            {
                "suite": r["suite"],
                "rule_id": r["rule_id"],
                "rule_class": r["rule_class"],
                "status": r["status"],
                "offending_rows": len(r.get("rows") or []),
                "known_issues": " ".join(r.get("known_issues") or []),
                "description": r["description"],
            }
            for r in validation["rules"]
        ],
        columns=columns,
    )
    return frame.sort_values(["suite", "rule_id"]).reset_index(drop=True)


def known_issues(tables: Tables, validation: dict | None = None) -> pd.DataFrame:
    """The known issues recorded in the known_issues table (empty when it is not given).

    With `validation`, each issue gets `rule_status`: the status in the validation results
    of the rule it explains ("known" while a failure still matches it).

    Uses: known_issues (when given).
    """
    issues = tables.get("known_issues")
    if issues is None:
        columns = [*ISSUE_COLUMNS, "rule_status"] if validation is not None else ISSUE_COLUMNS
        return pd.DataFrame(columns=columns)
    issues = issues.copy()
    if validation is not None and "rule_id" in issues:
        status = {r["rule_id"]: r["status"] for r in validation["rules"]}
        issues["rule_status"] = issues["rule_id"].map(lambda rule: status.get(rule, "not checked"))
    first = [c for c in ("issue_id", "rule_id", "row_id") if c in issues]
    issues = issues[first + [c for c in issues.columns if c not in first]]
    return issues.sort_values(first or list(issues.columns[:1])).reset_index(drop=True)


def known_issues_message(tables: Tables, path: str = KNOWN_ISSUES_PATH) -> str:
    """One sentence on the known-issue records: how many, or why there are none."""
    if tables.get("known_issues") is None:
        return (
            f"There is no {path} yet, so no failure is explained by a known-issue "
            "record: every failed consistency rule counts as failed."
        )
    n = len(tables["known_issues"])
    return f"{n} known-issue record{'s' if n != 1 else ''} in {path}."


def mention_coverage(tables: Tables) -> pd.DataFrame:
    """Per article: numeric mentions coded as claims, ignored with a reason, or uncoded.

    Uses: mentions.
    """
    mentions = tables["mentions"]
    statuses = ["claim", "ignored", "uncoded"]
    table = (
        mentions.groupby(["article_id", "status"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=statuses, fill_value=0)
    )
    table = table.sort_index()
    table.loc["all"] = table.sum()
    table["total"] = table[statuses].sum(axis=1)
    table = table.reset_index().rename(columns={"index": "article_id"})
    table.columns.name = None
    return table.astype({c: "int64" for c in [*statuses, "total"]})


def ignored_reasons(tables: Tables) -> pd.DataFrame:
    """Ignored numeric mentions by reason code, with examples of what was ignored.

    Uses: mentions.
    """
    mentions = tables["mentions"]
    ignored = mentions[mentions["status"] == "ignored"]
    rows = [
        {
            "reason_code": code,
            "mentions": len(group),
            "examples": "; ".join(sorted(group["text"].unique())[:6]),
        }
        for code, group in ignored.groupby("reason_code", sort=True)
    ]
    return (
        pd.DataFrame(rows, columns=["reason_code", "mentions", "examples"])
        .sort_values(["mentions", "reason_code"], ascending=[False, True])
        .reset_index(drop=True)
    )
