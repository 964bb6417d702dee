"""Great Expectations glue: run one suite on one frame in an ephemeral context and turn
GX's results into `RuleResult`s (the offending rows with their ids, line and values).
"""

from __future__ import annotations

import html
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from deportdata.checks.suites import SUITE_KEYS, SuiteFile
from deportdata.errors import DeportdataError
from deportdata.io.tables import FRAME_LINE as LINE

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
    known_issues: list[str] = field(default_factory=list)  # issue_ids matching offending rows


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


def as_rendered(doc: dict) -> dict:
    """The suite with each rule's text HTML-escaped, as the Data Docs put it into their pages
    unescaped: a placeholder such as `<article_id>` would otherwise be read as a tag and vanish
    from the page. The rule texts of the results stay as written."""
    expectations = [
        {**e, "description": html.escape(e["description"], quote=False)}
        if e.get("description")
        else e
        for e in doc["expectations"]
    ]
    return {**doc, "expectations": expectations}


def run_suite(context, source, suite_file: SuiteFile, frame, params, key) -> list[RuleResult]:
    import great_expectations as gx

    from deportdata.checks.gxrules import EXPECTATION as CUMULATIVE

    doc = suite_file.doc
    texts = {e["meta"]["rule_id"]: e.get("description") or "" for e in doc["expectations"]}
    doc = as_rendered(doc)
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
                description=texts[meta["rule_id"]],
                status="passed" if r.success else "failed",
                rows=rows,
            )
        )
    return sorted(results, key=lambda r: order[r.rule_id])


@contextmanager
def references(params: dict[str, list]) -> Iterator[None]:
    """The values `expect_column_values_to_be_in_reference` looks up, for one run only."""
    from deportdata.checks import gxrules

    gxrules.REFERENCES.clear()
    gxrules.REFERENCES.update(
        {name: frozenset(map(str, values)) for name, values in params.items()}
    )
    try:
        yield
    finally:
        gxrules.REFERENCES.clear()


def docs_site(context, folder: Path) -> None:
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
