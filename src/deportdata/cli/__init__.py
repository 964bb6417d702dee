"""The `deportdata` command: the table of commands (`commands.COMMANDS`), the project lock,
and one place where errors become a message and an exit status (`errors.Exit`)."""

from __future__ import annotations

import argparse
import os
import sys

from deportdata import __version__
from deportdata.cli.commands import COMMANDS
from deportdata.cli.table import parser
from deportdata.errors import DeportdataError, Exit, os_error_message

__all__ = ["COMMANDS", "build_parser", "main", "run_command"]


def build_parser() -> argparse.ArgumentParser:
    return parser(
        COMMANDS,
        prog="deportdata",
        description="Build, check and report the deportdata tables: raw -> clean -> checks -> reports.",
        version=f"deportdata {__version__}",
    )


def run_command(args: argparse.Namespace) -> int:
    """Find the project, then run the command; a writing command holds the project's lock
    and first repairs what a killed run left. Ctrl-C and SIGTERM are handled from here on."""
    from deportdata.config import NotAProject, Project
    from deportdata.io.recover import recover
    from deportdata.runtime import interrupt
    from deportdata.runtime.lock import project_lock

    try:
        project = args.project = Project.at(args.root) if args.root is not None else Project.find()
    except NotAProject as error:
        print(error, file=sys.stderr)
        return Exit.USAGE
    spec = args.spec
    interrupt.install(spec.name, project, recover=recover)
    interrupt.phase(spec.name)
    if not spec.writes_with(args):
        if not spec.locks:
            return spec.handler(project, args)
        with project_lock(project, spec.name, shared=True):
            return spec.handler(project, args)
    with project_lock(project, spec.name):
        for line in recover(project):
            print(f"{spec.name}: {line} (left by a run that was killed)", file=sys.stderr)
        return spec.handler(project, args)


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns its exit status (`errors.Exit`). Called in a program of
    its own (the `deportdata` script) or inside another one (a test): it leaves the signal
    handlers as it found them."""
    from deportdata.runtime import interrupt

    args = build_parser().parse_args(argv)
    try:
        return run_command(args)
    except DeportdataError as error:  # files named relative to the project
        project = getattr(args, "project", None)
        print(error.relative_to(project.root) if project else error, file=sys.stderr)
        return Exit.FAILED
    except KeyboardInterrupt:
        print("interrupted; nothing was published, the outputs are as they were", file=sys.stderr)
        return Exit.INTERRUPTED
    except BrokenPipeError:  # the reader of the output left (`| head`): no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return Exit.BROKEN_PIPE
    except OSError as error:  # unreadable, a folder for a file, a full disk: one line
        project = getattr(args, "project", None)
        print(os_error_message(error, project.root if project else None), file=sys.stderr)
        return Exit.FAILED
    finally:
        interrupt.uninstall()


if __name__ == "__main__":
    sys.exit(main())
