"""Lesson 4, reviewing a draft (notebooks/teaching/04-review-a-draft.ipynb): its helpers and answer keys.

The lesson works on a temporary copy of the project, never on the real raw layer. On
the copy, one corpus article is turned back into a new, uncoded article; its coding is
drafted (by the drafting engine, `deportdata.coding.draft`, when it is installed;
otherwise from the article's hand coding, as a stand-in draft); one slip is planted in
the draft, of the kind a drafting tool or a tired coder makes; the student finds it,
corrects it, accepts the draft and runs the checks.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from deportdata.coding import rawfiles
from deportdata.coding.draftfiles import (
    CODED_BY,
    DRAFTED,
    HAND,
    REVIEW,
    TODO,
    draft_folder,
    draft_table,
    write_tables,
)
from deportdata.config import Project
from deportdata.errors import DeportdataError, ErrorList
from deportdata.io.tables import Parsed, parse_csv
from deportdata.schema import load_schema
from deportdata.teaching.checking import Exercise

ARTICLE = "000_8ce18bf11eba94f7"  # the Cambodia Daily, August 2017: "more than 560 ... since 2002"
PRINTED = "more than 560"  # the figure as the article prints it
SLIP = "more than 650"  # the slip planted in the draft: two digits swapped
CODED = ("claims", "events", "actors", "mentions_ignored")  # the tables coded per article


def practice_copy(project: Project, folder: str | Path | None = None) -> Project:
    """A copy of the project's raw layer and checks in `folder` (default: a new temporary
    folder), in which ARTICLE is registered but not yet coded."""
    root = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="deportdata-lesson-4-"))
    for part in ("data/raw", "expectations"):
        if (root / part).exists():
            shutil.rmtree(root / part)
        shutil.copytree(project.root / part, root / part)
    for part in ("data/clean", "data/drafts"):
        shutil.rmtree(root / part, ignore_errors=True)
    copy = Project(root)
    schema = load_schema()
    changes = {}
    for name in CODED:
        table = schema.table("raw", name)
        rows = [r for r in rawfiles.table_rows(copy, name) if r["article_id"] != ARTICLE]
        changes[table.path] = rawfiles.table_text(table, rows).encode()
    rawfiles.replace(copy, changes)
    return copy


def draft(project: Project, copy: Project) -> Path:
    """Draft the coding of ARTICLE on the copy, as add-article drafts a new article (the
    tables, the proposed page furniture and the review page); returns the draft folder."""
    from deportdata.coding.intake import redraft

    for _ in redraft(copy, ARTICLE):
        pass
    return draft_folder(copy, ARTICLE)


def plant_slip(copy: Project) -> str:
    """Swap two digits in the draft's value_text of the claim that prints PRINTED;
    returns the draft id of that row."""
    rows = read_draft(copy, "claims")
    match = rows[rows["quote"].str.contains(PRINTED, regex=False)]
    if match.empty:
        raise DeportdataError(f"the draft has no claim whose quote contains {PRINTED!r}")
    row_id = match["claim_id"].iloc[0]
    edit_draft(copy, "claims", row_id, value_text=SLIP)
    return row_id


def read_draft(copy: Project, name: str) -> pd.DataFrame:
    """One draft file as a table of text (empty cells stay empty strings)."""
    path = draft_folder(copy, ARTICLE) / f"{name}.csv"
    parsed = _parsed(path)
    return pd.DataFrame([dict(zip(parsed.header, f, strict=True)) for _, f in parsed.records],
                        columns=parsed.header, dtype=str)  # fmt: skip


def _parsed(path: Path) -> Parsed:
    """A draft file split by the project's one CSV reader (a reviewer's slips in the cells
    are for `accept` to report; a file that is not CSV is an error here already)."""
    parsed = parse_csv(path, path.name)
    if parsed.errors:
        raise ErrorList(parsed.errors)
    return parsed


def edit_draft(copy: Project, name: str, row_id: str, **cells: str) -> None:
    """Change cells of one draft row, as a reviewer does in a spreadsheet or editor."""
    table = draft_table(load_schema().table("raw", name))
    path = draft_folder(copy, ARTICLE) / table.path
    parsed = _parsed(path)
    rows = [dict(zip(parsed.header, fields, strict=True)) for _, fields in parsed.records]
    key = table.primary_key[0]
    row = next((r for r in rows if r[key] == row_id), None)
    if row is None:
        raise KeyError(f"no row {row_id} in {path.name}")
    unknown = set(cells) - set(row)
    if unknown:
        raise KeyError(f"{path.name} has no column {', '.join(sorted(unknown))}")
    row.update(cells)
    write_tables(copy, ARTICLE, {name: rows})


def finish_review(copy: Project, project: Project) -> int:
    """What the reviewer does once every row is checked against the article: write each
    event's description (here the hand coding's, for the event it has with the same quote
    and date expression; else a plain sentence naming the event's type and its date as
    printed) and set every row's review to ok. Returns the number of rows marked ok."""
    from deportdata.io.files import csv_text, write_text_atomic

    hand = {
        (r["quote"], r["date_expression"]): r["description"]
        for r in rawfiles.table_rows(project, "events")
        if r["article_id"] == ARTICLE
    }
    marked = 0
    for path in sorted(draft_folder(copy, ARTICLE).glob("*.csv")):
        parsed = _parsed(path)
        rows = [dict(zip(parsed.header, f, strict=True)) for _, f in parsed.records]
        for row in rows:
            if row.get("description", "").startswith(TODO):
                row["description"] = hand.get(
                    (row["quote"], row["date_expression"]),
                    f"A {row['event_type'].replace('_', ' ')} the article dates "
                    f"{row['date_expression']!r}.",
                )
            if REVIEW in row:
                row[REVIEW] = "ok"
                marked += 1
        write_text_atomic(
            path, csv_text(parsed.header, ([r[c] for c in parsed.header] for r in rows))
        )
    return marked


