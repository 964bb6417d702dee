"""Teaching notebooks and their answer keys: solutions pass, blanks run, wrong answers get hints."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import REPO, committed_text

from deportdata import teaching
from deportdata.checks.cumulative import falling
from deportdata.config import Project
from deportdata.io.load import load_table
from deportdata.schema import load_schema
from deportdata.teaching import review_a_draft as lesson4

TEACHING = REPO / "notebooks" / "teaching"
NOTEBOOKS = sorted(TEACHING.glob("*.ipynb"))
PROJECT = Project(REPO)
RIGHT, WRONG, BLANK = "✓", "✗", "not answered yet"


def lesson(path: Path) -> str:
    """'01-sentence-to-data-point.ipynb' → '1'."""
    return str(int(path.stem.split("-")[0]))


def execute(path: Path, out: Path, show_solutions: bool) -> list[dict]:
    """Execute the committed text of a teaching notebook with papermill; its cells, with outputs."""
    import papermill as pm

    executed, source = out / path.name, out / f"committed-{path.name}"
    source.write_text(committed_text(REPO, path), encoding="utf-8")  # not a student's saved copy
    pm.execute_notebook(
        str(source), str(executed),
        parameters={"show_solutions": show_solutions, "project_root": str(REPO)},
        kernel_name="deportdata", cwd=str(TEACHING), progress_bar=False, log_output=False,
        request_save_on_cell_execute=False,
    )  # fmt: skip
    return json.loads(executed.read_text(encoding="utf-8"))["cells"]


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """`executed(path, show_solutions)`: the lesson run once per test worker and reused by every
    test that reads the same run (the tests only read the cells)."""
    runs: dict[tuple[str, bool], list[dict]] = {}

    def get(path: Path, show_solutions: bool) -> list[dict]:
        key = (path.name, show_solutions)
        if key not in runs:
            out = tmp_path_factory.mktemp(f"{path.stem}-{show_solutions}")
            runs[key] = execute(path, out, show_solutions)
        return json.loads(json.dumps(runs[key]))  # a copy each time

    return get


def output_text(cells: list[dict]) -> str:
    """The text of all the cells' outputs."""
    texts = []
    for cell in cells:
        for output in cell.get("outputs", []):
            texts.append("".join(output.get("text", "")))
            texts.append("".join(output.get("data", {}).get("text/plain", "")))
    return "\n".join(texts)


def test_every_lesson_has_a_notebook_and_three_or_four_exercises():
    assert [lesson(p) for p in NOTEBOOKS] == [str(n) for n in range(1, len(NOTEBOOKS) + 1)]
    for path in NOTEBOOKS:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        ids = teaching.exercises(lesson(path))
        assert 3 <= len(ids) <= 4
        assert all(f'teaching.check("{i}", answer_' in source for i in ids), "a check cell each"


@pytest.mark.notebooks
@pytest.mark.xdist_group("teaching")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_with_solutions_passes_every_check(path, executed):
    text = output_text(executed(path, show_solutions=True))
    assert text.count(RIGHT) == len(teaching.exercises(lesson(path))), text
    assert WRONG not in text and BLANK not in text, text


@pytest.mark.notebooks
@pytest.mark.xdist_group("teaching")
@pytest.mark.parametrize("path", NOTEBOOKS[-2:], ids=[p.stem for p in NOTEBOOKS[-2:]])
def test_notebook_without_answers_runs_to_the_end(path, executed):
    """The lessons with the most machinery (copies, breaks, records; a draft, accept)."""
    text = output_text(executed(path, show_solutions=False))
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
        ("1.2", (low - 1, None), f"excludes {low - 1} itself: the lower bound is the smallest"),
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
        ("2.2", ("10 August", "2017-08-10"), "'10 August' is not a date written 'YYYY-MM-DD'"),
        ("2.2", ("10 August 2017", "2017-08-10"), "write it as '2017-08-10'"),
        ("2.2", ("10/08/2017", "2017-08-10"), "'10/08/2017' is written day and month"),
        ("2.2", ("2017-08-32", "2017-08-10"), "not a day of the calendar"),
        ("1.2", (str(low), None), f"value_low is the text '{low}', in quotes"),
        ("2.1", str(days), f"write {days} without the quotes"),
        ("3.4", {**record, "rule_id": teaching.POOLED_RULE}, "compares a reporter with itself"),
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


# ---------------------------------------------------------------- typical mistakes, every exercise


