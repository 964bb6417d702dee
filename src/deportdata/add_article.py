"""Add an article to the raw layer: copy it byte for byte, register it, list what to code."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from deportdata import manifest
from deportdata.errors import DeportdataError
from deportdata.files import Transaction
from deportdata.io.recover import journal
from deportdata.mentions import Mention, load_rules, scan
from deportdata.paths import Project
from deportdata.rawtables import LINE, read_rows
from deportdata.schema import load_schema
from deportdata.tables.coverage import Sentences
from deportdata.texts import read_article

ID_PATTERN = re.compile(r"^\d{3}_[0-9a-f]{16}$")


@dataclass(frozen=True)
class NewArticle:
    source: Path
    article_id: str
    outlet: str
    headline: str
    url: str
    published_earliest: date
    published_latest: date
    basis: str
    published_best: date | None = None
    note: str = ""


def _rows(project: Project, name: str) -> list[dict[str, str]]:
    table = load_schema().table("raw", name)
    rows, errors = read_rows(project.raw / table.path, table, project.rel(project.raw / table.path))
    if errors:
        raise errors[0]
    return rows


def _outlet_id(project: Project, outlet: str) -> str:
    known = {r["organisation_id"] for r in _rows(project, "organisations")}
    if outlet in known:
        return outlet
    for alias in _rows(project, "organisation_aliases"):
        if alias["alias"].casefold() == outlet.casefold():
            return alias["organisation_id"]
    raise DeportdataError(
        f"--outlet {outlet!r} is not a known organisation id or alias",
        hint="add the outlet to data/raw/organisations.csv (and its name to organisation_aliases.csv) first",
    )


def check(project: Project, new: NewArticle) -> tuple[str, str]:
    """Validate everything before anything is written; returns (text, outlet id)."""
    if not ID_PATTERN.match(new.article_id):
        raise DeportdataError(
            f"--id {new.article_id!r} must look like NNN_<16 hex digits>, e.g. 005_0123456789abcdef"
        )
    taken = {r["article_id"] for r in _rows(project, "articles")}
    target = project.raw_articles / f"{new.article_id}.txt"
    if new.article_id in taken or target.exists():
        raise DeportdataError(f"--id {new.article_id} is already taken", hint="choose another id")
    if new.published_latest < new.published_earliest:
        raise DeportdataError(
            f"--published-latest {new.published_latest} is before --published-earliest "
            f"{new.published_earliest}"
        )
    best = new.published_best or (
        new.published_earliest if new.published_earliest == new.published_latest else None
    )
    if best is None:
        raise DeportdataError(
            "the publication interval spans several days: give --published-best (no guess is made)"
        )
    if not new.published_earliest <= best <= new.published_latest:
        raise DeportdataError(f"--published-best {best} lies outside the publication interval")
    if new.basis not in ("source", "inferred"):
        raise DeportdataError(f"--basis must be source or inferred, not {new.basis!r}")
    text = read_article(new.source, str(new.source))
    return text, _outlet_id(project, new.outlet)


def add(project: Project, new: NewArticle) -> list[Mention]:
    """Copy the text, append the articles.csv row, update the manifest; return its mentions."""
    text, outlet = check(project, new)
    best = new.published_best or new.published_earliest
    table = load_schema().table("raw", "articles")
    path = project.raw / table.path
    rows = _rows(project, "articles")
    rows.append(
        {
            "article_id": new.article_id,
            "outlet": outlet,
            "headline": new.headline,
            "headline_in_text": "true" if new.headline in text else "false",
            "url": new.url,
            "url_basis": "source" if new.url else "not_found",
            "original_url": "",
            "original_url_basis": "",
            "reposted_by": "",
            "repost_url": "",
            "published_best": best.isoformat(),
            "published_earliest": new.published_earliest.isoformat(),
            "published_latest": new.published_latest.isoformat(),
            "published_basis": new.basis,
            "published_reasoning": new.note
            or "Publication interval as given to deportdata add-article.",
            "published_basis_urls": new.url,
        }
    )
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(table.columns)
    for row in sorted(rows, key=lambda r: r["article_id"]):
        writer.writerow([row.get(c, "") for c in table.columns if c != LINE])
    # the text, its row and the manifest change together or not at all
    article = project.raw_articles / f"{new.article_id}.txt"
    data, table_text = new.source.read_bytes(), buf.getvalue().encode("utf-8")
    sums = manifest.compute(project)
    sums[article.relative_to(project.raw).as_posix()] = hashlib.sha256(data).hexdigest()
    sums[path.relative_to(project.raw).as_posix()] = hashlib.sha256(table_text).hexdigest()
    txn = Transaction(
        journal(project, "add-article"), project.root, label=f"article {new.article_id}"
    )
    txn.add_bytes(article, data)
    txn.add_bytes(path, table_text)
    txn.add_bytes(project.manifest, manifest.manifest_text(sums).encode("utf-8"))
    txn.commit()
    return scan(text, load_rules(project.rules / "mentions.yaml"))


def suggestions(project: Project, article_id: str, text: str, mentions: list[Mention]) -> str:
    """CSV rows ready to paste: claims.csv for suggested claims, mentions_ignored.csv for the rest."""
    hints = yaml.safe_load((project.rules / "kind_hints.yaml").read_text(encoding="utf-8")) or []
    claims, ignored = [], []
    sentences = Sentences(text)
    for m in mentions:
        sentence = sentences.around(m.start, m.end)
        hint = next(
            (
                h
                for h in hints
                if re.search(h["pattern"], sentence, re.I)
                and re.search(h.get("mention", "."), m.text)
            ),
            None,
        )
        if hint and "ignore" in hint:
            ignored.append(
                ["M???", article_id, m.text, sentence, "", hint["ignore"], "TODO: one sentence why"]
            )
        else:
            kind = hint["kind"] if hint else "TODO"
            claims.append(
                [
                    "C???",
                    article_id,
                    sentence,
                    "",
                    m.text,
                    kind,
                    "persons",
                    "TODO",
                    "",
                    "",
                    "",
                    "TODO",
                    "",
                ]
            )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    out.write(
        f"# {len(mentions)} numeric mention(s) in {article_id}; each must be coded or ignored.\n"
    )
    out.write(
        "# claims.csv rows (check the quote, value_text, kind; fill reporter, quantity_key, ids):\n"
    )
    writer.writerows(claims)
    out.write("# mentions_ignored.csv rows (fill the id and the reason):\n")
    writer.writerows(ignored)
    return out.getvalue()
