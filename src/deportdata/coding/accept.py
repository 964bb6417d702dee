"""Accept a reviewed draft: move its rows into the raw tables, marked drafted_reviewed.

`deportdata accept ARTICLE_ID` reads data/drafts/<article_id>/, checks every draft row
as the raw layer's rows are checked (same file:line:column messages, pointing into
the draft), gives the rows fresh ids in the raw layer's conventions, rewrites the
references between draft tables, runs the clean step's checks on the would-be raw
layer, and only then swaps the new raw layer in with its manifest and removes the
draft. Any problem changes nothing.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from deportdata.coding import furniture, rawfiles
from deportdata.coding.add import ID_PATTERN, organisation_id_for
from deportdata.coding.draftfiles import (
    CODED_BY,
    DRAFT_REASON,
    DRAFT_TABLES,
    DRAFTED,
    HAND,
    PLACEHOLDER,
    RESIDUE,
    draft_folder,
    draft_table,
    drafts_folder,
    unreviewed,
)
from deportdata.config import Project
from deportdata.errors import DeportdataError, ErrorList
from deportdata.io.files import recover_directory, staged_directory
from deportdata.io.tables import LINE, read_rows
from deportdata.io.texts import read_article
from deportdata.schema import load_schema

NUMBERED = {"claims": "C", "events": "E", "mentions_ignored": "M"}  # id prefixes in raw


@dataclass(frozen=True)
class Accepted:
    article_id: str
    rows: dict[str, list[str]]  # table -> the new ids, in draft order
    residue_rules: list[str] = field(default_factory=list)  # confirmed page furniture

    def summary(self, project: Project) -> str:
        schema = load_schema()
        lines = [f"accepted the draft of {self.article_id} into data/raw/:"]
        for name, ids in self.rows.items():
            if ids:
                path = f"data/raw/{schema.table('raw', name).path}"
                span = ""
                if name in NUMBERED:
                    span = f", {ids[0]} to {ids[-1]}" if len(ids) > 1 else f", {ids[0]}"
                lines.append(f"  {path}: {len(ids)} row(s){span}")
        if self.residue_rules:
            lines.append(
                f"  {project.rel(project.rule_file('residue'))}: {len(self.residue_rules)} "
                "rule(s) removing this article's page furniture from its clean text"
            )
        lines.append(
            f"  rows marked {CODED_BY}={DRAFTED} (rows added to the draft by hand, with an "
            f"empty {DRAFT_REASON}: {HAND}); {project.rel(project.manifest)} updated; "
            f"{project.rel(draft_folder(project, self.article_id))}/ removed"
        )
        lines.append(
            "Next: `make all` (or `deportdata build`), then `make test`, then commit data/raw/, "
            "data/clean/, reports/ and docs/."
        )
        return "\n".join(lines)


@dataclass
class _Draft:
    """The rows of one draft folder, as read and checked."""

    project: Project
    article_id: str

    @cached_property
    def folder(self) -> Path:
        return draft_folder(self.project, self.article_id)

    def display(self, name: str) -> str:
        return self.project.rel(self.folder / load_schema().table("raw", name).path)

    def read(self) -> dict[str, list[dict[str, str]]]:
        schema = load_schema()
        if not self.folder.is_dir():
            raise DeportdataError(
                f"there is no draft for {self.article_id}",
                file=self.project.rel(self.folder),
                hint="'deportdata add-article FILE ...' writes one; see "
                f"{self.project.rel(drafts_folder(self.project))}/ for the drafts there are",
            )
        known = {schema.table("raw", n).path for n in DRAFT_TABLES} | {RESIDUE}
        errors = [
            DeportdataError(
                "is not a draft table, so accept would not move it",
                file=self.project.rel(path),
                hint=f"a draft holds {', '.join(sorted(known))}",
            )
            for path in sorted(self.folder.iterdir())
            if path.suffix == ".csv" and path.name not in known
        ]
        tables: dict[str, list[dict[str, str]]] = {}
        for name in DRAFT_TABLES:
            raw = schema.table("raw", name)
            path = self.folder / raw.path
            if not path.exists() and name in ("organisations", "organisation_aliases"):
                continue  # drafted only when the article names new organisations
            rows, problems = read_rows(path, draft_table(raw), self.display(name))
            errors += problems
            for row in rows:
                if "article_id" in raw.columns and row["article_id"] != self.article_id:
                    errors.append(
                        DeportdataError(
                            f"the row belongs to {row['article_id']!r}, not to the draft's "
                            f"article {self.article_id}",
                            file=self.display(name),
                            line=int(row[LINE]),
                            column="article_id",
                        )
                    )
            errors += unreviewed(rows, self.display(name))
            tables[name] = rows
        errors += self._read_residue()
        if errors:
            raise ErrorList(errors)
        return tables

    def _read_residue(self) -> list[DeportdataError]:
        """Read residue.csv, the page furniture to remove (`self.furniture`, the confirmed
        rows; none when the file is absent); its problems, reported with the tables'."""
        self.furniture: list[dict[str, str]] = []
        path, text_path = self.folder / RESIDUE, self.text_path
        if not path.exists() or not text_path.is_file():
            return []  # no text: accept says the article is not registered
        text = read_article(text_path, self.project.rel(text_path))
        rows, errors = furniture.read_rows(path, self.project.rel(path), self.article_id, text)
        self.furniture = rows
        return errors + unreviewed(rows, self.project.rel(path))

    @property
    def text_path(self) -> Path:
        return self.project.raw_articles / f"{self.article_id}.txt"


