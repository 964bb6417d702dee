"""The one table reader (deportdata.io.tables) on small tables written here."""

from __future__ import annotations

import pandas as pd
import pytest

from deportdata.config import Project
from deportdata.errors import DeportdataError, ErrorList
from deportdata.io.tables import (
    FRAME_LINE,
    LINE,
    PROBLEMS,
    canonical,
    cell_problem,
    normalised,
    read_rows,
    read_table,
    type_problem,
)
from deportdata.schema import Column, Table, load_schema

TABLE = Table(
    name="things",
    layer="raw",
    path="things.csv",
    title="Things",
    description="",
    columns={
        "thing_id": Column("thing_id", required=True, pattern=r"^T\d+$"),
        "seen_on": Column("seen_on", type="date"),
        "count": Column("count", type="integer"),
        "is_big": Column("is_big", type="boolean"),
    },
    primary_key=("thing_id",),
)
HEADER = "thing_id,seen_on,count,is_big\n"


def rows_of(tmp_path, text: str, table: Table = TABLE):
    path = tmp_path / "things.csv"
    path.write_bytes(text.encode("utf-8"))
    return read_rows(path, table, "things.csv")


@pytest.mark.parametrize(
    ("kind", "value", "problem"),
    [
        ("date", "2002-03-01", None),
        ("date", "20020301", "'20020301' is not a date in the form YYYY-MM-DD"),
        ("date", "2002-W09", "'2002-W09' is not a date in the form YYYY-MM-DD"),
        ("date", "2002-02-30", "'2002-02-30' is not a date in the form YYYY-MM-DD"),
        ("date", "2002-3-1", "'2002-3-1' is not a date in the form YYYY-MM-DD"),
        ("integer", "-12", None),
        ("integer", "1.0", "'1.0' is not a whole number"),
        ("integer", "1,000", "'1,000' is not a whole number"),
        ("number", "1.5", None),
        ("number", "nan", "'nan' is not a number"),
        ("number", "1_000", "'1_000' is not a number"),
        ("boolean", "true", None),
        ("boolean", "True", "'True' is not true or false"),
        ("string", "anything", None),
    ],
)
def test_type_problem(kind, value, problem):
    assert type_problem(kind, value) == problem


def test_cell_problem_required_vocabulary_pattern_and_lists():
    kind = Column("kind", required=True, vocabulary="v")
    assert cell_problem(kind, "", {"a": ""}) == "is empty but required"
    assert cell_problem(kind, "b", {"a": ""}) == "'b' is not in the vocabulary (a)"
    assert cell_problem(kind, "b", {"a": ""}, full=False) is None  # types only
    ids = Column("ids", multi=True, pattern=r"^T\d+$")
    assert cell_problem(ids, "T1;T2") is None
    assert cell_problem(ids, "T1;X2") == r"'X2' does not match the pattern ^T\d+$"
    dates = Column("dates", type="date", multi=True)
    assert cell_problem(dates, "2002-03-01;20020302") == (
        "'20020302' is not a date in the form YYYY-MM-DD"
    )


def test_rows_keep_their_line_numbers(tmp_path):
    rows, errors = rows_of(tmp_path, HEADER + 'T1,2002-03-01,3,true\n\nT2,,,"false"\n')
    assert errors == []
    assert [(r["thing_id"], r[LINE]) for r in rows] == [("T1", "2"), ("T2", "4")]


def test_every_problem_is_named_by_line_and_column(tmp_path):
    text = HEADER + "T1,20020301,3,yes\nT1,2002-03-01,x,true\nT3,2002-03-01,1\n"
    _, errors = rows_of(tmp_path, text)
    assert [str(e) for e in errors] == [
        "things.csv:2: column seen_on: '20020301' is not a date in the form YYYY-MM-DD",
        "things.csv:2: column is_big: 'yes' is not true or false",
        "things.csv:3: column count: 'x' is not a whole number",
        "things.csv:4: row has 3 fields, the header has 4 (check for a missing or extra comma, "
        "or an unquoted comma inside a field)",
        "things.csv:3: column thing_id: duplicate id 'T1' (first on line 2)",
    ]


def test_header_problems_and_encodings(tmp_path):
    _, errors = rows_of(tmp_path, "thing_id,count,count\nT1,1,1\n")
    messages = {(e.column, e.message) for e in errors}
    assert ("seen_on", "column is missing from the header") in messages
    assert ("count", "column appears twice in the header") in messages
    rows, errors = rows_of(tmp_path, "\ufeff" + HEADER.replace("\n", "\r\n") + "T1,,,\r\n")
    assert errors == [] and rows[0]["thing_id"] == "T1"
    (tmp_path / "things.csv").write_bytes(HEADER.encode() + b"T1,\xff,,\n")
    _, errors = read_rows(tmp_path / "things.csv", TABLE, "things.csv")
    assert str(errors[0]).startswith("things.csv:2: is not valid UTF-8 (byte 33)")
    _, errors = read_rows(tmp_path / "none.csv", TABLE, "none.csv")
    assert errors[0].message == "file is missing"


