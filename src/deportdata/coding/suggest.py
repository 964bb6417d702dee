"""Printed suggestions for coding a new article, used until the drafting engine lands.

`deportdata add-article` prints these rows only when `deportdata.coding.draft` is not
installed; with it, the whole coding is drafted into data/drafts/<article_id>/.
"""

from __future__ import annotations

import csv
import io
import re

import yaml

from deportdata.mentions import Mention, load_rules, scan
from deportdata.paths import Project
from deportdata.tables.coverage import Sentences


def mentions(project: Project, text: str) -> list[Mention]:
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
                [
                    "M???",
                    article_id,
                    m.text,
                    sentence,
                    "",
                    hint["ignore"],
                    "TODO: one sentence why",
                    "hand",
                ]
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
                    "hand",
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
