"""The verdict written into the Data Docs: Great Expectations marks a suite "Failed" when a
rule fails, also when every failing row has a known-issue record. After the pages are built,
the index and each validation page of such a suite say so, in the words of the landing page
(`checks.verdict`), and the index marks the suite's failed rows as known issues."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from deportdata.checks.verdict import Verdict, validation_pages
from deportdata.io.files import write_text_atomic

# where the notes go: the first content container of a Great Expectations page
CONTENT = '<div class="container-fluid pt-4 pb-4 pl-5 pr-5">'
# one validation of the index's table, as the page's script holds it
INDEX_ROW = re.compile(r"\{'validation_success': .*?'asset_name': '(?P<suite>[^']+)'\}", re.S)
FAILED_ICON = '<i class="fas fa-times text-danger ge-failed-icon" ></i>'


class DataDocsLayoutError(RuntimeError):
    """The Data Docs pages no longer have the layout the notes are written into."""


def note(verdict: Verdict, suite: str | None = None) -> str:
    """The note for the index (suite None: the headline and every known issue) or for one
    suite's validation page (its known issues)."""
    known = [k for k in verdict.known_failures if suite in (None, k.suite)]
    lines = [f"<p>{escape(k.sentence())}</p>" for k in known]
    if suite is None:
        lines.insert(
            0,
            f"<p><strong>{escape(verdict.headline())}</strong> {escape(verdict.conclusion())}</p>",
        )
    return (
        '<div class="alert alert-warning" role="note" id="deportdata-verdict">'
        + "".join(lines)
        + "</div>"
    )


def _insert(text: str, html: str, page: Path) -> str:
    if CONTENT not in text:
        raise DataDocsLayoutError(f"{page}: no content container to put the verdict in")
    return text.replace(CONTENT, CONTENT + html, 1)


def _mark_rows(text: str, suites: dict[str, str]) -> str:
    """The failed mark of each index row of a suite whose failures are all known issues, with
    the issues named beside it."""

    def mark(found: re.Match) -> str:
        label = suites.get(found["suite"])
        row = found.group(0)
        if not label:
            return row
        return row.replace(
            FAILED_ICON, f'{FAILED_ICON} <span class="badge badge-warning">{escape(label)}</span>'
        )

    return INDEX_ROW.sub(mark, text)


def mark_known(docs: Path, verdict: Verdict) -> None:
    """Write the verdict into the Data Docs built in `docs`."""
    failed_suites = set(verdict.failed_suites)
    labels: dict[str, list[str]] = {}
    for known in verdict.known_failures:
        if known.suite not in failed_suites:
            labels.setdefault(known.suite, []).append(known.issue_id)
    index = docs / "index.html"
    text = _insert(index.read_text(encoding="utf-8"), note(verdict), index)
    text = _mark_rows(text, {s: "known issue " + ", ".join(ids) for s, ids in labels.items()})
    write_text_atomic(index, text)
    for suite in sorted({k.suite for k in verdict.known_failures}):
        for rel in validation_pages(docs, suite):
            page = docs / rel
            write_text_atomic(
                page, _insert(page.read_text(encoding="utf-8"), note(verdict, suite), page)
            )
