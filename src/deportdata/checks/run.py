"""Validate step: run the Great Expectations suites in expectations/ on data/clean/.

One suite per clean table, kept as minimal JSON and loaded into a throwaway context.
Prints one line per suite, then every failed rule with its offending rows; writes
reports/validation.json (for the data-quality notebook) and Data Docs.

Failures of consistency rules whose every offending row has a record in
data/raw/known_issues.csv are "known" and let the build pass (`checks.known`); the
known_issues suite, run last, fails on any record that no longer matches a failure.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import asdict
from pathlib import Path

from deportdata.checks.gxsuite import DOCS_SITE, RuleResult, docs_site, references, run_suite
from deportdata.checks.known import classify, known_issues, mark_matched
from deportdata.checks.outputs import CheckOutputs
from deportdata.checks.pool import frames_loading
from deportdata.checks.suites import KNOWN_ISSUES, RULE_CLASSES, load_suite_file, load_suites
from deportdata.config import Project
from deportdata.errors import Exit
from deportdata.io.files import write_text_atomic

__all__ = ["RULE_CLASSES", "RuleResult", "load_suite_file", "run", "run_suites", "stage"]

MAX_ROWS_PRINTED = 20


def run_suites(
    project: Project, *, docs: bool = True, docs_folder: Path | None = None
) -> list[RuleResult]:
    """Validate every clean table with its suite; return one result per rule.

    Data Docs are built into `docs_folder` (default reports/data-docs/); with docs=False,
    they are not built (faster, for tests).
    """
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    with frames_loading(project) as loaded:
        from deportdata.runtime.quickimport import before_great_expectations

        before_great_expectations()  # jsonschema without its IRI grammar, scipy.stats on first use
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        from deportdata.checks import gxrules  # noqa: F401 (registers the custom expectations)
        from deportdata.checks.frames import suite_parameters
        from deportdata.schema import load_schema

        schema = load_schema()
        frames = loaded()
    suites = load_suites(project, sorted(frames))
    params = suite_parameters(project, frames)
    params["rules__consistency"] = sorted(
        e["meta"]["rule_id"]
        for s in suites
        for e in s.doc["expectations"]
        if e["meta"]["class"] == "consistency"
    )
    known = known_issues(frames[KNOWN_ISSUES])
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    if docs:
        docs_site(context, docs_folder or project.data_docs)
    source = context.data_sources.add_pandas("clean")
    results: list[RuleResult] = []
    with references(params):
        for suite_file in suites:
            key = list(schema.table("clean", suite_file.table).primary_key)
            frame = frames[suite_file.table]
            if suite_file.table == KNOWN_ISSUES:  # runs last: which records matched a failure
                mark_matched(frame, results)
            for result in run_suite(context, source, suite_file, frame, params, key):
                results.append(classify(result, suite_file.table, key, known))
    if docs:
        from deportdata.checks.datadocs import make_offline

        context.build_data_docs(site_names=[DOCS_SITE])
        from deportdata.checks.docsverdict import mark_known
        from deportdata.checks.verdict import verdict

        folder = docs_folder or project.data_docs
        make_offline(folder)  # every script, style and font served locally
        issues = frames[KNOWN_ISSUES].to_dict("records")
        mark_known(folder, verdict([asdict(r) for r in results], issues))
    return results


def summarise(results: list[RuleResult]) -> list[dict]:
    """Per suite: rules, passed, failed, known."""
    suites: dict[str, dict] = {}
    for r in results:
        s = suites.setdefault(
            r.suite, {"suite": r.suite, "rules": 0, "passed": 0, "failed": 0, "known": 0}
        )
        s["rules"] += 1
        s[r.status] += 1
    return [suites[k] for k in sorted(suites)]


def _row_text(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, default=str)


def stage(project: Project) -> tuple[int, CheckOutputs]:
    """Validate and print; the results and Data Docs are built into a staging folder beside
    reports/ (nothing published yet). Returns the exit status (non-zero when a rule failed)
    and where the outputs are."""
    outputs = CheckOutputs.staged(project)
    try:
        results = run_suites(project, docs_folder=outputs.docs)
        summary = summarise(results)
        failed = _print(summary, results)
        payload = {"summary": summary, "rules": [asdict(r) for r in results]}
        text = json.dumps(payload, indent=1, ensure_ascii=False, default=str, sort_keys=True)
        write_text_atomic(outputs.results, text + "\n")
    except BaseException:
        outputs.discard(project)
        raise
    index = project.data_docs / "index.html"
    print(
        f"validate: {sum(s['rules'] for s in summary)} rules, {failed} failed, "
        f"{sum(s['known'] for s in summary)} known issues; Data Docs: {project.rel(index)}"
    )
    return (Exit.FAILED if failed else Exit.OK), outputs


def _print(summary: list[dict], results: list[RuleResult]) -> int:
    """A line per suite, each known issue, each failed rule with its rows; the failed count."""
    for s in summary:
        print(
            f"  {s['suite']:<22} {s['rules']:>3} rules: {s['passed']:>3} passed, "
            f"{s['failed']} failed, {s['known']} known issues"
        )
    for r in results:
        if r.known_issues:
            rows = [x for x in r.rows if "known_issue" in x]
            for row in rows:
                print(f"  known issue {row['known_issue']}: {r.rule_id}: {_row_text(row)}")
    failed = [r for r in results if r.status == "failed"]
    for r in failed:
        print(f"FAILED {r.suite}: {r.rule_id} ({r.expectation}): {r.description}", file=sys.stderr)
        unexplained = [x for x in r.rows if "known_issue" not in x] or r.rows
        for row in unexplained[:MAX_ROWS_PRINTED]:
            print(f"    {_row_text(row)}", file=sys.stderr)
        if len(unexplained) > MAX_ROWS_PRINTED:
            print(f"    ... and {len(unexplained) - MAX_ROWS_PRINTED} more rows", file=sys.stderr)
    return len(failed)


def run(project: Project) -> int:
    """Validate, print, and publish reports/validation.json and reports/data-docs/ together;
    non-zero exit when a rule fails."""
    status, outputs = stage(project)
    try:
        outputs.publish(project)
    finally:
        outputs.discard(project)
    return status
