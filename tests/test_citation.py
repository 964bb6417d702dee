"""CITATION.cff is valid CFF 1.2.0, current (generated from the clean layer: every article is a
reference, and the title says how many articles of which years), and one version is used
everywhere. What the corpus is, in every title, is computed from the data: a sixth article,
of 2009, makes every one say six articles and 2009–2020."""

from __future__ import annotations

import copy
import csv
import json
import re
import shutil
import tomllib

import jsonschema
import pytest
import yaml
from conftest import HAND_CODED_ARTICLES, REPO, cli

import deportdata
from deportdata.clean import metadata

VOA_REPOST = HAND_CODED_ARTICLES[2]  # the VOA article, as reposted by an aggregator

# CFF 1.2.0 as JSON Schema (draft 7); see its $comment for how it was written.
CFF_SCHEMA = json.loads((REPO / "tests" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))


def citation() -> dict:
    # CFF dates are strings; the file quotes them so YAML does not turn them into dates
    return yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))


def cff_errors(doc: dict) -> list[str]:
    validator = jsonschema.Draft7Validator(CFF_SCHEMA)
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)
    ]


def articles() -> list[dict[str, str]]:
    with (REPO / "data/raw/articles.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_citation_is_valid_cff_1_2_0():
    jsonschema.Draft7Validator.check_schema(CFF_SCHEMA)
    assert cff_errors(citation()) == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.pop("authors"),
        lambda d: d.update(version=""),
        lambda d: d["references"][0].pop("type"),
        lambda d: d["references"][0].update(url="english.cambodiadaily.com/news"),
        lambda d: d.update(license="CC BY"),
        lambda d: d["authors"][0].update(affiliation="x"),  # an entity has no affiliation
    ],
)
def test_the_schema_check_can_fail(damage):
    doc = copy.deepcopy(citation())
    damage(doc)
    assert cff_errors(doc)


def test_one_version_everywhere():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    package = json.loads((REPO / "data/clean/datapackage.json").read_text(encoding="utf-8"))
    versions = {
        "pyproject.toml": pyproject["version"],
        "deportdata.__version__": deportdata.__version__,
        "CITATION.cff": citation()["version"],
        "data/clean/datapackage.json": package["version"],
    }
    assert len(set(versions.values())) == 1, versions
    assert versions["pyproject.toml"] == "0.2.0"
    assert citation()["date-released"] == metadata.RELEASE_DATE
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    first = re.search(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d\d-\d\d)$", changelog, re.M)
    assert first and first.groups() == (pyproject["version"], metadata.RELEASE_DATE)
    assert "### Data" in changelog.split("## [", 2)[1]


def test_authorship_and_licences():
    doc = citation()
    assert doc["authors"] == [{"name": metadata.AUTHOR}]
    assert doc["license"] == ["MIT", "CC-BY-4.0"]
    assert "LICENSE-ARTICLES" in doc["message"]


def test_citation_is_current():
    from deportdata.publish.citation import render

    assert (REPO / "CITATION.cff").read_text(encoding="utf-8") == render(REPO / "data/clean"), (
        "CITATION.cff is out of date: `deportdata build` rewrites it"
    )


def test_every_article_is_a_reference():
    refs = citation()["references"]
    rows = sorted(articles(), key=lambda r: r["article_id"])
    assert len(refs) == len(rows)
    names = {}
    with (REPO / "data/raw/organisations.csv").open(encoding="utf-8", newline="") as fh:
        names = {r["organisation_id"]: r["name"] for r in csv.DictReader(fh)}
    for ref, row in zip(refs, rows, strict=True):
        assert ref["type"] == "newspaper-article"
        assert ref["title"] == row["headline"]
        assert ref["url"] == row["url"]
        assert ref["date-published"] == row["published_best"]
        assert ref["journal"] == names[row["outlet"]]
        assert row["published_basis"] in ref["notes"]  # inferred dates say so
        assert "copyright" in ref["copyright"].lower()
    # the original VOA address was not found: the reference says so instead of guessing one
    repost = next(
        ref for ref, row in zip(refs, rows, strict=True) if row["article_id"] == VOA_REPOST
    )
    assert "original URL was not found" in repost["notes"]
    assert "voanews" not in json.dumps(repost)


def test_titles_say_how_many_articles_of_which_years():
    corpus = metadata.articles(REPO / "data/clean")
    first, last = min(a.year for a in corpus), max(a.year for a in corpus)
    phrase = f"{metadata.count(len(corpus))} ({first}–{last})"
    assert metadata.corpus_phrase(corpus) == phrase
    assert phrase in citation()["title"] and phrase in citation()["abstract"]
    package = json.loads((REPO / "data/clean/datapackage.json").read_text(encoding="utf-8"))
    assert phrase in package["title"] and phrase in package["description"]


