"""The benchmark harness works (the figures themselves come from `make bench`, not from tests)."""

from __future__ import annotations

import sys

from conftest import REPO, cli

sys.path.insert(0, str(REPO / "benchmarks"))
from run import render
from scale import make_project, new_id


def test_scaled_project_cleans_with_every_mention_accounted_for(tmp_path):
    root = make_project(tmp_path / "scaled", 3)
    assert len(list((root / "data/raw/articles").glob("*.txt"))) == 15
    result = cli("--root", str(root), "clean")
    assert result.returncode == 0, result.stderr
    assert "numeric mentions accounted for: 129 of 129" in result.stdout


def test_fresh_ids_keep_the_article_id_form():
    assert new_id("000_8ce18bf11eba94f7", 0) == "000_8ce18bf11eba94f7"
    ids = {new_id("000_8ce18bf11eba94f7", copy) for copy in range(1, 1001)}
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


def test_a_partial_run_needs_earlier_figures_for_the_other_parts(tmp_path):
    import subprocess

    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks/run.py"), "--parts", "help",
         "--json", str(tmp_path / "none.json"), "--output", str(tmp_path / "r.md")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 2
    assert "no earlier figures for build, drafting, scale, setup" in result.stderr
    assert not (tmp_path / "r.md").exists()
