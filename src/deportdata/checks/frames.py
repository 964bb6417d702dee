"""The frames the suites check: clean tables read leniently, plus derived columns.

Each clean CSV is read by the one reader (`deportdata.io.tables`) and typed by the
schema; a cell of the wrong type is blanked and reported in `schema_problems`, so a bad
cell fails a rule instead of stopping the run. Derived columns tie rows back to the raw layer (the text at the
recorded offsets, the file's checksum now, the numeric mentions a scan finds) and
across tables; suite parameters hold the id sets that foreign keys resolve to and the
vocabularies of the schema. Derived column names never clash with schema columns.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from datetime import date

import pandas as pd

from deportdata.checks.ledger import add_flight_columns
from deportdata.config import Project
from deportdata.errors import DeportdataError
from deportdata.io.tables import FRAME_LINE as LINE  # noqa: F401 (re-exported)
from deportdata.io.tables import PROBLEMS as PROBLEMS
from deportdata.io.tables import read_table
from deportdata.schema import Table, load_schema
from deportdata.text.dates import is_deadline
from deportdata.text.rules import Rules

MATCHED = "is_matched"  # derived in known_issues by validate: the record matches a failure


def read_clean_table(project: Project, table: Table) -> pd.DataFrame:
    """One clean CSV typed by the schema, with `line` and `schema_problems` columns."""
    return read_table(project, table, "clean", lenient=True)


def load_frames(project: Project) -> dict[str, pd.DataFrame]:
    """Every clean table of the schema, read leniently, with the derived columns."""
    tables = {t.name: read_clean_table(project, t) for t in load_schema().layer("clean")}
    return add_derived_columns(project, tables)


def _raw_texts(project: Project, article_ids) -> dict[str, str]:
    texts = {}
    for article_id in sorted(set(article_ids)):
        path = project.raw_articles / f"{article_id}.txt"
        texts[article_id] = (
            path.read_bytes().decode("utf-8", errors="replace") if path.is_file() else ""
        )
    return texts


def _at_offsets(frame: pd.DataFrame, texts: dict[str, str], start: str, end: str) -> pd.Series:
    """The raw text between the offsets in columns `start` and `end` of each row."""

    cuts = [
        None if pd.isna(a) or pd.isna(s) or pd.isna(e) else texts.get(a, "")[int(s) : int(e)]
        for a, s, e in zip(frame["article_id"], frame[start], frame[end], strict=True)
    ]
    return pd.Series(cuts, index=frame.index, dtype="string")


def _joined(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """The columns' values joined with '/' (a compound key), missing when one is missing."""
    values = frame[columns].astype("string")
    joined = values.iloc[:, 0]
    for column in columns[1:]:
        joined = joined + "/" + values[column]
    return joined.astype("string")


def _unresolved(cells: pd.Series, known: set[str], prefix: pd.Series | None = None) -> pd.Series:
    """For ';'-separated id lists: the ids not in `known` (';'-joined), missing when all resolve."""
    out = []
    for i, cell in enumerate(cells):
        if pd.isna(cell):
            out.append(None)
            continue
        ids = [x for x in str(cell).split(";") if x]
        keys = [f"{x}/{prefix.iloc[i]}" if prefix is not None else x for x in ids]
        missing = [x for x, key in zip(ids, keys, strict=True) if key not in known]
        out.append(";".join(missing) or None)
    return pd.Series(out, index=cells.index, dtype="string")


def _unlisted_mentions(project: Project, texts: dict[str, str], mentions: pd.DataFrame) -> dict:
    """article_id → 'start:text' of numeric mentions a scan finds that mentions.csv lacks."""
    from deportdata.text.mentions import scan

    rules = Rules.load(project).mentions
    listed = {
        (r["article_id"], r["start"], r["end"])
        for r in mentions[["article_id", "start", "end"]].dropna().to_dict("records")
    }
    out = {}
    for article_id, text in texts.items():
        missing = [
            f"{m.start}:{m.text}"
            for m in scan(text, rules)
            if (article_id, m.start, m.end) not in listed
        ]
        out[article_id] = "; ".join(missing) or None
    return out


def _published_latest(frames: dict[str, pd.DataFrame], frame: pd.DataFrame) -> pd.Series:
    """The latest publication day of each row's article after joint narrowing."""
    by_article = frames["articles"].dropna(subset=["article_id"]).drop_duplicates("article_id")
    latest = by_article.set_index("article_id")["published_narrowed_latest"]
    return frame["article_id"].map(latest).astype("datetime64[ns]")


