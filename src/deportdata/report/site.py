"""reports/index.html: the landing page that links every figure, table, notebook and Data Docs."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from html import escape
from importlib import metadata
from pathlib import Path
from urllib.parse import quote

from deportdata.checks.outputs import CheckOutputs
from deportdata.config import Project
from deportdata.runtime import git

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
figure img{max-width:100%;height:auto}figcaption p{margin:.3rem 0}table{border-collapse:collapse}td,th{padding:.2rem .6rem;
border-bottom:1px solid #eee;text-align:left}.failed{color:#b00}.meta{color:#555;font-size:.9rem}
.verdict{padding:.6rem .8rem;border-left:.4rem solid #2a7;background:#f3faf5}
.verdict.failed{border-color:#b00;background:#fdf2f2}ul.known li{margin:.3rem 0}"""


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


def _size(path: Path) -> str:
    n = path.stat().st_size
    return f"{n / 1024:.0f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MiB"


def data_section(
    project: Project,
    commit: str | None = None,
    exports: Path | None = None,
    checks: CheckOutputs | None = None,
) -> str:
    """The Data section: downloads, codebook, Data Docs and how to cite this version.
    `exports`: the folder the downloads are in now (a staged reports/data/ published together
    with the page), by default reports/data/ itself; `checks` likewise for the Data Docs."""
    from deportdata.clean import datapackage, metadata
    from deportdata.publish import archive, cite, sqlite
    from deportdata.publish.export import CHECKSUMS, CODEBOOK, STATA_FOLDER

    folder = exports or project.data_exports
    out = ["<section id='data'><h2>Data</h2>"]
    if not (folder / sqlite.FILENAME).is_file():
        out.append("<p>The data have not been exported: run <code>deportdata export</code>.</p>")
    else:

        def link(rel: str, text: str) -> str:
            return f"<a href='data/{escape(rel)}'>{escape(text)}</a> ({_size(folder / rel)})"

        stata = sorted((folder / STATA_FOLDER).glob("*.dta"))
        out += [
            f"<p>Version {escape(metadata.version())} of the clean tables, in the formats data users "
            "expect. Coded data: CC BY 4.0; article texts and quotations: their publishers' copyright "
            "(LICENSE-ARTICLES).</p><ul>",
            f"<li>{link(sqlite.FILENAME, 'SQLite database')}: every table with types, keys, indexes "
            "and views; browse it with <code>deportdata serve</code> (Datasette, read-only).</li>",
            "<li>Stata files (.dta, one per table, variable labels from the codebook): "
            + ", ".join(link(f"{STATA_FOLDER}/{p.name}", p.stem) for p in stata)
            + ".</li>",
            f"<li>{link(archive.FILENAME, 'CSV zip')}: every clean table, the cleaned article texts, "
            "the data package and the licences.</li>",
            f"<li>{link(datapackage.FILENAME, 'datapackage.json')}: the Frictionless data package "
            "(types, keys, vocabularies, sources, checksums).</li>",
            f"<li>{link(CHECKSUMS, CHECKSUMS)}: SHA-256 of every download.</li></ul>",
            f"<p>Documentation: {link(CODEBOOK, 'codebook')}, every table, column and vocabulary"
            + (
                "; <a href='data-docs/index.html'>Data Docs</a> (every check and its result)"
                if ((checks or CheckOutputs.published(project)).docs / "index.html").is_file()
                else ""
            )
            + ".</p>",
        ]
    commit = commit or git.commit(project.root)
    text, bib = cite.package(project, commit)
    out += [
        "<h3 id='cite'>Cite as</h3><table class='cite'>",
        f"<tr><th>version</th><td>{escape(metadata.version())}</td></tr>",
        f"<tr><th>commit</th><td><code>{escape(commit)}</code></td></tr>",
        f"<tr><th>data package</th><td><code>{escape(cite.package_hash(project))}</code></td></tr>",
        "</table>",
        f"<p>{escape(text)}</p><pre style='white-space:pre-wrap'>{escape(bib)}</pre>",
        "<p>For a claim and the article it is quoted from: <code>deportdata cite C008</code>.</p>",
        "</section>",
    ]
    return "\n".join(out)


def figure_list(
    project: Project, names: set[str] | None = None
) -> list[tuple[str, str, str | None, Path | None]]:
    """(figure name, caption, table name, notebook) in story order: the notebooks in order,
    each notebook's figures as its metadata lists them (deportdata.report.figures), then any figure
    in `names` (default: those in reports/figures/) that no notebook lists, by name,
    captioned with its name."""
    listed = []
    for notebook in sorted(project.notebooks.glob("*.ipynb")):
        try:
            meta = json.loads(notebook.read_text(encoding="utf-8"))["metadata"]
        except (OSError, ValueError, KeyError):
            continue
        for fig in meta.get("deportdata", {}).get("figures", []):
            listed.append((fig["name"], fig["caption"], fig.get("table"), notebook))
    known = {name for name, *_ in listed}
    if names is None:
        names = {p.stem for p in (project.reports / "figures").glob("*.png")}
    rest = sorted(name for name in names if name not in known)
    return listed + [(name, name.replace("-", " ") + ".", None, None) for name in rest]


def _link(href: str, text: str) -> str:
    return f"<a href='{escape(href)}'>{escape(text)}</a>"


def _table_links(table: str, present) -> str:
    """A report table: its name, linked to its page when there is one, then its CSV."""
    page = f"tables/{table}.html"
    name = _link(page, table) if present(page) else escape(table)
    return f"{name} ({_link(f'tables/{table}.csv', 'CSV')})"


