"""The quality verdict in words (checks/verdict.py) and written into the Data Docs
(checks/docsverdict.py)."""

from __future__ import annotations

import pytest

from deportdata.checks import docsverdict
from deportdata.checks.verdict import first_sentence, verdict

RULES = [
    {"suite": "claims", "rule_id": "claims.id_unique", "status": "passed"},
    {"suite": "claims", "rule_id": "claims.quote_found", "status": "passed"},
    {
        "suite": "series",
        "rule_id": "series.not_falling",
        "status": "known",
        "known_issues": ["I007"],
    },
]
ISSUES = [
    {
        "issue_id": "I007",
        "row_id": "reference:K002",
        "reason": "The source printed a rounder figure. It is kept as printed.",
    }
]


def test_the_headline_counts_rules_tables_and_known_issues():
    found = verdict(RULES, ISSUES)
    assert found.headline() == (
        "3 rules checked on 2 clean tables: 2 passed, 0 failed, and 1 fails only on rows "
        "recorded as known issues (1 known issue)."
    )
    assert found.conclusion().startswith("The checks pass")
    clean = verdict(RULES[:2], [])
    assert clean.headline().endswith("2 passed, 0 failed, no known issue.")


def test_a_known_issue_is_named_with_its_row_and_the_first_sentence_of_its_reason():
    (known,) = verdict(RULES, ISSUES).known_failures
    assert known.sentence() == (
        "Known issue I007: rule series.not_falling fails on reference:K002, and the failure is "
        "recorded in data/raw/known_issues.csv, so the build counts it as a known issue, not as "
        "a failure. Why: The source printed a rounder figure."
    )


def test_a_failed_rule_makes_the_verdict_fail_and_is_named():
    rules = [*RULES, {"suite": "claims", "rule_id": "claims.bounds_ordered", "status": "failed"}]
    found = verdict(rules, ISSUES)
    assert (found.failed, found.failed_suites) == (1, ("claims",))
    assert "The checks fail" in found.conclusion() and "claims.bounds_ordered" in found.conclusion()


def test_a_long_reason_is_cut_at_a_word():
    text = "word " * 100
    short = first_sentence(text, limit=40)
    assert short.endswith(" …") and len(short) <= 42 and "wor …" not in short


PAGE = '<html><body><div class="container-fluid pt-4 pb-4 pl-5 pr-5"><p>GX</p></div></body></html>'
ROW = (
    "{'validation_success': '<i class=\"fas fa-times text-danger ge-failed-icon\" ></i>', "
    "'asset_name': '%s'}"
)


def _docs(tmp_path, rows: list[str]):
    (tmp_path / "index.html").write_text(
        PAGE.replace("<p>GX</p>", "<script>[" + ", ".join(rows) + "]</script>"), "utf-8"
    )
    page = tmp_path / "validations" / "series" / "__none__" / "20260101T000000Z"
    page.mkdir(parents=True)
    (page / "clean-series.html").write_text(PAGE, "utf-8")
    return tmp_path


def test_the_data_docs_say_the_verdict_and_mark_the_known_failure(tmp_path):
    docs = _docs(tmp_path, [ROW % "claims", ROW % "series"])
    found = verdict(RULES, ISSUES)
    docsverdict.mark_known(docs, found)
    index = (docs / "index.html").read_text("utf-8")
    assert found.headline() in index and found.known_failures[0].sentence() in index
    claims, series = index.split("}, {")
    assert "known issue I007" in series and "known issue" not in claims.split("</div>")[-1]
    page = next(docs.glob("validations/series/*/*/clean-series.html")).read_text("utf-8")
    assert found.known_failures[0].sentence() in page


def test_a_suite_that_also_fails_is_not_marked_as_known(tmp_path):
    docs = _docs(tmp_path, [ROW % "series"])
    rules = [*RULES, {"suite": "series", "rule_id": "series.id_unique", "status": "failed"}]
    docsverdict.mark_known(docs, verdict(rules, ISSUES))
    assert "badge" not in (docs / "index.html").read_text("utf-8")


def test_a_page_without_the_expected_layout_is_an_error(tmp_path):
    (tmp_path / "index.html").write_text("<html><body></body></html>", "utf-8")
    with pytest.raises(docsverdict.DataDocsLayoutError, match=r"index\.html"):
        docsverdict.mark_known(tmp_path, verdict(RULES, ISSUES))
