"""Documentation is tested too: the README's commands are the ones CI and make run."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import REPO

from deportdata.schema.codebook import render

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_quick_start_is_two_make_commands():
    block = re.search(r"## Quick start.*?```sh\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make all", "make test"]


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci/run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M)


@pytest.mark.subprocess
def test_make_help_lists_the_targets():
    out = subprocess.run(
        ["make", "-s", "-C", str(REPO), "help"], capture_output=True, text=True, check=True
    ).stdout
    for target in ("all", "test", "lab", "clean", "help", "bench"):
        assert re.search(rf"make {target}\b", out), f"make help does not list {target}"


def test_codebook_is_current():
    rules = {
        n: (REPO / "data/raw/rules" / n).read_text(encoding="utf-8")
        for n in ("numbers.yaml", "dates.yaml")
    }
    assert (REPO / "docs/CODEBOOK.md").read_text(encoding="utf-8") == render(rules=rules), (
        "docs/CODEBOOK.md is out of date: run `deportdata build` (or `deportdata codebook`)"
    )


def test_rules_doc_is_current(tmp_path):
    import shutil

    from conftest import cli

    for part in ("docs", "expectations", "data"):
        shutil.copytree(REPO / part, tmp_path / part)
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    result = cli("--root", str(tmp_path), "codebook")
    assert result.returncode == 0, result.stderr
    assert "docs/RULES.md: already up to date" in result.stdout, (
        "docs/RULES.md is stale: run `deportdata build` (or `deportdata codebook`)"
    )
    assert "docs/CODEBOOK.md: already up to date" in result.stdout


def test_the_build_rewrites_the_generated_documents(tmp_path):
    """After a suite, a rule file or the corpus changes, `deportdata build` (its clean step)
    rewrites docs/RULES.md, docs/CODEBOOK.md and CITATION.cff; unchanged, it leaves them be."""
    import shutil

    from deportdata.config import Project
    from deportdata.publish.documents import documents

    for part in ("docs", "expectations", "data"):
        shutil.copytree(REPO / part, tmp_path / part)
    shutil.copy2(REPO / "CITATION.cff", tmp_path)
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    generated = ("docs/RULES.md", "docs/CODEBOOK.md", "CITATION.cff")
    committed = {name: (REPO / name).read_bytes() for name in generated}
    for name in generated:
        (tmp_path / name).write_text("an old version\n", encoding="utf-8")
    documents(Project(tmp_path))
    assert {name: (tmp_path / name).read_bytes() for name in generated} == committed
    stamps = {name: (tmp_path / name).stat().st_mtime_ns for name in generated}
    documents(Project(tmp_path))  # current: nothing is written
    assert {name: (tmp_path / name).stat().st_mtime_ns for name in generated} == stamps


def test_licences_separate_code_data_and_articles():
    for name in ("LICENSE", "LICENSE-DATA", "LICENSE-ARTICLES", "CITATION.cff", "CHANGELOG.md"):
        assert (REPO / name).is_file(), name
    assert "LICENSE-ARTICLES" in README and "© their publishers" in README


def test_readme_performance_figures_come_from_the_benchmark_results():
    section = re.search(r"## Performance\n(.*?)\n## ", README, re.S).group(1)
    results = (REPO / "benchmarks/results.md").read_text(encoding="utf-8")
    quoted = re.findall(r"\d+\.\d+ s|\d+ MiB|ratio \d\.\d+", section)
    assert len(quoted) >= 8
    for figure in quoted:
        value = figure.removeprefix("ratio ")
        assert value in results, (
            f"README quotes {value!r}, which benchmarks/results.md does not contain"
        )
