"""A full build from scratch in a temporary copy: it succeeds, runs every notebook, and
reproduces the committed clean tables, figures and tables byte for byte (no drift)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import COMMITTED, REPO, cli, tree_digest

pytestmark = [pytest.mark.build, pytest.mark.xdist_group("build")]
NOTEBOOKS = sorted(p.stem for p in (REPO / "notebooks").glob("*.ipynb"))


def test_build_succeeds(built):
    _, result = built
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "report: " in result.stdout and "reports/index.html" in result.stdout


@pytest.mark.parametrize("part", COMMITTED)
def test_rebuild_matches_the_committed_files(built, part):
    root, _ = built
    rebuilt, committed = tree_digest(root, (part,)), tree_digest(REPO, (part,))
    changed = sorted(k for k in set(rebuilt) | set(committed) if rebuilt.get(k) != committed.get(k))
    assert not changed, f"a rebuild changes committed files (run `make all` and commit): {changed}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_ran(built, name):
    root, result = built
    assert re.search(rf"done +{re.escape(name)} \(", result.stdout), result.stdout
    assert (root / "reports/notebooks" / f"{name}.html").is_file()
    assert not (root / "reports/notebooks" / f"{name}.failed.ipynb").exists()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("href", "src") and value:
                self.links.append(value)


def test_index_links_resolve(built):
    root, _ = built
    index = root / "reports/index.html"
    parser = _Links()
    parser.feed(index.read_text(encoding="utf-8"))
    local = [
        link
        for link in parser.links
        if not re.match(r"^[a-z]+:", link) and not link.startswith("#")
    ]
    assert any(link.startswith("figures/") for link in local) and any(
        link.startswith("tables/") for link in local
    )
    assert "data-docs/index.html" in local
    missing = [link for link in local if not (index.parent / unquote(link)).is_file()]
    assert not missing


def test_second_build_skips_everything(built_copy):
    result = cli("--root", str(built_copy), "build")
    assert result.returncode == 0, result.stderr
    assert "validate: unchanged" in result.stdout
    for name in NOTEBOOKS:
        assert f"skip   {name}" in result.stdout
    assert "start" not in result.stdout


def test_data_docs_show_every_suite(built):
    root, _ = built
    index = (root / "reports/data-docs/index.html").read_text(encoding="utf-8")
    for suite in sorted(Path(REPO / "expectations").glob("*.json")):
        assert suite.stem in index
