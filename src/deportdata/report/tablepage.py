"""A report table as a page of its own (reports/tables/<name>.html): every row, headers that
sort the rows when clicked, each column described from the codebook, the CSV beside it.
Self-contained (its style and its few lines of script are in the page), so it works offline
and from a file:// address; the same frame always gives the same bytes."""

from __future__ import annotations

import functools
from html import escape

from deportdata.io.files import format_cell

DERIVED = "computed by the notebook that writes this table (see its page in reports/notebooks/)"

STYLE = """body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;font-size:.85rem}td,th{padding:.2rem .5rem;border-bottom:1px solid #ddd;
text-align:left;vertical-align:top;max-width:32em}th{background:#f5f5f5;position:sticky;top:0}
th button{font:inherit;font-weight:600;border:0;background:none;cursor:pointer;padding:0;text-align:left}
th button::after{content:" \\2195";color:#888}th[aria-sort=ascending] button::after{content:" \\2191"}
th[aria-sort=descending] button::after{content:" \\2193"}td.n{text-align:right;white-space:nowrap}
dl.columns{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem;font-size:.9rem}
dl.columns dt{font-family:monospace}dl.columns dd{margin:0}.meta{color:#555}"""

# Sorting: by the cell's text, numbers as numbers, empty cells last; a second click reverses.
SCRIPT = """document.querySelectorAll("th button").forEach((button, col) => {
  button.addEventListener("click", () => {
    const th = button.parentElement, body = document.querySelector("#rows tbody");
    const up = th.getAttribute("aria-sort") !== "ascending";
    document.querySelectorAll("th").forEach(h => h.removeAttribute("aria-sort"));
    th.setAttribute("aria-sort", up ? "ascending" : "descending");
    const key = r => r.cells[col].textContent.trim();
    const rows = Array.from(body.rows).sort((a, b) => {
      const x = key(a), y = key(b);
      if (x === "" || y === "") return (x === "") - (y === "");
      const nx = Number(x), ny = Number(y);
      const c = !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y);
      return up ? c : -c;
    });
    rows.forEach(r => body.appendChild(r));
  });
});"""


@functools.cache
def _codebook() -> dict[str, dict[str, str]]:
    """Column name → {clean table: the column's description in the codebook}."""
    from deportdata.schema import load_schema

    found: dict[str, dict[str, str]] = {}
    for table in load_schema().layer("clean"):
        for column, spec in table.columns.items():
            if spec.description:
                found.setdefault(column, {})[table.name] = " ".join(spec.description.split())
    return found


def column_description(name: str, column: str) -> str:
    """A report column's description from the codebook: that of the clean table the report
    table is named after ("claims-all" → claims), or the one description every clean table
    with such a column shares; otherwise the column is described as computed."""
    tables = _codebook().get(column, {})
    for table, text in tables.items():
        if name.replace("-", "_").startswith(table):
            return text
    texts = set(tables.values())
    return texts.pop() if len(texts) == 1 and len(tables) > 1 else DERIVED


def _numeric(values) -> bool:
    """Whether every filled cell of a column reads as a number (it is then right-aligned)."""
    text = [v for v in values if v != ""]
    try:
        [float(v) for v in text]
    except ValueError:
        return False
    return bool(text)


def table_page(frame, name: str) -> str:
    """The page of report table `name` (its CSV is `<name>.csv` beside it)."""
    cells = [
        [format_cell(v).replace("\n", " ") for v in row] for row in frame.itertuples(index=False)
    ]
    numeric = [_numeric([row[i] for row in cells]) for i in range(len(frame.columns))]
    head = "".join(
        f"<th><button type='button'>{escape(str(c))}</button></th>" for c in frame.columns
    )
    body = "\n".join(
        "<tr>"
        + "".join(
            f"<td class='n'>{escape(v)}</td>" if numeric[i] else f"<td>{escape(v)}</td>"
            for i, v in enumerate(row)
        )
        + "</tr>"
        for row in cells
    )
    columns = "".join(
        f"<dt>{escape(str(c))}</dt><dd>{escape(column_description(name, str(c)))}</dd>"
        for c in frame.columns
    )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>deportdata table: {escape(name)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{escape(name)}</h1>"
        f"<p class='meta'>{len(cells):,} rows, {len(frame.columns)} columns. "
        f"<a href='{escape(name)}.csv'>The CSV</a>; "
        "<a href='../index.html'>all reports</a>. Click a column's name to sort by it.</p>"
        f"<h2>Columns</h2><dl class='columns'>{columns}</dl>"
        f"<h2>Rows</h2><table id='rows'><thead><tr>{head}</tr></thead><tbody>\n{body}\n"
        f"</tbody></table><script>{SCRIPT}</script></body></html>\n"
    )
