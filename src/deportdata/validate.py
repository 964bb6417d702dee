"""Validate step: run the Great Expectations suites in expectations/ on data/clean/.

Prints one line per suite, then every failed rule with its offending rows; writes
reports/validation.json (for the data-quality notebook) and Data Docs.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from deportdata.errors import DeportdataError
from deportdata.files import write_text_atomic
from deportdata.paths import Project

EXIT_FAILED = 1
DOCS_SITE = "deportdata"


@dataclass
class RuleResult:
    suite: str
    rule_id: str
    rule_class: str  # integrity, consistency, coverage
    expectation: str
    description: str
    status: str  # passed, failed, known
    rows: list[dict] = field(default_factory=list)  # offending rows: ids and values
    known_issues: list[str] = field(default_factory=list)


def load_suite_file(path: Path, display: str) -> dict:
    """A suite's JSON, with every expectation named by a unique meta.rule_id."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DeportdataError(f"not valid JSON: {exc.msg}", file=display, line=exc.lineno, column=exc.colno) from None
    seen = set()
    for n, exp in enumerate(doc.get("expectations", []), 1):
        rule_id = (exp.get("meta") or {}).get("rule_id")
        if not rule_id:
            raise DeportdataError(f"expectation {n} has no meta.rule_id", file=display)
        if rule_id in seen:
            raise DeportdataError(f"rule_id {rule_id!r} is used twice", file=display)
        seen.add(rule_id)
    return doc


def _offending_rows(result, id_columns: list[str], columns: list[str]) -> list[dict]:
    rows = []
    for item in result.result.get("unexpected_index_list") or []:
        if isinstance(item, dict):
            rows.append({k: _plain(v) for k, v in item.items() if k in id_columns or k in columns})
    return rows


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if hasattr(value, "item"):
        return value.item()
    if value != value:  # NaN
        return None
    return value


def _columns_of(kwargs: dict) -> list[str]:
    cols = [kwargs[k] for k in ("column", "column_A", "column_B") if k in kwargs]
    return cols + list(kwargs.get("column_list") or [])


