"""Validate step: run the Great Expectations suites in expectations/ on data/clean/.

One suite per clean table, kept as minimal JSON and loaded into a throwaway context.
Prints one line per suite, then every failed rule with its offending rows; writes
reports/validation.json (for the data-quality notebook) and Data Docs.

Failures of consistency rules whose every offending row has a record in
data/raw/known_issues.csv are "known" and let the build pass; the known_issues suite,
run last, fails on any record that no longer matches a failure.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from deportdata.checks.frames import load_frames
from deportdata.config import Project
from deportdata.errors import DeportdataError
from deportdata.io.files import Transaction, stage_folder
from deportdata.io.kernel import die_with_parent
from deportdata.io.recover import journal

EXIT_FAILED = 1
PARALLEL_LOAD_BYTES = 2_000_000  # above this size of data/clean/*.csv, read it in a second process
DOCS_SITE = "deportdata"
RULE_CLASSES = ("integrity", "consistency", "coverage")
KNOWN_ISSUES = "known_issues"  # the table of known issues; its suite runs last
SUITE_KEYS = ("name", "meta", "expectations")
EXPECTATION_KEYS = ("type", "kwargs", "meta", "description")
MAX_ROWS_PRINTED = 20


@dataclass
class RuleResult:
    suite: str
    rule_id: str
    rule_class: str  # integrity, consistency, coverage
    expectation: str
    description: str
    status: str  # passed, failed, known
    rows: list[dict] = field(default_factory=list)  # offending rows: ids and values
    known_issues: list[str] = field(default_factory=list)  # issue_ids matching offending rows


@dataclass(frozen=True)
class SuiteFile:
    path: Path
    display: str
    table: str
    doc: dict


def load_suite_file(path: Path, display: str) -> dict:
    """A suite's JSON, checked: minimal keys, every expectation with a unique meta.rule_id
    of the form `<table>.<rule>`, a meta.class and a description."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DeportdataError(
            f"not valid JSON: {exc.msg}", file=display, line=exc.lineno, column=exc.colno
        ) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("expectations"), list):
        raise DeportdataError("a suite is an object with a list of 'expectations'", file=display)
    extra = sorted(set(doc) - set(SUITE_KEYS))
    if extra:
        raise DeportdataError(
            f"unexpected suite keys {extra}",
            file=display,
            hint=f"a suite file holds only {', '.join(SUITE_KEYS)}",
        )
    table = (doc.get("meta") or {}).get("table", path.stem)
    if doc.get("name") != table:
        raise DeportdataError(f"the suite's name must be its table's name, {table!r}", file=display)
    seen = set()
    for n, exp in enumerate(doc["expectations"], 1):
        where = f"expectation {n}"
        if not isinstance(exp, dict) or not exp.get("type"):
            raise DeportdataError(f"{where} has no 'type'", file=display)
        extra = sorted(set(exp) - set(EXPECTATION_KEYS))
        if extra:
            raise DeportdataError(
                f"{where} has unexpected keys {extra}",
                file=display,
                hint=f"an expectation holds only {', '.join(EXPECTATION_KEYS)}",
            )
        meta = exp.get("meta") or {}
        rule_id = meta.get("rule_id")
        if not rule_id:
            raise DeportdataError(f"{where} has no meta.rule_id", file=display)
        if not str(rule_id).startswith(f"{table}."):
            raise DeportdataError(
                f"rule_id {rule_id!r} does not start with '{table}.'", file=display
            )
        if rule_id in seen:
            raise DeportdataError(f"rule_id {rule_id!r} is used twice", file=display)
        seen.add(rule_id)
        if meta.get("class") not in RULE_CLASSES:
            raise DeportdataError(
                f"{rule_id}: meta.class must be one of {', '.join(RULE_CLASSES)}", file=display
            )
        if not exp.get("description"):
            raise DeportdataError(f"{rule_id} has no description", file=display)
    return doc


def load_suites(project: Project, tables: list[str]) -> list[SuiteFile]:
    """Every suite in expectations/, exactly one per clean table, the known_issues suite last."""
    files = sorted(project.expectations.glob("*.json"))
    if not files:
        raise DeportdataError("no suites found", file=project.rel(project.expectations))
    suites: dict[str, SuiteFile] = {}
    for path in files:
        display = project.rel(path)
        doc = load_suite_file(path, display)
        table = (doc.get("meta") or {}).get("table", path.stem)
        if table not in tables:
            raise DeportdataError(f"suite checks unknown clean table {table!r}", file=display)
        if table in suites:
            raise DeportdataError(
                f"a second suite for table {table!r}",
                file=display,
                hint=f"the first is {suites[table].display}",
            )
        suites[table] = SuiteFile(path, display, table, doc)
    missing = sorted(set(tables) - set(suites))
    if missing:
        raise DeportdataError(
            f"no suite for the clean table(s) {', '.join(missing)}",
            file=project.rel(project.expectations),
            hint="add expectations/<table>.json",
        )
    return sorted(suites.values(), key=lambda s: (s.table == KNOWN_ISSUES, s.table))