def _next_number(rows: list[dict[str, str]], column: str, prefix: str) -> int:
    numbers = [
        int(r[column][len(prefix) :]) for r in rows if re.fullmatch(rf"{prefix}\d+", r[column])
    ]
    return max(numbers, default=0) + 1


def _actor_id(row: dict[str, str]) -> str:
    if row["name_as_printed"]:
        return organisation_id_for(row["name_as_printed"])
    return "anonymous_" + organisation_id_for(row["title_as_printed"] or "person")


def _fresh_ids(
    raw: dict[str, list[dict[str, str]]], draft: dict[str, list[dict[str, str]]]
) -> dict[str, dict[str, str]]:
    """table -> {draft id: raw id}. Numbered tables continue the raw numbering in draft
    order; people and organisations get snake_case ids derived from the printed name."""
    schema = load_schema()
    mapping: dict[str, dict[str, str]] = {}
    for name, rows in draft.items():
        key = schema.table("raw", name).primary_key[0]
        ids: dict[str, str] = {}
        if name in NUMBERED:
            prefix = NUMBERED[name]
            number = _next_number(raw[name], key, prefix)
            for row in rows:
                ids[row[key]] = f"{prefix}{number:03d}"
                number += 1
        elif name in ("actors", "organisations"):
            derive: Callable[[dict[str, str]], str] = (
                _actor_id if name == "actors" else lambda r: organisation_id_for(r["name"])
            )
            for row in rows:
                if re.fullmatch(PLACEHOLDER, row[key]):
                    ids[row[key]] = derive(row)
        mapping[name] = ids
    return mapping


def _rewrite(
    draft: dict[str, list[dict[str, str]]], mapping: dict[str, dict[str, str]]
) -> dict[str, list[dict[str, str]]]:
    """The draft rows with fresh ids and every reference between draft tables rewritten
    (through the schema's foreign keys), `draft_reason` dropped and `coded_by` set."""
    schema = load_schema()
    out = {}
    for name, rows in draft.items():
        table = schema.table("raw", name)
        key = table.primary_key[0]
        refs = [(c, fk.table) for fk in table.foreign_keys for c in fk.columns]
        new_rows = []
        for row in rows:
            new = {c: row.get(c, "") for c in table.columns}
            new[key] = mapping.get(name, {}).get(row[key], row[key])
            for column, target in refs:
                ids = mapping.get(target, {})
                if table.columns[column].multi:
                    parts = new[column].split(";") if new[column] else []
                    new[column] = ";".join(ids.get(p, p) for p in parts)
                else:
                    new[column] = ids.get(new[column], new[column])
            if CODED_BY in table.columns:
                new[CODED_BY] = DRAFTED if row.get(DRAFT_REASON, "").strip() else HAND
            new[LINE] = row[LINE]
            new_rows.append(new)
        out[name] = new_rows
    return out


def _changes(
    project: Project, article_id: str, draft: dict[str, list[dict[str, str]]]
) -> tuple[dict[str, bytes], dict[str, list[str]], dict[tuple[str, str], tuple[str, int]]]:
    """(raw file -> new bytes, table -> new ids, (table, raw id) -> (draft file, line))."""
    schema = load_schema()
    raw = {n: rawfiles.table_rows(project, n) for n in DRAFT_TABLES}
    existing = [
        n for n in ("claims", "events", "mentions_ignored", "actors")
        if any(r["article_id"] == article_id for r in raw[n])
    ]  # fmt: skip
    if existing:
        raise DeportdataError(
            f"{article_id} already has coded rows in "
            + ", ".join(f"data/raw/{schema.table('raw', n).path}" for n in existing)
            + ", so its draft was accepted already or the article was coded by hand; nothing was changed",
            hint="compare the draft with those rows, then remove one or the other",
        )
    mapping = _fresh_ids(raw, draft)
    rows = _rewrite(draft, mapping)
    rows["organisation_aliases"] = rows.get("organisation_aliases", []) + _new_aliases(
        raw, rows, article_id
    )
    changes: dict[str, bytes] = {}
    origin: dict[tuple[str, str], tuple[str, int]] = {}
    new_ids: dict[str, list[str]] = {}
    for name, new_rows in rows.items():
        table = schema.table("raw", name)
        key = table.primary_key
        for row in new_rows:
            line = int(row.pop(LINE))
            if line:
                origin[(name, "/".join(row[c] for c in key))] = (name, line)
        new_ids[name] = [r[key[0]] for r in new_rows]
        merged = rawfiles.sorted_rows(table, [*raw[name], *new_rows])
        changes[table.path] = rawfiles.table_text(table, merged).encode()
    return changes, new_ids, origin


