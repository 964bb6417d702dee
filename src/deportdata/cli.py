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

EXIT_DATA_ERROR = 1


def _project(args: argparse.Namespace):
    from deportdata.paths import Project

    return Project(Path(args.root).resolve()) if args.root else Project.find()


def cmd_clean(args: argparse.Namespace) -> int:
    from deportdata.clean import run

    summary = run(_project(args))
    print(summary)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from deportdata.validate import run

    return run(_project(args))


def cmd_report(args: argparse.Namespace) -> int:
    from deportdata.report import run

    return run(_project(args), force=args.force, jobs=args.jobs)


def cmd_build(args: argparse.Namespace) -> int:
    project = _project(args)
    started = time.perf_counter()
    print("== clean", flush=True)
    cmd_clean(args)
    print("== validate", flush=True)
    status = cmd_validate(args)
    if status:
        return status
    print("== report", flush=True)
    status = cmd_report(args)
    print(f"build finished in {time.perf_counter() - started:.1f} s: {project.rel(project.reports / 'index.html')}")
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
    from deportdata.codebook import render
    from deportdata.files import write_text_atomic

    project = _project(args)
    path = project.root / "docs" / "CODEBOOK.md"
    rules = {name: (project.rules / name).read_text(encoding="utf-8") for name in ("numbers.yaml", "dates.yaml")}
    changed = write_text_atomic(path, render(rules=rules))
    print(f"{project.rel(path)}: {'written' if changed else 'already up to date'}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="deportdata",
        description="Build, check and report the deportdata tables: raw -> clean -> checks -> reports.",
    )
    parser.add_argument("--version", action="version", version=f"deportdata {__version__}")
    parser.add_argument("--root", metavar="DIR",
                        help="the project folder to work on (default: the one containing the current folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, func, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--root", metavar="DIR", default=argparse.SUPPRESS,
                       help="the project folder to work on (default: the current one)")
        p.set_defaults(func=func)
        return p

    add("clean", cmd_clean, "Turn data/raw/ into data/clean/: remove residue, parse numbers, resolve dates.")
    add("validate", cmd_validate,
        "Check data/clean/ with the Great Expectations suites in expectations/ and build Data Docs.")
    for name, func, text in (
        ("report", cmd_report, "Run the notebooks with papermill into reports/ (figures, tables, index.html)."),
        ("build", cmd_build, "Run clean, validate and report in order."),
    ):
        p = add(name, func, text)
        p.add_argument("--force", action="store_true", help="rerun every notebook, even if its inputs are unchanged")
        p.add_argument("--jobs", type=int, default=None, metavar="N",
                       help="notebooks to run at once (default: the number of cores)")
    p = add("manifest", cmd_manifest, "Check data/raw/ against data/raw/MANIFEST.sha256 (or --update it).")
    p.add_argument("--update", action="store_true", help="rewrite the manifest from the raw files as they are")
    add("codebook", cmd_codebook, "Write docs/CODEBOOK.md from the schema (every table, column and vocabulary).")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "root"):
        args.root = None
    try:
        return args.func(args)
    except DeportdataError as error:
        print(error, file=sys.stderr)
        return EXIT_DATA_ERROR
    except KeyboardInterrupt:
        print("interrupted; previous outputs are left as they were", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
