"""The suite files in expectations/: their one layout (minimal JSON, one expectation per
line, so that a changed rule is a changed line) and their loading, checked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from deportdata.config import Project
from deportdata.errors import DeportdataError

RULE_CLASSES = ("integrity", "consistency", "coverage")
KNOWN_ISSUES = "known_issues"  # the table of known issues; its suite runs last
SUITE_KEYS = ("name", "meta", "expectations")
EXPECTATION_KEYS = ("type", "kwargs", "meta", "description")


def format_suite(doc: dict) -> str:
    """The canonical text of a suite: name, meta, then one expectation per line."""
    lines = ["{", f'  "name": {json.dumps(doc["name"], ensure_ascii=False)},']
    if "meta" in doc:
        lines.append(f'  "meta": {json.dumps(doc["meta"], ensure_ascii=False)},')
    lines.append('  "expectations": [')
    items = [json.dumps(e, ensure_ascii=False) for e in doc["expectations"]]
    lines += [f"    {item}," for item in items[:-1]] + [f"    {item}" for item in items[-1:]]
    lines += ["  ]", "}"]
    return "\n".join(lines) + "\n"


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
