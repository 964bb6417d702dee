"""The validate step: every rule fails on a broken copy of the clean data and names the row.

The break cases are data: tests/check_breaks/cases.yaml, read by its catalogue.py. Validation
runs in-process on copies of the project (Great Expectations is imported once per session).
Independent cases are broken together in one validation run: cases that touch the same row
(or, for cross-row rules, the totals compared) go to different runs, and each assertion is
about its own rule and its own row.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from check_breaks.catalogue import Break, batches, key, load_breaks
from conftest import REPO, copy_project

from deportdata.config import Project
from deportdata.errors import DeportdataError

pytestmark = [pytest.mark.xdist_group("validate"), pytest.mark.subprocess]

PARTS = ("data", "expectations", "pyproject.toml")  # what validate reads
BREAKS = load_breaks()
BATCHES = batches(BREAKS)
# the rules a recorded known issue names (data/clean/known_issues.csv)
KNOWN_ISSUE_RULES = {
    row["rule_id"]
    for row in csv.DictReader(
        (REPO / "data" / "clean" / "known_issues.csv").read_text(encoding="utf-8").splitlines()
    )
}


def copy_inputs(dest: Path) -> Path:
    """A copy of what validate reads (data, suites, pyproject.toml)."""
    return copy_project(dest, PARTS)


# rules that no case of the catalogue can fail on its own, with the reason (none at present)
UNBREAKABLE: dict[str, str] = {}


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    return copy_inputs(tmp_path_factory.mktemp("validate") / "base")


class CliRun:
    """`deportdata validate` on a copy with the first batch of breaks, in the background."""

    def __init__(self, root: Path) -> None:
        script = Path(sys.executable).with_name("deportdata")
        command = [str(script)] if script.exists() else [sys.executable, "-m", "deportdata"]
        self.root = root
        self.process = subprocess.Popen(
            [*command, "--root", str(root), "validate"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._output: tuple[int, str, str] | None = None

    def output(self) -> tuple[int, str, str]:
        """Its exit code, stdout and stderr, once it has finished."""
        if self._output is None:
            stdout, stderr = self.process.communicate(timeout=300)
            self._output = (self.process.returncode, stdout, stderr)
        return self._output

    def results(self) -> dict[str, object]:
        """The results it wrote to reports/validation.json, by rule id."""
        from deportdata.checks.run import RuleResult

        code, _, stderr = self.output()
        written = self.root / "reports" / "validation.json"
        assert code == 1 and written.is_file(), f"the CLI run failed to validate:\n{stderr}"
        rules = json.loads(written.read_text(encoding="utf-8"))["rules"]
        return {r["rule_id"]: RuleResult(**r) for r in rules}

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    """The CLI on a copy with the first batch of breaks, started at once so that it runs
    alongside the rest; its reports/validation.json gives that batch's results."""
    root = copy_inputs(tmp_path_factory.mktemp("validate") / "batch0")
    for item in BATCHES[0]:
        item.apply(root)
    run = CliRun(root)
    yield run
    run.stop()


@pytest.fixture(scope="module")
def baseline(base, cli_run):
    """The committed data, validated with Data Docs."""
    from deportdata.checks.run import run_suites

    return run_suites(Project(base))


@pytest.fixture(scope="module")
def batch_results(tmp_path_factory, cli_run):
    """Run each batch of breaks once; results by id of the break. The first batch is the
    CLI's run (`cli_run`), read back from the reports/validation.json it wrote; the others
    run in process, with only the suites their cases are about (`only_suites`)."""
    from deportdata.checks.run import run_suites

    cache: dict[int, dict[str, object]] = {}

    def results(brk: Break) -> dict[str, object]:
        n = next(i for i, batch in enumerate(BATCHES) if brk in batch)
        if n not in cache and n == 0:
            cache[0] = cli_run.results()
        if n not in cache:
            root = copy_inputs(tmp_path_factory.mktemp("validate") / f"batch{n}")
            for item in BATCHES[n]:
                item.apply(root)
            only_suites(root, BATCHES[n])
            cache[n] = {r.rule_id: r for r in run_suites(Project(root), docs=False)}
        return cache[n]

    return results


