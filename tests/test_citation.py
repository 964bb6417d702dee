"""CITATION.cff is valid CFF 1.2.0, names the five articles, and one version is used everywhere."""

from __future__ import annotations

import copy
import csv
import json
import re
import tomllib

import jsonschema
import pytest
import yaml
from conftest import REPO, cli

import deportdata
from deportdata.clean import metadata

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


def test_the_five_articles_are_references():
    refs = citation()["references"]
    rows = articles()
    assert len(refs) == len(rows) == 5
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
    repost = refs[2]
    assert "original URL was not found" in repost["notes"]
    assert "voanews" not in json.dumps(repost)


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
    row = next(r for r in articles() if r["article_id"] == "001_80a94187c44a9298")
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
