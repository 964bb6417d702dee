"""Adding an article: the whole workflow, from the new text to a passing clean step."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import cli

NEW_ID = "005_00000000000000aa"
TEXT = (
    "Officials said on Monday that 14 Cambodians had arrived in Phnom Penh.\n"
    "Since 2002, more than 800 people have been deported, according to the NGO KVAO.\n"
)
OPTIONS = [
    "--id",
    NEW_ID,
    "--outlet",
    "The Phnom Penh Post",
    "--headline",
    "Fourteen more arrive",
    "--url",
    "https://example.org/test-article",
    "--published-earliest",
    "2020-03-03",
    "--published-latest",
    "2020-03-03",
    "--basis",
    "source",
    "--note",
    "Written for the test.",
]


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "new.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _append(path: Path, row: dict[str, str]) -> None:
    with path.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([row.get(c, "") for c in header])
    with path.open("a", encoding="utf-8", newline="") as fh:
        fh.write(buf.getvalue())


def test_add_article_workflow(project_copy, article):
    added = cli("--root", str(project_copy), "add-article", str(article), *OPTIONS)
    assert added.returncode == 0, added.stderr
    raw = project_copy / "data/raw/articles" / f"{NEW_ID}.txt"
    assert raw.read_bytes() == article.read_bytes()
    assert NEW_ID in (project_copy / "data/raw/articles.csv").read_text(encoding="utf-8")
    # every numeric mention is listed with its sentence and a suggested kind
    assert "3 numeric mention(s)" in added.stdout
    assert ",14,arrivals_on_flight," in added.stdout
    assert ",more than 800," not in added.stdout and ",800,cumulative_since_2002," in added.stdout
    assert ",2002," in added.stdout and ",year," in added.stdout

    stopped = cli("--root", str(project_copy), "build")
    assert stopped.returncode == 1
    assert (
        f"data/raw/articles/{NEW_ID}.txt: characters 30-32: '14' in “Officials said on Monday"
        in stopped.stderr
    )
    assert "build stopped" in stopped.stderr and "Traceback" not in stopped.stderr

    claims = project_copy / "data/raw/claims.csv"
    _append(
        claims,
        {
            "claim_id": "C901",
            "article_id": NEW_ID,
            "quote": TEXT.splitlines()[0],
            "value_text": "14",
            "kind": "arrivals_on_flight",
            "unit": "persons",
            "reporter": "phnom_penh_post",
            "quantity_key": "arrivals_2020_03",
        },
    )
    _append(
        claims,
        {
            "claim_id": "C902",
            "article_id": NEW_ID,
            "quote": TEXT.splitlines()[1],
            "value_text": "more than 800",
            "kind": "cumulative_since_2002",
            "unit": "persons",
            "reporter": "risc_kvao",
            "period_expression": "Since 2002",
            "quantity_key": "cumulative_deportees_since_2002",
        },
    )
    _append(
        project_copy / "data/raw/mentions_ignored.csv",
        {
            "mention_id": "M901",
            "article_id": NEW_ID,
            "mention_text": "2002",
            "context": "Since 2002",
            "reason_code": "year",
            "reason": "The start year of the period of C902.",
        },
    )
    assert cli("--root", str(project_copy), "manifest", "--update").returncode == 0
    cleaned = cli("--root", str(project_copy), "clean")
    assert cleaned.returncode == 0, cleaned.stderr
    assert "numeric mentions accounted for: 46 of 46" in cleaned.stdout
    series = (project_copy / "data/clean/series.csv").read_text(encoding="utf-8")
    assert "corpus:C902" in series


@pytest.mark.parametrize(
    "change, message",
    [
        (["--id", "000_8ce18bf11eba94f7"], "--id 000_8ce18bf11eba94f7 is already taken"),
        (["--id", "bad-id"], "--id 'bad-id' must look like NNN_<16 hex digits>"),
        (
            ["--published-latest", "2020-03-01"],
            "--published-latest 2020-03-01 is before --published-earliest 2020-03-03",
        ),
        (
            ["--outlet", "Unknown Gazette"],
            "--outlet 'Unknown Gazette' is not a known organisation id or alias",
        ),
    ],
)
def test_bad_options_change_nothing(project_copy, article, change, message):
    options = list(OPTIONS)
    for flag, value in zip(change[::2], change[1::2], strict=True):
        options[options.index(flag) + 1] = value
    before = {p: p.read_bytes() for p in (project_copy / "data/raw").rglob("*") if p.is_file()}
    result = cli("--root", str(project_copy), "add-article", str(article), *options)
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    after = {p: p.read_bytes() for p in (project_copy / "data/raw").rglob("*") if p.is_file()}
    assert after == before


def test_non_utf8_file_is_refused(project_copy, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 14 people\n")
    result = cli("--root", str(project_copy), "add-article", str(bad), *OPTIONS)
    assert result.returncode == 1 and "not valid UTF-8" in result.stderr
    assert not (project_copy / "data/raw/articles" / f"{NEW_ID}.txt").exists()
