"""The shared style: the frozen seaborn theme still equals seaborn's, and saving is reproducible."""

from __future__ import annotations

import hashlib
import json
import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from conftest import REPO

from deportdata.report import figures


def test_frozen_theme_equals_seaborn():
    stored = json.loads(figures.THEME_FILE.read_text(encoding="utf-8"))
    assert stored == figures.seaborn_theme(), (
        "seaborn changed: run `python -m deportdata.report.figures`"
    )


@pytest.mark.parametrize("n", [1, 4, 10, 12])
def test_colors_equal_seaborn_palette(n):
    import seaborn as sns  # here, not at collection: it imports scipy

    assert figures.colors(n) == [
        tuple(c) for c in sns.color_palette(figures.THEME["palette"], n_colors=n)
    ]


def _figure():
    figures.use_style()
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [3, 1, 2], label="a line")
    ax.set_title("A title")
    ax.legend()
    return fig


def test_figures_are_byte_identical_when_saved_twice(tmp_path):
    digests = []
    for run in ("a", "b"):
        paths = figures.save_figure(_figure(), "demo", tmp_path / run, source="a test")
        digests.append([hashlib.sha256(p.read_bytes()).hexdigest() for p in paths])
        plt.close("all")
    assert digests[0] == digests[1]
    svg = (tmp_path / "a/figures/demo.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg


def test_tables_are_written_as_csv_markdown_and_a_page(tmp_path):
    frame = pd.DataFrame({"id": ["C1", "C2"], "text": ["a | b", "line\nbreak"], "n": [1.0, 2.5]})
    csv_path, md_path, page = figures.save_table(frame, "demo", tmp_path)
    assert page.name == "demo.html" and "<td>C2</td>" in page.read_text(encoding="utf-8")
    assert csv_path.read_text(encoding="utf-8") == 'id,text,n\nC1,a | b,1\nC2,"line\nbreak",2.5\n'
    assert "a \\| b" in md_path.read_text(encoding="utf-8") and "line break" in md_path.read_text(
        encoding="utf-8"
    )


def test_show_table_shows_every_row_and_every_character():
    import pandas as pd

    from deportdata.report.figures import show_table

    long = "Every numeric mention a scan finds in the raw text has a row in mentions.csv " * 3
    frame = pd.DataFrame({"rule_id": [f"r{i}" for i in range(200)], "description": long})
    frame["value_high"] = pd.array([None, *range(199)], dtype="Int64")
    html = show_table(frame, limit=None).data
    shown = re.sub(r"</?span[^>]*>", "", html)  # tokens kept whole are wrapped in spans
    assert html.count("<tr>") == 200 and long.strip() in shown and "…" not in html
    assert "<NA>" not in html and "value_<wbr>high" in html and "white-space:normal" in html


def test_a_long_table_is_summarised_with_a_link_to_the_whole_csv():
    import pandas as pd
    import pytest

    from deportdata.report.figures import show_table

    frame = pd.DataFrame({"claim_id": [f"C{i:04d}" for i in range(1000)]})
    html = show_table(frame, name="claims-by-article", limit=25).data
    assert html.count("<tr>") == 25  # the body rows (the header row has a style)
    assert "The first 25 of 1,000 rows" in html
    assert '<a href="../tables/claims-by-article.csv">' in html
    assert '<a href="../data/deportdata.sqlite">SQLite database</a>' in html
    assert show_table(frame.head(25), limit=25).data.count("<tr>") == 25  # short: no name needed
    with pytest.raises(ValueError, match="1000 rows needs the name"):
        show_table(frame, limit=25)


def test_dates_are_shown_without_a_time_of_day():
    import pandas as pd

    from deportdata.report.figures import show_table

    frame = pd.DataFrame(
        {
            "day": pd.to_datetime(["2017-02-01", None]),
            "moment": pd.to_datetime(["2017-02-01 10:30", "2017-02-02 00:00"]),
        }
    )
    html = re.sub(r"</?span[^>]*>", "", show_table(frame).data)  # the text as shown
    assert "<td>2017-02-01</td>" in html
    assert "2017-02-01 10:30:00" in html  # a time of day is kept where there is one


def test_the_summary_links_the_database_the_export_step_writes():
    from deportdata.config import Project
    from deportdata.publish.sqlite import FILENAME
    from deportdata.report.figures import DATABASE

    project = Project(REPO)
    database = project.data_exports / FILENAME
    assert (project.executed_notebooks / DATABASE).resolve() == database.resolve()


def test_a_shown_table_keeps_line_breaks_and_tokens_whole():
    import pandas as pd

    from deportdata.report.figures import show_table

    frame = pd.DataFrame(
        {"claim_id": ["C001"], "as_of": ["2017-08-10"], "quote": ["One paragraph.\n\nAnother one."]}
    )
    html = show_table(frame).data
    assert "One paragraph.<br><br>Another one." in html and "\\n" not in html
    assert '<span class="nw">2017-08-10</span>' in html
    dash = show_table(pd.DataFrame({"quote": ["PHNOM PENH, June 8 -- Nine men"]})).data
    assert '<span class="nw">--</span>' in dash  # a dash written as two hyphens stays whole
    assert "claim_<wbr>id" in html and "anywhere" not in html
