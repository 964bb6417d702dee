"""A corpus that grows: one article of another year through the documented flow, end to end.

In a temporary copy of the project, an invented article dated 2009 (tests/articles/, our own
sentences, pasted with its page's furniture) goes through `add-article`, the review
(tests/reviewing.py: every row checked and set to ok, every TODO written, the furniture
confirmed), `accept` and `build`. Then the reports, the data package, the SQLite database,
the citation and the landing page must count one article more and span the new years,
nothing may still speak of the corpus as it was, and the furniture must be out of the clean
text while the cleaning log and the mention coverage agree.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from pathlib import Path

import pytest
from conftest import NEW_HEADLINE, REPO
from reviewing import FURNITURE, OPTIONS, YEAR

pytestmark = [pytest.mark.build, pytest.mark.xdist_group("scale")]
NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _span(rows: list[dict[str, str]]) -> tuple[int, int]:
    years = [int(r["published_best"][:4]) for r in rows]
    return min(years), max(years)


def test_the_flow_runs_green(grown):
    assert "already in the corpus" not in grown["add"].stderr, (
        "the test's invented article was added to the repository itself: remove it from there"
    )
    for step in ("add", "accept", "build", "cite"):
        result = grown[step]
        assert result.returncode == 0, f"{step}: {result.stdout}{result.stderr}"
    assert not (grown["root"] / "data/drafts" / grown["new_id"]).exists()


def test_the_draft_is_refused_until_reviewed(grown):
    refused = grown["unreviewed"]
    assert refused.returncode == 1
    lines = refused.stderr.splitlines()
    assert any(
        re.search(r"claims\.csv:\d+: column review: the row is still todo", x) for x in lines
    )
    assert any(
        re.search(r"events\.csv:\d+: column description: the cell still begins with TODO", x)
        for x in lines
    )
    assert any(
        re.search(r"residue\.csv:\d+: column review: the row is still todo", x) for x in lines
    )


def test_the_draft_proposed_the_furniture(grown):
    proposed = {r["line_text"] for r in grown["drafted"].get("residue", [])}
    assert proposed >= set(FURNITURE)
    for table, rows in grown["drafted"].items():
        assert rows and {r["review"] for r in rows} == {"todo"}, table


def test_the_furniture_is_out_of_the_clean_text_and_the_log_agrees(grown):
    root, new_id = grown["root"], grown["new_id"]
    raw = (root / "data/raw/articles" / f"{new_id}.txt").read_text(encoding="utf-8")
    clean = (root / "data/clean/articles" / f"{new_id}.txt").read_text(encoding="utf-8")
    for line in FURNITURE:
        assert raw.count(line) - clean.count(line) >= 1, line
    assert clean.count(OPTIONS["--headline"]) == 1  # the repeat went, the headline stayed
    assert NEW_HEADLINE not in clean  # the headline given to add-article is not the text's
    assert "Sok Dara" in clean and "about 180" in clean
    log = [r for r in _rows(root / "data/clean/cleaning_log.csv") if r["article_id"] == new_id]
    assert len(log) == len(FURNITURE)
    assert sum(int(r["end"]) - int(r["start"]) for r in log) == len(raw) - len(clean)
    mentions = [r for r in _rows(root / "data/clean/mentions.csv") if r["article_id"] == new_id]
    assert mentions and {r["status"] for r in mentions} <= {"claim", "ignored"}
    assert "numeric mentions accounted for" in grown["build"].stdout


def _expected(grown) -> tuple[int, str, str]:
    before = grown["before"]
    n = len(before) + 1
    first, last = _span(before)
    first = min(first, YEAR)
    return n, f"{first}", f"{last}"


def _says(text: str, n: int, first: str, last: str) -> bool:
    count = rf"(?:\b{n}\b|\b{NUMBER_WORDS[n]}\b)" if n < len(NUMBER_WORDS) else rf"\b{n}\b"
    return bool(re.search(count, text, re.I)) and first in text and last in text


def test_every_output_counts_the_new_article_and_spans_its_year(grown):
    root = grown["root"]
    n, first, last = _expected(grown)
    index = (root / "reports/index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", index, re.S).group(1)
    assert _says(title, n, first, last), title
    package = json.loads((root / "data/clean/datapackage.json").read_text(encoding="utf-8"))
    assert _says(package["title"] + " " + package["description"], n, first, last), package["title"]
    assert _says(grown["cite"].stdout, n, first, last), grown["cite"].stdout
    database = root / "reports/data/deportdata.sqlite"
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        assert db.execute("select count(*) from articles").fetchone()[0] == n
        years = db.execute(
            "select min(published_best), max(published_best) from articles"
        ).fetchone()
    assert (years[0][:4], years[1][:4]) == (first, last)
    from deportdata.publish.datasette import FILENAME

    datasette = json.loads((root / "reports/data" / FILENAME).read_text(encoding="utf-8"))
    assert _says(datasette["title"] + " " + datasette["source"], n, first, last)


def test_no_output_speaks_of_the_corpus_as_it_was(grown):
    root = grown["root"]
    before = grown["before"]
    old_count = NUMBER_WORDS[len(before)] if len(before) < len(NUMBER_WORDS) else str(len(before))
    first, last = _span(before)
    stale = [rf"\b{old_count} (?:news )?articles\b"]  # e.g. "five news articles"
    if min(first, YEAR) != first:  # the span changed: the old one is stale, e.g. "2017–2020"
        stale.append(rf"\b{first}[–-]{last}\b")
    pattern = re.compile("|".join(stale), re.I)
    outputs = [
        *sorted((root / "reports").rglob("*.html")),
        *sorted((root / "reports/tables").rglob("*")),
        root / "data/clean/datapackage.json",
        *sorted((root / "reports/data").glob("*.json")),
    ]
    found = []
    for path in outputs:
        if path.is_file() and path.suffix in (".html", ".csv", ".md", ".json"):
            for m in pattern.finditer(path.read_text(encoding="utf-8", errors="replace")):
                found.append(f"{path.relative_to(root)}: {m.group()}")
    found += [f"cite: {m.group()}" for m in pattern.finditer(grown["cite"].stdout)]
    assert not found, found


def test_the_repository_itself_was_not_touched(grown):
    assert not (REPO / "data/drafts" / grown["new_id"]).exists()


def test_the_review_page_was_written(grown):
    page = grown["review_page"]
    assert page.returncode == 0, page.stderr
    assert "review.html" in page.stdout
