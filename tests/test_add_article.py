"""The whole workflow on a temporary copy: add-article, review the draft, accept, build.

The new article's headline carries HTML and a script tag, as a scraped headline may: the
build must escape it on every page it writes (the bad-input case html_in_article checks that
the clean step accepts such an article)."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil

import pytest
from conftest import cli
from drafting import TEXT, write_draft

NEW_ID = "005_" + hashlib.sha256(TEXT.encode()).hexdigest()[:16]
HEADLINE = "<b>Fourteen</b> more arrive<script>alert('headline')</script>"
UNESCAPED = "<script>alert("


@pytest.mark.build
def test_add_article_accept_build(project_copy, tmp_path):
    pytest.importorskip("papermill")
    article = tmp_path / "new.txt"
    article.write_bytes(TEXT.encode("utf-8"))
    added = cli(
        "--root", str(project_copy), "add-article", str(article),
        "--outlet", "Khmer Times", "--headline", HEADLINE,
        "--url", "https://example.org/test-article",
        "--published-earliest", "2020-03-03", "--published-latest", "2020-03-03",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "registered the new organisation khmer_times" in added.stdout

    # the review: whatever was drafted, the reviewer leaves the draft as tests/drafting.py has it
    drafts = project_copy / "data" / "drafts" / NEW_ID
    shutil.rmtree(drafts, ignore_errors=True)
    write_draft(project_copy, NEW_ID)

    accepted = cli("--root", str(project_copy), "accept", NEW_ID)
    assert accepted.returncode == 0, accepted.stderr
    assert not drafts.exists()

    built = cli("--root", str(project_copy), "build", timeout=900)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "numeric mentions accounted for: 47 of 47" in built.stdout
    claims = list(
        csv.DictReader(io.StringIO((project_copy / "data/clean/claims.csv").read_text("utf-8")))
    )
    new = [c for c in claims if c["article_id"] == NEW_ID]
    assert len(new) == 2 and {c["coded_by"] for c in new} == {"drafted_reviewed"}
    assert {c["coded_by"] for c in claims if c["article_id"] != NEW_ID} == {"hand"}
    series = (project_copy / "data/clean/series.csv").read_text(encoding="utf-8")
    assert "corpus:" + new[1]["claim_id"] in series  # the new cumulative total joins its series

    pages = sorted((project_copy / "reports").rglob("*.html"))
    assert len(pages) > 7  # the index, the notebooks, the Data Docs
    assert any("Fourteen" in p.read_text(encoding="utf-8") for p in pages)  # the headline is shown
    for page in pages:
        assert UNESCAPED not in page.read_text(encoding="utf-8"), page
