"""Drafting time against the size of the text (benchmarks/run.py, part `drafting`).

INVENTED TEXT. The paragraphs below were written for this benchmark in the style of
a news report; they are not reports of real events. A text of the wanted size is made
by repeating them, and drafted in-process with `deportdata.coding.draft.draft_text`.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

PARAGRAPHS = (
    "PHNOM PENH — More than 600 Cambodians have been deported from the United States "
    "since 2002, according to the Khmer Vulnerability Aid Organization.",
    "About 35 more are expected to arrive on Thursday, the group’s director, Sokha Chan, "
    "told reporters. Ms. Chan said the men, aged between 22 and 58, had lived in "
    "California for decades.",
    "U.S. Embassy spokesman Dara Vong confirmed that 41 people were detained last month. "
    "“We expect two flights this year,” he said on Monday.",
    "The two countries signed the agreement in 2002, and deportations take place every "
    "three months. One of the deportees, a 37-year-old father of two, said he paid $1,500 "
    "for a lawyer.",
    "In April, the Interior Ministry said it had received 28 requests, and officials put "
    "the number at 30 by the end of the month.",
)
SIZES = (("10 KB", 10_000), ("100 KB", 100_000), ("1 MB", 1_000_000))
ARTICLE = {
    "outlet": "phnom_penh_post",
    "published_best": "2018-05-04",
    "published_earliest": "2018-05-04",
    "published_latest": "2018-05-04",
}


def synthetic_text(size: int) -> str:
    """Invented paragraphs repeated to at least `size` characters, one per line."""
    block = "\n".join(PARAGRAPHS) + "\n"
    return block * (size // len(block) + 1)


def bench_sizes(root: Path, repeat: int = 1) -> list[dict]:
    """Seconds to draft a text of each size (median of `repeat`), with the rows drafted."""
    from deportdata.coding.draft import draft_text, registry_of
    from deportdata.coding.drafting.rules import drafting_rules
    from deportdata.config import Project
    from deportdata.text.mentions import load_rules as load_mention_rules

    project = Project(root)
    rules = drafting_rules(project)
    mention_rules = load_mention_rules(project.rules / "mentions.yaml")
    out = []
    for label, size in SIZES:
        text = synthetic_text(size)
        times, draft = [], None
        for _ in range(repeat):
            registry = registry_of(project)
            started = time.perf_counter()
            draft = draft_text(
                "900_0000000000000000", text, ARTICLE, registry, rules, mention_rules
            )
            times.append(time.perf_counter() - started)
        out.append(
            {
                "size": label,
                "characters": len(text),
                "seconds": statistics.median(times),
                "claims": len(draft.tables["claims"]),
                "events": len(draft.tables["events"]),
                "ignored": len(draft.tables["mentions_ignored"]),
            }
        )
    return out


def render_sizes(rows: list[dict]) -> list[str]:
    """Lines of the results page: drafting time per text size (none before it was measured)."""
    if not rows:
        return []
    lines = [
        "",
        "Drafting time against the size of the text (benchmarks/draft_scale.py: invented "
        "news-style paragraphs repeated to the size, drafted in-process with `draft_text`; "
        "time grows in proportion to the text):",
        "",
        "| text | characters | seconds | claims | events | ignored mentions |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']} | {r['characters']:,} | {r['seconds']:.2f} s | {r['claims']:,} "
            f"| {r['events']:,} | {r['ignored']:,} |"
        )
    return lines
