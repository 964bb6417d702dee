"""The command line as data: a `Command` is its name, help, options, how it takes the
project's lock, and its handler; `parser` turns a table of them into argparse's parser."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from deportdata.config import Project


@dataclass(frozen=True)
class Option:
    """One argument of a command, as `ArgumentParser.add_argument` takes it."""

    flags: tuple[str, ...]
    settings: dict[str, Any]


def option(*flags: str, **settings: Any) -> Option:
    return Option(flags, settings)


@dataclass(frozen=True)
class Command:
    """A `deportdata` command.

    `writes`: whether it writes into the project (then it holds the project's lock alone
    and first repairs what a killed run left); a function of the arguments when that depends
    on them. A command that only reads shares the lock while it reads, unless `locks` is
    False (a server, which runs for long and reads an export that is replaced whole)."""

    name: str
    help: str
    handler: Callable[[Project, argparse.Namespace], int]
    options: tuple[Option, ...] = ()
    writes: bool | Callable[[argparse.Namespace], bool] = False
    locks: bool = True

    def writes_with(self, args: argparse.Namespace) -> bool:
        return self.writes(args) if callable(self.writes) else self.writes


# --root, declared once: before the command (`deportdata --root DIR build`) or after it
# (`deportdata build --root DIR`); given after, it wins
ROOT = option(
    "--root",
    metavar="DIR",
    help="the project folder to work on (default: the one containing the current folder)",
)


def _add(parser: argparse.ArgumentParser, opt: Option, **override: Any) -> None:
    parser.add_argument(*opt.flags, **{**opt.settings, **override})


def parser(
    commands: tuple[Command, ...], *, prog: str, description: str, version: str
) -> argparse.ArgumentParser:
    """argparse's parser for a table of commands: `args.command` is the name of the chosen
    command, `args.spec` its `Command`."""
    top = argparse.ArgumentParser(prog=prog, description=description)
    top.add_argument("--version", action="version", version=version)
    _add(top, ROOT, default=None)
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in commands:
        p = sub.add_parser(command.name, help=command.help, description=command.help)
        _add(p, ROOT, default=argparse.SUPPRESS)  # keeps the value given before the command
        for opt in command.options:
            _add(p, opt)
        p.set_defaults(spec=command)
    return top