def run_suites(project: Project) -> list[RuleResult]:
    """Validate every clean table that has a suite; return one result per rule."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    import deportdata.checks.gxrules  # noqa: F401  (registers the custom expectation)
    from deportdata.checks.frames import add_derived_columns, suite_parameters
    from deportdata.load import load_all
    from deportdata.schema import load_schema

    frames = add_derived_columns(project, load_all(project))
    params = suite_parameters(frames)
    known = _known_issues(frames)
    schema = load_schema()
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    _docs_site(context, project.data_docs)
    source = context.data_sources.add_pandas("clean")
    results: list[RuleResult] = []
    suite_files = sorted(project.expectations.glob("*.json"))
    if not suite_files:
        raise DeportdataError("no suites found", file=project.rel(project.expectations))
    for path in suite_files:
        display = project.rel(path)
        doc = load_suite_file(path, display)
        table_name = doc.get("meta", {}).get("table", path.stem)
        if table_name not in frames:
            raise DeportdataError(f"suite checks unknown clean table {table_name!r}", file=display)
        suite = gx.ExpectationSuite(**{k: v for k, v in doc.items() if k in ("name", "expectations", "meta")})
        if len(suite.expectations) != len(doc["expectations"]):
            raise DeportdataError(
                f"{len(doc['expectations'])} expectations in the file, {len(suite.expectations)} loaded",
                file=display, hint="an unknown expectation type was dropped: check the spelling of 'type'")
        suite = context.suites.add(suite)
        asset = source.add_dataframe_asset(table_name)
        batch = asset.add_batch_definition_whole_dataframe(f"{table_name}-all")
        definition = context.validation_definitions.add(gx.ValidationDefinition(name=suite.name, data=batch, suite=suite))
        id_columns = list(schema.table("clean", table_name).primary_key)
        outcome = definition.run(
            batch_parameters={"dataframe": frames[table_name]},
            expectation_parameters=params,
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": id_columns},
        )
        for r in outcome.results:
            config = r.expectation_config
            meta = config.meta or {}
            rows = [] if r.success else _offending_rows(r, id_columns, _columns_of(config.kwargs))
            if not r.success and not rows and r.exception_info and r.exception_info.get("raised_exception"):
                rows = [{"error": r.exception_info.get("exception_message")}]
            results.append(_classify(RuleResult(
                suite=suite.name, rule_id=meta["rule_id"], rule_class=meta.get("class", "integrity"),
                expectation=config.type, description=config.description or "",
                status="passed" if r.success else "failed", rows=rows), known, id_columns))
    results += _stale_known_issues(results, known)
    context.build_data_docs(site_names=[DOCS_SITE])
    return results


def _known_issues(frames) -> dict[tuple[str, str], list[dict]]:
    """(rule_id, row id) → known-issue records."""
    table = frames.get("known_issues")
    out: dict[tuple[str, str], list[dict]] = {}
    if table is None:
        return out
    for rec in table.to_dict("records"):
        out.setdefault((rec["rule_id"], rec["row_id"]), []).append({k: _plain(v) for k, v in rec.items()})
    return out


def _classify(result: RuleResult, known, id_columns: list[str]) -> RuleResult:
    """A failed consistency rule whose every offending row has a known-issue record is 'known'."""
    if result.status != "failed" or result.rule_class != "consistency" or not result.rows:
        return result
    records = []
    for row in result.rows:
        row_id = "/".join(str(row.get(c)) for c in id_columns)
        match = known.get((result.rule_id, row_id))
        if not match:
            return result
        records += [m["issue_id"] for m in match]
    result.status, result.known_issues = "known", sorted(set(records))
    return result


def _stale_known_issues(results: list[RuleResult], known) -> list[RuleResult]:
    """A known-issue record that no failure matches any more fails: the record must be updated."""
    used = {(r.rule_id, i) for r in results for i in r.known_issues}
    stale = []
    for (rule_id, row_id), records in sorted(known.items()):
        for rec in records:
            if (rule_id, rec["issue_id"]) not in used:
                stale.append(RuleResult(
                    suite="known_issues", rule_id=f"known_issues.{rec['issue_id']}", rule_class="integrity",
                    expectation="known_issue_still_matches",
                    description=f"known issue {rec['issue_id']} ({rule_id} on {row_id}) no longer matches a failure",
                    status="failed", rows=[rec]))
    return stale


def _docs_site(context, folder: Path) -> None:
    """Data Docs go to reports/data-docs/ (rebuilt from scratch each run)."""
    shutil.rmtree(folder, ignore_errors=True)
    for name in list(context.get_site_names()):
        context.delete_data_docs_site(name)
    context.add_data_docs_site(site_name=DOCS_SITE, site_config={
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(folder)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    })


def summarise(results: list[RuleResult]) -> list[dict]:
    """Per suite: rules, passed, failed, known."""
    suites: dict[str, dict] = {}
    for r in results:
        s = suites.setdefault(r.suite, {"suite": r.suite, "rules": 0, "passed": 0, "failed": 0, "known": 0})
        s["rules"] += 1
        s[r.status] += 1
    return [suites[k] for k in sorted(suites)]


def run(project: Project) -> int:
    """Validate, print, write reports/validation.json; non-zero exit when a rule fails."""
    results = run_suites(project)
    summary = summarise(results)
    for s in summary:
        print(f"  {s['suite']:<22} {s['rules']:>3} rules: {s['passed']:>3} passed, {s['failed']} failed, "
              f"{s['known']} known issues")
    failed = [r for r in results if r.status == "failed"]
    for r in failed:
        print(f"FAILED {r.suite}: {r.rule_id} ({r.expectation}): {r.description}", file=sys.stderr)
        for row in r.rows[:20]:
            print(f"    {json.dumps(row, ensure_ascii=False, default=str)}", file=sys.stderr)
        if len(r.rows) > 20:
            print(f"    ... and {len(r.rows) - 20} more rows", file=sys.stderr)
    payload = {"summary": summary, "rules": [asdict(r) for r in results]}
    write_text_atomic(project.validation_results,
                      json.dumps(payload, indent=1, ensure_ascii=False, default=str, sort_keys=True) + "\n")
    index = project.data_docs / "index.html"
    print(f"validate: {sum(s['rules'] for s in summary)} rules, {len(failed)} failed; "
          f"Data Docs: {project.rel(index)}")
    return EXIT_FAILED if failed else 0
