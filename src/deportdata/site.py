"""reports/index.html: the landing page that links every figure, table, notebook and Data Docs."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from html import escape
from importlib import metadata
from pathlib import Path

from deportdata.files import write_text_atomic
from deportdata.paths import Project

PACKAGES = (
    "deportdata",
    "pandas",
    "great_expectations",
    "papermill",
    "seaborn",
    "matplotlib",
    "text2num",
)
STYLE = """body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{margin-bottom:.2rem}figure{margin:1.5rem 0;border:1px solid #ddd;padding:.5rem}
figure img{max-width:100%;height:auto}table{border-collapse:collapse}td,th{padding:.2rem .6rem;
border-bottom:1px solid #eee;text-align:left}.failed{color:#b00}.meta{color:#555;font-size:.9rem}"""


def _git_commit(root: Path) -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True
        ).stdout
        return out.stdout.strip() + (" (with uncommitted changes)" if dirty.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"


def _versions() -> list[tuple[str, str]]:
    found = []
    for name in PACKAGES:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            found.append((name, "not installed"))
    return found


def _title(notebook: Path) -> str:
    """The first Markdown heading of a notebook."""
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return notebook.stem
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            for line in "".join(cell.get("source", [])).splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return notebook.stem


def write_index(project: Project, runs) -> Path:
    """Write reports/index.html from what is in reports/ now."""
    path = project.reports / "index.html"
    write_text_atomic(path, index_html(project, runs))
    return path


def index_html(project: Project, runs, pending: set[str] | frozenset = frozenset()) -> str:
    """reports/index.html for what is in reports/ plus `pending` (paths relative to reports/
    that are published together with the page); every text is HTML-escaped."""
    reports = project.reports

    def present(rel: str) -> bool:
        return rel in pending or (reports / rel).is_file()

    def listing(kind: str, ext: str) -> list[Path]:
        names = {p.name for p in (reports / kind).glob(f"*{ext}")}
        names |= {rel.split("/", 1)[1] for rel in pending if rel.startswith(f"{kind}/")}
        return [reports / kind / n for n in sorted(names) if n.endswith(ext)]

    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>deportdata reports</title>"
        f"<style>{STYLE}</style></head><body>",
        "<h1>deportdata: reports</h1>",
        "<p>News reports on deportations from the United States to Cambodia (2017–2020), coded into "
        "checked tables. Every figure and table below is rebuilt by <code>make all</code>.</p>",
        f"<p class='meta'>Built {escape(datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC'))} from commit "
        f"<code>{escape(_git_commit(project.root))}</code>. Packages: "
        + ", ".join(f"{escape(n)} {escape(v)}" for n, v in _versions())
        + ".</p>",
    ]
    parts.append(
        "<h2>Notebooks</h2><table><tr><th>notebook</th><th>status</th><th>time</th><th>files</th></tr>"
    )
    for run in runs:
        nb = project.notebooks / f"{run.name}.ipynb"
        links = []
        for suffix in ("", ".failed"):
            for ext in ("html", "ipynb"):
                rel = f"notebooks/{run.name}{suffix}.{ext}"
                if present(rel):
                    links.append(f"<a href='{escape(rel)}'>{escape(rel)}</a>")
        css = " class='failed'" if run.status == "failed" else ""
        parts.append(
            f"<tr><td>{escape(_title(nb))}</td><td{css}>{escape(run.status)}"
            f"{': ' + escape(run.message) if run.message else ''}</td>"
            f"<td>{run.seconds:.1f} s</td><td>{' '.join(links)}</td></tr>"
        )
    parts.append("</table>")
    docs = project.data_docs / "index.html"
    parts.append("<h2>Data quality</h2>")
    if docs.is_file():
        parts.append(
            "<p><a href='data-docs/index.html'>Great Expectations Data Docs</a>: every rule checked on "
            "every clean table, with the rows that fail.</p>"
        )
    else:
        parts.append("<p>Data Docs have not been built: run <code>deportdata validate</code>.</p>")
    parts.append("<h2>Figures</h2>")
    for png in listing("figures", ".png"):
        rel = f"figures/{png.name}"
        svg = png.with_suffix(".svg")
        alt = png.stem.replace("-", " ").replace("_", " ")
        parts.append(
            f"<figure><img src='{escape(rel)}' alt='{escape(alt)}'><figcaption>{escape(png.stem)}: "
            f"<a href='{escape(rel)}'>PNG</a>"
            + (
                f" · <a href='figures/{escape(svg.name)}'>SVG</a>"
                if present(f"figures/{svg.name}")
                else ""
            )
            + "</figcaption></figure>"
        )
    parts.append("<h2>Tables</h2><ul>")
    for csv in listing("tables", ".csv"):
        md = csv.with_suffix(".md")
        parts.append(
            f"<li>{escape(csv.stem)}: <a href='tables/{escape(csv.name)}'>CSV</a>"
            + (
                f" · <a href='tables/{escape(md.name)}'>Markdown</a>"
                if present(f"tables/{md.name}")
                else ""
            )
            + "</li>"
        )
    parts.append("</ul></body></html>\n")
    return "\n".join(parts)
