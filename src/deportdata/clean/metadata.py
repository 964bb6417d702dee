"""Who made the data, under which licences, from which articles: one place for every publisher.

The data package, the Datasette metadata, the landing page, CITATION.cff and `deportdata
cite` all read these; the article list comes from the clean tables, so it stays in step with
them, and what the corpus is (how many articles, which years: the title and description) is
computed from that list, never written down.
Only the standard library is used, so `clean` can call this without pandas.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from deportdata import __version__
from deportdata.errors import ErrorList
from deportdata.io.tables import LINE, read_rows
from deportdata.schema import load_schema

NAME = "deportdata"
RELEASE_DATE = "2026-12-03"  # of this version; CITATION.cff's date-released agrees
AUTHOR = "deportdata project"
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
KEYWORDS = ("deportation", "Cambodia", "repatriation agreement", "news", "reproducible research")
DATA_LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International (the coded data)",
}
CODE_LICENSE = {
    "name": "MIT",
    "path": "https://opensource.org/licenses/MIT",
    "title": "MIT License (the code)",
}
ARTICLES_LICENSE = {
    "name": "other-closed",
    "title": "Copyright of the publisher; not licensed by the deportdata project (see LICENSE-ARTICLES)",
}
ARTICLES_NOTICE = (
    "Verbatim excerpt of an article: the text is the publisher's copyright and is not covered by "
    "the data licence (see LICENSE-ARTICLES)."
)


def version() -> str:
    """The package version (pyproject.toml, CITATION.cff and datapackage.json carry the same)."""
    return __version__


@dataclass(frozen=True)
class Article:
    """One of the corpus articles, as a citable source."""

    article_id: str
    outlet: str  # the outlet's name
    headline: str
    url: str  # where the coded text can be read (for a repost, the repost)
    original_url: str  # for a repost: the original, empty when not found
    original_url_basis: str
    reposted_by: str  # the aggregator's name, for a repost
    published_best: str
    published_earliest: str
    published_latest: str
    published_basis: str

    @property
    def year(self) -> str:
        return self.published_best[:4]

    def date_note(self) -> str:
        """The publication date with how it is known ("inferred" dates carry their interval)."""
        if self.published_earliest == self.published_latest:
            return f"{self.published_best} ({self.published_basis})"
        return (
            f"{self.published_best} ({self.published_basis}; between {self.published_earliest} "
            f"and {self.published_latest})"
        )

    def repost_note(self) -> str:
        """For a repost: who reposted it, and whether the original URL is known."""
        if not self.reposted_by:
            return ""
        original = (
            f"original at {self.original_url}"
            if self.original_url
            else "the original URL was not found"
        )
        return f"Text as reposted by {self.reposted_by} at {self.url}; {original}."


def _rows(path: Path) -> list[dict[str, str]]:
    """A clean table's rows, through the one reader (an unreadable table is an error)."""
    table = load_schema().table("clean", path.stem)
    rows, errors = read_rows(path, table, f"data/clean/{path.name}")
    if errors:
        raise ErrorList(errors)
    return [{k: v for k, v in r.items() if k != LINE} for r in rows]


def articles(clean: Path) -> list[Article]:
    """The articles of a clean layer folder (articles.csv, organisations.csv), in id order."""
    names = {r["organisation_id"]: r["name"] for r in _rows(clean / "organisations.csv")}
    out = []
    for r in sorted(_rows(clean / "articles.csv"), key=lambda r: r["article_id"]):
        out.append(
            Article(
                article_id=r["article_id"],
                outlet=names.get(r["outlet"], r["outlet"]),
                headline=r["headline"],
                url=r["url"],
                original_url=r["original_url"],
                original_url_basis=r["original_url_basis"],
                reposted_by=names.get(r["reposted_by"], r["reposted_by"]),
                published_best=r["published_best"],
                published_earliest=r["published_earliest"],
                published_latest=r["published_latest"],
                published_basis=r["published_basis"],
            )
        )
    return out


# --- what the corpus is: computed from its articles, never written down --------------------


def count(n: int, noun: str = "news article") -> str:
    """A count in words up to nine and in digits from 10: "five news articles", "16 news
    articles", "one news article"."""
    number = NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)
    return f"{number} {noun}{'' if n == 1 else 's'}"


def years(corpus: list[Article]) -> str:
    """The first and last publication years ("2017–2020"; "2017" for one year; "" for none),
    by each article's best publication date."""
    found = sorted({a.year for a in corpus if a.year})
    if not found:
        return ""
    return found[0] if found[0] == found[-1] else f"{found[0]}–{found[-1]}"


def corpus_phrase(corpus: list[Article]) -> str:
    """The corpus in a phrase: "five news articles (2017–2020)"; "news articles" before the
    clean layer is built (no article known)."""
    if not corpus:
        return "news articles"
    span = years(corpus)
    return count(len(corpus)) + (f" ({span})" if span else "")


def title(corpus: list[Article]) -> str:
    """The title of the data set (data package, Datasette, citation)."""
    return (
        f"deportdata: {corpus_phrase(corpus)} on US deportations to Cambodia, "
        "coded into checked tables"
    )


def description(corpus: list[Article]) -> str:
    """What the data set holds, in a paragraph."""
    return (
        f"Numeric claims, dated events, actors and organisations hand-coded from "
        f"{corpus_phrase(corpus)} on the deportation of Cambodian nationals from the United "
        "States under the 2002 US–Cambodia repatriation agreement; every number is tied to a "
        "verbatim quote at known offsets, every date is an interval, and outside reference "
        "figures are kept apart."
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