def _new_aliases(
    raw: dict[str, list[dict[str, str]]], rows: dict[str, list[dict[str, str]]], article_id: str
) -> list[dict[str, str]]:
    """An alias for the name of every drafted organisation that has none yet, so that
    the next article that prints the name resolves to it."""
    known = {
        r["alias"].casefold()
        for r in [*raw["organisation_aliases"], *rows.get("organisation_aliases", [])]
    }
    out = []
    for org in rows.get("organisations", []):
        if org["name"].casefold() not in known:
            known.add(org["name"].casefold())
            out.append(
                {
                    "alias": org["name"],
                    "organisation_id": org["organisation_id"],
                    "note": f"Name of an organisation drafted for article {article_id}.",
                    LINE: "0",
                }
            )
    return out


def _check_staged(
    project: Project, stage: Path, draft: _Draft, origin: dict[tuple[str, str], tuple[str, int]]
) -> None:
    """Run the clean step's checks on the staged raw layer; problems in rows that came
    from the draft name the draft file and line."""
    from deportdata.clean.run import build

    schema = load_schema()
    staged = rawfiles.StagedProject(project.root, stage)
    lines: dict[tuple[str, int], tuple[str, int]] = {}
    for name in {n for n, _ in origin}:
        table = schema.table("raw", name)
        rows, _ = read_rows(stage / table.path, table, table.path)
        for row in rows:
            found = origin.get((name, "/".join(row[c] for c in table.primary_key)))
            if found:
                lines[(project.rel(project.raw / table.path), int(row[LINE]))] = (
                    draft.display(found[0]),
                    found[1],
                )
    prefix = staged.rel(stage)

    def relocate(error: DeportdataError) -> DeportdataError:
        file = error.file or ""
        if file.startswith(prefix):
            file = project.rel(project.raw) + file[len(prefix) :]
        where = lines.get((file, error.line or 0))
        if where:
            file, line = where
            return DeportdataError(
                error.message, file=file, line=line, column=error.column, hint=error.hint
            )
        return DeportdataError(
            error.message, file=file or None, line=error.line, column=error.column, hint=error.hint
        )

    try:
        result = build(staged)
    except ErrorList as errors:
        raise ErrorList([relocate(e) for e in errors.errors]) from None
    except DeportdataError as error:
        raise relocate(error) from None
    uncoded = [m for m in result.tables.get("mentions", []) if m["status"] == "uncoded"]
    if uncoded:
        raise ErrorList(
            [
                DeportdataError(
                    f"numeric mention {m['text']!r} is neither a claim nor an ignored mention "
                    f"in the draft: “{m['sentence']}”",
                    file=f"data/raw/articles/{m['article_id']}.txt",
                    column=f"characters {m['start']}-{m['end']}",
                    hint=f"add a row for it to {draft.display('claims')} or "
                    f"{draft.display('mentions_ignored')}",
                )
                for m in uncoded
            ]
        )


def accept(project: Project, article_id: str) -> Accepted:
    """Check the draft, then swap in the raw layer with its rows; remove the draft."""
    from deportdata.io import manifest

    if not ID_PATTERN.match(article_id):
        raise DeportdataError(
            f"{article_id!r} is not an article id: they look like NNN_<16 hex digits>, "
            "e.g. 005_0123456789abcdef"
        )
    recover_directory(project.raw)
    problems = manifest.verify(project)
    if problems:
        raise ErrorList(
            [
                *problems,
                DeportdataError(
                    "the raw layer has changes that are not in the manifest; nothing was accepted",
                    hint="check them, then run 'deportdata manifest --update'",
                ),
            ]
        )
    draft = _Draft(project, article_id)
    tables = draft.read()
    if article_id not in {r["article_id"] for r in rawfiles.table_rows(project, "articles")}:
        raise DeportdataError(
            f"{article_id} is not in data/raw/articles.csv",
            hint="add the article first with 'deportdata add-article'",
        )
    changes, new_ids, origin = _changes(project, article_id, tables)
    if draft.furniture:
        residue_file = project.rule_file("residue")
        text = read_article(draft.text_path, project.rel(draft.text_path))
        rules = furniture.residue_rules(text, article_id, draft.furniture)
        changes[residue_file.relative_to(project.raw).as_posix()] = furniture.append_rules(
            residue_file.read_text(encoding="utf-8"), article_id, rules
        ).encode()
        residue_names = [r["name"] for r in rules]
    else:
        residue_names = []
    with staged_directory(project.raw) as stage:
        rawfiles.fill_stage(project, stage, changes)
        _check_staged(project, stage, draft, origin)
    shutil.rmtree(draft.folder)
    with contextlib.suppress(OSError):
        draft.folder.parent.rmdir()  # data/drafts/ when it was the last draft
    return Accepted(article_id, new_ids, residue_names)
