"""Unit tests of report/views/timeline.py on small inline frames (no file is read)."""

from __future__ import annotations

import pandas as pd

from deportdata.report import views

D = pd.Timestamp
ARTICLE_A, ARTICLE_B = "000_aaaaaaaaaaaaaaaa", "001_bbbbbbbbbbbbbbbb"


def occurrences() -> pd.DataFrame:
    return pd.DataFrame(
        {"occurrence_id": ["O1", "O2", "X9"], "description": ["d1", "d2", "d9"],
         "event_type": ["t"] * 3, "date_earliest": [D("2017-01-02"), D("2017-03-01"), D("2008-05-01")],
         "date_latest": [D("2017-01-02"), D("2017-03-31"), D("2008-05-01")],
         "date_precision": ["day", "month", "day"], "mentions": [3, 1, 1], "articles": [2, 1, 0],
         "article_ids": [f"{ARTICLE_A};{ARTICLE_B}", ARTICLE_B, pd.NA],
         "in_reference": [True, False, True], "mention_ids": ["E1;E3;X1", "E2", "X9"]}
    )  # fmt: skip


def tables() -> dict[str, pd.DataFrame]:
    events = pd.DataFrame(
        {"event_id": ["E1", "E2", "E3"], "article_id": [ARTICLE_A, ARTICLE_B, ARTICLE_B],
         "is_deadline": [False, True, False], "event_type": ["t"] * 3,
         "date_expression": ["on Monday", "until March", "in January"],
         "date_earliest": [D("2017-01-02"), D("2017-03-01"), D("2017-01-01")],
         "date_latest": [D("2017-01-02"), D("2017-03-31"), D("2017-01-31")],
         "date_precision": ["day", "month", "month"], "date_relation": ["at", "until", "at"],
         "date_basis": ["b"] * 3, "description": ["e1", "e2", "e3"],
         "occurrence_id": ["O1", "O2", "O1"]}
    )  # fmt: skip
    reference = pd.DataFrame(
        {"ref_event_id": ["X1", "X9"], "event_type": ["t", "t"], "date_text": ["2 Jan", "1 May"],
         "date_earliest": [D("2016-12-30"), D("2008-05-01")],
         "date_latest": [D("2017-01-02"), D("2008-05-01")], "date_precision": ["range", "day"],
         "basis": ["primary", "primary"], "description": ["x1", "x9"],
         "occurrence_id": ["O1", "X9"]}
    )  # fmt: skip
    articles = pd.DataFrame(
        {"article_id": [ARTICLE_B, ARTICLE_A], "outlet": ["post", "post"],
         "headline": ["h1", "h0"], "published_best": [D("2017-02-10"), D("2017-01-05")],
         "published_narrowed_earliest": [D("2017-02-09"), D("2017-01-04")],
         "published_narrowed_latest": [D("2017-02-11"), D("2017-01-06")],
         "published_narrowed_precision": ["range", "range"], "published_basis": ["b", "b"]}
    )  # fmt: skip
    organisations = pd.DataFrame({"organisation_id": ["post"], "name": ["The Post"]})
    aliases = pd.DataFrame(
        {"organisation_id": ["post"], "alias": ["the Post"], "valid_from_earliest": [pd.NaT]}
    )
    return {
        "events": events, "reference_events": reference, "articles": articles,
        "occurrences": occurrences(), "organisations": organisations,
        "organisation_aliases": aliases,
    }  # fmt: skip


def test_occurrences_name_who_mentions_them():
    table = views.timeline_occurrences(tables())
    assert list(table["mentioned_in"]) == ["000; 001; reference", "001", "reference"]


def test_occurrences_carry_the_widest_span_their_mentions_allow():
    table = views.timeline_occurrences(tables()).set_index("occurrence_id")
    # O1: E1 on 2 January, E3 in January, X1 from 30 December: intersection 2 January
    assert (table.loc["O1", "mentions_earliest"], table.loc["O1", "mentions_latest"]) == (
        D("2016-12-30"),
        D("2017-01-31"),
    )
    assert table.loc["O1", "date_earliest"] == table.loc["O1", "date_latest"] == D("2017-01-02")
    assert table.loc["X9", "mentions_earliest"] == table.loc["X9", "date_earliest"]


def test_timeline_events_put_the_reference_lane_first():
    timeline = views.timeline_events(tables())
    assert list(timeline["lane"].iloc[:2]) == ["reference", "reference"]
    publications = timeline[timeline["kind"] == "publication"]
    assert list(publications["description"]) == ["The Post: h0", "The Post: h1"]
    assert list(timeline.loc[timeline["kind"] == "deadline", "id"]) == ["E2"]


def test_by_article_lists_each_articles_events_in_publication_order():
    table = views.timeline_by_article(tables())
    assert list(table["article_id"]) == [ARTICLE_A, ARTICLE_B, ARTICLE_B]  # A appeared first
    assert list(table["event_id"]) == ["E1", "E3", "E2"]  # by date within an article
    assert list(table["articles_reporting"]) == [2, 2, 1]
    assert list(table["is_after_publication"]) == [False, False, True]  # "until March"
    assert table.loc[0, "article"] == "000 · The Post · 2017-01-05"
    assert table.loc[1, "published_latest"] == D("2017-02-11")