def review_page(copy: Project) -> str:
    """Write the draft's review page on the copy (as `deportdata review` does); its path."""
    from deportdata.coding.reviewpage import write_review_page

    path = write_review_page(copy, ARTICLE)
    print(f"review page: {path}")
    return str(path)


def try_accept(copy: Project, limit: int | None = None) -> bool:
    """Run `deportdata accept` on the copy; print its summary or its messages (the first
    `limit` of them, and how many more), never raise."""
    from deportdata.coding.accept import accept

    try:
        print(accept(copy, ARTICLE).summary(copy))
    except ErrorList as errors:
        shown = errors.errors[:limit] if limit else errors.errors
        more = len(errors.errors) - len(shown)
        print(
            "accept changed nothing:\n"
            + "\n".join(str(e) for e in shown)
            + (f"\n... and {more} more like these" if more else "")
        )
        return False
    except DeportdataError as error:
        print(f"accept changed nothing:\n{error}")
        return False
    return True


def run_checks(copy: Project) -> pd.DataFrame | None:
    """The clean step, then every rule of expectations/ on the copy; returns the rules
    that fail, or None when all pass or the clean step stops."""
    from deportdata.checks.run import run_suites
    from deportdata.clean.run import run

    try:
        summary = run(copy)
    except DeportdataError as error:
        print(f"the clean step stopped:\n{error}")
        return None
    if summary.uncoded:
        print(
            f"the build would stop here: {len(summary.uncoded)} numeric mention(s) of the "
            "article are not coded yet (accept the draft first)."
        )
        return None
    results = run_suites(copy, docs=False)
    failed = [r for r in results if r.status == "failed"]
    print(f"{len(results) - len(failed)} of {len(results)} rules pass.")
    if not failed:
        return None
    return pd.DataFrame(
        [{"rule_id": r.rule_id, "description": r.description, "rows": r.rows} for r in failed]
    )