@pytest.mark.parametrize(
    ("n", "words"),
    [(0, "no news articles"), (1, "one news article"), (6, "six news articles"),
     (9, "nine news articles"), (10, "10 news articles"), (16, "16 news articles")],
)  # fmt: skip
def test_counts_in_words_up_to_nine(n, words):
    assert metadata.count(n) == words


SIXTH = "005_00000000000a2009"  # an invented sixth article, of 2009


@pytest.fixture
def six_articles(tmp_path):
    """A project whose clean layer holds the five hand-coded articles (whatever else the
    repository holds) and a sixth, of 2009."""
    from deportdata.config import Project

    root = tmp_path / "project"
    (root / "data/clean").mkdir(parents=True)
    (root / "data/raw").mkdir()
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    shutil.copy2(REPO / "data/clean/organisations.csv", root / "data/clean")
    path = root / "data/clean/articles.csv"
    with (REPO / "data/clean/articles.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = list(reader.fieldnames or [])
        rows = [r for r in reader if r["article_id"] in HAND_CODED_ARTICLES]
    dates = [c for c in header if c.startswith("published_") and c.endswith(("est", "best"))]
    sixth = {**rows[0], "article_id": SIXTH, "headline": "Twelve deportees arrive"}
    sixth.update(dict.fromkeys(dates, "2009-04-14"))
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows([*rows, sixth])
    return Project(root)


def test_a_sixth_article_of_2009_is_in_every_title(six_articles):
    from deportdata.publish import cite, datasette
    from deportdata.publish.citation import render
    from deportdata.report.site import index_html

    project = six_articles
    corpus = metadata.articles(project.clean)
    assert len(corpus) == 6 and metadata.years(corpus) == "2009–2020"
    phrase = "six news articles (2009–2020)"
    assert metadata.corpus_phrase(corpus) == phrase
    assert metadata.title(corpus) == (
        "deportdata: six news articles (2009–2020) on US deportations to Cambodia, "
        "coded into checked tables"
    )
    assert phrase in metadata.description(corpus)
    # the citation: CITATION.cff, valid, with six references, and `deportdata cite`
    doc = yaml.safe_load(render(project.clean))
    assert cff_errors(doc) == []
    assert phrase in doc["title"] and phrase in doc["abstract"]
    assert [r["year"] for r in doc["references"]].count(2009) == 1 and len(doc["references"]) == 6
    text, bib = cite.package(project, "abc123")
    assert phrase in text and phrase in bib
    # the Datasette metadata and the landing page
    meta = datasette.describe(project.clean)
    assert meta["title"] == metadata.title(corpus)
    assert meta["source"].startswith("Six news articles: ") and "(2009)" in meta["source"]
    page = index_html(project, [])
    assert f"<title>deportdata reports: {phrase}</title>" in page
    assert f"to Cambodia in {phrase}, coded" in page
    for old in ("five", "2017–2020"):
        assert old not in meta["title"] + meta["description"] + text + doc["title"] + page


def test_one_article_of_one_year(six_articles):
    corpus = [a for a in metadata.articles(six_articles.clean) if a.article_id == SIXTH]
    assert metadata.corpus_phrase(corpus) == "one news article (2009)"
    assert metadata.corpus_phrase([]) == "news articles"  # before the clean layer is built


def test_cite_prints_text_and_bibtex_for_the_package():
    result = cli("--root", str(REPO), "cite")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"version {metadata.version()}" in out and "@misc{deportdata_0_2_0," in out
    digest = metadata.sha256(REPO / "data/clean/datapackage.json")
    assert f"sha256:{digest}" in out
    assert out.count("{") == out.count("}")


def test_cite_a_claim_adds_its_article():
    result = cli("--root", str(REPO), "cite", "C008")
    assert result.returncode == 0, result.stderr
    row = next(r for r in articles() if r["article_id"] == HAND_CODED_ARTICLES[1])
    assert row["headline"] in result.stdout and row["url"] in result.stdout
    assert "@article{the_cambodia_daily_2017_001," in result.stdout
    assert "inferred; between 2017-02-01 and 2017-02-15" in result.stdout
    assert "Claim C008 (“538”" in result.stdout


def test_cite_a_repost_says_the_original_was_not_found():
    result = cli("--root", str(REPO), "cite", "C011")
    assert result.returncode == 0, result.stderr
    assert "Singapore News Tribe" in result.stdout and "original URL was not found" in result.stdout


def test_cite_an_unknown_claim_is_a_clear_error():
    result = cli("--root", str(REPO), "cite", "C999")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/clean/claims.csv: no claim 'C999'" in result.stderr
