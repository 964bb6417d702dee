"""Every `deportdata` command, as one table (`COMMANDS`): name, help, options, whether it
writes, and its handler. Handlers are thin: they call the layer that owns the work, which
also checks its own input. Imports of pandas, Great Expectations and seaborn happen inside
the handlers, so that `deportdata --help` starts fast."""

from __future__ import annotations

import argparse
import sys

from deportdata.cli.table import Command, option
from deportdata.config import Project
from deportdata.errors import Exit
from deportdata.io.layers import need_clean_layer


def clean(project: Project, args: argparse.Namespace) -> int:
    from deportdata import build

    return build.clean(project)


def validate(project: Project, args: argparse.Namespace) -> int:
    from deportdata import build

    return build.validate(project)


def report(project: Project, args: argparse.Namespace) -> int:
    from deportdata import build

    return build.report(project, force=args.force, jobs=args.jobs)


def build_all(project: Project, args: argparse.Namespace) -> int:
    """clean, export, then the checks and the report at once (the graph in deportdata.build)."""
    from deportdata import build

    return build.build(project, force=args.force, jobs=args.jobs)


def export(project: Project, args: argparse.Namespace) -> int:
    from deportdata import build

    return build.export(project, force=args.force)


def serve(project: Project, args: argparse.Namespace) -> int:
    from deportdata.publish.serve import run

    return run(project, host=args.host, port=args.port) or Exit.OK  # becomes Datasette


def cite(project: Project, args: argparse.Namespace) -> int:
    from deportdata.publish.cite import render

    print(render(project, args.claim_id), end="")
    return Exit.OK


def manifest(project: Project, args: argparse.Namespace) -> int:
    from deportdata.io import manifest

    if args.update:
        changed = manifest.update(project)
        print(f"{project.rel(project.manifest)}: {'updated' if changed else 'already up to date'}")
        return Exit.OK
    errors = manifest.verify(project)
    for error in errors:
        print(error, file=sys.stderr)
    if not errors:
        print(f"{project.rel(project.manifest)}: all {len(manifest.read(project))} raw files match")
    return Exit.FAILED if errors else Exit.OK


def codebook(project: Project, args: argparse.Namespace) -> int:
    from deportdata.publish.documents import codebook

    print(*codebook(project), sep="\n")
    return Exit.OK


def trace(project: Project, args: argparse.Namespace) -> int:
    from deportdata.coding.flighttrace import trace_value

    need_clean_layer(project)
    print(trace_value(project, args.claim_id))
    return Exit.OK


def add_article(project: Project, args: argparse.Namespace) -> int:
    from deportdata.coding.intake import add_and_draft, from_options

    for line in add_and_draft(project, from_options(vars(args))):
        print(line)
    return Exit.OK


def accept(project: Project, args: argparse.Namespace) -> int:
    from deportdata.coding.accept import accept

    print(accept(project, args.article_id).summary(project))
    return Exit.OK


def draft(project: Project, args: argparse.Namespace) -> int:
    from deportdata.coding.intake import redraft

    for line in redraft(project, args.article_id):
        print(line)
    return Exit.OK


def review(project: Project, args: argparse.Namespace) -> int:
    from deportdata.coding.reviewpage import write_review_page

    print(f"Review page written: {write_review_page(project, args.article_id)}")
    return Exit.OK


def lesson(project: Project, args: argparse.Namespace) -> int:
    """The lessons: list them, copy one for a student, reset them, write instructor copies."""
    from deportdata.teaching.notebooks import command

    for line in command(project, args.action, args.lesson, force=args.force):
        print(line)
    return Exit.OK


def _positive(text: str) -> int:  # a count of notebooks to run at once: 1 or more
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


FORCE_NOTEBOOKS = option(
    "--force", action="store_true", help="rerun every notebook, even if its inputs are unchanged"
)
JOBS = option(
    "--jobs",
    type=_positive,
    default=None,
    metavar="N",
    help="notebooks to run at once (default: the number of cores)",
)


def _article_id(what: str):
    return option("article_id", help=f"{what}, e.g. 005_3f2a9c0d1e4b5a67")