def only_suites(root: Path, cases: list[Break]) -> None:
    """Empty, in a copy, the suites of the tables no case is about (validated, they check
    nothing), so that a run validates what its cases are about. A table's rules read only
    the frames and their own parameters; but the known_issues rules read every suite's
    results and its list of consistency rules, so with a case about known issues (or about a
    rule a known issue names) every suite is kept."""
    tables = {case.rule_table for case in cases}
    if "known_issues" in tables or any(case.rule_id in KNOWN_ISSUE_RULES for case in cases):
        return
    for path in (root / "expectations").glob("*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if (doc.get("meta") or {}).get("table", path.stem) not in tables:
            path.write_text(json.dumps({**doc, "expectations": []}), encoding="utf-8")


def _named(result, table: str, row: str) -> bool:
    return any(key(table, r) == row for r in result.rows)


def test_committed_data_passes_with_the_known_issue(baseline):
    failed = [(r.rule_id, r.rows) for r in baseline if r.status == "failed"]
    assert not failed
    known = {r.rule_id: r for r in baseline if r.status == "known"}
    assert list(known) == ["series.cumulative_not_falling_pooled"]
    rows = known["series.cumulative_not_falling_pooled"].rows
    assert sorted((r["series_row_id"], r["falls_below"], r["known_issue"]) for r in rows) == [
        ("reference:K006", "reference:K005", "I001"),
        ("reference:K007", "reference:K016", "I002"),  # KVAO's 701 below the Post's 727
        ("reference:K017", "reference:K016", "I003"),  # "almost 700" below the same 727
    ]
    assert {r.rule_id: r.status for r in baseline}["known_issues.still_matches"] == "passed"


def test_every_rule_in_the_suites_ran(baseline):
    in_files = sorted(
        e["meta"]["rule_id"]
        for p in (REPO / "expectations").glob("*.json")
        for e in json.loads(p.read_text(encoding="utf-8"))["expectations"]
    )
    assert sorted(r.rule_id for r in baseline) == in_files


def test_data_docs_index_shows_each_suite(baseline, base):
    index = base / "reports" / "data-docs" / "index.html"
    text = index.read_text(encoding="utf-8")
    for path in (REPO / "expectations").glob("*.json"):
        assert path.stem in text
        assert (base / "reports" / "data-docs" / "expectations" / f"{path.stem}.html").is_file()


def test_dropped_columns_are_read_by_no_rule():
    """So dropping one can only break the suite's `columns` rule."""
    for brk in BREAKS:
        dropped = [brk.args] if brk.action == "drop_column" else []
        suite = json.loads(
            (REPO / "expectations" / f"{brk.rule_table}.json").read_text(encoding="utf-8")
        )
        for exp in suite["expectations"] if dropped else []:
            kwargs = exp["kwargs"]
            read = [kwargs[k] for k in ("column", "column_A", "column_B") if k in kwargs]
            read += kwargs.get("column_list") or []
            read += [kwargs["row_condition"]["column"]["name"]] if "row_condition" in kwargs else []
            assert not set(dropped) & set(read), (
                f"{brk}: {dropped} read by {exp['meta']['rule_id']}"
            )


def test_every_rule_has_a_break():
    rules = {
        e["meta"]["rule_id"]
        for p in (REPO / "expectations").glob("*.json")
        for e in json.loads(p.read_text(encoding="utf-8"))["expectations"]
    }
    assert {b.rule_id for b in BREAKS} | set(UNBREAKABLE) == rules


@pytest.mark.parametrize("brk", BREAKS, ids=str)
def test_break_fails_its_rule_naming_the_row(brk, batch_results):
    result = batch_results(brk)[brk.rule_id]
    assert result.status == "failed", f"{brk.rule_id} did not fail"
    if brk.names is not None:
        assert _named(result, brk.rule_table, brk.names), f"{brk.names} not named in {result.rows}"
    for column, value in brk.shows.items():  # what the named row must show
        (row,) = [r for r in result.rows if key(brk.rule_table, r) == brk.names]
        assert row[column] == value, (column, row)


def test_the_catalogue_keeps_every_case():
    """Each case once, each breaking a rule of a suite, each with its own name."""
    assert len(BREAKS) == 258
    assert len({str(b) for b in BREAKS}) == len(BREAKS)
    assert sum(len(run) for run in BATCHES) == len(BREAKS)
    for run in BATCHES:  # no two cases of a run touch the same row
        for i, brk in enumerate(run):
            assert not any(brk.keys & other.keys for other in run[i + 1 :]), brk


def _by_name(name: str) -> Break:
    return next(b for b in BREAKS if b.case == name)


def test_a_new_fall_fails_although_another_row_has_a_known_issue(batch_results):
    results = batch_results(_by_name("new_fall"))
    rule = results["series.cumulative_not_falling_pooled"]
    rows = {r["series_row_id"]: r for r in rule.rows}
    assert rule.status == "failed"
    assert "I001" in rows["reference:K006"]["known_issue"].split(";")
    assert "known_issue" not in rows["reference:K018"]
    assert not _named(results["known_issues.still_matches"], "known_issues", "I001")


@pytest.mark.parametrize("case", ["before_scope", "after_build_date"])
def test_scope_edges_pass(case, batch_results):
    """A day outside the scope fails both scope rules, naming its article; its first day
    (the agreement's month) and its last (the build date) are in scope."""
    brk = _by_name(case)
    for rule_id in ("articles.published_in_scope", "articles.published_latest_in_scope"):
        rule = batch_results(brk)[rule_id]
        named = {key("articles", r) for r in rule.rows}
        assert brk.names in named and brk.edge not in named, (rule_id, rule.rows)


def test_a_known_issue_that_no_longer_matches_fails(batch_results):
    results = batch_results(_by_name("stale"))
    # K006 no longer falls (other breaks of the run may make other totals fall)
    assert not _named(results["series.cumulative_not_falling_pooled"], "series", "reference:K006")
    assert _named(results["known_issues.still_matches"], "known_issues", "I001")


def test_a_misspelled_expectation_type_is_an_error(tmp_path):
    from deportdata.checks.run import run_suites

    root = copy_inputs(tmp_path / "project")
    path = root / "expectations" / "actors.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["expectations"][-1]["type"] = "expect_column_values_to_be_in_sett"  # misspelled
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DeportdataError, match=r"expectations in the file, .* loaded") as info:
        run_suites(Project(root), docs=False)
    assert info.value.file == "expectations/actors.json"


