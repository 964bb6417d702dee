"""The validate step: every rule fails on a broken copy of the clean data and names the row.

Validation runs in-process on copies of the project (Great Expectations is imported
once per session). Independent breaks are batched into one validation run: breaks
that touch the same row (or, for cross-row rules, the totals compared) go to different
runs, and each assertion is about its own rule and its own row.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from deportdata.checks.scope import build_date
from deportdata.config import Project
from deportdata.errors import DeportdataError
from deportdata.schema import load_schema

pytestmark = pytest.mark.xdist_group("validate")

REPO = Path(__file__).resolve().parents[1]
PARTS = ("data", "expectations", "pyproject.toml")
KEYS = {t.name: list(t.primary_key) for t in load_schema().layer("clean")}
NO_ARTICLE = "999_ffffffffffffffff"
A0, A1, A2, A3, A4 = (
    "000_8ce18bf11eba94f7",
    "001_80a94187c44a9298",
    "002_0d742cd69c602630",
    "003_6371826106886463",
    "004_2a647670bcb548ec",
)


def copy_project(dest: Path, source: Path = REPO) -> Path:
    """A copy of what validate reads (data, suites, pyproject.toml), without caches."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, dest / part, ignore=shutil.ignore_patterns(".*"))
        else:
            shutil.copy2(source / part, dest / part)
    return dest


# --- editing a copy of the clean tables -------------------------------------------------


def _read(root: Path, table: str) -> tuple[Path, list[str], list[dict[str, str]]]:
    path = root / "data" / "clean" / load_schema().table("clean", table).path
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return path, list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _key(table: str, row: dict) -> str:
    return "/".join(str(row.get(c)) for c in KEYS[table])


def _find(rows: list[dict[str, str]], table: str, key: str) -> dict[str, str]:
    found = [r for r in rows if _key(table, r) == key]
    assert found, f"no row {key} in {table}"
    return found[0]