ADD_ARTICLE = (
    option("file", help="the article text (UTF-8)"),
    option(
        "--id",
        help="article id NNN_<16 hex digits> (default: the next free running number NNN and the "
        "first 16 hex digits of the SHA-256 of the file's bytes, e.g. 005_3f2a9c0d1e4b5a67)",
    ),
    option(
        "--outlet",
        required=True,
        help="the publisher: an organisation id or alias; any other name is registered as a new "
        "organisation (kind news_outlet, id derived from the name)",
    ),
    option("--headline", required=True, help="the headline"),
    option("--url", required=True, help="where the text can be read"),
    option(
        "--published-earliest",
        required=True,
        metavar="DATE",
        help="earliest publication date (YYYY-MM-DD)",
    ),
    option(
        "--published-latest",
        required=True,
        metavar="DATE",
        help="latest publication date (YYYY-MM-DD)",
    ),
    option(
        "--published-best",
        metavar="DATE",
        help="best single date (needed when the interval spans days)",
    ),
    option(
        "--basis",
        choices=["source", "inferred"],
        help="how the date is known: source (printed on the page) or inferred (reasoned from "
        "clues); default: source for a single day, inferred for a longer interval",
    ),
    option("--note", help="the reasoning behind the publication interval"),
    option(
        "--reposted-by",
        metavar="ORG",
        help="for a repost, the site that reposted the text: an organisation id or alias; any "
        "other name is registered as a new organisation (kind aggregator)",
    ),
    option("--repost-url", metavar="URL", help="for a repost, the repost's URL (default: --url)"),
    option(
        "--original-url",
        metavar="URL",
        help="for a repost, the URL of the original publication, if found",
    ),
)

COMMANDS = (
    Command(
        "clean",
        "Turn data/raw/ into data/clean/: remove residue, parse numbers, resolve dates.",
        clean,
        writes=True,
    ),
    Command(
        "validate",
        "Check data/clean/ with the Great Expectations suites in expectations/ and build Data Docs.",
        validate,
        writes=True,
    ),
    Command(
        "report",
        "Run the notebooks with papermill into reports/ (figures, tables, index.html).",
        report,
        (FORCE_NOTEBOOKS, JOBS),
        writes=True,
    ),
    Command(
        "build",
        "Run clean, export, validate and report in order.",
        build_all,
        (FORCE_NOTEBOOKS, JOBS),
        writes=True,
    ),
    Command(
        "export",
        "Write reports/data/: a SQLite database, Stata files and a zip of the CSVs with the data package.",
        export,
        (option("--force", action="store_true", help="rewrite the exports even if unchanged"),),
        writes=True,
    ),
    Command(
        "serve",
        "Open the exported database in Datasette, read-only (needs the 'serve' extra).",
        serve,
        (
            option("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"),
            option("--port", type=int, default=8001, help="port to listen on (default: 8001)"),
        ),
        locks=False,
    ),
    Command(
        "cite",
        "Print how to cite the data and code (and, for a claim, its article) in text and BibTeX.",
        cite,
        (option("claim_id", nargs="?", help="a claim id, e.g. C008, to cite its article too"),),
    ),
    Command(
        "manifest",
        "Check data/raw/ against data/raw/MANIFEST.sha256 (or --update it).",
        manifest,
        (
            option(
                "--update",
                action="store_true",
                help="rewrite the manifest from the raw files as they are",
            ),
        ),
        writes=lambda args: args.update,
    ),
    Command(
        "codebook",
        "Write docs/CODEBOOK.md (every table, column, vocabulary) and docs/RULES.md (every check).",
        codebook,
        writes=True,
    ),
    Command(
        "trace",
        "Trace one claim from the reports to its quote, offsets, raw file and checksum; or one "
        "row of the flight ledger to its reference rows and their URLs, its ICE Air mission and "
        "its corpus quotes.",
        trace,
        (
            option(
                "claim_id",
                help="a claim id, e.g. C008, or a flight_id of the ledger, e.g. arrival_2020_01",
            ),
        ),
    ),
    Command(
        "lesson",
        "The lessons in notebooks/teaching/: list, copy N (a student's own copy in my-lessons/), "
        "reset (strip outputs and checkpoints), solutions (instructor copies in reports/teaching/).",
        lesson,
        (
            option("action", choices=["list", "copy", "reset", "solutions"]),
            option("lesson", nargs="?", help="for copy: the lesson number or name, e.g. 1"),
            option(
                "--force",
                action="store_true",
                help="for copy: replace an existing copy (kept as .bak)",
            ),
        ),
        writes=lambda args: args.action != "list",
    ),
    Command(
        "add-article",
        "Add an article to data/raw/ byte for byte, register it (and a new outlet), and draft "
        "its coding in data/drafts/<article_id>/ for a person to review and accept.",
        add_article,
        ADD_ARTICLE,
        writes=True,
    ),
    Command(
        "accept",
        "Move a reviewed draft (data/drafts/<article_id>/) into data/raw/ with fresh ids, marked "
        "coded_by=drafted_reviewed; update the manifest; remove the draft. Any problem changes nothing.",
        accept,
        (_article_id("the article whose draft to accept"),),
        writes=True,
    ),
    Command(
        "draft",
        "Draft again an added article whose draft is gone.",
        draft,
        (_article_id("the article to draft"),),
        writes=True,  # writes data/drafts/<id>/
    ),
    Command(
        "review",
        "Write data/drafts/<article_id>/review.html to review a draft.",
        review,
        (_article_id("the article whose draft to show"),),
        writes=True,  # writes data/drafts/<id>/review.html
    ),
)