def _derive(frame: pd.DataFrame, column: str, compute: Callable[[], object]) -> None:
    """Add a derived column; leave it out when an input column is missing."""
    with contextlib.suppress(KeyError):  # the `columns` rule names the missing input
        frame[column] = compute()


def _checksums(articles: pd.DataFrame, texts: dict[str, str]) -> pd.Series:
    digests = [
        hashlib.sha256(texts[a].encode("utf-8")).hexdigest() if texts.get(a) else None
        for a in articles["article_id"].fillna("")
    ]
    return pd.Series(digests, index=articles.index, dtype="string")


def _deadline(events: pd.DataFrame) -> pd.Series:
    """The deadline rule (text.dates.is_deadline) applied to each event, to check the stored
    flag against; a row with a missing cell gets no expectation."""
    flags = [
        pd.NA if pd.isna(relation) or pd.isna(kind) else is_deadline(str(relation), str(kind))
        for relation, kind in zip(events["date_relation"], events["event_type"], strict=True)
    ]
    return pd.Series(flags, index=events.index, dtype="boolean")


def _day(value: object) -> date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


def _occurrence_mentions(
    frames: dict[str, pd.DataFrame],
) -> dict[str, list[tuple[str, object, object]]]:
    """occurrence_id → (mention id, date_earliest, date_latest) of the events and reference
    events that name it."""
    out: dict[str, list[tuple[str, object, object]]] = {}
    for table, id_column in (("events", "event_id"), ("reference_events", "ref_event_id")):
        frame = frames[table]
        columns = [id_column, "occurrence_id", "date_earliest", "date_latest"]
        for mention, occurrence, earliest, latest in frame[columns].itertuples(index=False):
            if pd.isna(occurrence) or pd.isna(mention):
                continue
            out.setdefault(str(occurrence), []).append((str(mention), earliest, latest))
    return out


def _not_meeting(mentions: list[tuple[str, object, object]]) -> str | None:
    """The mentions, with their intervals, when the ordered ones share no day; else None.

    Mentions without an ordered interval are left to their own table's date rules.
    """
    ordered = [
        (m, _day(e), _day(la))
        for m, e, la in mentions
        if _day(e) is not None and _day(la) is not None and _day(e) <= _day(la)
    ]
    if len(ordered) < 2 or max(e for _, e, _ in ordered) <= min(la for _, _, la in ordered):
        return None
    parts = [f"{m} {e}" + ("" if e == la else f"..{la}") for m, e, la in sorted(ordered)]
    return "no day is in every mention's interval: " + "; ".join(parts)


def _occurrence_checks(frames: dict[str, pd.DataFrame]) -> tuple[pd.Series, pd.Series]:
    """(mentions_not_meeting, mention_ids_mismatch) for each occurrence."""
    occurrences = frames["occurrences"]
    by_occurrence = _occurrence_mentions(frames)
    meeting, mismatch = [], []
    for occurrence, listed in zip(
        occurrences["occurrence_id"], occurrences["mention_ids"], strict=True
    ):
        mentions = by_occurrence.get(str(occurrence), []) if not pd.isna(occurrence) else []
        meeting.append(_not_meeting(mentions))
        expected = sorted({m for m, _, _ in mentions})
        found = sorted(x for x in ("" if pd.isna(listed) else str(listed)).split(";") if x)
        mismatch.append(
            None
            if found == expected
            else f"listed {';'.join(found) or 'none'}, but the rows naming it are "
            f"{';'.join(expected) or 'none'}"
        )
    index = occurrences.index
    return pd.Series(meeting, index=index, dtype="string"), pd.Series(
        mismatch, index=index, dtype="string"
    )


