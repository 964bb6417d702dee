"""clean.occurrences: mentions grouped by occurrence_key, each occurrence dated by the
intersection of its mentions' intervals."""

from __future__ import annotations

from inline import context, row

from deportdata.clean.occurrences import build_occurrences, occurrence_id


def mention(event_id, article_id, earliest, latest, key="", **extra):
    """A clean event row as build_events gives it (the columns occurrences read)."""
    return {
        "event_id": event_id,
        "article_id": article_id,
        "occurrence_key": key,
        "description": f"description of {event_id}",
        "event_type": "statement",
        "date_earliest": earliest,
        "date_latest": latest,
        **extra,
    }


def reference(ref_event_id, earliest, latest, key="", line=2):
    return row(
        "reference_events",
        line,
        ref_event_id=ref_event_id,
        description=f"reference {ref_event_id}",
        event_type="agreement_signed",
        date_earliest=earliest,
        date_latest=latest,
        occurrence_key=key,
    )


def by_id(rows):
    return {r["occurrence_id"]: r for r in rows}


def test_occurrence_id_is_the_key_or_the_row_id():
    assert occurrence_id({"occurrence_key": "halt", "event_id": "E001"}, "event_id") == "halt"
    assert occurrence_id({"occurrence_key": "", "event_id": "E001"}, "event_id") == "E001"
    assert occurrence_id({"ref_event_id": "X001"}, "ref_event_id") == "X001"


def test_mentions_sharing_a_key_are_one_occurrence_dated_by_their_intersection():
    events = [
        mention("E001", "001_aaaaaaaaaaaaaaaa", "2017-08-01", "2017-08-31", key="halt"),
        mention("E007", "000_bbbbbbbbbbbbbbbb", "2017-08-07", "2017-08-13", key="halt"),
        mention("E002", "000_bbbbbbbbbbbbbbbb", "2017-08-10", "2017-08-10"),
    ]
    rows, reference_rows = build_occurrences(context(), events)
    assert reference_rows == []
    assert [e["occurrence_id"] for e in events] == ["halt", "halt", "E002"]  # set on each event
    halt = by_id(rows)["halt"]
    assert (halt["date_earliest"], halt["date_latest"], halt["date_precision"]) == (
        "2017-08-07",
        "2017-08-13",
        "range",
    )
    assert halt["mention_ids"] == "E001;E007" and halt["mentions"] == 2
    assert halt["article_ids"] == "000_bbbbbbbbbbbbbbbb;001_aaaaaaaaaaaaaaaa"  # sorted
    assert halt["articles"] == 2 and halt["in_reference"] is False
    assert halt["description"] == "description of E001"  # the first mention's words
    single = by_id(rows)["E002"]
    assert (single["date_precision"], single["mentions"], single["articles"]) == ("day", 1, 1)


def test_a_reference_event_joins_by_key_and_describes_the_occurrence():
    ctx = context(
        reference_events=[
            reference("X001", "2002-03-01", "2002-03-31", key="mou"),
            reference("X002", "2002-06-01", "2002-06-30", line=3),
        ]
    )
    events = [mention("E010", "000_bbbbbbbbbbbbbbbb", "2002-01-01", "2002-12-31", key="mou")]
    rows, reference_rows = build_occurrences(ctx, events)
    assert [r["occurrence_id"] for r in reference_rows] == ["mou", "X002"]
    assert all("_line" not in r for r in reference_rows)
    mou = by_id(rows)["mou"]
    assert (mou["date_earliest"], mou["date_latest"], mou["date_precision"]) == (
        "2002-03-01",
        "2002-03-31",
        "month",
    )
    assert mou["description"] == "reference X001" and mou["event_type"] == "agreement_signed"
    assert mou["mention_ids"] == "E010;X001" and mou["in_reference"] is True
    assert mou["article_ids"] == "000_bbbbbbbbbbbbbbbb" and mou["articles"] == 1
    only_reference = by_id(rows)["X002"]
    assert only_reference["articles"] == 0 and only_reference["article_ids"] == ""


def test_occurrences_are_sorted_by_date_then_id():
    events = [
        mention("E003", "000_bbbbbbbbbbbbbbbb", "2017-08-10", "2017-08-10"),
        mention("E001", "000_bbbbbbbbbbbbbbbb", "2017-08-10", "2017-08-10"),
        mention("E002", "000_bbbbbbbbbbbbbbbb", "2016-01-01", "2016-12-31"),
        mention("E004", "000_bbbbbbbbbbbbbbbb", "2016-01-01", "2016-06-30"),
    ]
    rows, _ = build_occurrences(context(), events)
    assert [r["occurrence_id"] for r in rows] == ["E004", "E002", "E001", "E003"]


def test_undated_mentions_give_an_undated_occurrence_sorted_first():
    events = [
        mention("E001", "000_bbbbbbbbbbbbbbbb", "2017-08-10", "2017-08-10"),
        mention("E002", "000_bbbbbbbbbbbbbbbb", "", ""),
        mention("E003", "000_bbbbbbbbbbbbbbbb", "", "", key="k"),
        mention("E004", "000_bbbbbbbbbbbbbbbb", "2017-08-01", "2017-08-31", key="k"),
    ]
    rows, _ = build_occurrences(context(), events)
    assert [r["occurrence_id"] for r in rows] == ["E002", "k", "E001"]
    undated = by_id(rows)["E002"]
    assert (undated["date_earliest"], undated["date_latest"], undated["date_precision"]) == (
        "",
        "",
        "",
    )
    # an undated mention does not widen or empty its occurrence: the dated one decides
    assert (by_id(rows)["k"]["date_earliest"], by_id(rows)["k"]["date_precision"]) == (
        "2017-08-01",
        "month",
    )


def test_mentions_that_do_not_meet_give_an_empty_interval_without_a_precision():
    """The occurrences suite (occurrences.mentions_meet) names such mentions: here the clean
    row must keep the evidence, earliest after latest."""
    events = [
        mention("E001", "000_bbbbbbbbbbbbbbbb", "2017-08-01", "2017-08-05", key="flight"),
        mention("E002", "001_aaaaaaaaaaaaaaaa", "2017-08-10", "2017-08-12", key="flight"),
    ]
    (flight,), _ = build_occurrences(context(), events)
    assert (flight["date_earliest"], flight["date_latest"]) == ("2017-08-10", "2017-08-05")
    assert flight["date_earliest"] > flight["date_latest"]
    assert flight["date_precision"] == ""
    assert flight["mention_ids"] == "E001;E002"
