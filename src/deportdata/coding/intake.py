"""`deportdata add-article`: the new article and its draft, published as one transaction.

Every option, the text, the rules and the draft are checked and computed first, against a
staged copy of the raw layer that holds the new article; nothing under data/ changes until
then. The new raw layer (the text, its articles.csv row, a new outlet's organisation and
alias rows, the manifest) and the draft folder are then published together
(`io.files.Transaction`): a failure or a kill at any moment leaves data/raw, the manifest
and data/drafts as they were, or both complete.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from deportdata.coding import rawfiles
from deportdata.coding.add import Added, NewArticle, prepare
from deportdata.config import Project
from deportdata.errors import DeportdataError
from deportdata.io import files

DRAFT_STAGE = ".drafts.stage-"  # a draft folder being built, in data/


def from_options(options: dict) -> NewArticle:
    """The new article as the command line gives it; dates are checked by the cells' own
    rule (strict ISO), and each bad one is named by its option."""
    from deportdata.io.cells import type_problem

    dates: dict[str, date | None] = {}
    for option in ("published_earliest", "published_latest", "published_best"):
        value = options.get(option)
        problem = value and type_problem("date", value)
        if problem:
            raise DeportdataError(f"--{option.replace('_', '-')}: {problem}")
        dates[option] = date.fromisoformat(value) if value else None
    return NewArticle(
        source=Path(options["file"]),
        outlet=options["outlet"],
        headline=options["headline"],
        url=options["url"],
        published_earliest=dates["published_earliest"],
        published_latest=dates["published_latest"],
        basis=options.get("basis"),
        published_best=dates["published_best"],
        note=options.get("note") or "",
        article_id=options.get("id"),
        reposted_by=options.get("reposted_by"),
        repost_url=options.get("repost_url"),
        original_url=options.get("original_url"),
    )


def _draft(project: Project, staged: Project, added: Added, folder: Path) -> tuple[object, int]:
    """Draft the new article's coding into `folder`: the rules are the project's (adding an
    article changes none), the registry of organisations the staged raw layer's."""
    from deportdata.coding import draftfiles, furniture
    from deportdata.coding.draft import draft_text, registry_of
    from deportdata.io.files import csv_text, frame_csv_text
    from deportdata.text.residue import find_residue
    from deportdata.text.rules import Rules

    rules = Rules.load(project)
    furniture_file = project.rule_file("furniture")
    furniture_rules = furniture.load_rules(furniture_file, project.rel(furniture_file))
    kept = find_residue(added.text, list(rules.residue), added.article_id)
    proposals = furniture.propose(added.text, furniture_rules, kept)
    draft = draft_text(
        added.article_id, added.text, added.article, registry_of(staged),
        rules.drafting, rules.mentions,
    )  # fmt: skip
    furniture.set_aside(draft, added.text, proposals, rules.mentions)
    for name, frame in draft.tables.items():
        (folder / f"{name}.csv").write_text(frame_csv_text(frame), encoding="utf-8")
    rows = furniture.draft_rows(added.article_id, proposals)
    (folder / draftfiles.RESIDUE).write_text(
        csv_text(furniture.COLUMNS, ([r[c] for c in furniture.COLUMNS] for r in rows)),
        encoding="utf-8",
    )
    from deportdata.coding.reviewpage import PAGE, page_of

    page = page_of(staged, added.article_id, folder)
    (folder / PAGE).write_text(page, encoding="utf-8")
    return draft, len(proposals)


def add_and_draft(project: Project, new: NewArticle) -> Iterator[str]:
    """Add the article and draft its coding in data/drafts/ for a person to review, as one
    transaction; yields the lines that say what was done and what comes next."""
    from deportdata.coding.draftfiles import draft_folder
    from deportdata.io.recover import journal

    added = prepare(project, new)  # refused options and texts cost no import of the drafting
    target = draft_folder(project, added.article_id)
    raw_stage = files.stage_folder(project.raw.parent, f".{project.raw.name}.stage-")
    draft_stage = files.stage_folder(project.raw.parent, DRAFT_STAGE)
    try:
        rawfiles.fill_stage(project, raw_stage, added.changes)
        draft, proposals = _draft(
            project, rawfiles.StagedProject(project.root, raw_stage), added, draft_stage
        )
        txn = files.Transaction(journal(project, "add-article"), project.root, added.article_id)
        txn.add_directory(project.raw, raw_stage)
        txn.add_directory(target, draft_stage)
        txn.commit()
    except BaseException:
        shutil.rmtree(raw_stage, ignore_errors=True)
        shutil.rmtree(draft_stage, ignore_errors=True)
        raise
    yield (
        f"added data/raw/articles/{added.article_id}.txt as {added.article_id}, registered in "
        "data/raw/articles.csv and the manifest"
    )
    for org in added.registered:
        yield (
            f"registered the new organisation {org.organisation_id} ({org.name!r}, kind {org.kind}) "
            f"as the article's {org.role.replace('_', ' ')} in data/raw/organisations.csv and "
            "organisation_aliases.csv; check its row (country, note)"
        )
    yield draft.summary()
    if proposals:
        yield (
            f"{proposals} line(s) of page furniture proposed in residue.csv (review todo): keep "
            "each that is furniture (review ok), delete each that is the article's text."
        )
    yield (
        f"Draft written to {project.rel(target)}/, with review.html, a page that shows it "
        "beside the text. Next: check every row against the article, correct it there and set "
        f"its review to ok (`deportdata review {added.article_id}` redraws the page), then "
        f"`deportdata accept {added.article_id}`, `make all` and `make test`."
    )


def redraft(project: Project, article_id: str) -> Iterator[str]:
    """Draft an article already in the raw layer whose draft is gone (deleted by hand, or
    left from before drafts were written): the same draft add-article writes, published as
    one step into data/drafts/<article_id>/. An article that has coded rows, or a draft, is
    refused."""
    from deportdata.coding.add import ID_PATTERN
    from deportdata.coding.draftfiles import draft_folder
    from deportdata.io.texts import read_article

    if not ID_PATTERN.match(article_id):
        raise DeportdataError(
            f"{article_id!r} is not an article id: they look like NNN_<16 hex digits>"
        )
    target = draft_folder(project, article_id)
    if target.exists():
        raise DeportdataError(
            f"a draft for {article_id} is already there",
            file=project.rel(target),
            hint="review it, or remove the folder first to draft the article again",
        )
    article = next(
        (r for r in rawfiles.table_rows(project, "articles") if r["article_id"] == article_id),
        None,
    )
    if article is None:
        raise DeportdataError(
            f"{article_id} is not in data/raw/articles.csv",
            hint="add the article with 'deportdata add-article'",
        )
    coded = [
        name
        for name in ("claims", "events", "mentions_ignored", "actors")
        if any(r["article_id"] == article_id for r in rawfiles.table_rows(project, name))
    ]
    if coded:
        raise DeportdataError(
            f"{article_id} already has coded rows in {', '.join(coded)}: a draft would code "
            "it twice; nothing was written"
        )
    path = project.raw_articles / f"{article_id}.txt"
    text = read_article(path, project.rel(path))
    added = Added(article_id, text, article["outlet"], article.get("reposted_by", ""), [], article)
    target.parent.mkdir(parents=True, exist_ok=True)
    with files.staged_directory(target, label=project.rel(target)) as stage:
        draft, proposals = _draft(project, project, added, stage)
    yield draft.summary()
    yield f"{proposals} line(s) of page furniture proposed in residue.csv (review todo)."
    yield f"Draft written to {project.rel(target)}/, with review.html."
