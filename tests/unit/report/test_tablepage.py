"""A report table as a page of its own (report/tablepage.py)."""

from __future__ import annotations

import pandas as pd

from deportdata.report.tablepage import DERIVED, column_description, table_page


def test_every_row_every_column_escaped_and_described():
    frame = pd.DataFrame(
        {
            "claim_id": ["C001", "C002"],
            "quote": ["<script>alert(1)</script>", "two\nlines"],
            "share": [0.5, None],
        }
    )
    page = table_page(frame, "claims-all")
    assert page.count("<tr>") == 3 and "2 rows, 3 columns" in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "two lines" in page and "href='claims-all.csv'" in page
    assert column_description("claims-all", "claim_id") in page
    assert f"<dt>share</dt><dd>{DERIVED}</dd>" in page
    assert table_page(frame, "claims-all") == page  # the same frame, the same bytes


def test_a_column_is_described_from_the_table_the_report_is_named_after():
    described = column_description("claims-all", "article_id")
    assert described != DERIVED and described != column_description("events-x", "article_id")
    assert column_description("anything", "no_such_column") == DERIVED


def test_numbers_are_right_aligned_and_text_is_not():
    page = table_page(pd.DataFrame({"n": [1, 22], "name": ["a", "b"]}), "t")
    assert "<td class='n'>22</td>" in page and "<td>b</td>" in page
