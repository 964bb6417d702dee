"""04-timeline: every dated event, the real-world events they mention, publication dates."""

from __future__ import annotations

import pandas as pd

from deportdata.report.views.common import Tables, missing, reporter_labels


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
            "description": [
                f"{names[o]}: {h}"
                for o, h in zip(articles["outlet"], articles["headline"], strict=True)
            ],
            "occurrence_id": pd.NA,
        }
    )
    frame = pd.concat([context, published, corpus], ignore_index=True)
    order = {"reference": 0}
    frame["_lane"] = frame["lane"].map(lambda lane: order.get(lane, 1))
    frame["_kind"] = frame["kind"].map({"publication": 0, "event": 1, "deadline": 1})
    frame = frame.sort_values(["_lane", "lane", "_kind", "date_earliest", "date_latest", "id"])
    return frame.drop(columns=["_lane", "_kind"]).reset_index(drop=True)


def timeline_occurrences(tables: Tables) -> pd.DataFrame:
    """One row per real-world event, with the intersection of its mentions' intervals.

    `mentioned_in` names the articles (by number) and "reference" when a context event
    is among the mentions, so a reader sees at once who reports the event.

    Uses: occurrences.
    """
    occurrences = tables["occurrences"]

    def sources(row) -> str:
        ids = [] if missing(row["article_ids"]) else str(row["article_ids"]).split(";")
        names = [a[:3] for a in ids] + (["reference"] if row["in_reference"] else [])
        return "; ".join(names)

    frame = occurrences.assign(mentioned_in=occurrences.apply(sources, axis=1))
    columns = [
        "occurrence_id", "description", "event_type", "date_earliest", "date_latest",
        "date_precision", "mentions", "articles", "mentioned_in", "mention_ids",
    ]  # fmt: skip
    return frame[columns].reset_index(drop=True)


def occurrence_mentions(events: pd.DataFrame, occurrences: pd.DataFrame) -> pd.DataFrame:
    """Every mention of every occurrence: its id, source (article or reference), the date
    as printed and the interval it resolves to, in the order of the occurrences.

    `events` is `timeline_events`' result, `occurrences` is `timeline_occurrences`'.
    """
    order = {o: n for n, o in enumerate(occurrences["occurrence_id"])}
    mentions = events[events["kind"] != "publication"].copy()
    mentions["source"] = mentions["lane"]
    mentions["_order"] = mentions["occurrence_id"].map(order)
    mentions = mentions.sort_values(["_order", "lane", "date_earliest", "id"])
    columns = [
        "occurrence_id", "id", "source", "kind", "date_expression", "date_earliest",
        "date_latest", "date_relation", "date_basis",
    ]  # fmt: skip
    return mentions[columns].rename(columns={"id": "mention_id"}).reset_index(drop=True)
