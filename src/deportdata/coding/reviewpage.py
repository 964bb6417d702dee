"""The review page of a draft: `deportdata review ID` writes data/drafts/<ID>/review.html.

The page shows the article's raw text with every numeric mention (found by the scanner
of the clean step's coverage) and every drafted row highlighted where it is, proposed
residue (the draft's residue.csv) struck through; beside each paragraph the cards of its
rows (cells, `needs_person`, `draft_reason`, `review`); at the top a summary with the
undecided rows first. `deportdata.coding.reviewitems` places the rows (pure),
`deportdata.coding.reviewhtml` draws the page (pure); here the files are read and the
page written atomically (`write_review_page`, also called by add-article).

Draft tables are read leniently (a half-edited draft still renders: a missing file has
no rows, a missing column is empty, a row that cannot be placed says why), but a CSV
that cannot be parsed is an error naming its file and line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from deportdata.coding.add import ID_PATTERN
from deportdata.coding.draftfiles import DRAFT_TABLES, draft_folder
from deportdata.coding.draftfiles import RESIDUE as RESIDUE_FILE
from deportdata.coding.reviewhtml import render
from deportdata.coding.reviewitems import RESIDUE, order, place
from deportdata.config import Project
from deportdata.errors import DeportdataError, ErrorList
from deportdata.io.cells import LINE
from deportdata.io.files import write_text_atomic
from deportdata.io.tables import parse_csv
from deportdata.io.texts import read_article
from deportdata.schema import load_schema
from deportdata.text.mentions import Mention, scan
from deportdata.text.rules import Rules

PAGE = "review.html"


def build_page(
    article_id: str,
    text: str,
    meta: Mapping[str, str],
    tables: Mapping[str, Sequence[Mapping[str, str]]],
    mentions: Sequence[Mention],
) -> str:
    """The review page as HTML: `meta` (outlet, headline, published, url) for the heading."""
    items = place(text, tables, mentions)
    return render(article_id, text, meta, items, order(items))


# --- reading the project's files ----------------------------------------------------------


def read_csv(path: Path, display: str) -> list[dict[str, str]]:
    """A CSV file's rows as text (with `_line`), leniently: a missing file has no rows and
    a missing column is empty, but a file that cannot be parsed is an error (file, line)."""
    if not path.is_file():
        return []
    parsed = parse_csv(path, display)
    if parsed.errors:
        raise ErrorList(parsed.errors) if len(parsed.errors) > 1 else parsed.errors[0]
    rows = []
    for line, fields in parsed.records:
        row = dict(zip(parsed.header, fields, strict=True))
        row[LINE] = str(line)
        rows.append(row)
    return rows


def read_draft(
    project: Project, article_id: str, folder: Path | None = None
) -> dict[str, list[dict[str, str]]]:
    """The draft's tables (table name → rows), residue.csv included; missing ones are empty.
    `folder`: a draft being built elsewhere (add-article's staged draft)."""
    folder = folder or draft_folder(project, article_id)
    if not folder.is_dir():
        raise DeportdataError(
            f"there is no draft for {article_id}",
            file=project.rel(folder),
            hint="'deportdata add-article FILE ...' writes one",
        )
    schema = load_schema()
    files = {name: schema.table("raw", name).path for name in DRAFT_TABLES}
    files[RESIDUE] = RESIDUE_FILE  # the draft's proposed page furniture
    return {
        name: read_csv(folder / file, project.rel(folder / file)) for name, file in files.items()
    }


def article_meta(project: Project, article_id: str) -> dict[str, str]:
    """The heading's facts from data/raw/articles.csv (outlet by its organisation's name)."""
    articles = project.raw / "articles.csv"
    row = next(
        (r for r in read_csv(articles, project.rel(articles)) if r.get("article_id") == article_id),
        None,
    )
    if row is None:
        return {"missing": f"{article_id} is not in data/raw/articles.csv"}
    organisations = project.raw / "organisations.csv"
    names = {
        r.get("organisation_id", ""): r.get("name", "")
        for r in read_csv(organisations, project.rel(organisations))
    }
    best, earliest, latest = (
        row.get(c, "") for c in ("published_best", "published_earliest", "published_latest")
    )
    published = best if earliest == latest == best else f"{best} (between {earliest} and {latest})"
    outlet = row.get("outlet", "")
    reposted = row.get("reposted_by", "")
    return {
        "outlet": names.get(outlet) or outlet,
        "reposted_by": names.get(reposted) or reposted,
        "headline": row.get("headline", ""),
        "published": published,
        "url": row.get("url", ""),
    }


def write_review_page(project: Project, article_id: str) -> Path:
    """Write data/drafts/<article_id>/review.html from the article and its draft; its path."""
    if not ID_PATTERN.match(article_id):
        raise DeportdataError(
            f"{article_id!r} is not an article id: they look like NNN_<16 hex digits>, "
            "e.g. 005_0123456789abcdef"
        )
    target = draft_folder(project, article_id) / PAGE
    write_text_atomic(target, page_of(project, article_id))
    return target


def page_of(project: Project, article_id: str, folder: Path | None = None) -> str:
    """The review page of the draft in `folder` (default: the article's draft folder)."""
    tables = read_draft(project, article_id, folder)
    path = project.raw_articles / f"{article_id}.txt"
    text = read_article(path, project.rel(path))
    mentions = scan(text, Rules.load(project).mentions)
    return build_page(article_id, text, article_meta(project, article_id), tables, mentions)
