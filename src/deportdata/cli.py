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
WRITERS = {"clean", "validate", "report", "build", "codebook", "add-article"}


def _project(args: argparse.Namespace):
    """The project the command works on: --root exactly, else the one containing the current folder."""
    from deportdata.paths import Project

    if getattr(args, "project", None) is None:
        args.project = Project.at(args.root) if args.root else Project.find()
    return args.project


def _writes(args: argparse.Namespace) -> bool:
    return args.command in WRITERS or (args.command == "manifest" and args.update)


def _clean(args: argparse.Namespace, *, in_build: bool) -> int:
    """Run the clean step; uncoded mentions are listed, and they stop a build."""
    from deportdata.clean import run

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

    from deportdata import cache

    project = _project(args)
    need_clean_layer(project)
    if getattr(args, "reuse", False) and cache.validation_is_current(project):
        summary = json.loads(project.validation_results.read_text(encoding="utf-8"))["summary"]
        print(
            f"validate: unchanged since the last passing run ({sum(s['rules'] for s in summary)} rules); "
            f"Data Docs: {project.rel(project.data_docs / 'index.html')}"
        )
        return 0
    from deportdata.validate import run

    status = run(project)
    cache.record_validation(project, failed=1 if status else 0)
    return status


def cmd_report(args: argparse.Namespace) -> int:
    from deportdata.report import notebooks, reads_validation, run

    project = _project(args)
    need_clean_layer(project)
    if any(map(reads_validation, notebooks(project))) and not project.validation_results.is_file():
        raise DeportdataError(
            "the check results are not built",
            file=project.rel(project.validation_results),
            hint="run 'deportdata validate' first, or 'deportdata build' for everything",
        )
    return run(project, force=args.force, jobs=args.jobs)


def cmd_build(args: argparse.Namespace) -> int:
    """clean, then the checks and the report at once: the notebooks run while Great
    Expectations validates in another process, and their outputs reach reports/ only
    if the checks pass."""
    import os
    import subprocess

    from deportdata import cache
    from deportdata.io import interrupt
    from deportdata.io.kernel import die_with_parent
    from deportdata.io.lock import OWNER_ENV
    from deportdata.report import run as run_report

    project = _project(args)
    started = time.perf_counter()
    print("== clean", flush=True)
    interrupt.phase("clean")
    status = _clean(args, in_build=True)
    if status:
        return status
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
    from deportdata import manifest

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
    import csv
    import json

    from deportdata.codebook import render, render_rules
    from deportdata.files import Transaction
    from deportdata.io.recover import journal

    project = _project(args)
    rules = {
        name: (project.rules / name).read_text(encoding="utf-8")
        for name in ("numbers.yaml", "dates.yaml")
    }
    suites = {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(project.expectations.glob("*.json"))
    }
    with (project.raw / "known_issues.csv").open(encoding="utf-8", newline="") as fh:
        issues = list(csv.DictReader(fh))
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
    from deportdata.trace import trace

    project = _project(args)
    need_clean_layer(project)
    print(trace(project, args.claim_id))
    return 0


def cmd_add_article(args: argparse.Namespace) -> int:
    from datetime import date

    from deportdata.add_article import NewArticle, add, suggestions

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
        Path(args.file),
        args.id,
        args.outlet,
        args.headline,
        args.url,
        earliest,
        latest,
        args.basis,
        best,
        args.note or "",
    )
    mentions = add(project, new)
    print(
        f"added data/raw/articles/{args.id}.txt, registered in data/raw/articles.csv and the manifest"
    )
    text = (project.raw_articles / f"{args.id}.txt").read_bytes().decode("utf-8")
    print(suggestions(project, args.id, text, mentions), end="")
    print(
        "Next: paste and complete these rows, then run `deportdata manifest --update` and `deportdata build`;"
        " the build fails until every mention is coded or ignored."
    )
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
        ("build", cmd_build, "Run clean, validate and report in order."),
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
        "add-article",
        cmd_add_article,
        "Add an article to data/raw/ byte for byte, register it, and list its numbers to code.",
    )
    p.add_argument("file", help="the article text (UTF-8)")
    p.add_argument("--id", required=True, help="new article id: NNN_<16 hex digits>")
    p.add_argument(
        "--outlet", required=True, help="the publisher: an organisation id or a known alias"
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
        "--basis", required=True, choices=["source", "inferred"], help="how the date is known"
    )
    p.add_argument("--note", help="the reasoning behind the publication interval")
    return parser


def run_command(args: argparse.Namespace) -> int:
    """Find the project, then run the command; a writing command holds the project's lock
    and first repairs what a killed run left. Ctrl-C and SIGTERM are handled from here on."""
    import os

    from deportdata.io import interrupt
    from deportdata.io.lock import OWNER_ENV, project_lock
    from deportdata.paths import NotAProject

    try:
        project = _project(args)
    except NotAProject as error:
        print(error, file=sys.stderr)
        return EXIT_NOT_A_PROJECT
    child = os.environ.get(OWNER_ENV) == str(os.getppid())
    interrupt.install(args.command, project, quiet=child)
    interrupt.phase(args.command)
    if not _writes(args):
        return args.func(args)
    from deportdata.io.recover import recover

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
