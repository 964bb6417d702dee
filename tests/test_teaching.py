"""Teaching notebooks and their answer keys: solutions pass, blanks run, wrong answers get hints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO

from deportdata import teaching
from deportdata.checks.cumulative import falling
from deportdata.coding import lesson as lesson4
from deportdata.load import load_table
from deportdata.paths import Project

TEACHING = REPO / "notebooks" / "teaching"
NOTEBOOKS = sorted(TEACHING.glob("*.ipynb"))
PROJECT = Project(REPO)
RIGHT, WRONG, BLANK = "✓", "✗", "not answered yet"


def lesson(path: Path) -> str:
    """'01-sentence-to-data-point.ipynb' → '1'."""
    return str(int(path.stem.split("-")[0]))


def run_notebook(path: Path, out: Path, show_solutions: bool) -> str:
    """Execute a teaching notebook with papermill; the text of all its outputs."""
    import papermill as pm

    executed = out / path.name
    pm.execute_notebook(
        str(path), str(executed),
        parameters={"show_solutions": show_solutions, "project_root": str(REPO)},
        kernel_name="deportdata", cwd=str(TEACHING), progress_bar=False, log_output=False,
        request_save_on_cell_execute=False, extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )  # fmt: skip
    texts = []
    for cell in json.loads(executed.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            texts.append("".join(output.get("text", "")))
            texts.append("".join(output.get("data", {}).get("text/plain", "")))
    return "\n".join(texts)


def test_every_lesson_has_a_notebook_and_three_or_four_exercises():
    assert [lesson(p) for p in NOTEBOOKS] == ["1", "2", "3", "4"]
    for path in NOTEBOOKS:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        ids = teaching.exercises(lesson(path))
        assert 3 <= len(ids) <= 4
        assert all(f'teaching.check("{i}", answer_' in source for i in ids), "a check cell each"


@pytest.mark.xdist_group("teaching")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_with_solutions_passes_every_check(path, tmp_path):
    text = run_notebook(path, tmp_path, show_solutions=True)
    assert text.count(RIGHT) == len(teaching.exercises(lesson(path))), text
    assert WRONG not in text and BLANK not in text, text


@pytest.mark.xdist_group("teaching")
@pytest.mark.parametrize("path", NOTEBOOKS[-2:], ids=[p.stem for p in NOTEBOOKS[-2:]])
def test_notebook_without_answers_runs_to_the_end(path, tmp_path):
    """The lessons with the most machinery (copies, breaks, records; a draft, accept)."""
    text = run_notebook(path, tmp_path, show_solutions=False)
    assert text.count(BLANK) == len(teaching.exercises(lesson(path)))
    assert RIGHT not in text and WRONG not in text


@pytest.mark.parametrize("exercise", list(teaching.EXERCISES))
def test_solution_passes(exercise, capsys):
    assert teaching.check(exercise, teaching.solution(exercise, PROJECT), PROJECT) is True
    assert capsys.readouterr().out.startswith(f"{RIGHT} Correct ({exercise})")


@pytest.mark.parametrize("exercise", list(teaching.EXERCISES))
def test_blank_answer_is_not_an_error(exercise, capsys):
    assert teaching.check(exercise, None, PROJECT) is False
    out = capsys.readouterr().out
    assert BLANK in out and WRONG not in out


def _wrong_answers() -> list[tuple[str, object, str]]:
    """(exercise, a typical wrong answer, words the hint must contain), from the real keys."""
    low, _ = teaching.solution("1.2", PROJECT)
    earliest, latest = teaching.solution("2.3", PROJECT)
    start, end, _ = teaching.solution("2.4", PROJECT)
    days = teaching.solution("2.1", PROJECT)
    falls, earlier = teaching.solution("3.2", PROJECT)
    smallest = teaching.solution("3.3", PROJECT)
    record = teaching.solution("3.4", PROJECT)
    return [
        ("1.1", "560", "leaves out 'more than'"),
        ("1.1", "more than 560 Cambodians", "leave out 'Cambodians'"),
        ("1.1", "more than 600", "does not occur in the quote"),
        ("1.2", (low - 1, None), f"excludes {low - 1} itself: try {low}"),
        ("1.2", (low, 1000), "write None"),
        ("1.2", low, "give two values"),
        ("1.3", ("more_than", 11, None), "negates 'more than'"),
        ("1.3", ("at_most", None, 10), "cannot be negative"),
        ("1.3", ("lots", 0, 10), "not a qualifier"),
        ("1.4", "risc_kvao", "attributed to the outlet"),
        ("1.4", "Cambodia Daily", "use the organisation_id"),
        ("1.4", "nobody", "not an organisation_id"),
        ("2.1", days - 1, "both ends are possible days"),
        ("2.2", ("2017-08-17", "2017-08-17"), "looks back, not forward"),
        ("2.2", ("2017-08-03", "2017-08-03"), "too early"),
        ("2.2", ("10 August", "2017-08-10"), "could not read that answer"),
        ("2.3", (earliest, earliest), "may have appeared any day"),
        ("2.3", (latest, latest), "may have appeared any day"),
        ("2.3", ("2018-01-01", latest), "too wide"),
        ("2.4", ("2018-01-20", end, "range"), "data/raw/rules/dates.yaml"),
        ("2.4", (start, end, "month"), "precision 'month' is not"),
        ("3.1", "reference:K999", "not a series_row_id"),
        ("3.1", "reference:K005", "is the earlier total"),
        ("3.2", (earlier, falls), "the other way round"),
        ("3.3", smallest + 1, "equal to an earlier one does not fall"),
        ("3.3", smallest - 1, "still falls"),
        ("3.3", smallest + 100, "not the smallest"),
        ("3.4", {k: v for k, v in record.items() if k != "note"}, "missing ['note']"),
        ("3.4", {**record, "issue_id": "I001"}, "be new"),
        ("3.4", {**record, "rule_id": "series.id_unique"}, "rule that fails on this row"),
        ("3.4", {**record, "row_id": earlier}, "row_id is the row that falls"),
        ("3.4", {**record, "quote": "768"}, "contains the figure"),
        ("3.4", {**record, "url": ""}, "must be filled in"),
        ("3.4", {**record, "recorded_on": "yesterday"}, "YYYY-MM-DD"),
        ("4.1", lesson4.SLIP, "the draft's value, with the slip"),
        ("4.1", "560", "leaves out the words that qualify the number"),
        ("4.1", 560, "value_text is text"),
        ("4.1", "more than 560 Cambodians", "not the figure as the quote prints it"),
        ("4.2", "C001", "accept gives fresh ids"),
        ("4.2", "D-C001", 'a claim_id looks like "C012"'),
        ("4.2", "C999", "look for the row with the corrected value_text"),
        ("4.3", "hand", "marks rows a person coded without the tool"),
        ("4.3", "reviewed", "look at the coded_by column"),
    ]


@pytest.mark.parametrize("exercise, answer, hint", _wrong_answers())
def test_wrong_answer_gets_a_helpful_hint(exercise, answer, hint, capsys):
    assert teaching.check(exercise, answer, PROJECT) is False
    out = capsys.readouterr().out
    assert out.startswith(f"{WRONG} Not yet ({exercise})") and hint in out, out


def test_unknown_exercise_is_named(capsys):
    assert teaching.check("9.9", 1, PROJECT) is False
    assert "no exercise '9.9'" in capsys.readouterr().out


def test_break_works_on_a_copy_and_fails_only_the_broken_row():
    series = load_table("series", PROJECT)
    row_id, value = teaching.BREAK
    broken = teaching.lower_total(series, row_id, value)
    assert series.loc[series["series_row_id"] == row_id, "value"].iloc[0] != value
    assert falling(teaching.totals(series, "series_id")) == [None] * len(series)
    falls = teaching.falls(broken, teaching.PER_REPORTER_RULE, PROJECT)
    assert [row for row, _ in falls] == [row_id]
    with pytest.raises(KeyError):
        teaching.lower_total(series, "corpus:C999", value)


def test_cumulative_rules_come_from_the_suite():
    rules = teaching.cumulative_rules(PROJECT)
    assert {teaching.PER_REPORTER_RULE, teaching.POOLED_RULE} <= set(rules)
    assert all(column in load_table("series", PROJECT) for column in rules.values())