def _plain(value):
    """A JSON-safe scalar (dates as ISO days, numpy numbers as Python numbers, NaN as None)."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return None if value != value else value.isoformat()[:10]
    if hasattr(value, "item"):
        value = value.item()
    try:
        if value != value:  # NaN, NA
            return None
    except TypeError:  # pd.NA
        return None
    return value


def _columns_of(kwargs: dict) -> list[str]:
    cols = [kwargs[k] for k in ("column", "column_A", "column_B") if k in kwargs]
    return cols + list(kwargs.get("column_list") or [])


def _offending_rows(result, keep: list[str]) -> list[dict]:
    rows = []
    for item in result.result.get("unexpected_index_list") or []:
        if isinstance(item, dict):
            rows.append({k: _plain(item[k]) for k in keep if k in item})
    return rows


def _table_level_detail(result) -> list[dict]:
    """For a failed rule without rows (e.g. columns): what GX observed."""
    detail = {}
    for key in ("observed_value", "details"):
        if result.result.get(key) is not None:
            detail[key] = json.loads(json.dumps(result.result[key], default=str))
    if result.exception_info and result.exception_info.get("raised_exception"):
        detail["error"] = result.exception_info.get("exception_message")
    return [detail] if detail else []


def row_id(row: dict, key: list[str]) -> str:
    """A row's primary key, '/'-joined for compound keys (as known_issues.row_id spells it)."""
    return "/".join(str(row.get(c)) for c in key)


def _explain_falls(frame, config, rows: list[dict], key: list[str]) -> None:
    """Name, for each falling total, the earlier total it falls below."""
    from deportdata.checks.frames import LINE
    from deportdata.checks.gxrules import falls_below

    below = falls_below(frame, list(config.kwargs["column_list"]))
    by_line = {frame[LINE].iloc[i]: i for i in range(len(frame))}
    for row in rows:
        i = by_line.get(row.get(LINE))
        if i is not None and below[i] is not None:
            row["falls_below"] = row_id(frame.iloc[below[i]].to_dict(), key)


def _referenced(node) -> set[str]:
    """The `{"$PARAMETER": name}` names a suite uses (GX copies every parameter it is given
    into every expectation, so passing only these keeps large id lists out of the way)."""
    if isinstance(node, dict):
        if set(node) == {"$PARAMETER"}:
            return {node["$PARAMETER"]}
        return set().union(*(_referenced(v) for v in node.values())) if node else set()
    if isinstance(node, list):
        return set().union(*(_referenced(v) for v in node)) if node else set()
    return set()


def _run_suite(context, source, suite_file: SuiteFile, frame, params, key) -> list[RuleResult]:
    import great_expectations as gx

    from deportdata.checks.frames import LINE
    from deportdata.checks.gxrules import EXPECTATION as CUMULATIVE

    doc = suite_file.doc
    suite = gx.ExpectationSuite(**{k: v for k, v in doc.items() if k in SUITE_KEYS})
    if len(suite.expectations) != len(doc["expectations"]):
        raise DeportdataError(
            f"{len(doc['expectations'])} expectations in the file, "
            f"{len(suite.expectations)} loaded",
            file=suite_file.display,
            hint="an unknown expectation type was dropped: check the spelling of 'type'",
        )
    asset = source.add_dataframe_asset(suite_file.table)
    batch = asset.add_batch_definition_whole_dataframe(f"{suite_file.table}-all")
    expectation_parameters = {k: params[k] for k in _referenced(doc) if k in params}

    def validate(gx_suite, result_format: str):
        gx_suite = context.suites.add(gx_suite)
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=gx_suite.name, data=batch, suite=gx_suite)
        )
        return definition.run(
            batch_parameters={"dataframe": frame},
            expectation_parameters=expectation_parameters,
            result_format={
                "result_format": result_format,
                "unexpected_index_column_names": [*key, LINE],
            },
        )

    # A quick pass over every rule; only the rules that fail are run again to list all
    # their offending rows (COMPLETE results cost about a third of the time on every rule).
    outcome = validate(suite, "BASIC")
    failing = {
        (r.expectation_config.meta or {}).get("rule_id") for r in outcome.results if not r.success
    }
    detailed = {}
    if failing:
        again = [e for e in doc["expectations"] if e["meta"]["rule_id"] in failing]
        rerun = validate(
            gx.ExpectationSuite(
                name=f"{suite.name}: failing rules, every offending row", expectations=again
            ),
            "COMPLETE",
        )
        detailed = {r.expectation_config.meta["rule_id"]: r for r in rerun.results}
    outcome.results = [
        detailed.get((r.expectation_config.meta or {}).get("rule_id"), r) for r in outcome.results
    ]
    order = {e["meta"]["rule_id"]: n for n, e in enumerate(doc["expectations"])}
    results = []
    for r in outcome.results:
        config = r.expectation_config
        meta = config.meta or {}
        rows = []
        if not r.success:
            rows = _offending_rows(r, [*key, LINE, *_columns_of(config.kwargs)])
            if config.type == CUMULATIVE:
                _explain_falls(frame, config, rows, key)
            rows = rows or _table_level_detail(r)
        results.append(
            RuleResult(
                suite=suite.name,
                rule_id=meta["rule_id"],
                rule_class=meta["class"],
                expectation=config.type,
                description=config.description or "",
                status="passed" if r.success else "failed",
                rows=rows,
            )
        )
    return sorted(results, key=lambda r: order[r.rule_id])