def _ints(value):
    """Paths to every whole number inside a solution (itself, or items of a tuple)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return [()]
    if isinstance(value, tuple):
        return [(i,) for i, v in enumerate(value) if isinstance(v, int) and not isinstance(v, bool)]
    return []


def _isodates(value):
    if isinstance(value, tuple):
        return [i for i, v in enumerate(value) if isinstance(v, str) and _is_iso(v)]
    return []


def _is_iso(text: str) -> bool:
    try:
        return len(text) == 10 and bool(date.fromisoformat(text))
    except ValueError:
        return False


def _replace(value, path, new):
    if not path:
        return new
    items = list(value)
    items[path[0]] = new
    return tuple(items)


def _typical_mistakes() -> list[tuple[str, object, list[str]]]:
    """(exercise, wrong answer, words the hint must contain), derived from each solution:
    numbers written as text, dates written the other ways people write them, the other rule."""
    cases = []
    for exercise in teaching.EXERCISES:
        right = teaching.solution(exercise, PROJECT)
        for path in _ints(right):
            number = right if not path else right[path[0]]
            cases.append((exercise, _replace(right, path, str(number)), [f"'{number}'", "quotes"]))
        for i in _isodates(right):
            day = date.fromisoformat(right[i])
            for text in (day.strftime("%d/%m/%Y"), day.strftime("%m/%d/%Y")):
                cases.append((exercise, _replace(right, (i,), text), [repr(text), "YYYY-MM-DD"]))
            text = day.strftime("%d %B %Y")
            cases.append((exercise, _replace(right, (i,), text), [repr(text), "YYYY-MM-DD"]))
        if isinstance(right, dict) and "recorded_on" in right:
            day = date.fromisoformat(right["recorded_on"])
            text = day.strftime("%d/%m/%Y")
            cases.append((exercise, {**right, "recorded_on": text}, ["recorded_on", repr(text)]))
            other = next(r for r in teaching.cumulative_rules(PROJECT) if r != right["rule_id"])
            cases.append((exercise, {**right, "rule_id": other}, [other, "asks for"]))
    return cases


@pytest.mark.parametrize("exercise, answer, words", _typical_mistakes())
def test_a_typical_mistake_gets_a_hint_naming_it(exercise, answer, words, capsys):
    assert teaching.check(exercise, answer, PROJECT) is False
    out = capsys.readouterr().out
    assert out.startswith(f"{WRONG} Not yet ({exercise})"), out
    assert "could not read" not in out, f"a raw error instead of a hint: {out}"
    for word in words:
        assert word in out, f"the hint does not name the mistake ({word!r}): {out}"


def test_typical_mistakes_cover_every_kind():
    kinds = {tuple(words[-1:]) for _, _, words in _typical_mistakes()}
    assert {("quotes",), ("YYYY-MM-DD",), ("asks for",)} <= kinds


# ---------------------------------------------------------------- answers out of sight


def _code(path: Path) -> list[str]:
    cells = json.loads(committed_text(REPO, path))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


def _literals(value) -> list[object]:
    if isinstance(value, tuple | list | set):
        return [x for v in value for x in _literals(v)]
    if isinstance(value, dict):
        return [
            x for k, v in value.items() if k not in ("recorded_on", "note") for x in _literals(v)
        ]
    return [value]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_answer_sits_in_a_student_cell(path):
    """Answer cells hold None, and the solution comes from the package only under show_solutions."""
    import ast

    sources = _code(path)
    answer_cells = [s for s in sources if re.search(r"^answer_\d+ = ", s, re.M)]
    assert answer_cells
    for source in answer_cells:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Assign) and node.targets[0].id.startswith("answer_"):
                value = ast.unparse(node.value)
                assert value == "None" or re.fullmatch(
                    r"teaching\.solution\('\d+\.\d+', project\)", value
                ), f"an answer written into the notebook: {ast.unparse(node)}"
    code = "\n".join(sources)
    tables = {t.name for t in load_schema().layer("clean")}  # "series" is loaded, not answered
    for exercise in teaching.exercises(lesson(path)):
        for literal in _literals(teaching.solution(exercise, PROJECT)):
            if isinstance(literal, str) and len(literal) > 3 and literal not in tables:
                assert repr(literal) not in code and f'"{literal}"' not in code, literal
            elif isinstance(literal, int) and literal >= 100:
                assert not re.search(rf"(?<![\w.]){literal}(?![\w.])", code), literal


def _giveaways(exercise: str) -> list[tuple[str, ...]]:
    """Pieces of output that, seen together on one line, give the answer away."""
    from deportdata.text import dates, numbers

    solved = teaching.EXERCISES[exercise].solve(PROJECT)
    if isinstance(solved, numbers.ParsedNumber):
        return [(f"low={solved.low!r}, high={solved.high!r}",)]
    if isinstance(solved, dates.Interval):
        return [(f"earliest={solved.earliest!r}, latest={solved.latest!r}",)]
    if exercise == "3.1":
        return list(teaching.falls(load_table("series", PROJECT), teaching.POOLED_RULE, PROJECT))
    if exercise == "3.2":
        return [solved]
    return []


def _lines(cell: dict) -> list[str]:
    """A cell's output as lines of text and rows of HTML tables (a wide frame's text wraps)."""
    lines = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        lines += (
            "".join(output.get("text", "")) + "".join(data.get("text/plain", ""))
        ).splitlines()
        lines += "".join(data.get("text/html", "")).replace("\n", " ").split("</tr>")
    return lines


@pytest.mark.notebooks
@pytest.mark.xdist_group("teaching")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_cell_before_a_check_prints_its_answer(path, executed):
    """'Run All' on a fresh lesson shows no answer above the check that would be given away."""
    cells = executed(path, show_solutions=False)
    for exercise in teaching.exercises(lesson(path)):
        check = next(
            i for i, c in enumerate(cells) if f'teaching.check("{exercise}"' in "".join(c["source"])
        )
        before = [line for c in cells[:check] for line in _lines(c)]
        for pieces in _giveaways(exercise):
            shown = [line for line in before if all(p in line for p in pieces)]
            assert not shown, f"{exercise}: a cell above its check shows the answer: {shown[0]}"


# ---------------------------------------------------------------- hints that teach


def _as_iso(text: str) -> str:
    """A date the student wrote another way, written YYYY-MM-DD (or the text unchanged)."""
    for form in ("%d/%m/%Y", "%m/%d/%Y", "%d %B %Y"):
        try:
            return datetime.strptime(text, form).date().isoformat()
        except ValueError:
            pass
    return text


def _answer_parts(right, wrong) -> list[str]:
    """The parts of the right answer a hint must not print: every value in it that the student's
    own answer does not hold (echoing the student's answer back, or a date of it in the form
    asked for, is fine)."""
    theirs = [str(v) for v in _literals(wrong)] if wrong is not None else []
    theirs += [_as_iso(v) for v in theirs]
    found = []
    for value in _literals(right):
        if value is None or isinstance(value, bool) or any(str(value) in t for t in theirs):
            continue
        if isinstance(value, int) and abs(value) < 10:
            continue  # a digit alone is part of too many words of a hint to be a giveaway
        found.append(str(value))
    return found


def _given_away(value: str, hint: str) -> bool:
    """`value` printed in the hint other than as one of a list of choices (", "-separated) or
    inside a phrase quoted from the article (quotes around words with spaces)."""
    for found in re.finditer(rf"(?<![\w-]){re.escape(value)}(?![\w-])", hint):
        before, after = hint[: found.start()], hint[found.end() :]
        if re.search(r",\s*'?$", before) or re.match(r"'?,\s", after):
            continue  # one of the choices the hint lists
        quoted = re.search(r"'([^']*)$", before)
        if quoted and " " in quoted.group(1) + after.split("'")[0]:
            continue  # inside a quoted phrase of the article
        return True
    return False


def _every_wrong_answer() -> list[tuple[str, object]]:
    pairs = [(e, a) for e, a, _ in _wrong_answers()] + [(e, a) for e, a, _ in _typical_mistakes()]
    return [*pairs, *((e, None) for e in teaching.EXERCISES)]


@pytest.mark.parametrize("exercise, answer", _every_wrong_answer())
def test_a_hint_never_prints_the_answer(exercise, answer, capsys):
    """A hint says what is off and where to look; the answer itself stays for the student."""
    assert teaching.check(exercise, answer, PROJECT) is False
    out = capsys.readouterr().out
    for value in _answer_parts(teaching.solution(exercise, PROJECT), answer):
        assert not _given_away(value, out), f"the hint gives the answer away ({value!r}): {out}"


def test_the_giveaway_check_can_fail():
    assert _given_away("561", "✗ Not yet (1.2): excludes 560 itself: try 561.")
    assert _given_away("cambodia_daily", "use the organisation_id: 'cambodia_daily'.")
    assert not _given_away("at_most", "the qualifiers are exact, at_most, about.")
    assert not _given_away("10", "read the whole phrase: 'wouldn’t send more than 10' negates")