def one_char_changed(text: str) -> str:
    """The text with the letter nearest its middle replaced by another letter."""
    i = next(i for i in range(len(text) // 2, len(text)) if text[i].isalpha())
    return text[:i] + ("b" if text[i] == "a" else "a") + text[i + 1 :]


@dataclass(frozen=True)
class Break:
    """One defect: the rule it must break and the row (primary key) it must be named by."""

    rule_id: str
    row: str | None  # None: a table-level rule, which names no row
    edit: Callable[[Path], None]
    keys: frozenset  # (table, row) pairs the edit touches; (table, "*") for the whole table
    name: str = ""

    def __str__(self) -> str:
        return self.name or f"{self.rule_id}[{self.row}]"

    @property
    def table(self) -> str:
        return self.rule_id.split(".")[0]


def set_cell(
    rule_id: str, table: str, row: str, /, also=(), case="", expect=None, **values
) -> Break:
    """Set columns of one row (a value may be a function of the old value); the row is then
    named by its key, or by `expect` when the edit changes the key."""

    def edit(root: Path) -> None:
        path, header, rows = _read(root, table)
        target = _find(rows, table, row)
        for column, value in values.items():
            target[column] = value(target[column]) if callable(value) else value
        _write(path, header, rows)

    keys = frozenset({(table, row), *also})
    return Break(rule_id, expect or row, edit, keys, case)


def swap(rule_id: str, table: str, row: str, interval: str, also=()) -> Break:
    """Swap <interval>_earliest and <interval>_latest of one row."""

    def edit(root: Path) -> None:
        path, header, rows = _read(root, table)
        target = _find(rows, table, row)
        a, b = f"{interval}_earliest", f"{interval}_latest"
        assert target[a] != target[b], "swapping equal bounds breaks nothing"
        target[a], target[b] = target[b], target[a]
        _write(path, header, rows)

    return Break(rule_id, row, edit, frozenset({(table, row), *also}))


def duplicate(rule_id: str, table: str, row: str) -> Break:
    """Append a copy of a row: its id is then duplicated."""

    def edit(root: Path) -> None:
        path, header, rows = _read(root, table)
        _write(path, header, [*rows, dict(_find(rows, table, row))])

    return Break(rule_id, row, edit, frozenset({(table, row)}))


def new_row(rule_id: str, table: str, based_on: str, key: str, /, **values) -> Break:
    """Append a copy of `based_on` under the primary key `key`, with some columns changed."""

    def edit(root: Path) -> None:
        path, header, rows = _read(root, table)
        row = dict(_find(rows, table, based_on))
        row.update(zip(KEYS[table], key.split("/"), strict=True))
        row.update(values)
        _write(path, header, [*rows, row])

    return Break(rule_id, key, edit, frozenset({(table, key)}))


def drop_column(rule_id: str, table: str, column: str) -> Break:
    """Drop a column that no other rule reads (test_dropped_columns_are_read_by_no_rule)."""

    def edit(root: Path) -> None:
        path, header, rows = _read(root, table)
        _write(
            path,
            [h for h in header if h != column],
            [{k: v for k, v in r.items() if k != column} for r in rows],
        )

    return Break(rule_id, None, edit, frozenset({(table, f"column {column}")}))


def append_to_raw_text(rule_id: str, article_id: str, text: str) -> Break:
    """Append to a raw article (offsets of everything already coded stay valid)."""

    def edit(root: Path) -> None:
        path = root / "data" / "raw" / "articles" / f"{article_id}.txt"
        path.write_bytes(path.read_bytes() + text.encode("utf-8"))

    return Break(rule_id, article_id, edit, frozenset({("articles", article_id)}))


def series_value(
    rule_id: str, row: str, value: str, compared: tuple[str, ...], case: str = "", expect=None
) -> Break:
    """Set a total's value and bounds; no other break in its batch touches the totals it is
    compared with."""
    also = {("series", r) for r in compared}
    return set_cell(
        rule_id,
        "series",
        row,
        also=also,
        case=case,
        expect=expect,
        value=value,
        value_low=value,
        value_high=value,
    )


BUILD_DATE = build_date().isoformat()  # the day the checks run: the scope's last day
AFTER_BUILD_DATE = (build_date() + timedelta(days=1)).isoformat()


PUBLISHED = (
    "published_earliest",
    "published_latest",
    "published_best",
    "published_narrowed_earliest",
    "published_narrowed_latest",
)


ON_THE_EDGE: dict[str, str] = {}  # break's name -> the article dated on the scope's edge


def out_of_scope(rule_id: str, bad_day: str, edge_day: str, case: str) -> Break:
    """Two new articles (copies of A0 under new ids), every publication date of one on
    `bad_day`, outside the declared scope, and of the other on `edge_day`, its first or last
    day: both scope rules name the first and not the second (test_scope_edges_pass)."""
    number = 901 if bad_day < edge_day else 903
    bad, edge = (f"{n}_{'0' * 15}{n % 10}" for n in (number, number + 1))
    ON_THE_EDGE[case] = edge

    def edit(root: Path) -> None:
        path, header, rows = _read(root, "articles")
        for article_id, day in ((bad, bad_day), (edge, edge_day)):
            row = dict(_find(rows, "articles", A0), article_id=article_id)
            row.update(dict.fromkeys(PUBLISHED, day))
            rows.append(row)
        _write(path, header, rows)

    return Break(rule_id, bad, edit, frozenset({("articles", bad), ("articles", edge)}), case)


# --- every rule, broken ------------------------------------------------------------------

BREAKS = [
    # articles
    drop_column("articles.columns", "articles", "headline"),
    set_cell("articles.types", "articles", A1, raw_chars="many"),
    duplicate("articles.id_unique", "articles", A2),
    new_row("articles.id_form", "articles", A0, "5_bad"),
    set_cell("articles.outlet_known", "articles", A3, outlet="nobody"),
    set_cell("articles.reposted_by_known", "articles", A2, reposted_by="nobody"),
    set_cell("articles.basis_vocabulary", "articles", A4, published_basis="guessed"),
    set_cell("articles.url_basis_vocabulary", "articles", A0, url_basis="rumour"),
    set_cell("articles.precision_vocabulary", "articles", A1, published_precision="decade"),
    new_row("articles.url_form", "articles", A0, "005_0000000000000000", url="www.example.org/x"),
    swap("articles.interval_ordered", "articles", A4, "published", also={("article", A4)}),
    swap("articles.narrowed_ordered", "articles", A2, "published_narrowed"),
    set_cell(
        "articles.narrowed_after_earliest", "articles", A3, published_narrowed_earliest="2020-01-15"
    ),
    set_cell(
        "articles.narrowed_before_latest", "articles", A4, published_narrowed_latest="2018-02-05"
    ),
    set_cell("articles.best_after_earliest", "articles", A0, published_best="2017-08-01"),
    set_cell("articles.best_before_latest", "articles", A1, published_best="2017-03-01"),
    # the declared scope (data/raw/rules/scope.yaml): from the agreement's signing, March 2002,
    # to the build date; an article dated outside fails, named, and one dated on the edge passes
    out_of_scope("articles.published_in_scope", "2002-02-28", "2002-03-01", "before_scope"),
    out_of_scope(
        "articles.published_latest_in_scope", AFTER_BUILD_DATE, BUILD_DATE, "after_build_date"
    ),
    append_to_raw_text("articles.raw_unchanged", A3, "\n"),
    set_cell("articles.clean_not_empty", "articles", A0, clean_chars="0"),
    append_to_raw_text("articles.mentions_listed", A4, " 99"),  # an article given an uncoded number
    # cleaning_log
    drop_column("cleaning_log.columns", "cleaning_log", "reason"),
    set_cell("cleaning_log.types", "cleaning_log", f"{A1}#1", start="x"),
    duplicate("cleaning_log.id_unique", "cleaning_log", f"{A1}#2"),
    new_row("cleaning_log.id_form", "cleaning_log", f"{A1}#3", "bad"),
    set_cell("cleaning_log.article_known", "cleaning_log", f"{A1}#4", article_id=NO_ARTICLE),
    set_cell("cleaning_log.rule_known", "cleaning_log", f"{A1}#5", rule="no_such_rule"),
    set_cell("cleaning_log.span_ordered", "cleaning_log", f"{A2}#1", start="17", end="0"),
    set_cell(
        "cleaning_log.text_at_offsets", "cleaning_log", f"{A2}#2", removed_text=one_char_changed
    ),
    # claims
    drop_column("claims.columns", "claims", "note"),
    set_cell("claims.types", "claims", "C002", value="twenty"),
    duplicate("claims.id_unique", "claims", "C003"),
    new_row("claims.id_form", "claims", "C004", "C4"),
    set_cell("claims.article_known", "claims", "C005", article_id=NO_ARTICLE),
    set_cell("claims.reporter_known", "claims", "C006", reporter="nobody"),
    set_cell("claims.reporter_id_known", "claims", "C007", reporter_id="nobody"),
    set_cell("claims.actor_known", "claims", "C010", actor_id="nobody"),
    set_cell("claims.kind_vocabulary", "claims", "C011", kind="rumour"),
    set_cell("claims.unit_vocabulary", "claims", "C012", unit="tonnes"),
    set_cell("claims.coded_by_vocabulary", "claims", "C014", coded_by="robot"),
    set_cell("claims.qualifier_vocabulary", "claims", "C013", qualifier="roughly"),
    set_cell("claims.as_of_precision_vocabulary", "claims", "C014", as_of_precision="decade"),
    set_cell(
        "claims.period_start_precision_vocabulary",
        "claims",
        "C015",
        period_start_precision="decade",
    ),
    set_cell(
        "claims.period_end_precision_vocabulary", "claims", "C016", period_end_precision="decade"
    ),
    set_cell("claims.as_of_basis_vocabulary", "claims", "C017", as_of_basis="hunch"),
    set_cell(
        "claims.as_of_constraint_basis_vocabulary",
        "claims",
        "C016",
        as_of_constraint_basis="rumour",
    ),
    swap("claims.as_of_constraint_ordered", "claims", "C012", "as_of_constraint"),
    set_cell("claims.quantity_key_form", "claims", "C017", quantity_key="Returned To US"),
    set_cell("claims.quote_span_ordered", "claims", "C018", quote_end="2024"),
    set_cell(
        "claims.quote_at_offsets", "claims", "C019", quote=one_char_changed
    ),  # one character changed
    set_cell("claims.value_text_at_offsets", "claims", "C020", value_text="Roughly 101"),
    set_cell("claims.value_starts_in_quote", "claims", "C021", value_start="689"),
    set_cell("claims.value_ends_in_quote", "claims", "C001", value_end="1534"),
    swap("claims.as_of_ordered", "claims", "C002", "as_of"),  # a swapped interval
    swap("claims.period_start_ordered", "claims", "C008", "period_start"),
    swap("claims.period_end_ordered", "claims", "C009", "period_end"),
    set_cell(
        "claims.not_after_publication",
        "claims",
        "C013",
        also={("article", A3)},
        as_of_latest="2020-02-01",
    ),
    set_cell("claims.value_not_below_low", "claims", "C003", value="30"),
    set_cell("claims.value_not_above_high", "claims", "C006", value="37"),
    set_cell("claims.bounds_ordered", "claims", "C007", value_low="40"),
    set_cell("claims.value_low_not_negative", "claims", "C009", value_low="-1"),
    set_cell("claims.value_not_negative", "claims", "C010", value="-1"),  # a negative value
    set_cell("claims.value_high_not_negative", "claims", "C012", value_high="-5"),
    set_cell("claims.value_given_unless_vague", "claims", "C014", value=""),
    set_cell("claims.no_value_when_vague", "claims", "C004", value="50"),
    # events
    drop_column("events.columns", "events", "description"),
    set_cell("events.types", "events", "E001", is_deadline="maybe"),
    duplicate("events.id_unique", "events", "E002"),
    new_row("events.id_form", "events", "E003", "E3"),
    set_cell("events.article_known", "events", "E004", article_id=NO_ARTICLE),
    set_cell("events.actors_known", "events", "E005", actor_ids="keo_vannthan;nobody"),
    set_cell(
        "events.organisations_known", "events", "E006", organisation_ids="foreign_ministry;nobody"
    ),
    set_cell("events.event_type_vocabulary", "events", "E007", event_type="party"),
    set_cell("events.coded_by_vocabulary", "events", "E011", coded_by="robot"),
    set_cell("events.date_precision_vocabulary", "events", "E008", date_precision="decade"),
    set_cell("events.date_relation_vocabulary", "events", "E009", date_relation="after"),
    set_cell("events.date_basis_vocabulary", "events", "E010", date_basis="guess"),
    set_cell(
        "events.date_constraint_basis_vocabulary", "events", "E014", date_constraint_basis="rumour"
    ),
    set_cell("events.quote_span_ordered", "events", "E012", quote_end=lambda v: str(int(v) - 200)),
    set_cell("events.quote_at_offsets", "events", "E013", quote=one_char_changed),
    swap("events.date_ordered", "events", "E015", "date"),
    swap("events.date_constraint_ordered", "events", "E016", "date_constraint"),
    set_cell("events.not_after_publication", "events", "E017", date_latest="2017-02-20"),
    set_cell(
        "events.published_matches_article",
        "events",
        "E018",
        also={("article", A1)},
        published_latest="2017-02-16",
    ),
    set_cell("events.deadline_flag", "events", "E019", is_deadline="true"),
    set_cell("events.occurrence_known", "events", "E020", occurrence_id="no_such_occurrence"),
    # occurrences (a mention moved off its occurrence's days; mention ids no longer listed)
    drop_column("occurrences.columns", "occurrences", "description"),
    set_cell("occurrences.types", "occurrences", "E003", mentions="several"),
    duplicate("occurrences.id_unique", "occurrences", "E006"),
    set_cell("occurrences.event_type_vocabulary", "occurrences", "E011", event_type="party"),
    set_cell("occurrences.date_precision_vocabulary", "occurrences", "E026", date_precision="era"),
    set_cell(
        "occurrences.mentions_listed",
        "occurrences",
        "visa_sanctions_2017_09_13",
        mention_ids="E023;X008",
    ),
    set_cell(
        "occurrences.mentions_meet",
        "events",
        "E036",
        also={("occurrences", "injunction_92_detainees_2018_01_25")},
        expect="injunction_92_detainees_2018_01_25",
        case="mentions_meet",
        date_earliest="2018-01-19",
        date_latest="2018-01-19",
    ),
    swap("occurrences.date_ordered", "occurrences", "round_up_2017_10", "date"),
    # actors
    drop_column("actors.columns", "actors", "note"),
    set_cell("actors.types", "actors", f"bill_herod/{A1}", is_quoted="perhaps"),
    duplicate("actors.id_unique", "actors", f"chum_sounry/{A0}"),
    new_row("actors.id_form", "actors", f"jay_raman/{A1}", f"Jay Raman/{A1}"),
    set_cell(
        "actors.article_known",
        "actors",
        f"sok_phal/{A4}",
        expect=f"sok_phal/{NO_ARTICLE}",
        article_id=NO_ARTICLE,
    ),
    set_cell("actors.organisation_known", "actors", f"preap_kol/{A4}", organisation_id="nobody"),
    set_cell("actors.coded_by_vocabulary", "actors", f"jay_raman/{A1}", coded_by="robot"),
    # organisations
    drop_column("organisations.columns", "organisations", "note"),
    set_cell("organisations.types", "organisations", "cchr", name=""),
    duplicate("organisations.id_unique", "organisations", "dhs"),
    new_row("organisations.id_form", "organisations", "fresh_news", "Fresh News"),
    set_cell("organisations.kind_vocabulary", "organisations", "ice", kind="spy_agency"),
    set_cell(
        "organisations.parent_known",
        "organisations",
        "interior_ministry_identification",
        parent_id="nobody",
    ),
    set_cell(
        "organisations.country_form", "organisations", "one_love_cambodia", country="Cambodia"
    ),
    # organisation_aliases
    drop_column("organisation_aliases.columns", "organisation_aliases", "note"),
    set_cell(
        "organisation_aliases.types", "organisation_aliases", "Fresh News", valid_to_earliest="soon"
    ),
    duplicate("organisation_aliases.id_unique", "organisation_aliases", "ICE"),
    set_cell(
        "organisation_aliases.organisation_known",
        "organisation_aliases",
        "Voice of America",
        organisation_id="nobody",
    ),
    swap("organisation_aliases.valid_from_ordered", "organisation_aliases", "KVAO", "valid_from"),
    swap("organisation_aliases.valid_to_ordered", "organisation_aliases", "RISC", "valid_to"),
    set_cell(
        "organisation_aliases.basis_vocabulary", "organisation_aliases", "DHS", basis="hearsay"
    ),
    set_cell(
        "organisation_aliases.basis_url_form",
        "organisation_aliases",
        "C.D. Cal.",
        basis_url="clearinghouse.net",
    ),
    # mentions
    drop_column("mentions.columns", "mentions", "sentence"),
    set_cell("mentions.types", "mentions", f"{A1}#1", start="x"),
    duplicate("mentions.id_unique", "mentions", f"{A1}#2"),
    new_row("mentions.id_form", "mentions", f"{A2}#1", "M1"),
    set_cell("mentions.article_known", "mentions", f"{A2}#2", article_id=NO_ARTICLE),
    set_cell("mentions.span_ordered", "mentions", f"{A3}#1", start="11", end="0"),
    set_cell("mentions.text_at_offsets", "mentions", f"{A3}#2", text="26"),
    set_cell("mentions.form_vocabulary", "mentions", f"{A3}#3", form="roman"),
    set_cell("mentions.status_vocabulary", "mentions", f"{A3}#4", status="maybe"),
    new_row(
        "mentions.all_accounted",
        "mentions",
        f"{A4}#3",
        f"{A4}#4",
        status="uncoded",
        ignored_id="",
        reason_code="",
    ),
    set_cell("mentions.claim_known", "mentions", f"{A4}#1", claim_id="C999"),
    set_cell("mentions.claim_given", "mentions", f"{A4}#2", claim_id=""),
    set_cell("mentions.ignored_given", "mentions", f"{A0}#1", ignored_id=""),
    set_cell("mentions.reason_code_vocabulary", "mentions", f"{A0}#2", reason_code="boring"),
    # series
    drop_column("series.columns", "series", "value_text"),
    set_cell("series.types", "series", "reference:K001", value="many"),
    duplicate("series.id_unique", "series", "reference:K002"),
    new_row("series.id_form", "series", "reference:K003", "reference:K3"),
    set_cell("series.origin_vocabulary", "series", "reference:K004", origin="blog"),
    set_cell("series.qualifier_vocabulary", "series", "reference:K005", qualifier="approx"),
    set_cell("series.reporter_known", "series", "reference:K007", reporter_id="nobody"),
    set_cell("series.series_id_form", "series", "reference:K008", series_id="reference:ice"),
    set_cell("series.corpus_source_known", "series", "corpus:C011", source_id="C999"),
    set_cell("series.reference_source_known", "series", "reference:K006", source_id="K999"),
    set_cell("series.basis_vocabulary", "series", "reference:K008", basis="tertiary"),
    set_cell("series.article_known", "series", "corpus:C008", article_id=NO_ARTICLE),
    set_cell("series.corpus_has_article", "series", "corpus:C001", article_id=""),
    set_cell("series.reference_has_url", "series", "reference:K002", url=""),
    set_cell("series.url_form", "series", "reference:K003", url="ftp://example.org"),
    set_cell("series.reference_has_basis", "series", "reference:K004", basis=""),
    swap("series.as_of_ordered", "series", "reference:K007", "as_of"),
    set_cell("series.value_not_below_low", "series", "corpus:C016", value="700"),
    set_cell("series.value_not_above_high", "series", "corpus:C008", value="540"),
    set_cell("series.bounds_ordered", "series", "reference:K001", value_low="170"),
    set_cell("series.value_low_not_negative", "series", "reference:K003", value_low="-1"),
    set_cell("series.value_not_negative", "series", "corpus:C001", value="-1"),
    set_cell("series.value_high_not_negative", "series", "corpus:C011", value_high="-1"),
    set_cell("series.value_given_unless_vague", "series", "reference:K004", value=""),
    # a cumulative total lowered below an earlier one in the same series (RISC: 538 in 2017)
    series_value("series.cumulative_not_falling", "corpus:C016", "500", ("corpus:C008",)),
    # pooled across reporters, a new and unexplained fall (SEARAC's "about 800" of 2018-19
    # lowered below the Cambodia Daily's 566 of 2017) while the known issue I001
    # (reference:K006 below the 566) still stands
    series_value(
        "series.cumulative_not_falling_pooled",
        "reference:K018",
        "560",
        ("reference:K005", "reference:K006"),
        case="new_fall",
    ),
    # reference_cumulative
    drop_column("reference_cumulative.columns", "reference_cumulative", "note"),
    set_cell("reference_cumulative.types", "reference_cumulative", "K001", value_high="lots"),
    duplicate("reference_cumulative.id_unique", "reference_cumulative", "K002"),
    new_row("reference_cumulative.id_form", "reference_cumulative", "K003", "K3"),
    set_cell(
        "reference_cumulative.printed_by_known",
        "reference_cumulative",
        "K005",
        printed_by="cambodia_daily;nobody",
    ),
    set_cell(
        "reference_cumulative.reporter_known", "reference_cumulative", "K004", reporter="nobody"
    ),
    set_cell(
        "reference_cumulative.qualifier_vocabulary",
        "reference_cumulative",
        "K005",
        qualifier="approx",
    ),
    swap("reference_cumulative.as_of_ordered", "reference_cumulative", "K006", "as_of"),
    set_cell(
        "reference_cumulative.value_not_below_low", "reference_cumulative", "K007", value="700"
    ),
    set_cell(
        "reference_cumulative.value_not_above_high", "reference_cumulative", "K008", value="750"
    ),
    set_cell(
        "reference_cumulative.bounds_ordered", "reference_cumulative", "K001", value_low="170"
    ),
    set_cell(
        "reference_cumulative.value_low_not_negative",
        "reference_cumulative",
        "K002",
        value_low="-1",
    ),
    set_cell("reference_cumulative.value_not_negative", "reference_cumulative", "K003", value="-1"),
    set_cell(
        "reference_cumulative.value_high_not_negative",
        "reference_cumulative",
        "K004",
        value_high="-1",
    ),
    set_cell(
        "reference_cumulative.value_given_unless_vague", "reference_cumulative", "K005", value=""
    ),
    set_cell("reference_cumulative.has_url", "reference_cumulative", "K006", url=""),
    set_cell(
        "reference_cumulative.url_form", "reference_cumulative", "K007", url="ftp://example.org"
    ),
    set_cell("reference_cumulative.has_basis", "reference_cumulative", "K008", basis=""),
    set_cell(
        "reference_cumulative.basis_vocabulary", "reference_cumulative", "K003", basis="tertiary"
    ),
    # reference_removals
    drop_column("reference_removals.columns", "reference_removals", "note"),
    set_cell("reference_removals.types", "reference_removals", "R001", fiscal_year="FY2016"),
    duplicate("reference_removals.id_unique", "reference_removals", "R002"),
    new_row("reference_removals.id_form", "reference_removals", "R003", "R3", fiscal_year="2030"),
    set_cell("reference_removals.reporter_known", "reference_removals", "R004", reporter="nobody"),
    set_cell(
        "reference_removals.measure_vocabulary",
        "reference_removals",
        "R005",
        measure="deportations",
    ),
    set_cell(
        "reference_removals.one_per_year_and_measure",
        "reference_removals",
        "R003",
        also={("reference_removals", "R004")},
        fiscal_year="2018",
    ),
    set_cell(
        "reference_removals.removals_not_negative", "reference_removals", "R001", removals="-5"
    ),
    set_cell("reference_removals.has_url", "reference_removals", "R002", url=""),
    new_row(
        "reference_removals.url_form",
        "reference_removals",
        "R001",
        "R901",
        fiscal_year="2031",
        url="huffpost.com",
    ),
    set_cell("reference_removals.has_basis", "reference_removals", "R005", basis=""),
    new_row(
        "reference_removals.basis_vocabulary",
        "reference_removals",
        "R002",
        "R902",
        fiscal_year="2032",
        basis="tertiary",
    ),
    set_cell(
        "reference_cumulative.as_of_basis_vocabulary",
        "reference_cumulative",
        "K009",
        as_of_basis="hunch",
    ),
    # reference_arrivals
    drop_column("reference_arrivals.columns", "reference_arrivals", "note"),
    set_cell("reference_arrivals.types", "reference_arrivals", "A012", arrival_earliest="May 2017"),
    duplicate("reference_arrivals.id_unique", "reference_arrivals", "A002"),
    new_row("reference_arrivals.id_form", "reference_arrivals", "A003", "A3"),
    set_cell(
        "reference_arrivals.flight_key_form", "reference_arrivals", "A017", flight_key="Aug 2018"
    ),
    set_cell(
        "reference_arrivals.report_kind_vocabulary", "reference_arrivals", "A005", report_kind="tv"
    ),
    set_cell(
        "reference_arrivals.arrival_basis_vocabulary",
        "reference_arrivals",
        "A006",
        arrival_basis="guess",
    ),
    set_cell(
        "reference_arrivals.people_basis_vocabulary",
        "reference_arrivals",
        "A008",
        people_basis="guess",
    ),
    set_cell("reference_arrivals.basis_vocabulary", "reference_arrivals", "A009", basis="tertiary"),
    set_cell(
        "reference_arrivals.qualifier_vocabulary", "reference_arrivals", "A010", qualifier="roughly"
    ),
    swap("reference_arrivals.arrival_ordered", "reference_arrivals", "A001", "arrival"),
    set_cell("reference_arrivals.bounds_ordered", "reference_arrivals", "A013", value_low="9"),
    set_cell(
        "reference_arrivals.value_low_not_negative", "reference_arrivals", "A014", value_low="-1"
    ),
    # a number found but not given, and a number not found but filled in
    set_cell(
        "reference_arrivals.count_given_when_found", "reference_arrivals", "A016", value_text=""
    ),
    set_cell(
        "reference_arrivals.no_count_when_not_found", "reference_arrivals", "A004", value_text="12"
    ),
    set_cell(
        "reference_arrivals.url_form", "reference_arrivals", "A018", url="khmertimeskh.com/561268"
    ),
    set_cell(
        "reference_arrivals.other_urls_form",
        "reference_arrivals",
        "A019",
        other_urls="https://www.ice.gov/;ummnews.org/node/13300",
    ),
    set_cell("reference_arrivals.primary_has_url", "reference_arrivals", "A015", url=""),
    # reference_missions
    drop_column("reference_missions.columns", "reference_missions", "note"),
    set_cell("reference_missions.types", "reference_missions", "M001", people="many"),
    duplicate("reference_missions.id_unique", "reference_missions", "M002"),
    new_row("reference_missions.id_form", "reference_missions", "M003", "M3", source_row="99"),
    set_cell(
        "reference_missions.source_row_unique",
        "reference_missions",
        "M004",
        also={("reference_missions", "M005")},
        source_row="4",
    ),
    set_cell("reference_missions.removals_only", "reference_missions", "M006", removal_type="T"),
    set_cell(
        "reference_missions.drops_off_in_phnom_penh",
        "reference_missions",
        "M007",
        dropoff_airport="VTBS",
    ),
    set_cell("reference_missions.people_positive", "reference_missions", "M008", people="0"),
    set_cell(
        "reference_missions.non_criminal_within_people",
        "reference_missions",
        "M009",
        non_criminal="31",
    ),
    new_row(
        "reference_missions.url_form",
        "reference_missions",
        "M001",
        "M901",
        source_row="901",
        url="github.com/UWCHR/ice-air",
    ),
    new_row(
        "reference_missions.basis_vocabulary",
        "reference_missions",
        "M002",
        "M902",
        source_row="902",
        basis="tertiary",
    ),
    # flights (the ledger)
    drop_column("flights.columns", "flights", "is_count_disputed"),
    set_cell("flights.types", "flights", "arrival_2002_06", n_reports="one"),
    duplicate("flights.id_unique", "flights", "arrival_2002_09"),
    set_cell("flights.match_vocabulary", "flights", "arrival_2002_11", match="maybe"),
    set_cell(
        "flights.arrival_precision_vocabulary",
        "flights",
        "arrival_2003_10",
        arrival_precision="era",
    ),
    swap("flights.arrival_ordered", "flights", "arrival_2004_09", "arrival"),
    set_cell("flights.bounds_ordered", "flights", "arrival_2010_09", people_low="9"),
    new_row(
        "flights.people_low_not_negative", "flights", "arrival_2002_06", "x_1", people_low="-1"
    ),
    set_cell("flights.fiscal_year_of_arrival", "flights", "arrival_2019_07", fiscal_year="2020"),
    set_cell("flights.sources_known", "flights", "arrival_2018_12", sources="A018;C999"),
    set_cell("flights.mission_known", "flights", "arrival_2017_05b", ice_air_mission_id="M999"),
    set_cell(
        "flights.mission_once",
        "flights",
        "arrival_2017_05a",
        also={("flights", "arrival_2017_04")},
        ice_air_mission_id="M003",
    ),
    set_cell(
        "flights.mission_date_as_recorded",
        "flights",
        "arrival_2017_03",
        ice_air_mission_date="2017-03-27",
    ),
    set_cell(
        "flights.mission_people_as_recorded", "flights", "arrival_2018_08", ice_air_people="31"
    ),
    # a mission after the arrival, and one a week before it
    set_cell(
        "flights.mission_not_after_arrival",
        "flights",
        "arrival_2017_12",
        ice_air_mission_date="2017-12-21",
    ),
    set_cell(
        "flights.mission_within_three_days",
        "flights",
        "arrival_2018_04",
        ice_air_mission_date="2018-03-29",
    ),
    set_cell(
        "flights.mission_given_unless_reported_only",
        "flights",
        "arrival_2016_01",
        ice_air_mission_id="",
    ),
    set_cell(
        "flights.no_mission_when_reported_only",
        "flights",
        "arrival_2020_01",
        ice_air_mission_id="M005",
    ),
    set_cell("flights.reported_unless_ice_air_only", "flights", "arrival_2010_04", n_reports="0"),
    set_cell("flights.ice_air_only_unreported", "flights", "arrival_2018_03", n_reports="2"),
    # a reported count that disagrees with its mission's, either way
    set_cell(
        "flights.mission_count_not_below_reported",
        "flights",
        "arrival_2017_04",
        people_low="9",
        people_high="9",
    ),
    new_row(
        "flights.mission_count_not_above_reported",
        "flights",
        "arrival_2017_03",
        "x_2",
        people_low="1",
        people_high="4",
    ),
    # reference_events
    drop_column("reference_events.columns", "reference_events", "note"),
    set_cell("reference_events.types", "reference_events", "X001", date_earliest="March 2002"),
    duplicate("reference_events.id_unique", "reference_events", "X002"),
    new_row("reference_events.id_form", "reference_events", "X003", "X3"),
    set_cell(
        "reference_events.event_type_vocabulary", "reference_events", "X004", event_type="party"
    ),
    set_cell(
        "reference_events.date_precision_vocabulary",
        "reference_events",
        "X005",
        date_precision="decade",
    ),
    set_cell("reference_events.basis_vocabulary", "reference_events", "X006", basis="hearsay"),
    swap("reference_events.date_ordered", "reference_events", "X014", "date"),
    set_cell(
        "reference_events.occurrence_known", "reference_events", "X010", occurrence_id="nowhere"
    ),
    set_cell("reference_events.url_form", "reference_events", "X007", url="cambodiadaily.com"),
    # known_issues
    drop_column("known_issues.columns", "known_issues", "note"),
    new_row("known_issues.types", "known_issues", "I001", "I906", recorded_on="yesterday"),
    duplicate("known_issues.id_unique", "known_issues", "I001"),
    new_row("known_issues.id_form", "known_issues", "I001", "KI1"),
    new_row("known_issues.table_known", "known_issues", "I001", "I904", table="seriez"),
    new_row(
        "known_issues.rule_is_consistency",
        "known_issues",
        "I001",
        "I902",
        rule_id="series.id_unique",
    ),
    new_row("known_issues.url_form", "known_issues", "I001", "I905", url="phnompenhpost.com"),
    # a record for a row that never falls (reference:K001 is the earliest total)
    new_row("known_issues.still_matches", "known_issues", "I001", "I903", row_id="reference:K001"),
    # the known issue itself goes stale when reference:K006 no longer falls
    series_value(
        "known_issues.still_matches",
        "reference:K006",
        "570",
        ("reference:K005",),
        case="stale",
        expect="I001",
    ),
]

# rules that no break above can fail on its own, with the reason (none at present)
UNBREAKABLE: dict[str, str] = {}


def _batches(breaks: list[Break]) -> list[list[Break]]:
    """Greedy grouping: no two breaks in a batch touch the same row."""

    def clash(a: Break, b: Break) -> bool:
        return bool(a.keys & b.keys)

    batches: list[list[Break]] = []
    clashes = {id(a): sum(clash(a, b) for b in breaks if b is not a) for a in breaks}
    for brk in sorted(breaks, key=lambda x: -clashes[id(x)]):  # the most constrained first
        for batch in batches:
            if not any(clash(brk, other) for other in batch):
                batch.append(brk)
                break
        else:
            batches.append([brk])
    return batches


BATCHES = _batches(BREAKS)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("validate") / "base")


class CliRun:
    """`deportdata validate` on a copy with the first batch of breaks, in the background."""

    def __init__(self, root: Path) -> None:
        script = Path(sys.executable).with_name("deportdata")
        command = [str(script)] if script.exists() else [sys.executable, "-m", "deportdata"]
        self.root = root
        self.process = subprocess.Popen(
            [*command, "--root", str(root), "validate"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._output: tuple[int, str, str] | None = None

    def output(self) -> tuple[int, str, str]:
        """Its exit code, stdout and stderr, once it has finished."""
        if self._output is None:
            stdout, stderr = self.process.communicate(timeout=300)
            self._output = (self.process.returncode, stdout, stderr)
        return self._output

    def results(self) -> dict[str, object]:
        """The results it wrote to reports/validation.json, by rule id."""
        from deportdata.checks.run import RuleResult

        code, _, stderr = self.output()
        written = self.root / "reports" / "validation.json"
        assert code == 1 and written.is_file(), f"the CLI run failed to validate:\n{stderr}"
        rules = json.loads(written.read_text(encoding="utf-8"))["rules"]
        return {r["rule_id"]: RuleResult(**r) for r in rules}

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


@pytest.fixture(scope="module")
def cli_run(base, tmp_path_factory):
    """The CLI on a copy with the first batch of breaks, started at once so that it runs
    alongside the rest; its reports/validation.json gives that batch's results."""
    root = copy_project(tmp_path_factory.mktemp("validate") / "batch0", base)
    for item in BATCHES[0]:
        item.edit(root)
    run = CliRun(root)
    yield run
    run.stop()


@pytest.fixture(scope="module")
def baseline(base, cli_run):
    """The committed data, validated with Data Docs."""
    from deportdata.checks.run import run_suites

    return run_suites(Project(base))


@pytest.fixture(scope="module")
def batch_results(base, tmp_path_factory, cli_run):
    """Run each batch of breaks once; results by id of the break. The first batch is the
    CLI's run (`cli_run`), read back from the reports/validation.json it wrote."""
    from deportdata.checks.run import run_suites

    cache: dict[int, dict[str, object]] = {}

    def results(brk: Break) -> dict[str, object]:
        n = next(i for i, batch in enumerate(BATCHES) if brk in batch)
        if n not in cache and n == 0:
            cache[0] = cli_run.results()
        if n not in cache:
            root = copy_project(tmp_path_factory.mktemp("validate") / f"batch{n}", base)
            for item in BATCHES[n]:
                item.edit(root)
            cache[n] = {r.rule_id: r for r in run_suites(Project(root), docs=False)}
        return cache[n]

    return results


def _named(result, table: str, row: str) -> bool:
    return any(_key(table, r) == row for r in result.rows)


def test_committed_data_passes_with_the_known_issue(baseline, base):
    failed = [(r.rule_id, r.rows) for r in baseline if r.status == "failed"]
    assert not failed
    known = {r.rule_id: r for r in baseline if r.status == "known"}
    assert list(known) == ["series.cumulative_not_falling_pooled"]
    rows = known["series.cumulative_not_falling_pooled"].rows
    assert sorted((r["series_row_id"], r["falls_below"], r["known_issue"]) for r in rows) == [
        ("reference:K006", "reference:K005", "I001"),
        ("reference:K007", "reference:K016", "I002"),  # KVAO's 701 below the Post's 727
        ("reference:K017", "reference:K016", "I003"),  # "almost 700" below the same 727
    ]
    assert {r.rule_id: r.status for r in baseline}["known_issues.still_matches"] == "passed"


def test_every_rule_in_the_suites_ran(baseline):
    in_files = sorted(
        e["meta"]["rule_id"]
        for p in (REPO / "expectations").glob("*.json")
        for e in json.loads(p.read_text(encoding="utf-8"))["expectations"]
    )
    assert sorted(r.rule_id for r in baseline) == in_files


def test_data_docs_index_shows_each_suite(baseline, base):
    index = base / "reports" / "data-docs" / "index.html"
    text = index.read_text(encoding="utf-8")
    for path in (REPO / "expectations").glob("*.json"):
        assert path.stem in text
        assert (base / "reports" / "data-docs" / "expectations" / f"{path.stem}.html").is_file()


def test_dropped_columns_are_read_by_no_rule():
    """So dropping one can only break the suite's `columns` rule."""
    for brk in BREAKS:
        dropped = [r.removeprefix("column ") for t, r in brk.keys if r.startswith("column ")]
        suite = json.loads(
            (REPO / "expectations" / f"{brk.table}.json").read_text(encoding="utf-8")
        )
        for exp in suite["expectations"] if dropped else []:
            kwargs = exp["kwargs"]
            read = [kwargs[k] for k in ("column", "column_A", "column_B") if k in kwargs]
            read += kwargs.get("column_list") or []
            read += [kwargs["row_condition"]["column"]["name"]] if "row_condition" in kwargs else []
            assert not set(dropped) & set(read), (
                f"{brk}: {dropped} read by {exp['meta']['rule_id']}"
            )


def test_every_rule_has_a_break():
    rules = {
        e["meta"]["rule_id"]
        for p in (REPO / "expectations").glob("*.json")
        for e in json.loads(p.read_text(encoding="utf-8"))["expectations"]
    }
    assert {b.rule_id for b in BREAKS} | set(UNBREAKABLE) == rules


@pytest.mark.parametrize("brk", BREAKS, ids=str)
def test_break_fails_its_rule_naming_the_row(brk, batch_results):
    result = batch_results(brk)[brk.rule_id]
    assert result.status == "failed", f"{brk.rule_id} did not fail"
    if brk.row is not None:
        assert _named(result, brk.table, brk.row), f"{brk.row} not named in {result.rows}"


def _by_name(name: str) -> Break:
    return next(b for b in BREAKS if b.name == name)


def test_a_new_fall_fails_although_another_row_has_a_known_issue(batch_results):
    results = batch_results(_by_name("new_fall"))
    rule = results["series.cumulative_not_falling_pooled"]
    rows = {r["series_row_id"]: r for r in rule.rows}
    assert rule.status == "failed"
    assert "I001" in rows["reference:K006"]["known_issue"].split(";")
    assert "known_issue" not in rows["reference:K018"]
    assert not _named(results["known_issues.still_matches"], "known_issues", "I001")


def test_mentions_that_do_not_meet_are_named_with_their_intervals(batch_results):
    rule = batch_results(_by_name("mentions_meet"))["occurrences.mentions_meet"]
    (row,) = [r for r in rule.rows if r["occurrence_id"] == "injunction_92_detainees_2018_01_25"]
    assert row["mentions_not_meeting"] == (
        "no day is in every mention's interval: E025 2018-01-25..2018-01-26; "
        "E036 2018-01-19; X012 2018-01-25..2018-01-26"
    )


@pytest.mark.parametrize("case", ["before_scope", "after_build_date"])
def test_scope_edges_pass(case, batch_results):
    """A day outside the scope fails both scope rules, naming its article; its first day
    (the agreement's month) and its last (the build date) are in scope."""
    brk = _by_name(case)
    edge = ON_THE_EDGE[case]
    for rule_id in ("articles.published_in_scope", "articles.published_latest_in_scope"):
        rule = batch_results(brk)[rule_id]
        named = {_key("articles", r) for r in rule.rows}
        assert brk.row in named and edge not in named, (rule_id, rule.rows)


def test_a_known_issue_that_no_longer_matches_fails(batch_results):
    results = batch_results(_by_name("stale"))
    # K006 no longer falls (other breaks of the run may make other totals fall)
    assert not _named(results["series.cumulative_not_falling_pooled"], "series", "reference:K006")
    assert _named(results["known_issues.still_matches"], "known_issues", "I001")


def test_a_misspelled_expectation_type_is_an_error(base, tmp_path):
    from deportdata.checks.run import run_suites

    root = copy_project(tmp_path / "project", base)
    path = root / "expectations" / "actors.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["expectations"][-1]["type"] = "expect_column_values_to_be_in_sett"  # misspelled
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DeportdataError, match=r"expectations in the file, .* loaded") as info:
        run_suites(Project(root), docs=False)
    assert info.value.file == "expectations/actors.json"


def test_a_clean_table_without_a_suite_is_an_error(base, tmp_path):
    from deportdata.checks.run import run_suites

    root = copy_project(tmp_path / "project", base)
    (root / "expectations" / "reference_events.json").unlink()
    with pytest.raises(DeportdataError, match=r"no suite for the clean table\(s\) reference_ev"):
        run_suites(Project(root), docs=False)


def _failure_blocks(stderr: str) -> dict[str, list[str]]:
    """The CLI's stderr by failed rule: the rows printed under each FAILED line."""
    blocks: dict[str, list[str]] = {}
    rows: list[str] = []
    for line in stderr.splitlines():
        if line.startswith("FAILED "):
            rows = blocks.setdefault(line.split(": ", 2)[1].split(" ")[0], [])
        elif line.startswith("    "):
            rows.append(line.strip())
    return blocks


def test_cli_fails_naming_the_row_without_traceback(cli_run):
    code, stdout, stderr = cli_run.output()
    assert code == 1, stderr
    assert "Traceback" not in stderr
    for brk in BATCHES[0]:  # every broken rule is reported
        assert f"FAILED {brk.table}: {brk.rule_id} (" in stderr, brk
    blocks = _failure_blocks(stderr)
    named = [b for b in BATCHES[0] if b.table == "claims" and b.row is not None]
    assert named, "no claims break with a row in the first batch"
    for brk in named:  # each with its row, under its own rule
        assert any(f'"claim_id": "{brk.row}"' in row for row in blocks[brk.rule_id]), brk
    for path in (REPO / "expectations").glob("*.json"):
        assert any(line.strip().startswith(path.stem + " ") for line in stdout.splitlines()), (
            path.stem
        )
    assert "failed" in stdout.splitlines()[-1]
