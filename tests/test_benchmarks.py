"""The benchmark harness works (the figures themselves come from `make bench`, not from tests)."""

from __future__ import annotations

import sys

import pytest
from conftest import HAND_CODED_ARTICLES, REPO, cli

sys.path.insert(0, str(REPO / "benchmarks"))
from run import render
from scale import make_project, new_id


def test_scaled_project_cleans_with_every_mention_accounted_for(tmp_path):
    root = make_project(tmp_path / "scaled", 3)
    articles = len(list((REPO / "data/raw/articles").glob("*.txt")))
    assert len(list((root / "data/raw/articles").glob("*.txt"))) == 3 * articles
    result = cli("--root", str(root), "clean")
    assert result.returncode == 0, result.stderr
    mentions = 3 * (
        len((REPO / "data/clean/mentions.csv").read_text(encoding="utf-8").splitlines()) - 1
    )
    assert f"numeric mentions accounted for: {mentions} of {mentions}" in result.stdout


def test_fresh_ids_keep_the_article_id_form():
    first = HAND_CODED_ARTICLES[0]
    assert new_id(first, 0) == first
    ids = {new_id(first, copy) for copy in range(1, 1001)}
    assert len(ids) == 1000 and all(len(i) == 20 and i[3] == "_" for i in ids)


def test_results_page_states_each_target():
    build = {"build_force": 30.0, "naive": 80.0, "ratio": 0.375, "noop": 0.4}
    scale = [
        {
            "n": n,
            "articles": 5 * n,
            "clean": 0.02 * n,
            "clean_mib": 20,
            "validate": 10 + 0.01 * n,
            "validate_mib": 200,
        }
        for n in (1, 10, 100, 1000)
    ]
    setup = {
        "make_all": 40.0,
        "make_test": 110.0,
        "install": {"uv": 5.0, "uv_cold": 20.0, "pip": 70.0},
    }
    page = render(build, 0.07, scale, setup)
    assert page.count("meets target") == 9 and "MISSES" not in page
    assert "| 5.0 s / 20.0 s / 70.0 s |" in page
    slow = render({**build, "ratio": 0.8}, 0.07, scale, setup)
    assert "| 0.80 | ≤ 0.5 | MISSES target |" in slow
    late = render(build, 0.07, scale, {**setup, "make_test": 150.0})
    assert "| 150.0 s | ≤ 120 s | MISSES target |" in late


@pytest.mark.subprocess
def test_a_partial_run_needs_earlier_figures_for_the_other_parts(tmp_path):
    import subprocess

    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks/run.py"), "--parts", "help",
         "--json", str(tmp_path / "none.json"), "--output", str(tmp_path / "r.md")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 2
    assert "no earlier figures for build, drafting, reports, scale, setup" in result.stderr
    assert not (tmp_path / "r.md").exists()


def test_reports_section_states_the_ratio_and_the_largest_figure():
    from report_scale import DONE, render_reports

    printed = (
        "== report\n  start  01-corpus\n  done   01-corpus (3.0 s)\n  done   02-claims (12.5 s)\n"
    )
    assert DONE.findall(printed) == [("01-corpus", "3.0"), ("02-claims", "12.5")]
    rows = [
        {"n": n, "articles": 5 * n, "seconds": s, "notebooks": {"01-corpus": s / 4},
         "largest_figure": "claims.png", "largest_bytes": size}
        for n, s, size in ((1, 20.0, 300_000), (10, 25.0, 400_000), (100, 50.0, 900_000))
    ]  # fmt: skip
    page = render_reports(rows)
    assert "| 100 | 500 | 50.0 s | 12.5 s | claims.png (0.90 MB) |" in page
    assert "×100 against ×1: 2.50× (target ≤ 3×: meets target)" in page
    assert "largest figure file at any N: 0.90 MB (target ≤ 2 MB: meets target)" in page
    rows[2] = {**rows[2], "seconds": 70.0, "largest_bytes": 30_000_000}
    page = render_reports(rows)
    assert "3.50× (target ≤ 3×: MISSES target)" in page
    assert "30.00 MB (target ≤ 2 MB: MISSES target)" in page