def _clean_project(tmp_path, name: str, text: str) -> Project:
    table = load_schema().table("clean", name)
    (tmp_path / "data" / "clean").mkdir(parents=True)
    (tmp_path / "data" / "clean" / table.path).write_text(text, encoding="utf-8")
    return Project(tmp_path)


def test_typed_frame_from_a_clean_table(tmp_path):
    columns = list(load_schema().table("clean", "reference_removals").columns)
    row = {c: "" for c in columns}
    row.update(
        {"ref_id": "R001", "fiscal_year": "2002", "removals": "39", "measure": "all_removals"}
    )
    text = ",".join(columns) + "\n" + ",".join(row[c] for c in columns) + "\n"
    frame = read_table(_clean_project(tmp_path, "reference_removals", text), "reference_removals")
    assert frame["fiscal_year"].dtype == "Int64" and frame["fiscal_year"].iloc[0] == 2002
    assert frame["ref_id"].dtype == "string"
    assert FRAME_LINE not in frame and PROBLEMS not in frame


def test_a_bad_cell_is_an_error_strictly_and_a_problem_leniently(tmp_path):
    table = load_schema().table("clean", "reference_cumulative")
    date_column = next(c for c in table.columns.values() if c.type == "date")
    columns = list(table.columns)
    cells = ["" for _ in columns]
    cells[columns.index(date_column.name)] = "20020301"
    project = _clean_project(
        tmp_path, "reference_cumulative", ",".join(columns) + "\n" + ",".join(cells) + "\n"
    )
    with pytest.raises(ErrorList) as raised:
        read_table(project, "reference_cumulative")
    assert str(raised.value.errors[0]) == (
        f"data/clean/{table.path}:2: column {date_column.name}: "
        "'20020301' is not a date in the form YYYY-MM-DD"
    )
    frame = read_table(project, "reference_cumulative", lenient=True)
    assert pd.isna(frame[date_column.name].iloc[0])
    assert f"{date_column.name}: '20020301' is not a date" in frame[PROBLEMS].iloc[0]
    assert frame[FRAME_LINE].tolist() == [2]


def test_a_missing_clean_table_is_named(tmp_path):
    with pytest.raises(DeportdataError, match="clean table is missing"):
        read_table(Project(tmp_path), "claims")


def test_copied_rows_are_normalised():
    assert canonical(Column("n", type="integer"), "007") == "7"
    assert canonical(Column("n", type="integer"), "") == ""
    assert canonical(Column("d", type="date"), "2002-03-01") == "2002-03-01"
    table = load_schema().table("clean", "reference_removals")
    (out,) = normalised(table, [{"ref_id": "R001", "removals": "0039", LINE: "2"}])
    assert list(out) == list(table.columns) and out["removals"] == "39" and LINE not in out


def test_the_mode_names_a_layer(tmp_path):
    with pytest.raises(ValueError, match="mode"):
        read_table(Project(tmp_path), "claims", "draft")


def test_a_carriage_return_in_a_cell_is_written_quoted_and_read_back_as_written(tmp_path):
    """A text saved with CRLF line ends puts CRs in cells (the cleaning log's removed text):
    they are written quoted, and a clean table reads them back exactly."""
    from deportdata.io.files import csv_text
    from deportdata.io.tables import read_rows
    from deportdata.schema import load_schema

    table = load_schema().table("clean", "cleaning_log")
    columns = [c for c in table.columns if c != "_line"]
    row = {c: "" for c in columns} | {
        "log_id": "005_0123456789abcdef#1",
        "article_id": "005_0123456789abcdef",
        "rule": "r",
        "start": "0",
        "end": "6",
        "removed_text": "Menu\r\n",
        "reason": "Bare CR\ralone.",
    }
    text = csv_text(columns, [[row[c] for c in columns]])
    assert '"Bare CR\ralone."' in text
    path = tmp_path / "cleaning_log.csv"
    path.write_text(text, encoding="utf-8", newline="")
    rows, errors = read_rows(path, table, "cleaning_log.csv")
    assert errors == []
    assert (rows[0]["removed_text"], rows[0]["reason"]) == ("Menu\r\n", "Bare CR\ralone.")
