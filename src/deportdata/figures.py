"""One figure style for every report, and deterministic saving of figures and tables.

Figures are saved as PNG and SVG without timestamps or version strings, so a
rebuild gives identical bytes; tables as CSV and Markdown.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # figures are saved to files, then shown from them (same bytes as committed)
import matplotlib.pyplot as plt
import seaborn as sns

from deportdata.files import frame_csv_text, write_bytes_atomic, write_text_atomic

PALETTE = "colorblind"
SVG_SALT = "deportdata"
SOURCE_PREFIX = "Source: "


def use_style() -> None:
    """The shared seaborn style (call once at the top of a notebook)."""
    sns.set_theme(style="whitegrid", palette=PALETTE, context="notebook")
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


def save_figure(fig, name: str, output_dir: Path | str, *, source: str) -> list[Path]:
    """Save `fig` as <output_dir>/figures/<name>.png and .svg, byte-reproducibly."""
    folder = Path(output_dir) / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    add_source(fig, source)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
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
    """A DataFrame as a GitHub Markdown table (cells escaped for pipes and newlines)."""
    from deportdata.files import format_cell

    def cell(value) -> str:
        return format_cell(value).replace("|", "\\|").replace("\n", " ")

    header = "| " + " | ".join(cell(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = [
        "| " + " | ".join(cell(v) for v in row) + " |"
        for row in frame.itertuples(index=False, name=None)
    ]
    return "\n".join([header, rule, *rows]) + "\n"


def save_table(frame, name: str, output_dir: Path | str) -> list[Path]:
    """Save a DataFrame as <output_dir>/tables/<name>.csv and .md."""
    folder = Path(output_dir) / "tables"
    csv_path, md_path = folder / f"{name}.csv", folder / f"{name}.md"
    write_text_atomic(csv_path, frame_csv_text(frame))
    write_text_atomic(md_path, markdown_table(frame))
    return [csv_path, md_path]
