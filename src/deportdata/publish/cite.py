"""`deportdata cite [CLAIM_ID]`: how to cite the package, and a claim's article, in text and BibTeX."""

from __future__ import annotations

import re

from deportdata.clean import datapackage, metadata
from deportdata.config import Project
from deportdata.errors import DeportdataError
from deportdata.io.tables import read_records

BIBTEX_SPECIAL = re.compile(r"([&%$#_])")


def _tex(text: str) -> str:
    return BIBTEX_SPECIAL.sub(r"\\\1", text)


def _bibtex(kind: str, key: str, fields: dict[str, str]) -> str:
    width = max(len(k) for k in fields)
    body = ",\n".join(f"  {k:<{width}} = {{{v}}}" for k, v in fields.items() if v)
    return f"@{kind}{{{key},\n{body}\n}}"


def package_hash(project: Project) -> str:
    """sha256 of data/clean/datapackage.json ("missing" before the first clean)."""
    path = project.clean / datapackage.FILENAME
    return f"sha256:{metadata.sha256(path)}" if path.is_file() else "missing"


def corpus(project: Project) -> list[metadata.Article]:
    """The articles of the clean layer (none before the first clean)."""
    if not (project.clean / "articles.csv").is_file():
        return []
    return metadata.articles(project.clean)


def package(project: Project, commit: str) -> tuple[str, str]:
    """The package's citation: (plain text, BibTeX); its title says how many articles of
    which years the clean layer holds."""
    year = metadata.RELEASE_DATE[:4]
    digest = package_hash(project)
    title = metadata.title(corpus(project))
    text = (
        f"{metadata.AUTHOR} ({year}). {title} (version {metadata.version()}) "
        f"[data set and software]. Coded data: {metadata.DATA_LICENSE['name']}; code: "
        f"{metadata.CODE_LICENSE['name']}; article texts: their publishers' copyright. "
        f"Data package {digest}; commit {commit}."
    )
    bib = _bibtex(
        "misc",
        f"deportdata_{metadata.version().replace('.', '_')}",
        {
            "author": f"{{{metadata.AUTHOR}}}",
            "title": _tex(title),
            "year": year,
            "version": metadata.version(),
            "note": _tex(f"Data package {digest}; commit {commit}; coded data CC BY 4.0, code MIT"),
        },
    )
    return text, bib


def _claim(project: Project, claim_id: str) -> dict[str, str]:
    path = project.clean / "claims.csv"
    if not path.is_file():
        raise DeportdataError(
            "clean table is missing", file=project.rel(path), hint="run 'deportdata clean'"
        )
    for row in read_records(project, "claims", "clean"):
        if row["claim_id"] == claim_id:
            return row
    raise DeportdataError(
        f"no claim {claim_id!r}",
        file=project.rel(path),
        hint="claim ids look like C008",
    )


def article(a: metadata.Article) -> tuple[str, str]:
    """An article's citation: (plain text, BibTeX)."""
    text = f"{a.outlet}. “{a.headline}.” Published {a.date_note()}."
    if a.url:
        text += f" {a.url}"
    if a.reposted_by:
        text += f" {a.repost_note()}"
    note = f"Publication date {a.date_note()}"
    if a.reposted_by:
        note += f". {a.repost_note()}"
    bib = _bibtex(
        "article",
        f"{re.sub(r'[^a-z]+', '_', a.outlet.lower()).strip('_')}_{a.year}_{a.article_id[:3]}",
        {
            "author": f"{{{a.outlet}}}",
            "title": _tex(a.headline),
            "journal": _tex(a.outlet),
            "year": a.year,
            "url": a.url,
            "note": _tex(note),
        },
    )
    return text, bib


def render(project: Project, claim_id: str | None = None) -> str:
    """What `deportdata cite` prints (the data package, and the commit the project is at)."""
    from deportdata.runtime import git

    text, bib = package(project, git.commit(project.root))
    out = ["Cite the data and code as:", "", text, "", bib]
    if claim_id:
        row = _claim(project, claim_id)
        found = {a.article_id: a for a in metadata.articles(project.clean)}
        a = found[row["article_id"]]
        a_text, a_bib = article(a)
        out += [
            "",
            f"Claim {claim_id} (“{row['value_text']}”, {row['qualifier']}) is quoted from "
            f"article {a.article_id}; cite the article too:",
            "",
            a_text,
            "",
            a_bib,
            "",
            f"Quote: “{row['quote']}” (characters {row['quote_start']}–{row['quote_end']} of "
            f"data/raw/articles/{a.article_id}.txt; the text is the publisher's copyright).",
        ]
    return "\n".join(out) + "\n"
