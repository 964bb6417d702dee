"""The reports as the corpus grows: `deportdata build --force` on the corpus replicated N times
(scale.py), with each notebook's seconds and the largest figure file (part "reports" of
`make bench`)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from scale import make_project

SIZES = (1, 10, 100)
RATIO_TARGET = 3.0  # the forced build at ×100 against the one at ×1, measured in the same run
FIGURE_TARGET_MB = 2.0  # no figure file larger
DONE = re.compile(r"^\s+done\s+(\S+) \(([\d.]+) s\)$", re.M)


def forced_build(root: Path) -> dict:
    """Seconds of one `build --force` in `root`, each notebook's seconds (as the build prints
    them) and the largest file in reports/figures/."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "deportdata", "--root", str(root), "build", "--force"],
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(f"build --force failed in {root}:\n{result.stdout}\n{result.stderr}")
    figures = sorted(
        (p for p in (root / "reports/figures").iterdir() if p.is_file()),
        key=lambda p: (-p.stat().st_size, p.name),
    )
    return {
        "seconds": seconds,
        "notebooks": {name: float(s) for name, s in DONE.findall(result.stdout)},
        "largest_figure": figures[0].name if figures else "",
        "largest_bytes": figures[0].stat().st_size if figures else 0,
    }


def bench_reports(work: Path, sizes: tuple[int, ...] = SIZES) -> list[dict]:
    """One forced build per replication factor, the smallest first, in this one run."""
    rows = []
    for n in sizes:
        root = make_project(work / f"reports-{n}", n)
        articles = sum(1 for _ in (root / "data/raw/articles").glob("*.txt"))
        rows.append({"n": n, "articles": articles, **forced_build(root)})
        print(f"reports at ×{n}: build --force {rows[-1]['seconds']:.1f} s", flush=True)
        shutil.rmtree(root, ignore_errors=True)
    return rows


def render_reports(rows: list[dict]) -> str:
    """The section of benchmarks/results.md: a row per N, a column per notebook."""
    names = sorted({name for r in rows for name in r["notebooks"]})
    lines = [
        "## Reports at scale: `deportdata build --force` on the corpus replicated N times",
        "",
        "Each build is of a new copy made by benchmarks/scale.py (the lessons left out); a "
        "notebook's seconds are those the build prints (the notebooks run two at a time).",
        "",
        "| N | articles | build --force | " + " | ".join(names) + " | largest figure |",
        "|---" * (4 + len(names)) + "|",
    ]
    for r in rows:
        cells = [f"{r['notebooks'][n]:.1f} s" if n in r["notebooks"] else "–" for n in names]
        lines.append(
            f"| {r['n']:,} | {r['articles']:,} | {r['seconds']:.1f} s | "
            + " | ".join(cells)
            + f" | {r['largest_figure']} ({r['largest_bytes'] / 1e6:.2f} MB) |"
        )
    by_n = {r["n"]: r for r in rows}
    if 1 in by_n and 100 in by_n:
        ratio = by_n[100]["seconds"] / by_n[1]["seconds"]
        ok = "meets target" if ratio <= RATIO_TARGET else "MISSES target"
        lines += ["", f"- ×100 against ×1: {ratio:.2f}× (target ≤ {RATIO_TARGET:.0f}×: {ok})"]
    biggest = max((r["largest_bytes"] for r in rows), default=0) / 1e6
    ok = "meets target" if biggest <= FIGURE_TARGET_MB else "MISSES target"
    lines.append(
        f"- largest figure file at any N: {biggest:.2f} MB (target ≤ {FIGURE_TARGET_MB:.0f} MB: {ok})"
    )
    return "\n".join(lines) + "\n"
