"""CITATION.cff (Citation File Format 1.2.0), generated from the clean layer.

The title and abstract say how many articles of which years the corpus holds, and every
article is a reference, so the file stays true when an article is added: `deportdata build`
rewrites it after the clean step (`deportdata.publish.documents`). The text is deterministic
(no date but the release date), so a rebuild gives the same bytes.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from deportdata.clean import metadata

FILENAME = "CITATION.cff"
WIDTH = 92  # of the folded text blocks
MESSAGE = (
    "If you use the coded data or the code, please cite them as below; cite the original "
    "article as well for any figure or quotation taken from it (`deportdata cite CLAIM_ID` "
    "prints both). The code is under the MIT licence (LICENSE), the coded data under CC BY 4.0 "
    "(LICENSE-DATA); the article texts and quotations from them are their publishers' copyright "
    "and are not licensed by the project (LICENSE-ARTICLES)."
)
EXTRA_KEYWORDS = ("data quality",)


def _string(text: str) -> str:
    """A YAML double-quoted string (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _folded(key: str, text: str, indent: str = "") -> list[str]:
    """A folded block (`key: >-`) of text wrapped at WIDTH."""
    lines = textwrap.wrap(text, WIDTH, break_long_words=False, break_on_hyphens=False)
    return [f"{indent}{key}: >-", *(f"{indent}  {line}" for line in lines)]


def abstract(corpus: list[metadata.Article]) -> str:
    return (
        f"Numeric claims, dated events, actors and organisations hand-coded from "
        f"{metadata.corpus_phrase(corpus)} on the deportation of Cambodian nationals from the "
        "United States under the 2002 US–Cambodia repatriation agreement. Every number is tied "
        "to a verbatim quote at known offsets, every date is an interval, outside reference "
        "figures are kept apart, and every table is checked; the data are published as CSV "
        "with a Frictionless data package, SQLite and Stata."
    )


def _reference(a: metadata.Article) -> list[str]:
    notes = (
        f"Publication date {a.date_note()}, as recorded, with its reasoning, in "
        "data/raw/articles.csv. Author: the outlet; no byline is recorded."
    )
    if a.reposted_by:
        notes += f" {a.repost_note()}"
    out = [
        "  - type: newspaper-article",
        f"    title: {_string(a.headline)}",
        "    authors:",
        f"      - name: {_string(a.outlet)}",
        f"    journal: {_string(a.outlet)}",
        "    publisher:",
        f"      name: {_string(a.outlet)}",
        f"    date-published: {_string(a.published_best)}",
        f"    year: {int(a.year)}",
        f"    month: {int(a.published_best[5:7])}",
    ]
    if a.url:
        out.append(f"    url: {_string(a.url)}")
    copyright = f"Copyright {a.outlet}; not licensed by the deportdata project (LICENSE-ARTICLES)."
    out += [f"    copyright: {_string(copyright)}", f"    notes: {_string(notes)}"]
    return out


def render(clean: Path) -> str:
    """CITATION.cff for the clean layer in `clean` (its articles.csv and organisations.csv)."""
    corpus = metadata.articles(clean)
    out = [
        "cff-version: 1.2.0",
        *_folded("message", MESSAGE),
        f"title: {_string(metadata.title(corpus))}",
        *_folded("abstract", abstract(corpus)),
        "type: dataset",
        "authors:",
        f"  - name: {_string(metadata.AUTHOR)}",
        f"version: {_string(metadata.version())}",
        f"date-released: {_string(metadata.RELEASE_DATE)}",
        "license:",
        f"  - {metadata.CODE_LICENSE['name']}",
        f"  - {metadata.DATA_LICENSE['name']}",
        "keywords:",
        *(f"  - {word}" for word in (*metadata.KEYWORDS, *EXTRA_KEYWORDS)),
    ]
    if corpus:
        out.append("references:")
        for article in corpus:
            out += _reference(article)
    return "\n".join(out) + "\n"
