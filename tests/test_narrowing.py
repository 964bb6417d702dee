"""Joint narrowing of publication intervals, with dates written from the texts and sources.

Article 004 (Phnom Penh Post) is coded as published 27 Jan – 4 Feb 2018. Its "ruling on
Friday" is Judge Carney's preliminary injunction, signed 25 Jan 2018 US time, which is
Friday 26 Jan in Cambodia (E036, C021); its "On Saturday" is the day after, 27 Jan (E040).
"Friday" can mean 26 Jan only if the article appeared by Thursday 1 Feb (from Friday
2 Feb on it would mean 2 Feb), and "Saturday" can mean 27 Jan only until Friday 2 Feb.
So 004 appeared between 27 Jan and 1 Feb 2018. The other four articles' constraints
hold on every coded publication day, so their intervals stay as coded.
"""

from __future__ import annotations

import csv
from datetime import date

import pytest
from conftest import HAND_CODED_ARTICLES, REPO, cli

from deportdata.text.interval import Interval
from deportdata.text.narrowing import (
    Constraint,
    NarrowingContradiction,
    allowed_days,
    narrow,
)

A0, A1, A2, A3, A4 = HAND_CODED_ARTICLES
D = date.fromisoformat


def _table(name: str) -> dict[str, dict[str, str]]:
    with (REPO / "data/clean" / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    key = next(iter(rows[0]))
    return {r[key]: r for r in rows}


def _interval(row: dict[str, str], name: str) -> tuple[str, str]:
    return row[f"{name}_earliest"], row[f"{name}_latest"]


# --- article 004 --------------------------------------------------------------------------

FRIDAY = Constraint("E036", "on Friday", Interval.day(D("2018-01-26")), "inferred")
SATURDAY = Constraint("E040", "On Saturday", Interval.day(D("2018-01-27")), "inferred")
CODED_004 = Interval(D("2018-01-27"), D("2018-02-04"))


def test_each_constraint_of_004_allows_the_days_the_calendar_gives():
    assert allowed_days(FRIDAY, CODED_004) == list(Interval(D("2018-01-27"), D("2018-02-01")))
    assert allowed_days(SATURDAY, CODED_004) == list(Interval(D("2018-01-27"), D("2018-02-02")))


def test_004_is_narrowed_to_27_january_to_1_february():
    found = narrow(CODED_004, [FRIDAY, SATURDAY])
    assert found.narrowed == Interval(D("2018-01-27"), D("2018-02-01"))
    assert found.narrowed_by == ("E036", "E040") and found.is_narrowed
    assert found.coded == CODED_004


def test_the_clean_articles_table_keeps_both_intervals():
    row = _table("articles")[A4]
    assert _interval(row, "published") == ("2018-01-27", "2018-02-04")
    assert _interval(row, "published_narrowed") == ("2018-01-27", "2018-02-01")
    assert row["published_narrowed_by"] == "C021;E036;E040"
    assert row["published_narrowed_precision"] == "range"


def test_the_rows_of_004_follow_the_narrowed_interval():
    events, claims = _table("events"), _table("claims")
    # "yesterday": the day before a publication day from 27 Jan to 1 Feb (was to 3 Feb)
    assert _interval(events["E037"], "date") == ("2018-01-26", "2018-01-31")
    # the ruling "on Friday": 26 Jan, for the event and for the 92 it protects (was to 2 Feb)
    assert _interval(events["E036"], "date") == ("2018-01-26", "2018-01-26")
    assert _interval(claims["C021"], "as_of") == ("2018-01-26", "2018-01-26")
    assert claims["C021"]["as_of_precision"] == "day"
    assert claims["C021"]["as_of_basis"] == "expression+constraint"
    # "over the last year" ends on the last possible publication day, 1 Feb
    assert events["E038"]["date_latest"] == "2018-02-01"
    # a figure without a time expression is true when printed: 27 Jan to 1 Feb
    assert _interval(claims["C020"], "as_of") == ("2018-01-27", "2018-02-01")
    assert claims["C020"]["as_of_basis"] == "publication"
    # the deadline "until February 5" is still ahead, and every row knows the new last day
    assert _interval(events["E041"], "date") == ("2018-02-05", "2018-02-05")
    assert {e["published_latest"] for e in events.values() if e["article_id"] == A4} == {
        "2018-02-01"
    }


def test_one_ruling_has_one_interval_across_articles():
    """002's "late last month" (VOA, a US outlet) keeps 25–26 Jan, 004's "on Friday" 26 Jan;
    the occurrence is the day both allow."""
    events, claims = _table("events"), _table("claims")
    assert _interval(events["E025"], "date") == ("2018-01-25", "2018-01-26")
    assert _interval(claims["C012"], "as_of") == ("2018-01-25", "2018-01-26")
    occurrence = _table("occurrences")["injunction_92_detainees_2018_01_25"]
    assert _interval(occurrence, "date") == ("2018-01-26", "2018-01-26")
    assert occurrence["mention_ids"] == "E025;E036;X012" and occurrence["articles"] == "2"


# --- the other four articles: every constraint holds on every coded day ------------------

UNCHANGED = {
    # 000: "In April" is 25 Apr 2017 and "in October" 28 Oct 2016 on any day of 10–12 Aug 2017
    A0: (("2017-08-10", "2017-08-12"), [("In April", "2017-04-25"), ("in October", "2016-10-28")]),
    # 001: "in December" is December 2016 on any day of 1–15 Feb 2017
    A1: (("2017-02-01", "2017-02-15"), [("in December", "2016-12-01..2016-12-31")]),
    # 002: "On Friday" is 9 Feb 2018 whether it appeared on Fri 9 or Sat 10 Feb; "late last
    # month" (21–31 Jan) includes the 25–26 Jan ruling; "in September" is September 2017
    A2: (
        ("2018-02-09", "2018-02-10"),
        [("On Friday", "2018-02-09"), ("late last month", "2018-01-25..2018-01-26"),
         ("in September", "2017-09-13")],
    ),
    # 003: "on Wednesday" is 15 Jan 2020 from Thu 16 or Fri 17 Jan; "Last October" 24 Oct 2019
    A3: (
        ("2020-01-16", "2020-01-17"),
        [("on Wednesday", "2020-01-15"), ("Last October", "2019-10-24")],
    ),
}  # fmt: skip


@pytest.mark.parametrize("article_id", sorted(UNCHANGED))
def test_articles_whose_constraints_hold_on_every_day_keep_their_interval(article_id):
    (earliest, latest), expected = UNCHANGED[article_id]
    coded = Interval(D(earliest), D(latest))
    constraints = [
        Constraint(f"R{n}", expression, Interval.parse(*allowed.split("..")))
        for n, (expression, allowed) in enumerate(expected)
    ]
    for c in constraints:
        assert allowed_days(c, coded) == list(coded), c
    assert narrow(coded, constraints).narrowed == coded
    row = _table("articles")[article_id]
    assert _interval(row, "published_narrowed") == (earliest, latest)
    assert row["published_narrowed_by"] == ""


# --- contradictions -----------------------------------------------------------------------


def test_a_contradiction_names_every_row_and_its_constraint():
    # "On Saturday" as 3 Feb needs publication from 3 Feb; "on Friday" as 26 Jan by 1 Feb
    saturday_3_feb = Constraint("E040", "On Saturday", Interval.day(D("2018-02-03")), "inferred")
    with pytest.raises(NarrowingContradiction) as info:
        narrow(CODED_004, [FRIDAY, saturday_3_feb])
    message = str(info.value)
    assert message.startswith("no publication day in 2018-01-27..2018-02-04 fits")
    assert (
        "E036 'on Friday' must mean 2018-01-26 (inferred) "
        "(allows publication on 2018-01-27..2018-02-01)"
    ) in message
    assert (
        "E040 'On Saturday' must mean 2018-02-03 (inferred) "
        "(allows publication on 2018-02-03..2018-02-04)"
    ) in message


def test_a_contradiction_in_the_raw_layer_stops_the_clean_step(project_copy):
    path = project_copy / "data/raw/events.csv"
    # the comment 'On Saturday' moved to Saturday 3 Feb, which needs publication from 3 Feb
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    for row in rows:
        if row["event_id"] == "E040":
            row["date_constraint_earliest"] = row["date_constraint_latest"] = "2018-02-03"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    assert cli("--root", str(project_copy), "manifest", "--update").returncode == 0
    before = (project_copy / "data/clean/articles.csv").read_bytes()
    result = cli("--root", str(project_copy), "clean")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    line = next(x for x in result.stderr.splitlines() if "no publication day" in x)
    assert line.startswith("data/raw/articles.csv:6: column published_earliest:"), line
    assert "E036 'on Friday' must mean 2018-01-26" in line
    assert "E040 'On Saturday' must mean 2018-02-03" in line
    assert (project_copy / "data/clean/articles.csv").read_bytes() == before
