"""The table-driven tests of the parser and the resolver cover every number and every date
expression coded by hand from the five articles (so a new coded form needs a new test case).
An article a researcher adds later is checked by `deportdata accept`, which refuses a value
the parser cannot read or an expression the resolver cannot resolve."""

from __future__ import annotations

import csv

import test_dates
import test_numbers
from conftest import HAND_CODED_ARTICLES, REPO


def _raw(name: str) -> list[dict[str, str]]:
    """The rows of a raw table that belong to the five hand-coded articles."""
    with (REPO / "data/raw" / name).open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["article_id"] in HAND_CODED_ARTICLES]
    assert {r["article_id"] for r in rows} == set(HAND_CODED_ARTICLES), name
    return rows


PUBLICATION = {r["article_id"]: r for r in _raw("articles.csv")}


def test_every_coded_number_has_a_test_case():
    tested = {text for text, _ in test_numbers.CORPUS}
    coded = {r["value_text"] for r in _raw("claims.csv")}
    assert coded - tested == set(), (
        "add these value_texts to tests/unit/text/test_numbers.py CORPUS"
    )


def test_every_coded_date_expression_has_a_test_case():
    tested = {(expression, pub) for expression, pub, *_ in test_dates.CORPUS}
    coded = set()
    for row in _raw("events.csv"):
        coded.add((row["article_id"], row["date_expression"]))
    for row in _raw("claims.csv"):
        for column in ("period_expression", "as_of_expression"):
            if row[column]:
                coded.add((row["article_id"], row[column]))
    missing = []
    for article, expression in sorted(coded):
        a = PUBLICATION[article]
        pub = (
            test_dates.date.fromisoformat(a["published_earliest"]),
            test_dates.date.fromisoformat(a["published_latest"]),
        )
        if (expression, pub) not in tested:
            missing.append((article[:3], expression))
    assert not missing, (
        f"add these (article, expression) cases to tests/unit/text/test_dates.py CORPUS: {missing}"
    )
