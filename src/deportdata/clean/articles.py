"""Clean articles: residue removed (with a log), publication interval checked."""

from __future__ import annotations

import hashlib
from datetime import date

from deportdata.clean.context import Context
from deportdata.text.residue import ResidueRule, find_residue, remove

Row = dict[str, object]


def build_articles(
    ctx: Context, rules: list[ResidueRule]
) -> tuple[list[Row], list[Row], dict[str, str]]:
    """(articles, cleaning_log, cleaned texts) for every article."""
    articles, log, cleaned = [], [], {}
    reasons = {r.name: r.reason for r in rules}
    for row in ctx.raw["articles"]:
        article_id = row["article_id"]
        text = ctx.texts[article_id]
        removals = (
            ctx.attempt(
                "articles",
                row,
                "article_id",
                lambda t=text, a=article_id: find_residue(t, rules, a),
            )
            or []
        )
        clean = remove(text, removals)
        cleaned[article_id] = clean
        for n, r in enumerate(removals, 1):
            log.append(
                {
                    "log_id": f"{article_id}#{n}",
                    "article_id": article_id,
                    "rule": r.rule,
                    "start": r.start,
                    "end": r.end,
                    "removed_text": r.text,
                    "reason": reasons[r.rule],
                }
            )
        published = ctx.coded.get(article_id)
        if published is None:  # left out by the reader: the interval is unordered
            ctx.problem(
                "articles",
                row,
                "published_latest",
                f"publication interval ends ({row['published_latest']}) before it starts "
                f"({row['published_earliest']})",
            )
        best = row.get("published_best") or ""
        if published and best and date.fromisoformat(best) not in published:
            ctx.problem(
                "articles",
                row,
                "published_best",
                f"published_best {best} is outside the interval {published.earliest} .. "
                f"{published.latest}",
            )
        articles.append(
            {
                **{k: v for k, v in row.items() if not k.startswith("_")},
                "published_precision": published.precision if published else "",
                "raw_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "raw_chars": len(text),
                "clean_chars": len(clean),
                "residue_removed": len(removals),
            }
        )
    return articles, log, cleaned