def test_a_clean_table_without_a_suite_is_an_error(tmp_path):
    from deportdata.checks.run import run_suites

    root = copy_inputs(tmp_path / "project")
    (root / "expectations" / "reference_events.json").unlink()
    with pytest.raises(DeportdataError, match=r"no suite for the clean table\(s\) reference_ev"):
        run_suites(Project(root), docs=False)


def _failure_blocks(stderr: str) -> dict[str, list[str]]:
    """The CLI's stderr by failed rule: the rows printed under each FAILED line."""
    blocks: dict[str, list[str]] = {}
    rows: list[str] = []
    for line in stderr.splitlines():
        if line.startswith("FAILED "):
            rows = blocks.setdefault(line.split(": ", 2)[1].split(" ")[0], [])
        elif line.startswith("    "):
            rows.append(line.strip())
    return blocks


def test_cli_fails_naming_the_row_without_traceback(cli_run):
    code, stdout, stderr = cli_run.output()
    assert code == 1, stderr
    assert "Traceback" not in stderr
    for brk in BATCHES[0]:  # every broken rule is reported
        assert f"FAILED {brk.rule_table}: {brk.rule_id} (" in stderr, brk
    blocks = _failure_blocks(stderr)
    named = [b for b in BATCHES[0] if b.rule_table == "claims" and b.names is not None]
    assert named, "no claims break with a row in the first batch"
    for brk in named:  # each with its row, under its own rule
        assert any(f'"claim_id": "{brk.names}"' in row for row in blocks[brk.rule_id]), brk
    for path in (REPO / "expectations").glob("*.json"):
        assert any(line.strip().startswith(path.stem + " ") for line in stdout.splitlines()), (
            path.stem
        )
    assert "failed" in stdout.splitlines()[-1]
