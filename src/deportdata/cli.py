"""The `deportdata` command: argument parsing, the project lock, and thin `cmd_*` wrappers
around the steps (the build's graph and steps are in `deportdata.build`).

Imports of pandas, Great Expectations and seaborn happen inside the commands,
so `deportdata --help` starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys

from deportdata import __version__
from deportdata.errors import DeportdataError, os_error_message
from deportdata.io.layers import need_clean_layer

EXIT_DATA_ERROR = 1
EXIT_NOT_A_PROJECT = 2
EXIT_BROKEN_PIPE = 141  # as a shell reports a command ended by SIGPIPE
# the commands that write into the project: they hold its lock and repair a killed run first
WRITERS = {"clean", "export", "validate", "report", "build", "codebook", "add-article", "accept"}
WRITERS |= {"review", "draft"}  # write into data/drafts/<id>/
# the readers that run for long (a server) take no lock: the others share it while they read
UNLOCKED = {"serve"}


def _project(args: argparse.Namespace):
    """The project the command works on: --root exactly, else the one containing the current folder."""
    from deportdata.config import Project

    if getattr(args, "project", None) is None:
        args.project = Project.at(args.root) if args.root is not None else Project.find()
    return args.project


def _writes(args: argparse.Namespace) -> bool:
    """Commands that write into the project take its lock (and repair a killed run first)."""
    return (
        args.command in WRITERS
        or (args.command == "manifest" and args.update)
        or (args.command == "lesson" and args.action != "list")
    )


def cmd_clean(args: argparse.Namespace) -> int:
    from deportdata import build

    return build.clean(_project(args))


def cmd_validate(args: argparse.Namespace) -> int:
    from deportdata import build

    return build.validate(_project(args))


def cmd_report(args: argparse.Namespace) -> int:
    from deportdata import build

    return build.report(_project(args), force=args.force, jobs=args.jobs)


def cmd_export(args: argparse.Namespace) -> int:
    from deportdata import build

    return build.export(_project(args), force=getattr(args, "force", False))


def cmd_serve(args: argparse.Namespace) -> int:
    from deportdata.publish.serve import run

    return run(_project(args), host=args.host, port=args.port) or 0  # becomes Datasette


def cmd_cite(args: argparse.Namespace) -> int:
    from deportdata.publish.cite import render
    from deportdata.report.site import git_commit

    project = _project(args)
    print(render(project, git_commit(project.root), args.claim_id), end="")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """clean, export, then the checks and the report at once (the graph in deportdata.build)."""
    from deportdata import build

    return build.build(_project(args), force=args.force, jobs=args.jobs)


def cmd_manifest(args: argparse.Namespace) -> int:
    from deportdata.io import manifest

    project = _project(args)
    if args.update:
        changed = manifest.update(project)
        print(f"{project.rel(project.manifest)}: {'updated' if changed else 'already up to date'}")
        return 0
    errors = manifest.verify(project)
    for error in errors:
        print(error, file=sys.stderr)
    if not errors:
        print(f"{project.rel(project.manifest)}: all {len(manifest.read(project))} raw files match")
    return EXIT_DATA_ERROR if errors else 0


def cmd_codebook(args: argparse.Namespace) -> int:
    from deportdata import build

    print(*build.codebook(_project(args)), sep="\n")
    return 0


def cmd_trace(args: argparse.Namespace) -> int:
    from deportdata.coding.flighttrace import trace_value

    project = _project(args)
    need_clean_layer(project)
    print(trace_value(project, args.claim_id))
    return 0


def cmd_add_article(args: argparse.Namespace) -> int:
    from deportdata.coding.intake import add_and_draft, from_options

    project = _project(args)
    for line in add_and_draft(project, from_options(vars(args))):
        print(line)
    return 0


def cmd_accept(args: argparse.Namespace) -> int:
    from deportdata.coding.accept import accept

    project = _project(args)
    print(accept(project, args.article_id).summary(project))
    return 0


def cmd_draft(args: argparse.Namespace) -> int:
    from deportdata.coding.intake import redraft

    for line in redraft(_project(args), args.article_id):
        print(line)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from deportdata.coding.reviewpage import write_review_page

    print(f"Review page written: {write_review_page(_project(args), args.article_id)}")
    return 0


def cmd_lesson(args: argparse.Namespace) -> int:
    """The lessons: list them, copy one for a student, reset them, write instructor copies."""
    from deportdata.teaching.notebooks import command

    for line in command(_project(args), args.action, args.lesson, force=args.force):
        print(line)
    return 0


def _positive(text: str) -> int:  # a count of notebooks to run at once: 1 or more
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="deportdata",
        description="Build, check and report the deportdata tables: raw -> clean -> checks -> reports.",
    )
    parser.add_argument("--version", action="version", version=f"deportdata {__version__}")
    parser.add_argument(
        "--root",
        metavar="DIR",
        help="the project folder to work on (default: the one containing the current folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, func, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument(
            "--root",
            metavar="DIR",
            default=argparse.SUPPRESS,
            help="the project folder to work on (default: the current one)",
        )
        p.set_defaults(func=func)
        return p

    clean_text = "Turn data/raw/ into data/clean/: remove residue, parse numbers, resolve dates."
    add("clean", cmd_clean, clean_text)
    add("validate", cmd_validate, "Check data/clean/ with the Great Expectations suites in "
        "expectations/ and build Data Docs.")  # fmt: skip
    for name, func, text in (
        (
            "report",
            cmd_report,
            "Run the notebooks with papermill into reports/ (figures, tables, index.html).",
        ),
        ("build", cmd_build, "Run clean, export, validate and report in order."),
    ):
        p = add(name, func, text)
        p.add_argument(
            "--force",
            action="store_true",
            help="rerun every notebook, even if its inputs are unchanged",
        )
        p.add_argument(
            "--jobs",
            type=_positive,
            default=None,
            metavar="N",
            help="notebooks to run at once (default: the number of cores)",
        )
    p = add(
        "export",
        cmd_export,
        "Write reports/data/: a SQLite database, Stata files and a zip of the CSVs with the data package.",
    )
    p.add_argument("--force", action="store_true", help="rewrite the exports even if unchanged")
    p = add(
        "serve",
        cmd_serve,
        "Open the exported database in Datasette, read-only (needs the 'serve' extra).",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8001, help="port to listen on (default: 8001)")
    p = add(
        "cite",
        cmd_cite,
        "Print how to cite the data and code (and, for a claim, its article) in text and BibTeX.",
    )
    p.add_argument("claim_id", nargs="?", help="a claim id, e.g. C008, to cite its article too")
    p = add(
        "manifest",
        cmd_manifest,
        "Check data/raw/ against data/raw/MANIFEST.sha256 (or --update it).",
    )
    p.add_argument(
        "--update", action="store_true", help="rewrite the manifest from the raw files as they are"
    )
    add(
        "codebook",
        cmd_codebook,
        "Write docs/CODEBOOK.md (every table, column, vocabulary) and docs/RULES.md (every check).",
    )
    p = add(
        "trace",
        cmd_trace,
        "Trace one claim from the reports to its quote, offsets, raw file and checksum; or one "
        "row of the flight ledger to its reference rows and their URLs, its ICE Air mission and "
        "its corpus quotes.",
    )
    p.add_argument(
        "claim_id", help="a claim id, e.g. C008, or a flight_id of the ledger, e.g. arrival_2020_01"
    )
    p = add(
        "lesson",
        cmd_lesson,
        "The lessons in notebooks/teaching/: list, copy N (a student's own copy in my-lessons/), "
        "reset (strip outputs and checkpoints), solutions (instructor copies in reports/teaching/).",
    )
    p.add_argument("action", choices=["list", "copy", "reset", "solutions"])
    p.add_argument("lesson", nargs="?", help="for copy: the lesson number or name, e.g. 1")
    p.add_argument(
        "--force", action="store_true", help="for copy: replace an existing copy (kept as .bak)"
    )
    p = add(
        "add-article",
        cmd_add_article,
        "Add an article to data/raw/ byte for byte, register it (and a new outlet), and draft "
        "its coding in data/drafts/<article_id>/ for a person to review and accept.",
    )
    p.add_argument("file", help="the article text (UTF-8)")
    p.add_argument(
        "--id",
        help="article id NNN_<16 hex digits> (default: the next free running number NNN and the "
        "first 16 hex digits of the SHA-256 of the file's bytes, e.g. 005_3f2a9c0d1e4b5a67)",
    )
    p.add_argument(
        "--outlet",
        required=True,
        help="the publisher: an organisation id or alias; any other name is registered as a new "
        "organisation (kind news_outlet, id derived from the name)",
    )
    p.add_argument("--headline", required=True, help="the headline")
    p.add_argument("--url", required=True, help="where the text can be read")
    p.add_argument(
        "--published-earliest",
        required=True,
        metavar="DATE",
        help="earliest publication date (YYYY-MM-DD)",
    )
    p.add_argument(
        "--published-latest",
        required=True,
        metavar="DATE",
        help="latest publication date (YYYY-MM-DD)",
    )
    p.add_argument(
        "--published-best",
        metavar="DATE",
        help="best single date (needed when the interval spans days)",
    )
    p.add_argument(
        "--basis",
        choices=["source", "inferred"],
        help="how the date is known: source (printed on the page) or inferred (reasoned from "
        "clues); default: source for a single day, inferred for a longer interval",
    )
    p.add_argument("--note", help="the reasoning behind the publication interval")
    p.add_argument(
        "--reposted-by",
        metavar="ORG",
        help="for a repost, the site that reposted the text: an organisation id or alias; any "
        "other name is registered as a new organisation (kind aggregator)",
    )
    p.add_argument(
        "--repost-url", metavar="URL", help="for a repost, the repost's URL (default: --url)"
    )
    p.add_argument(
        "--original-url",
        metavar="URL",
        help="for a repost, the URL of the original publication, if found",
    )
    p = add(
        "accept",
        cmd_accept,
        "Move a reviewed draft (data/drafts/<article_id>/) into data/raw/ with fresh ids, marked "
        "coded_by=drafted_reviewed; update the manifest; remove the draft. Any problem changes nothing.",
    )
    p.add_argument(
        "article_id", help="the article whose draft to accept, e.g. 005_3f2a9c0d1e4b5a67"
    )
    p = add("draft", cmd_draft, "Draft again an added article whose draft is gone.")
    p.add_argument("article_id", help="the article to draft, e.g. 005_3f2a9c0d1e4b5a67")
    p = add("review", cmd_review, "Write data/drafts/<article_id>/review.html to review a draft.")
    p.add_argument("article_id", help="the article whose draft to show, e.g. 005_3f2a9c0d1e4b5a67")
    return parser


def run_command(args: argparse.Namespace) -> int:
    """Find the project, then run the command; a writing command holds the project's lock
    and first repairs what a killed run left. Ctrl-C and SIGTERM are handled from here on."""
    from deportdata.config import NotAProject
    from deportdata.io import interrupt
    from deportdata.io.lock import OWNER_ENV, project_lock

    try:
        project = _project(args)
    except NotAProject as error:
        print(error, file=sys.stderr)
        return EXIT_NOT_A_PROJECT
    child = os.environ.get(OWNER_ENV) == str(os.getppid())
    from deportdata.io.recover import recover

    interrupt.install(args.command, project, quiet=child, recover=recover)
    interrupt.phase(args.command)
    if not _writes(args):
        if args.command in UNLOCKED:
            return args.func(args)
        with project_lock(project, args.command, shared=True):
            return args.func(args)

    with project_lock(project, args.command):
        for line in () if child else recover(project):  # the parent has repaired already
            print(f"{args.command}: {line} (left by a run that was killed)", file=sys.stderr)
        return args.func(args)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "root"):
        args.root = None
    try:
        return run_command(args)
    except DeportdataError as error:  # files named relative to the project
        project = getattr(args, "project", None)
        print(error.relative_to(project.root) if project else error, file=sys.stderr)
        return EXIT_DATA_ERROR
    except KeyboardInterrupt:
        print("interrupted; nothing was published, the outputs are as they were", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of the output left (`| head`): no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as error:  # unreadable, a folder for a file, a full disk: one line
        project = getattr(args, "project", None)
        print(os_error_message(error, project.root if project else None), file=sys.stderr)
        return EXIT_DATA_ERROR


if __name__ == "__main__":
    sys.exit(main())
