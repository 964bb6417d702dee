"""Clean step: data/raw/ → data/clean/ (load raw tables and texts, process, save)."""

from __future__ import annotations

from dataclasses import dataclass, field

from deportdata.clean import datapackage
from deportdata.clean.tables import build_tables  # the table builders, one module each
from deportdata.config import Project
from deportdata.errors import DeportdataError, ErrorList
from deportdata.io import manifest
from deportdata.io.files import csv_text, staged_directory, write_text_atomic
from deportdata.io.tables import read_raw_tables
from deportdata.io.texts import read_article
from deportdata.schema import load_schema
from deportdata.text.rules import Rules

Row = dict[str, object]


@dataclass
class CleanResult:
    """Everything the clean step produces, before it is written."""

    tables: dict[str, list[Row]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # article_id → cleaned text


@dataclass(frozen=True)
class Summary:
    rows: dict[str, int]
    removed_chars: int
    removals: int
    coverage: tuple[int, int] | None  # (accounted mentions, all mentions)
    uncoded: tuple[Row, ...] = ()  # mentions neither coded as a claim nor ignored

    def uncoded_report(self) -> str:
        """One line per uncoded mention: article, offsets, the number as printed, its sentence."""
        lines = [
            f"{len(self.uncoded)} numeric mention(s) are neither coded in data/raw/claims.csv nor listed "
            "in data/raw/mentions_ignored.csv:"
        ]
        for m in self.uncoded:
            lines.append(
                f"  data/raw/articles/{m['article_id']}.txt: characters {m['start']}-{m['end']}: "
                f"{m['text']!r} in “{m['sentence']}”"
            )
        lines.append(
            "Code each one as a claim or ignore it with a reason, then run "
            "'deportdata manifest --update' and build again."
        )
        return "\n".join(lines)

    def __str__(self) -> str:
        lines = [f"  {name:<28} {n:>5} rows" for name, n in sorted(self.rows.items())]
        lines.append(f"  residue removed: {self.removals} spans, {self.removed_chars} characters")
        if self.coverage:
            done, total = self.coverage
            lines.append(f"  numeric mentions accounted for: {done} of {total}")
        return "clean: wrote data/clean/\n" + "\n".join(lines)


def load_texts(project: Project, articles: list[dict[str, str]]) -> dict[str, str]:
    """The raw text of every article in articles.csv; files not listed there are an error."""
    errors: list[DeportdataError] = []
    texts = {}
    for row in articles:
        path = project.raw_articles / f"{row['article_id']}.txt"
        try:
            texts[row["article_id"]] = read_article(path, project.rel(path))
        except DeportdataError as error:
            errors.append(error)
    listed = {f"{row['article_id']}.txt" for row in articles}
    for path in sorted(project.raw_articles.glob("*.txt")):
        if path.name not in listed:
            errors.append(
                DeportdataError(
                    "article file is not registered in articles.csv",
                    file=project.rel(path),
                    hint="add it with 'deportdata add-article' or remove it",
                )
            )
    if errors:
        raise ErrorList(errors)
    return texts


def build(project: Project) -> CleanResult:
    """Compute every clean table in memory; raises ErrorList on bad input."""
    problems = manifest.verify(project)
    if problems:
        raise ErrorList(problems)
    raw = read_raw_tables(project)
    texts = load_texts(project, raw["articles"])
    tables, cleaned = build_tables(project, raw, texts, list(Rules.load(project).residue))
    return CleanResult(tables=tables, texts=cleaned)


def save(project: Project, result: CleanResult) -> None:
    """Write every clean table and text into a staged folder, then swap it in."""
    schema = load_schema()
    project.clean.parent.mkdir(parents=True, exist_ok=True)
    with staged_directory(project.clean, label="data/clean/") as stage:
        for name, rows in result.tables.items():
            table = schema.table("clean", name)
            columns = list(table.columns)
            write_text_atomic(
                stage / table.path, csv_text(columns, ([r.get(c) for c in columns] for r in rows))
            )
        for article_id, text in result.texts.items():
            write_text_atomic(stage / "articles" / f"{article_id}.txt", text)
        write_text_atomic(stage / datapackage.FILENAME, datapackage.render(stage, schema))


def run(project: Project) -> Summary:
    """Build and save the clean layer; return what was written."""
    result = build(project)
    save(project, result)
    log = result.tables.get("cleaning_log", [])
    mentions = result.tables.get("mentions")
    coverage = None
    if mentions is not None:
        coverage = (sum(1 for m in mentions if m["status"] != "uncoded"), len(mentions))
    return Summary(
        rows={name: len(rows) for name, rows in result.tables.items()},
        removed_chars=sum(int(r["end"]) - int(r["start"]) for r in log),
        removals=len(log),
        coverage=coverage,
        uncoded=tuple(m for m in mentions or () if m["status"] == "uncoded"),
    )
