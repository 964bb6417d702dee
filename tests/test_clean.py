"""The clean step run on the real raw layer: offsets, numbers, dates, aliases, series, determinism.

The tables are built afresh from data/raw/ by `deportdata clean` in a copy of the project, so
these tests check the code's output, not the committed data/clean/ (tests/test_build.py checks
that the committed layer is what a build writes)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from conftest import HAND_CODED_ARTICLES, REPO, cli, copy_project, tree_digest

CLEAN: Path | None = None  # set by the `cleaned` fixture, for every test of this module


@pytest.fixture(scope="module", autouse=True)
def cleaned(tmp_path_factory):
    """data/clean/ written by `deportdata clean` from the raw layer, in a copy without it."""
    global CLEAN
    root = copy_project(tmp_path_factory.mktemp("cleaned") / "project")
    shutil.rmtree(root / "data" / "clean")
    result = cli("--root", str(root), "clean")
    assert result.returncode == 0, result.stdout + result.stderr
    CLEAN = root / "data" / "clean"
    yield CLEAN
    CLEAN = None


def _table(name: str) -> dict[str, dict[str, str]]:
    assert CLEAN is not None
    with (CLEAN / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    key = next(iter(rows[0]))
    return {r[key]: r for r in rows}


def _raw(article_id: str) -> str:
    return (REPO / "data/raw/articles" / f"{article_id}.txt").read_bytes().decode("utf-8")


def test_clean_twice_gives_identical_bytes(project_copy: Path):
    first = cli("--root", str(project_copy), "clean")
    assert first.returncode == 0, first.stderr
    digest = tree_digest(project_copy, ("data/clean",))
    second = cli("--root", str(project_copy), "clean")
    assert second.returncode == 0
    assert tree_digest(project_copy, ("data/clean",)) == digest
    assert digest == tree_digest(REPO, ("data/clean",)), (
        "the committed data/clean/ is out of date: run make all"
    )


@pytest.mark.parametrize("table", ["claims", "events"])
def test_quotes_are_at_their_offsets(table):
    for row in _table(table).values():
        raw = _raw(row["article_id"])
        assert raw[int(row["quote_start"]) : int(row["quote_end"])] == row["quote"]


def test_value_text_is_at_its_offsets_inside_the_quote():
    for row in _table("claims").values():
        raw = _raw(row["article_id"])
        assert raw[int(row["value_start"]) : int(row["value_end"])] == row["value_text"]
        assert (
            int(row["quote_start"])
            <= int(row["value_start"])
            < int(row["value_end"])
            <= int(row["quote_end"])
        )


# value_text as printed → (qualifier, value, low, high), read with the default conventions
NUMBERS = {
    "more than 560": ("more_than", "561", "561", ""),
    "Twenty-eight": ("exact", "28", "28", "28"),
    "Over 30": ("more_than", "31", "31", ""),
    "dozens": ("vague", "", "24", "99"),
    "538": ("exact", "538", "538", "538"),
    "wouldn’t send more than 10": ("at_most", "10", "0", "10"),
    "hundreds": ("vague", "", "200", "999"),
    "768": ("exact", "768", "768", "768"),
    "1,900": ("exact", "1900", "1900", "1900"),
    "Roughly 100": ("about", "100", "50", "150"),
}


@pytest.mark.parametrize("value_text", NUMBERS)
def test_numbers_are_parsed_into_bounds(value_text):
    rows = [r for r in _table("claims").values() if r["value_text"] == value_text]
    assert rows, f"no claim prints {value_text!r}"
    for row in rows:
        assert (row["qualifier"], row["value"], row["value_low"], row["value_high"]) == NUMBERS[
            value_text
        ]


def test_dates_resolve_against_publication():
    events = _table("events")
    by_expression = {(r["article_id"][:3], r["date_expression"]): r for r in events.values()}
    thursday = by_expression[("000", "on Thursday")]
    assert (thursday["date_earliest"], thursday["date_latest"]) == ("2017-08-10", "2017-08-10")
    ruling = next(
        r
        for r in events.values()
        if r["article_id"].startswith("004") and r["event_type"] == "ruling"
    )
    assert (ruling["date_earliest"], ruling["date_latest"], ruling["date_basis"]) == (
        "2018-01-26",
        "2018-01-26",
        "expression+constraint",
    )
    deadline = by_expression[("004", "until February 5")]
    assert deadline["date_earliest"] == "2018-02-05" and deadline["is_deadline"] == "true"
    for row in events.values():
        assert row["date_earliest"] <= row["date_latest"]
        assert row["is_deadline"] == "true" or row["date_latest"] <= row["published_latest"]


def test_since_october_period_starts_in_october_2016():
    claim = next(r for r in _table("claims").values() if r["value_text"] == "Twenty-eight")
    assert (claim["period_start_earliest"], claim["period_start_latest"]) == (
        "2016-10-01",
        "2016-10-31",
    )
    assert (claim["period_end_earliest"], claim["period_end_latest"]) == (
        "2017-08-10",
        "2017-08-12",
    )


def test_risc_and_kvao_are_one_reporter_series():
    aliases = _table("organisation_aliases")
    assert aliases["RISC"]["organisation_id"] == aliases["KVAO"]["organisation_id"] == "risc_kvao"
    series = [
        r
        for r in _table("series").values()
        if r["series_id"] == "corpus:risc_kvao" and r["article_id"] in HAND_CODED_ARTICLES
    ]  # the hand coding's totals, whatever articles were added since
    assert sorted(r["value_text"] for r in series) == ["538", "768"]


def test_every_mention_is_accounted_for():
    mentions = _table("mentions")
    assert mentions and all(m["status"] in ("claim", "ignored") for m in mentions.values())