def _known_issues(frame) -> dict[tuple[str, str, str], list[str]]:
    """(table, rule_id, row_id) → issue_ids."""
    out: dict[tuple[str, str, str], list[str]] = {}
    for rec in frame.to_dict("records"):
        if all(isinstance(rec.get(c), str) for c in ("table", "rule_id", "row_id", "issue_id")):
            out.setdefault((rec["table"], rec["rule_id"], rec["row_id"]), []).append(
                rec["issue_id"]
            )
    return out


def _classify(result: RuleResult, table: str, key: list[str], known) -> RuleResult:
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


def run_suites(
    project: Project, *, docs: bool = True, docs_folder: Path | None = None
) -> list[RuleResult]:
    """Validate every clean table with its suite; return one result per rule.

    Data Docs are built into `docs_folder` (default reports/data-docs/); with docs=False,
    they are not built (faster, for tests).
    """
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    # A large clean layer is read in a second process while this one imports Great
    # Expectations (about 8 s of imports); a small one is read here, where a second
    # process would only add its own start-up to the work.
    size = sum(p.stat().st_size for p in project.clean.glob("*.csv"))
    with ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=die_with_parent
    ) as pool:
        pending = pool.submit(load_frames, project) if size > PARALLEL_LOAD_BYTES else None
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        from deportdata.checks import gxrules  # registers the custom expectations
        from deportdata.checks.frames import MATCHED, suite_parameters
        from deportdata.schema import load_schema

        schema = load_schema()
        frames = pending.result() if pending else load_frames(project)
    suites = load_suites(project, sorted(frames))
    params = suite_parameters(project, frames)
    params["rules__consistency"] = sorted(
        e["meta"]["rule_id"]
        for s in suites
        for e in s.doc["expectations"]
        if e["meta"]["class"] == "consistency"
    )
    gxrules.REFERENCES.clear()
    gxrules.REFERENCES.update(
        {name: frozenset(map(str, values)) for name, values in params.items()}
    )
    known = _known_issues(frames[KNOWN_ISSUES])
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    if docs:
        _docs_site(context, docs_folder or project.data_docs)
    source = context.data_sources.add_pandas("clean")
    results: list[RuleResult] = []
    for suite_file in suites:
        key = list(schema.table("clean", suite_file.table).primary_key)
        frame = frames[suite_file.table]
        if suite_file.table == KNOWN_ISSUES:  # runs last: which records matched a failure
            used = {(r.suite, r.rule_id, i) for r in results for i in r.known_issues}
            frame[MATCHED] = [
                (rec["table"], rec["rule_id"], rec["issue_id"]) in used
                for rec in frame.to_dict("records")
            ]
            frame[MATCHED] = frame[MATCHED].astype("boolean")
        for result in _run_suite(context, source, suite_file, frame, params, key):
            results.append(_classify(result, suite_file.table, key, known))
    if docs:
        from deportdata.checks.datadocs import make_offline

        context.build_data_docs(site_names=[DOCS_SITE])
        make_offline(
            docs_folder or project.data_docs
        )  # every script, style and font served locally
    return results


def _docs_site(context, folder: Path) -> None:
    """Data Docs go to reports/data-docs/ (rebuilt from scratch each run)."""
    shutil.rmtree(folder, ignore_errors=True)
    for name in list(context.get_site_names()):
        context.delete_data_docs_site(name)
    context.add_data_docs_site(
        site_name=DOCS_SITE,
        site_config={
            "class_name": "SiteBuilder",
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(folder),
            },
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )


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


def publish(project: Project, payload: str, docs: Path | None) -> None:
    """reports/validation.json and reports/data-docs/ (built in `docs`), together or not at all."""
    txn = Transaction(journal(project, "validate"), project.root, label="the check results")
    txn.add_bytes(project.validation_results, payload.encode("utf-8"))
    if docs is not None:
        txn.add_directory(project.data_docs, docs)
    txn.commit()


def run(project: Project) -> int:
    """Validate, print, write reports/validation.json; non-zero exit when a rule fails."""
    docs = stage_folder(project.reports, ".data-docs.stage-")
    try:
        results = run_suites(project, docs_folder=docs)
    except BaseException:
        shutil.rmtree(docs, ignore_errors=True)
        raise
    summary = summarise(results)
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
    payload = {"summary": summary, "rules": [asdict(r) for r in results]}
    publish(
        project,
        json.dumps(payload, indent=1, ensure_ascii=False, default=str, sort_keys=True) + "\n",
        docs,
    )
    index = project.data_docs / "index.html"
    print(
        f"validate: {sum(s['rules'] for s in summary)} rules, {len(failed)} failed, "
        f"{sum(s['known'] for s in summary)} known issues; Data Docs: {project.rel(index)}"
    )
    return EXIT_FAILED if failed else 0