def add_derived_columns(
    project: Project, frames: dict[str, pd.DataFrame]
) -> dict[str, pd.DataFrame]:
    """Copies of the clean frames with the columns the suites compare against.

    A derived column whose inputs are missing (a column dropped from a CSV) is left
    out: the `columns` rule names the missing input, and rules on the derived column
    fail with "column not found".
    """
    out = {name: frame.copy() for name, frame in frames.items()}
    articles, claims, events = out["articles"], out["claims"], out["events"]
    mentions, log, series = out["mentions"], out["cleaning_log"], out["series"]
    ids = articles["article_id"].dropna() if "article_id" in articles else []
    texts = _raw_texts(project, ids)

    def actor_keys() -> set[str]:
        return set(_joined(out["actors"], ["actor_id", "article_id"]).dropna())

    def organisation_ids() -> set[str]:
        return set(out["organisations"]["organisation_id"].dropna())

    _derive(articles, "raw_sha256_now", lambda: _checksums(articles, texts))
    _derive(
        articles,
        "unlisted_mentions",
        lambda: (
            articles["article_id"]
            .map(_unlisted_mentions(project, texts, mentions))
            .astype("string")
        ),
    )
    for frame in (claims, events):
        _derive(
            frame,
            "quote_at_offsets",
            lambda f=frame: _at_offsets(f, texts, "quote_start", "quote_end"),
        )
        _derive(frame, "article_published_latest", lambda f=frame: _published_latest(out, f))
    _derive(
        claims,
        "value_text_at_offsets",
        lambda: _at_offsets(claims, texts, "value_start", "value_end"),
    )
    _derive(claims, "actor_key", lambda: _joined(claims, ["actor_id", "article_id"]))
    _derive(
        events,
        "actor_ids_unresolved",
        lambda: _unresolved(events["actor_ids"], actor_keys(), events["article_id"]),
    )
    _derive(
        events,
        "organisation_ids_unresolved",
        lambda: _unresolved(events["organisation_ids"], organisation_ids()),
    )
    _derive(events, "expected_is_deadline", lambda: _deadline(events))
    reference_cumulative = out["reference_cumulative"]
    _derive(
        reference_cumulative,
        "printed_by_unresolved",
        lambda: _unresolved(reference_cumulative["printed_by"], organisation_ids()),
    )
    occurrences = out["occurrences"]
    with contextlib.suppress(KeyError):  # the `columns` rules name a missing input
        occurrences["mentions_not_meeting"], occurrences["mention_ids_mismatch"] = (
            _occurrence_checks(out)
        )
    _derive(mentions, "text_at_offsets", lambda: _at_offsets(mentions, texts, "start", "end"))
    _derive(log, "removed_text_at_offsets", lambda: _at_offsets(log, texts, "start", "end"))
    _derive(
        series,
        "series_id_expected",
        lambda: (series["origin"] + ":" + series["reporter_id"]).astype("string"),
    )
    add_flight_columns(out)
    out["known_issues"][MATCHED] = pd.array([pd.NA] * len(out["known_issues"]), dtype="boolean")
    return out


def _residue_rule_names(project: Project) -> list[str]:
    """The residue rules' names; none when the rules cannot be read (the rule then fails)."""
    try:
        return Rules.load(project).residue_names
    except (DeportdataError, OSError):
        return []


def suite_parameters(
    project: Project, frames: dict[str, pd.DataFrame], *, today: date | None = None
) -> dict[str, list | str]:
    """Values the suites refer to with `{"$PARAMETER": name}`.

    `columns__<table>`: the schema's columns; `<table>__<column>`: the distinct values of
    an id column; `<table>__key`: the '/'-joined primary keys; `vocabulary__<name>`: a
    schema vocabulary; `tables__name`: the clean tables; `residue_rules__name`: the
    names of the residue rules; `scope__earliest`, `scope__latest`: the first and last
    publication days of the corpus's scope (data/raw/rules/scope.yaml; a `latest` of
    `build date` is `today`, default the day the checks run). (GX parameter names cannot
    contain dots.)
    """
    from deportdata.checks import scope

    schema = load_schema()
    params: dict[str, list] = {f"columns__{t.name}": list(t.columns) for t in schema.layer("clean")}
    params["tables__name"] = sorted(t.name for t in schema.layer("clean"))
    params["residue_rules__name"] = _residue_rule_names(project)
    params.update(scope.load(project).parameters(today))
    for name, vocabulary in schema.vocabularies.items():
        params[f"vocabulary__{name}"] = sorted(vocabulary.values)
    for table in schema.layer("clean"):
        frame = frames[table.name]
        for column in frame.columns:
            if column.endswith("_id") or column == "alias":
                values = frame[column].dropna().astype(str).unique().tolist()
                params[f"{table.name}__{column}"] = sorted(values)
        if table.primary_key and all(c in frame for c in table.primary_key):
            keys = _joined(frame, list(table.primary_key)).dropna().unique().tolist()
            params[f"{table.name}__key"] = sorted(keys)
    return params
