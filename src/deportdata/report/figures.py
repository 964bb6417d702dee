"""One figure style for every report, and deterministic saving of figures and tables.

Figures are saved as PNG and SVG without timestamps or version strings, so a
rebuild gives identical bytes; tables as CSV and Markdown.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # figures are saved to files, then shown from them (same bytes as committed)
import matplotlib.pyplot as plt
from cycler import cycler

from deportdata.io.files import frame_csv_text, write_bytes_atomic, write_text_atomic

THEME = {"style": "whitegrid", "palette": "colorblind", "context": "notebook"}
# seaborn's theme, frozen as data: importing seaborn costs every notebook kernel more than a
# second (it imports scipy.stats); tests/unit/report/test_figures.py checks this file still equals what
# seaborn.set_theme(**THEME) sets, and `python -m deportdata.report.figures` rewrites it.
THEME_FILE = Path(__file__).with_name("seaborn_theme.json")
NOT_FROZEN = ("image.cmap",)  # seaborn's own colormap name, registered only by importing seaborn
SVG_SALT = "deportdata"
SOURCE_PREFIX = "Source: "


def seaborn_theme() -> dict:
    """The rcParams that seaborn.set_theme(**THEME) changes, as JSON data (imports seaborn)."""
    import seaborn as sns

    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        before = dict(matplotlib.rcParams)
        sns.set_theme(**THEME)
        rc = {
            k: v
            for k, v in matplotlib.rcParams.items()
            if before.get(k) != v and k not in NOT_FROZEN
        }
    rc["axes.prop_cycle"] = [list(c) for c in rc["axes.prop_cycle"].by_key()["color"]]
    return json.loads(json.dumps(rc, default=str, sort_keys=True))


def theme_colors() -> list[tuple[float, ...]]:
    """The theme's palette (seaborn's "colorblind"), in order."""
    return [tuple(c) for c in json.loads(THEME_FILE.read_text(encoding="utf-8"))["axes.prop_cycle"]]


def colors(n: int) -> list[tuple[float, ...]]:
    """n colours of the palette, repeating after ten as seaborn.color_palette does."""
    palette = theme_colors()
    return [palette[i % len(palette)] for i in range(n)]


def use_style() -> None:
    """The shared seaborn style (call once at the top of a notebook)."""
    rc = json.loads(THEME_FILE.read_text(encoding="utf-8"))
    rc["axes.prop_cycle"] = cycler(color=[tuple(c) for c in rc["axes.prop_cycle"]])
    plt.rcParams.update(rc)
    plt.rcParams.update(
        {
            "svg.hashsalt": SVG_SALT,
            "svg.fonttype": "path",
            "figure.dpi": 100,
            "savefig.dpi": 120,
            "figure.figsize": (9, 5),
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "font.family": "DejaVu Sans",
        }
    )


def add_source(fig, text: str) -> None:
    """A source line at the bottom left of the figure."""
    fig.text(0.01, 0.01, SOURCE_PREFIX + text, fontsize=8, color="0.35", ha="left", va="bottom")


LAYOUT_RECT = (0, 0.04, 1, 1)  # the figure's area above the source line


def layout(fig) -> None:
    """Lay `fig` out as `save_figure` does (for code that measures text before saving)."""
    fig.tight_layout(rect=LAYOUT_RECT)


def save_figure(fig, name: str, output_dir: Path | str, *, source: str) -> list[Path]:
    """Save `fig` as <output_dir>/figures/<name>.png and .svg, byte-reproducibly."""
    folder = Path(output_dir) / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    add_source(fig, source)
    layout(fig)
    paths = []
    for ext, metadata in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
        import io

        buf = io.BytesIO()
        fig.savefig(buf, format=ext, metadata=metadata)
        path = folder / f"{name}.{ext}"
        write_bytes_atomic(path, buf.getvalue())
        paths.append(path)
    return paths


def markdown_table(frame) -> str:
    """A DataFrame as a GitHub Markdown table (cells escaped for pipes, newlines and `<`, which
    would start an HTML tag: a placeholder such as `<origin>` would vanish from the page)."""
    from deportdata.io.files import format_cell

    def cell(value) -> str:
        return format_cell(value).replace("|", "\\|").replace("\n", " ").replace("<", "\\<")

    header = "| " + " | ".join(cell(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = [
        "| " + " | ".join(cell(v) for v in row) + " |"
        for row in frame.itertuples(index=False, name=None)
    ]
    return "\n".join([header, rule, *rows]) + "\n"


def save_table(frame, name: str, output_dir: Path | str) -> list[Path]:
    """Save a DataFrame as <output_dir>/tables/<name>.csv, .md and .html (a page of its own,
    sortable, its columns described from the codebook: `report.tablepage`)."""
    from deportdata.report.tablepage import table_page

    folder = Path(output_dir) / "tables"
    csv_path, md_path = folder / f"{name}.csv", folder / f"{name}.md"
    html_path = folder / f"{name}.html"
    write_text_atomic(csv_path, frame_csv_text(frame))
    write_text_atomic(md_path, markdown_table(frame))
    write_text_atomic(html_path, table_page(frame, name))
    return [csv_path, md_path, html_path]


FULL_TABLE_STYLE = (
    "<style>table.full-table{border-collapse:collapse;font-size:.85rem;table-layout:auto}"
    "table.full-table th,table.full-table td{white-space:normal!important;text-align:left!important;"
    "vertical-align:top;max-width:24em;overflow-wrap:break-word;word-break:normal;padding:.2rem .4rem;"
    "border-bottom:1px solid #ddd}table.full-table th{position:sticky;top:0;background:#f5f5f5}"
    "table.full-table span.nw{white-space:nowrap}"
    "</style>"
)


# a token with punctuation between its letters or digits ("2017-08-10", "Twenty-eight",
# "US–Cambodia", "<article_id>#<n>") or of punctuation alone (a dash written "--"), kept on
# one line; a longer one (an address) may break
HYPHENATED = re.compile(
    r"(?<![^\s>])(?=[^\s<]*\w[^\w\s<]+\w|[^\w\s<]{2,}(?![^\s<]))[^\s<]{2,40}(?![^\s<])"
)
LINE_BREAK = "\ue000"  # a private-use character: where a text's line breaks go in the HTML
SHOWN_ROWS = 40  # a table longer than this is shown as its first rows and a link to the whole CSV
DATABASE = "../data/deportdata.sqlite"  # the export step's database, from reports/notebooks/


def show_table(frame, *, name: str | None = None, limit: int | None = SHOWN_ROWS):
    """A table for a notebook, every character, with long text wrapped between words, column
    names breakable at their underscores and a text's line breaks kept, so that it fits the
    page's width without breaking a number or a word (pandas' own display cuts rows, ends
    long text in "…" and shows a line break as "\\n").

    Up to `limit` rows are shown whole (`limit=None`: every row, for a table whose length
    does not grow with the corpus, such as the list of rules). A longer table is summarised:
    its first `limit` rows and a line saying how many there are in all, with links to the
    whole table (the CSV that `save_table(frame, name, ...)` wrote; `name` is then required)
    and to the database that holds the clean tables it is built from, relative to the HTML
    report in reports/notebooks/.
    """
    import html as escape

    from IPython.display import HTML

    total = len(frame)
    limit = total if limit is None else limit
    if total > limit and name is None:
        raise ValueError(
            f"a table of {total} rows needs the name of its saved CSV to be summarised"
        )
    shown = (frame.head(limit) if total > limit else frame).copy()
    for column in shown.columns[shown.dtypes.map(lambda t: t.kind == "M")]:
        days = shown[column].dropna()
        if (days == days.dt.normalize()).all():  # dates, shown without a time of day
            shown[column] = shown[column].dt.strftime("%Y-%m-%d")
    shown = shown.astype(object).where(shown.notna(), "")  # <NA> and NaN as empty cells
    # a line break in a text (a quote over two paragraphs) is shown as one, not as "\\n"
    shown = shown.map(lambda v: v.replace("\n", LINE_BREAK) if isinstance(v, str) else v)
    html = shown.to_html(index=False, na_rep="", border=0, classes="full-table", escape=True)
    html = html.replace(LINE_BREAK, "<br>")
    html = re.sub(  # a date, an id, a number or a word with a hyphen is not broken inside
        r"(<td>)(.*?)(</td>)",
        lambda m: m[1] + HYPHENATED.sub(r'<span class="nw">\g<0></span>', m[2]) + m[3],
        html,
        flags=re.S,
    )
    html = re.sub(r"<th>([^<]*)</th>", lambda m: f"<th>{m[1].replace('_', '_<wbr>')}</th>", html)
    note = ""
    if total > limit:
        csv = escape.escape(f"../tables/{name}.csv")
        note = (
            f'<p class="table-summary">The first {limit:,} of {total:,} rows. The whole table: '
            f'<a href="{csv}">tables/{escape.escape(name)}.csv</a>; the clean tables it is built '
            f'from are in the <a href="{DATABASE}">SQLite database</a> (query them with '
            "<code>deportdata serve</code>).</p>"
        )
    return HTML(FULL_TABLE_STYLE + note + html)


if __name__ == "__main__":  # regenerate the frozen theme after a seaborn upgrade
    THEME_FILE.write_text(
        json.dumps(seaborn_theme(), indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"wrote {THEME_FILE}")
