"""The command line as a table (deportdata.cli.table, deportdata.cli.commands): one entry per
command, --root declared once and accepted before or after the command, and whether a
command writes read from its entry."""

from __future__ import annotations

import argparse

import pytest

from deportdata.cli import COMMANDS, build_parser
from deportdata.cli.table import Command, option, parser


def _noop(project, args) -> int:
    return 0


TABLE = (
    Command("look", "Look.", _noop),
    Command("change", "Change.", _noop, (option("--all", action="store_true"),), writes=True),
    Command(
        "maybe",
        "Maybe.",
        _noop,
        (option("--update", action="store_true"),),
        writes=lambda args: args.update,
    ),
)


def _parse(*argv: str) -> argparse.Namespace:
    return parser(TABLE, prog="t", description="", version="t 0").parse_args(list(argv))


def test_each_command_of_the_table_is_a_subcommand_with_its_entry():
    args = _parse("change", "--all")
    assert args.command == "change" and args.spec is TABLE[1] and args.all


@pytest.mark.parametrize(
    "argv, root",
    [
        (("look",), None),
        (("--root", "a", "look"), "a"),
        (("look", "--root", "b"), "b"),
        (("--root", "a", "look", "--root", "b"), "b"),  # given after the command, it wins
    ],
)
def test_root_is_accepted_before_or_after_the_command(argv, root):
    assert _parse(*argv).root == root


def test_whether_a_command_writes_comes_from_its_entry():
    assert not TABLE[0].writes_with(_parse("look"))
    assert TABLE[1].writes_with(_parse("change"))
    assert not TABLE[2].writes_with(_parse("maybe"))
    assert TABLE[2].writes_with(_parse("maybe", "--update"))


def test_the_package_table_names_each_command_once_and_every_one_is_parsed():
    names = [c.name for c in COMMANDS]
    assert len(names) == len(set(names))
    choices = build_parser()._subparsers._group_actions[0].choices
    assert sorted(choices) == sorted(names)


@pytest.mark.parametrize(
    "argv, writes",
    [
        (["build"], True),
        (["manifest"], False),
        (["manifest", "--update"], True),
        (["lesson", "list"], False),
        (["lesson", "reset"], True),
        (["cite"], False),
        (["serve"], False),
    ],
)
def test_the_writing_commands_take_the_lock_alone(argv, writes):
    args = build_parser().parse_args(argv)
    assert args.spec.writes_with(args) is writes


def test_only_the_server_reads_without_the_lock():
    assert [c.name for c in COMMANDS if not c.locks] == ["serve"]


def test_a_wrong_jobs_count_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args(["build", "--jobs", "0"])
    assert stop.value.code == 2
    assert "'0' is not a whole number of at least 1" in capsys.readouterr().err
