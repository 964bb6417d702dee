"""The `deportdata` command: thin wiring from paths to the package's steps.

Imports of pandas, Great Expectations and seaborn happen inside the commands,
so `deportdata --help` starts fast.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from deportdata import __version__
from deportdata.errors import DeportdataError
from deportdata.io.layers import need_clean_layer

EXIT_DATA_ERROR = 1
EXIT_NOT_A_PROJECT = 2
# the commands that write into the project: they hold its lock and repair a killed run first
WRITERS = {"clean", "export", "validate", "report", "build", "codebook", "add-article", "accept"}


def _project(args: argparse.Namespace):
    """The project the command works on: --root exactly, else the one containing the current folder."""
    from deportdata.config import Project

    if getattr(args, "project", None) is None:
        args.project = Project.at(args.root) if args.root else Project.find()
    return args.project


def _writes(args: argparse.Namespace) -> bool:
    """Commands that write into the project take its lock (and repair a killed run first)."""
    return (
        args.command in WRITERS
        or (args.command == "manifest" and args.update)
        or (args.command == "lesson" and args.action != "list")
    )


def _clean(args: argparse.Namespace, *, in_build: bool) -> int:
    """Run the clean step; uncoded mentions are listed, and they stop a build."""
    from deportdata.clean.run import run

    summary = run(_project(args))
    print(summary)
    if summary.uncoded:
        print(summary.uncoded_report(), file=sys.stderr)
        if in_build:
            print("build stopped: the checks would fail on mention coverage", file=sys.stderr)
            return EXIT_DATA_ERROR
    return 0


def cmd_clean(args: argparse.Namespace) -> int:
    return _clean(args, in_build=False)


def cmd_validate(args: argparse.Namespace) -> int:
    import json

    from deportdata.io import cache

    project = _project(args)
    need_clean_layer(project)
    if getattr(args, "reuse", False) and cache.validation_is_current(project):
        summary = json.loads(project.validation_results.read_text(encoding="utf-8"))["summary"]
        print(
            f"validate: unchanged since the last passing run ({sum(s['rules'] for s in summary)} rules); "
            f"Data Docs: {project.rel(project.data_docs / 'index.html')}"
        )
        return 0
    from deportdata.checks.run import run

    status = run(project)
    cache.record_validation(project, failed=1 if status else 0)
    return status


def cmd_report(args: argparse.Namespace) -> int:
    from deportdata.report.run import notebooks, reads_validation, run

    project = _project(args)
    need_clean_layer(project)
    if any(map(reads_validation, notebooks(project))) and not project.validation_results.is_file():
        raise DeportdataError(
            "the check results are not built",
            file=project.rel(project.validation_results),
            hint="run 'deportdata validate' first, or 'deportdata build' for everything",
        )
    return run(project, force=args.force, jobs=args.jobs)


def cmd_export(args: argparse.Namespace) -> int:
    from deportdata.publish.export import run

    print(run(_project(args), force=getattr(args, "force", False)), flush=True)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from deportdata.publish.serve import run

    run(_project(args), host=args.host, port=args.port)
    return 0  # not reached: the process becomes Datasette


def cmd_cite(args: argparse.Namespace) -> int:
    from deportdata.publish.cite import render
    from deportdata.report.site import git_commit

    project = _project(args)
    print(render(project, git_commit(project.root), args.claim_id), end="")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """clean, then the checks and the report at once: the notebooks run while Great
    Expectations validates in another process, and their outputs reach reports/ only
    if the checks pass."""
    import os
    import subprocess

    from deportdata.io import cache, interrupt
    from deportdata.io.kernel import die_with_parent
    from deportdata.io.lock import OWNER_ENV
    from deportdata.report.run import run as run_report

    project = _project(args)
    started = time.perf_counter()
    print("== clean", flush=True)
    interrupt.phase("clean")
    status = _clean(args, in_build=True)
    if status:
        return status
    print("== export", flush=True)
    cmd_export(argparse.Namespace(root=str(project.root), force=args.force))
    print("== validate and report", flush=True)
    interrupt.phase("the checks and the report notebooks")
    if not args.force and cache.validation_is_current(project):
        cmd_validate(argparse.Namespace(root=str(project.root), reuse=True, project=project))
        checks = None
    else:  # its own process, so that its imports do not hold up the notebooks' progress;
        # it works under this command's lock and dies with it
        checks = subprocess.Popen(
            [sys.executable, "-m", "deportdata", "--root", str(project.root), "validate"],
            env={**os.environ, OWNER_ENV: str(os.getpid())},
            preexec_fn=die_with_parent,
        )

    def gate() -> bool:
        if checks is None:
            return True
        passed = checks.wait() == 0
        if "the check results" not in interrupt.STATE.published:
            interrupt.published("the check results")
        return passed

    report_status = run_report(project, force=args.force, jobs=args.jobs, gate=gate)
    status = (0 if gate() else EXIT_DATA_ERROR) or report_status
    word = "finished" if status == 0 else "FAILED"
    print(
        f"build {word} in {time.perf_counter() - started:.1f} s: {project.rel(project.reports / 'index.html')}"
    )
    return status


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
    import json

    from deportdata.config import RULE_FILES
    from deportdata.io.files import Transaction
    from deportdata.io.recover import journal
    from deportdata.io.tables import LINE, read_records
    from deportdata.schema.codebook import render, render_rules

    project = _project(args)
    rules = {
        RULE_FILES[kind]: project.rule_file(kind).read_text(encoding="utf-8")
        for kind in ("numbers", "dates")
    }
    suites = {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(project.expectations.glob("*.json"))
    }
    issues = [
        {k: v for k, v in row.items() if k != LINE}
        for row in read_records(project, "known_issues", "raw")
    ]
    outputs = (
        (project.root / "docs" / "CODEBOOK.md", render(rules=rules).encode("utf-8")),
        (project.root / "docs" / "RULES.md", render_rules(suites, issues).encode("utf-8")),
    )
    changed = [(p, d) for p, d in outputs if not (p.is_file() and p.read_bytes() == d)]
    if changed:  # both or neither
        txn = Transaction(journal(project, "codebook"), project.root, label="docs/")
        for path, data in changed:
            txn.add_bytes(path, data)
        txn.commit()
    for path, data in outputs:
        word = "written" if (path, data) in changed else "already up to date"
        print(f"{project.rel(path)}: {word}")
    return 0


def cmd_trace(args: argparse.Namespace) -> int:
    from deportdata.coding.trace import trace

    project = _project(args)
    need_clean_layer(project)
    print(trace(project, args.claim_id))
    return 0


def cmd_add_article(args: argparse.Namespace) -> int:
    from datetime import date

    from deportdata.coding.add import NewArticle, add

    project = _project(args)
    try:
        earliest, latest = (
            date.fromisoformat(args.published_earliest),
            date.fromisoformat(args.published_latest),
        )
        best = date.fromisoformat(args.published_best) if args.published_best else None
    except ValueError as exc:
        raise DeportdataError(f"a date option is not YYYY-MM-DD: {exc}") from None
    new = NewArticle(
        source=Path(args.file),
        outlet=args.outlet,
        headline=args.headline,
        url=args.url,
        published_earliest=earliest,
        published_latest=latest,
        basis=args.basis,
        published_best=best,
        note=args.note or "",
        article_id=args.id,
        reposted_by=args.reposted_by,
        repost_url=args.repost_url,
        original_url=args.original_url,
    )
    added = add(project, new)
    print(
        f"added data/raw/articles/{added.article_id}.txt as {added.article_id}, registered in "
        "data/raw/articles.csv and the manifest"
    )
    for org in added.registered:
        print(
            f"registered the new organisation {org.organisation_id} ({org.name!r}, kind {org.kind}) "
            f"as the article's {org.role.replace('_', ' ')} in data/raw/organisations.csv and "
            "organisation_aliases.csv; check its row (country, note)"
        )
    from deportdata.coding.draft import draft_article, write_draft

    draft = draft_article(project.root, added.article_id)
    folder = write_draft(project.root, draft)
    print(draft.summary())
    print(
        f"Draft written to {project.rel(folder)}/. Next: review and correct it there, then "
        f"`deportdata accept {added.article_id}` and `deportdata build`."
    )
    return 0


def cmd_accept(args: argparse.Namespace) -> int:
    from deportdata.coding.accept import accept

    project = _project(args)
    print(accept(project, args.article_id).summary(project))
    return 0


def cmd_lesson(args: argparse.Namespace) -> int:
    """The lessons: list them, copy one for a student, reset them, write instructor copies."""
    from deportdata.teaching import lessons, notebooks

    project = _project(args)
    if args.action == "list":
        for path in lessons.lessons(project):
            print(f"  {lessons.number(path)}  {project.rel(path)}")
    elif args.action == "copy":
        if not args.lesson:
            raise lessons.LessonError("say which lesson to copy, e.g. deportdata lesson copy 1")
        target = notebooks.copy_lesson(project, args.lesson, force=args.force)
        print(f"your copy: {project.rel(target)} (open it in JupyterLab; it is yours to save)")
    elif args.action == "reset":
        changed = notebooks.reset(project)
        print(f"lessons reset: {len(changed)} had outputs, now stripped; checkpoints removed")
    else:
        written = notebooks.write_instructor_copies(project)
        for path in written:
            print(f"  {project.rel(path)}")
    return 0


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

    add(
        "clean",
        cmd_clean,
        "Turn data/raw/ into data/clean/: remove residue, parse numbers, resolve dates.",
    )
    add(
        "validate",
        cmd_validate,
        "Check data/clean/ with the Great Expectations suites in expectations/ and build Data Docs.",
    )
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
            type=int,
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
        "Trace one claim from the reports to its quote, offsets, raw file and checksum.",
    )
    p.add_argument("claim_id", help="a claim id, e.g. C008")
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
    return parser


def run_command(args: argparse.Namespace) -> int:
    """Find the project, then run the command; a writing command holds the project's lock
    and first repairs what a killed run left. Ctrl-C and SIGTERM are handled from here on."""
    import os

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
    except DeportdataError as error:
        print(error, file=sys.stderr)
        return EXIT_DATA_ERROR
    except FileNotFoundError as error:  # an input the checks above did not foresee
        print(f"{error.filename}: missing ({error.strerror})", file=sys.stderr)
        return EXIT_DATA_ERROR
    except KeyboardInterrupt:
        print("interrupted; nothing was published, the outputs are as they were", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
