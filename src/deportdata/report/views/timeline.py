"""04-timeline: every dated event, the real-world events they mention, publication dates,
and what each article dates."""

from __future__ import annotations

import pandas as pd

from deportdata.report.views.common import Tables, article_labels, reporter_labels


def timeline_events(tables: Tables) -> pd.DataFrame:
    """Every dated event (corpus and reference) and every article's publication interval.

    `lane` is "reference" for context events from outside the corpus, else the
    article_id; `kind` is "event", "deadline" or "publication".

    Uses: events, reference_events, articles, organisations, organisation_aliases.
    """
    events = tables["events"]
    reference = tables["reference_events"]
    articles = tables["articles"]
    names = reporter_labels(tables)
    corpus = pd.DataFrame(
        {
            "lane": events["article_id"],
            "id": events["event_id"],
            "kind": events["is_deadline"].map({True: "deadline", False: "event"}),
            "event_type": events["event_type"],
            "date_expression": events["date_expression"],
            "date_earliest": events["date_earliest"],
            "date_latest": events["date_latest"],
            "date_precision": events["date_precision"],
            "date_relation": events["date_relation"],
            "date_basis": events["date_basis"],
            "description": events["description"],
            "occurrence_id": events["occurrence_id"],
        }
    )
    context = pd.DataFrame(
        {
            "lane": "reference",
            "id": reference["ref_event_id"],
            "kind": "event",
            "event_type": reference["event_type"],
            "date_expression": reference["date_text"],
            "date_earliest": reference["date_earliest"],
            "date_latest": reference["date_latest"],
            "date_precision": reference["date_precision"],
            "date_relation": "at",
            "date_basis": reference["basis"],
            "description": reference["description"],
            "occurrence_id": reference["occurrence_id"],
        }
    )
    published = pd.DataFrame(
        {
            "lane": articles["article_id"],
            "id": articles["article_id"],
            "kind": "publication",
            "event_type": "publication",
            "date_expression": articles["published_best"].dt.strftime("%Y-%m-%d"),
            "date_earliest": articles["published_narrowed_earliest"],
            "date_latest": articles["published_narrowed_latest"],
            "date_precision": articles["published_narrowed_precision"],
            "date_relation": "at",
            "date_basis": articles["published_basis"],
            "description": articles["outlet"].map(names) + ": " + articles["headline"],
            "occurrence_id": pd.NA,
        }
    )
    frame = pd.concat([context, published, corpus], ignore_index=True)
    frame["_lane"] = (frame["lane"] != "reference").astype(int)
    frame["_kind"] = frame["kind"].map({"publication": 0, "event": 1, "deadline": 1})
    frame = frame.sort_values(["_lane", "lane", "_kind", "date_earliest", "date_latest", "id"])
    return frame.drop(columns=["_lane", "_kind"]).reset_index(drop=True)


def _mentioned_in(occurrences: pd.DataFrame) -> pd.Series:
    """The articles (by number: the first three characters of each id) and "reference" that
    mention each occurrence, as "000; 001; reference"."""
    numbers = occurrences["article_ids"].fillna("").astype(str)
    numbers = numbers.str.replace(r"([^;]{1,3})[^;]*", r"\1", regex=True).str.replace(";", "; ")
    reference = occurrences["in_reference"].fillna(False).astype(bool)
    with_reference = numbers.where(numbers == "", numbers + "; ") + "reference"
    return with_reference.where(reference, numbers)


def _mention_spans(tables: Tables) -> pd.DataFrame:
    """Per occurrence_id, the widest span its mentions allow: the earliest of their earliest
    days and the latest of their latest days (events and reference events)."""
    columns = ["occurrence_id", "date_earliest", "date_latest"]
    mentions = pd.concat(
        [tables["events"][columns], tables["reference_events"][columns]], ignore_index=True
    )
    return mentions.groupby("occurrence_id").agg(
        mentions_earliest=("date_earliest", "min"), mentions_latest=("date_latest", "max")
    )


def timeline_occurrences(tables: Tables) -> pd.DataFrame:
    """One row per real-world event, with the intersection of its mentions' intervals
    (`date_*`) and the widest span any of them allows (`mentions_earliest`/`_latest`).

    `mentioned_in` names the articles (by number) and "reference" when a context event
    is among the mentions, so a reader sees at once who reports the event.

    Uses: occurrences, events, reference_events.
    """
    occurrences = tables["occurrences"]
    frame = occurrences.assign(mentioned_in=_mentioned_in(occurrences))
    frame = frame.join(_mention_spans(tables), on="occurrence_id")
    columns = [
        "occurrence_id", "description", "event_type", "date_earliest", "date_latest",
        "date_precision", "mentions_earliest", "mentions_latest", "mentions", "articles",
        "in_reference", "mentioned_in", "mention_ids",
    ]  # fmt: skip
    return frame[columns].reset_index(drop=True)


def timeline_by_article(tables: Tables) -> pd.DataFrame:
    """What each article dates: one row per dated event of each article, the articles in
    publication order, with the article's (narrowed) publication interval and how many
    articles report the same real-world event.

    `is_after_publication` marks an event that may only lie after the article appeared (an
    announced deadline).

    Uses: events, occurrences, articles, organisations, organisation_aliases.
    """
    events, articles = tables["events"], tables["articles"]
    reporting = tables["occurrences"].set_index("occurrence_id")["articles"]
    published = articles.set_index("article_id")
    frame = pd.DataFrame(
        {
            "article_id": events["article_id"],
            "article": events["article_id"].map(article_labels(tables)),
            "published_earliest": events["article_id"].map(
                published["published_narrowed_earliest"]
            ),
            "published_latest": events["article_id"].map(published["published_narrowed_latest"]),
            "event_id": events["event_id"],
            "kind": events["is_deadline"].map({True: "deadline", False: "event"}),
            "date_expression": events["date_expression"],
            "date_earliest": events["date_earliest"],
            "date_latest": events["date_latest"],
            "date_precision": events["date_precision"],
            "date_relation": events["date_relation"],
            "occurrence_id": events["occurrence_id"],
            "articles_reporting": events["occurrence_id"].map(reporting),
            "description": events["description"],
        }
    )
    frame["is_after_publication"] = frame["date_earliest"] > frame["published_latest"]
    frame = frame.sort_values(
        ["published_earliest", "published_latest", "article_id", "date_earliest", "date_latest",
         "event_id"]
    )  # fmt: skip
    return frame.reset_index(drop=True)