def accepted(copy: Project) -> pd.DataFrame:
    """The lesson article's claims in the copy's raw layer, with how each was coded."""
    rows = [r for r in rawfiles.table_rows(copy, "claims") if r["article_id"] == ARTICLE]
    return pd.DataFrame(rows, columns=["claim_id", "value_text", "kind", "reporter", CODED_BY])


def remove(copy: Project) -> None:
    """Delete the practice copy."""
    shutil.rmtree(copy.root, ignore_errors=True)


# ---------------------------------------------------------------- answer keys


def _printed(project: Project) -> str:
    """The figure as printed: the hand coding's value_text of the claim that quotes it."""
    rows = rawfiles.table_rows(project, "claims")
    return next(
        r["value_text"] for r in rows if r["article_id"] == ARTICLE and PRINTED in r["quote"]
    )


def _fresh_claim_id(project: Project) -> str:
    """The id accept gives the corrected row: claims continue after the highest id in use
    on the copy (where ARTICLE has no claims yet), in draft order (text order)."""
    rows = rawfiles.table_rows(project, "claims")
    others = [int(r["claim_id"][1:]) for r in rows if r["article_id"] != ARTICLE]
    mine = [r for r in rows if r["article_id"] == ARTICLE]
    position = next(i for i, r in enumerate(mine) if PRINTED in r["quote"])
    return f"C{max(others) + 1 + position:03d}"


def _judge_value(answer: Any, expected: str, project: Project) -> str | None:
    if not isinstance(answer, str):
        return 'value_text is text: write it in quotes, e.g. "Twenty-eight".'
    if answer == expected:
        return None
    if answer == SLIP:
        return (
            "that is the draft's value, with the slip: compare it with the quote, digit by digit."
        )
    if re.fullmatch(r"\d+", answer.strip()):
        return (
            f"{answer!r} leaves out the words that qualify the number; they are part of value_text."
        )
    if answer.strip() == expected:
        return "almost: remove the spaces at the start or end."
    return f"{answer!r} is not the figure as the quote prints it; copy it from the quote."


def _judge_claim_id(answer: Any, expected: str, project: Project) -> str | None:
    if not isinstance(answer, str) or not re.fullmatch(r"C\d{3,}", answer.strip()):
        return 'a claim_id looks like "C012".'
    answer = answer.strip()
    if answer == expected:
        return None
    if answer.startswith("D-") or answer == "C001":
        return "that is not the id in data/raw/claims.csv: accept gives fresh ids."
    hand = next(
        (
            r["claim_id"]
            for r in rawfiles.table_rows(project, "claims")
            if r["article_id"] == ARTICLE
        ),
        None,
    )
    if answer == hand:
        return (
            f"{hand} is the row's id in the real project's hand coding; on the copy, accept "
            "continues after the highest id in use. Look at the table printed above."
        )
    return "look for the row with the corrected value_text in the table printed after accept."


def _judge_coded_by(answer: Any, expected: str, project: Project) -> str | None:
    if answer == expected:
        return None
    if answer == HAND:
        return (
            f"{HAND!r} marks rows a person coded without the tool (or added to a draft by hand, "
            "with an empty draft_reason); the drafted rows you reviewed are marked otherwise."
        )
    return f"look at the {CODED_BY} column of the accepted rows."


EXERCISES: dict[str, Exercise] = {
    "4.1": Exercise(
        "correct the slipped value_text",
        _printed,
        _judge_value,
        lambda e: f"value_text is {e!r}, as the article prints it.",
    ),
    "4.2": Exercise(
        "the corrected row's id in the raw layer",
        _fresh_claim_id,
        _judge_claim_id,
        lambda e: f"accept gave the row the fresh id {e}, after the highest id in use.",
    ),
    "4.3": Exercise(
        "how the accepted rows are marked",
        lambda p: DRAFTED,
        _judge_coded_by,
        lambda e: f"{CODED_BY} is {e!r}: drafted by the tool, reviewed by a person.",
    ),
}
