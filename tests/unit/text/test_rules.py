"""The rules kept as data, loaded once per project (deportdata.text.rules)."""

from __future__ import annotations

import os
import shutil

from conftest import REPO

from deportdata.config import RULE_FILES, Project
from deportdata.text.mentions import scan
from deportdata.text.numbers import load_conventions, parse_number
from deportdata.text.rules import Rules, default_rules


def _project(tmp_path) -> Project:
    shutil.copytree(REPO / "data" / "raw" / "rules", tmp_path / "data" / "raw" / "rules")
    return Project(tmp_path)


def test_rules_are_read_once_per_project(tmp_path):
    project = _project(tmp_path)
    assert Rules.load(project) is Rules.load(project)
    assert Rules.load(project) == default_rules()
    assert default_rules().numbers == load_conventions(REPO / "data/raw/rules/numbers.yaml")


def test_a_changed_rule_file_is_read_again(tmp_path):
    project = _project(tmp_path)
    before = Rules.load(project)
    path = project.rule_file("numbers")
    path.write_text(
        path.read_text(encoding="utf-8").replace("dozens: [24, 99]", "dozens: [13, 99]"),
        encoding="utf-8",
    )
    os.utime(path, ns=(1, 1))  # a new time stamp, whatever the file system's resolution
    after = Rules.load(project)
    assert after is not before
    assert parse_number("dozens", after.numbers).low == 13


def test_one_vocabulary_of_vague_amounts(tmp_path):
    """The coverage scan finds exactly the vague amounts that numbers.yaml can read."""
    rules = Rules.load(_project(tmp_path))
    heads = {words[-1] for words, _, _ in rules.numbers.vague}
    assert rules.mentions.vague_amounts == heads
    for words, _, _ in rules.numbers.vague:
        phrase = " ".join(words)
        assert parse_number(phrase, rules.numbers).qualifier == "vague"
        found = scan(f"They sent {phrase} of them.", rules.mentions)
        assert (found[-1].form, found[-1].text) == ("vague", words[-1])  # "tens": a number word


def test_a_vague_amount_added_to_numbers_is_scanned(tmp_path):
    project = _project(tmp_path)
    path = project.rule_file("numbers")
    text = path.read_text(encoding="utf-8").replace(
        "  dozens: [24, 99]\n", "  dozens: [24, 99]\n  a bunch: [3, 20]\n"
    )
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(2, 2))
    rules = Rules.load(project)
    assert [m.text for m in scan("a bunch of people", rules.mentions)] == ["bunch"]


def test_rule_file_names_are_in_one_place():
    assert Project(REPO).rule_file("numbers") == REPO / "data/raw/rules" / RULE_FILES["numbers"]
    assert all((REPO / "data/raw/rules" / name).is_file() for name in RULE_FILES.values())
