"""The grown corpus (conftest.py's `grown`: a ×3 scale copy with every claim and event id
renumbered, three times the committed articles (15 for the five), plus one article added
through add-article and accept) builds green: no notebook depends on a particular row id or
on the articles' date range, and 03-cumulative's reconciliation covers every series of that
corpus, found by rule."""

from __future__ import annotations

import csv
import re
from collections import Counter

import pytest
from conftest import REPO
from conftest import SCALE_COPIES as COPIES
from reviewing import reviewed_rows

pytestmark = [pytest.mark.build, pytest.mark.xdist_group("scale")]
NOTEBOOKS = sorted(p.stem for p in (REPO / "notebooks").glob("*.ipynb"))


@pytest.fixture
def scaled(grown):
    return grown["root"], grown["build"]


def rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_scale_copy_builds_green(scaled):
    root, result = scaled
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for name in NOTEBOOKS:
        assert re.search(rf"done +{re.escape(name)} \(", result.stdout), (name, result.stdout)
        assert not (root / "reports/notebooks" / f"{name}.failed.ipynb").exists()


def test_scale_copy_has_renumbered_ids(grown):
    root, new_id = grown["root"], grown["new_id"]
    every = rows(root / "data/clean/claims.csv")
    copied = [r for r in every if r["article_id"] != new_id]
    claims = {r["claim_id"] for r in copied}
    committed = rows(REPO / "data/clean/claims.csv")
    assert len(claims) == len(copied) == COPIES * len(committed)
    # each copy keeps how its rows were coded (hand, or drafted_reviewed for an article a
    # researcher added and accepted)
    assert Counter(r["coded_by"] for r in copied) == Counter(
        {coded_by: COPIES * n for coded_by, n in Counter(r["coded_by"] for r in committed).items()}
    )
    added = len(reviewed_rows(new_id)["claims"])
    assert len(every) == len(claims) + added  # and the claims of the article add-article added
    assert {r["coded_by"] for r in every if r["article_id"] == new_id} == {"drafted_reviewed"}
    assert not claims & {r["claim_id"] for r in committed}  # C008 and the rest: all renumbered


def test_reconciliation_covers_every_series_of_the_copy(scaled):
    root, _ = scaled
    tables = root / "reports/tables"
    series = rows(root / "data/clean/series.csv")
    coverage = rows(tables / "cumulative-coverage.csv")
    assert sorted(r["series_row_id"] for r in coverage) == sorted(
        r["series_row_id"] for r in series
    )
    reconciliations = rows(tables / "cumulative-reconciliations.csv")
    bases = {r["id"]: r["repeated"] for r in reconciliations if r["step"] == "total"}
    # the copies' 538 (renumbered) are one reading, added to the 28 by rule: one base standing
    # for the COPIES totals, plus K004
    corpus_bases = {b: n for b, n in bases.items() if b.startswith("C")}
    assert len(corpus_bases) == 1 and all(re.fullmatch(r"C\d{7}", b) for b in corpus_bases)
    assert set(corpus_bases.values()) == {str(COPIES)}
    sums = {r["bounds"] for r in reconciliations if r["step"] == "sum"}
    assert "[538, 566]" in sums
    assert all(r["role"] != "" for r in coverage)
    # the worked example's ids (C008, C002, C001) are not in the copy: said in one line
    html = (root / "reports/notebooks/03-cumulative.html").read_text(encoding="utf-8")
    assert "worked example is not in this corpus" in html
    assert not (tables / "cumulative-reconciliation.csv").exists()
