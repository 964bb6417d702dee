"""The drafting section of the benchmark page (benchmarks/run.py --parts drafting)."""

from __future__ import annotations

import sys

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from run import DRAFTING_HEADING, render_drafting, replace_drafting

RESULT = {"articles": 5, "seconds": 0.25, "table": "| measure | x |\n|---|---|", "strict": {}}


def test_drafting_section_is_replaced_not_duplicated():
    page = "# Benchmark results\n\n## Scale\n\nrows\n"
    once = replace_drafting(page, render_drafting(RESULT))
    twice = replace_drafting(once, render_drafting({**RESULT, "seconds": 0.5}))
    assert once.count(DRAFTING_HEADING) == twice.count(DRAFTING_HEADING) == 1
    assert "0.50 s" in twice and "0.25 s" not in twice and "## Scale" in twice


def test_drafting_section_in_the_middle_keeps_what_follows():
    page = f"# B\n\n{DRAFTING_HEADING}\n\nold\n\n## Later\n\nkept\n"
    out = replace_drafting(page, render_drafting(RESULT))
    assert "old" not in out and out.endswith("## Later\n\nkept\n")


def test_results_page_has_the_drafting_table():
    page = (REPO / "benchmarks/results.md").read_text(encoding="utf-8")
    assert DRAFTING_HEADING in page and "reporter right" in page