def _figures(project: Project, present, names: set[str]) -> list[str]:
    """One <figure> per figure: the image, a one-sentence caption, and links to its files,
    its notebook, its table and the reviewer's guide. `present(rel)` says whether a file
    (relative to reports/) is there or published with the page; `names` are the figures."""
    reports, parts = project.reports, []
    guides = [
        (project.root / "docs" / name, text)
        for name, text in (("REVIEWING.md", "reviewer's guide"), ("CODEBOOK.md", "codebook"))
    ]
    guides = [(path, text) for path, text in guides if path.is_file()]
    if guides:
        parts.append(
            "<p>In the order of the story the notebooks tell. How to check a figure against its "
            "sources: the "
            + " and the ".join(_link(os.path.relpath(p, reports), t) for p, t in guides)
            + ".</p>"
        )
    for name, caption, table, notebook in figure_list(project, names):
        if not present(f"figures/{name}.png"):
            continue
        links = [_link(f"figures/{name}.png", "PNG")]
        if present(f"figures/{name}.svg"):
            links.append(_link(f"figures/{name}.svg", "SVG"))
        if notebook is not None and present(f"notebooks/{notebook.stem}.html"):
            links.append("notebook " + _link(f"notebooks/{notebook.stem}.html", _title(notebook)))
        if table and present(f"tables/{table}.csv"):
            links.append(f"table {_table_links(table, present)}")
        if guides:
            links.append(_link(os.path.relpath(guides[0][0], reports), guides[0][1]))
        parts.append(
            f"<figure id='{escape(name)}'><img src='figures/{escape(name)}.png' alt='{escape(caption)}'>"
            f"<figcaption><p>{escape(caption)}</p><p class='meta'>{escape(name)}: "
            + " · ".join(links)
            + "</p></figcaption></figure>"
        )
    return parts


def quality_section(project: Project, checks: CheckOutputs | None = None) -> str:
    """The verdict of the checks (published, or `checks` published with the page), first on
    the page: in words and numbers, each known issue named with its reason (the words the
    Data Docs use), and where a reviewer starts."""
    from deportdata.checks.verdict import read, validation_pages

    checks = checks or CheckOutputs.published(project)
    found = read(project, checks.results)
    if found is None or not (checks.docs / "index.html").is_file():
        return (
            "<h2 id='quality'>Data quality</h2><p class='failed'>The checks have not run: run "
            "<code>deportdata validate</code> (or <code>make all</code>).</p>"
        )
    css = "failed" if found.failed else "passed"
    parts = [
        "<h2 id='quality'>Data quality</h2>",
        f"<p class='verdict {css}'><strong>{escape(found.headline())}</strong> "
        f"{escape(found.conclusion())}</p>",
    ]
    if found.known_failures:
        parts.append("<ul class='known'>")
        for known in found.known_failures:
            pages = validation_pages(checks.docs, known.suite)
            page = f"data-docs/{pages[-1].as_posix()}" if pages else "data-docs/index.html"
            parts.append(
                f"<li>{escape(known.sentence())} "
                f"<a href='{escape(quote(page), quote=True)}'>The rule's results</a>.</li>"
            )
        parts.append("</ul>")
    parts.append(
        "<p>Where a reviewer starts: the <a href='data-docs/index.html'>Data Docs</a> (every rule "
        "on every clean table, with the rows that fail), then the notebook "
        "<em>07-data-quality</em> below (the same results as figures and tables), then the "
        "rules as text in <code>docs/RULES.md</code>.</p>"
    )
    return "\n".join(parts)


def index_html(
    project: Project,
    runs,
    pending: set[str] | frozenset = frozenset(),
    exports: Path | None = None,
    checks: CheckOutputs | None = None,
) -> str:
    """reports/index.html for what is in reports/ plus `pending` (paths relative to reports/
    that are published together with the page), the `exports` folder published with it
    (the new reports/data/) and the `checks` (results and Data Docs) published with it;
    every text is HTML-escaped."""
    checks = checks or CheckOutputs.published(project)
    reports = project.reports

    def present(rel: str) -> bool:
        return rel in pending or (reports / rel).is_file()

    def listing(kind: str, ext: str) -> list[Path]:
        names = {p.name for p in (reports / kind).glob(f"*{ext}")}
        names |= {rel.split("/", 1)[1] for rel in pending if rel.startswith(f"{kind}/")}
        return [reports / kind / n for n in sorted(names) if n.endswith(ext)]

    from deportdata.clean.metadata import corpus_phrase
    from deportdata.publish.cite import corpus

    commit = git.commit(project.root)
    phrase = corpus_phrase(corpus(project))  # "five news articles (2017–2020)", from the data
    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>deportdata reports: {escape(phrase)}</title>"
        f"<style>{STYLE}</style></head><body>",
        "<h1>deportdata: reports</h1>",
        f"<p>Deportations from the United States to Cambodia in {escape(phrase)}, coded into "
        "checked tables. Every figure and table below is rebuilt by <code>make all</code>.</p>",
        f"<p class='meta'>Built {escape(datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC'))} from commit "
        f"<code>{escape(commit)}</code>. Packages: "
        + ", ".join(f"{escape(n)} {escape(v)}" for n, v in _versions())
        + ".</p>",
    ]
    parts.append(quality_section(project, checks))
    parts.append(data_section(project, commit, exports, checks))
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
    parts.append("<h2>Figures</h2>")
    names = {png.stem for png in listing("figures", ".png")}
    parts.extend(_figures(project, present, names))
    parts.append(
        "<h2>Tables</h2><p>Each table as a page (every row, sortable, its columns described) "
        "and as CSV.</p><ul>"
    )
    for csv in listing("tables", ".csv"):
        parts.append(f"<li>{_table_links(csv.stem, present)}</li>")
    parts.append("</ul></body></html>\n")
    return "\n".join(parts)
