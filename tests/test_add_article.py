"""The whole workflow on the grown corpus (conftest.py's `grown`): add-article, review the
draft, accept, build.

The new article's headline carries HTML and a script tag, as a scraped headline may: the
build must escape it on every page it writes (the bad-input case html_in_article checks that
the clean step accepts such an article)."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import REPO, SCALE_COPIES
from reviewing import reviewed_rows

pytestmark = [pytest.mark.build, pytest.mark.xdist_group("scale")]
UNESCAPED = "<script>alert("
REVIEWED = reviewed_rows("any")
# the invented article's numbers: each a claim or an ignored mention once reviewed
NEW_MENTIONS = len(REVIEWED["claims"]) + len(REVIEWED["mentions_ignored"])


def _rows(path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_add_article_accept_build(grown):
    root, new_id = grown["root"], grown["new_id"]
    added = grown["add"]
    assert added.returncode == 0, added.stderr
    assert f"as {new_id}" in added.stdout
    assert "registered the new organisation mekong_herald" in added.stdout
    assert grown["drafted_folder"], "add-article wrote no draft"

    accepted = grown["accept"]
    assert accepted.returncode == 0, accepted.stderr
    assert not grown["draft_left"], "accept left the draft behind"

    built = grown["build"]
    assert built.returncode == 0, built.stdout + built.stderr
    per_copy = len(_rows(REPO / "data/clean/mentions.csv"))  # every one coded or ignored
    total = SCALE_COPIES * per_copy + NEW_MENTIONS
    assert f"numeric mentions accounted for: {total} of {total}" in built.stdout
    claims = _rows(root / "data/clean/claims.csv")
    new = [c for c in claims if c["article_id"] == new_id]
    assert len(new) == len(REVIEWED["claims"])
    assert {c["coded_by"] for c in new} == {"drafted_reviewed"}
    hand = {r["claim_id"] for r in _rows(REPO / "data/raw/claims.csv") if r["coded_by"] == "hand"}
    copied = [c for c in claims if c["article_id"] != new_id]
    assert {c["coded_by"] for c in copied} <= {"hand", "drafted_reviewed"}
    assert sum(c["coded_by"] == "hand" for c in copied) == SCALE_COPIES * len(hand)
    series = (root / "data/clean/series.csv").read_text(encoding="utf-8")
    total = next(c for c in new if c["kind"] == "cumulative_since_2002")
    assert "corpus:" + total["claim_id"] in series  # the new cumulative total joins its series

    pages = sorted((root / "reports").rglob("*.html"))
    assert len(pages) > 7  # the index, the notebooks, the Data Docs
    shown = "&lt;b&gt;Cambodia&lt;/b&gt;"
    assert any(shown in p.read_text(encoding="utf-8") for p in pages)  # the headline, escaped
    for page in pages:
        assert UNESCAPED not in page.read_text(encoding="utf-8"), page
