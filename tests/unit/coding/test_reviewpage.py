"""The review page built from an invented text and inline draft rows (no project, no browser):
highlights, escaping, the summary's order, residue struck through, a number no row covers."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from deportdata.coding.reviewitems import order, place
from deportdata.coding.reviewpage import build_page, read_csv
from deportdata.errors import DeportdataError
from deportdata.text.mentions import scan
from deportdata.text.rules import default_rules

ID = "009_00000000000000aa"
LINES = (
    "Share this story <script>alert(1)</script>",
    "A charter flight landed on Friday with 31 deportees aboard, the ministry said.",
    "Another 7 <b>families</b> are waiting, a volunteer said on Sunday.",
    "The office opened in 2004.",
)
TEXT = "\n".join(LINES) + "\n"
META = {
    "outlet": "Invented <Times>",
    "headline": "<i>Thirty-one</i> return<script>alert('h')</script>",
    "published": "2009-06-15",
    "url": "https://example.org/a?b=1&c=<2>",
}


def _row(review="todo", needs="", reason="a rule", **cells):
    return {
        "article_id": ID,
        "review": review,
        "needs_person": needs,
        "draft_reason": reason,
        **cells,
    }


def tables():
    return {
        "claims": [
            _row(
                "ok",
                claim_id="D-C001",
                quote=LINES[1],
                value_text="31",
                kind="arrivals_on_flight",
                _line="2",
            ),
            _row(
                needs="is 'families' a count of people?",
                claim_id="D-C002",
                quote="Another 7 <b>families</b> are waiting",
                value_text="7",
                kind="other",
                _line="3",
            ),
        ],
        "events": [
            _row(
                event_id="D-E001",
                quote=LINES[1],
                date_expression="on Friday",
                description="TODO: write a short neutral paraphrase",
                _line="2",
            ),
            _row(
                "ok",
                event_id="D-E002",
                quote="a volunteer said on Sunday",
                date_expression="on Sunday",
                description="A volunteer spoke.",
                _line="3",
            ),
        ],
        "mentions_ignored": [],
        "residue": [
            {
                "residue_id": "D-R001",
                "article_id": ID,
                "line_text": LINES[0],
                "start": "0",
                "end": str(len(LINES[0]) + 1),  # the proposer takes the line break too
                "rule": "share_widget",
                "reason": "a share button",
                "review": "todo",
                "needs_person": "",
                "draft_reason": "short line of page furniture",
            }
        ],
    }


@pytest.fixture(scope="module")
def mentions():
    return scan(TEXT, default_rules().mentions)


@pytest.fixture(scope="module")
def page(mentions):
    return build_page(ID, TEXT, META, tables(), mentions)


class Elements(HTMLParser):
    """Every start tag with its attributes, and every script element."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_the_mentions_of_the_invented_text(mentions):
    assert [m.text for m in mentions] == ["1", "31", "7", "2004"]


def test_claims_events_and_residue_are_highlighted(page):
    assert re.search(r'<span class="m-event m-claim"[^>]*>31</span>', page)
    assert re.search(r'<span class="m-event m-date"[^>]*>on Friday</span>', page)
    assert re.search(r'class="m-event"[^>]*>a volunteer said </span>', page)
    assert re.search(r'<span class="m-claim"[^>]*>7</span>', page)
    # the residue line struck through, the number inside it drawn on top
    assert re.search(r'<span class="m-residue"[^>]*>Share this story &lt;script&gt;alert\(', page)
    assert re.search(r'<span class="m-residue m-uncoded"[^>]*>1</span>', page)
    assert ".m-residue{text-decoration:line-through" in page


def test_nothing_from_the_text_or_cells_is_markup(page):
    tags = {tag for tag, _ in Elements(page).tags}
    assert "script" not in tags and "i" not in tags  # the page draws no <i>, the texts do
    assert "<b>families" not in page and "&lt;b&gt;families&lt;/b&gt;" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;i&gt;Thirty-one&lt;/i&gt; return&lt;script&gt;" in page
    assert "Invented &lt;Times&gt;" in page
    assert 'href="https://example.org/a?b=1&amp;c=&lt;2&gt;"' in page


def test_no_network_asset(page):
    for tag, attrs in Elements(page).tags:
        assert not {"src", "srcset"} & set(attrs), (tag, attrs)
        if tag == "link":
            raise AssertionError(f"a <link> element: {attrs}")
    assert "@import" not in page and "url(" not in page


def test_the_undecided_first(mentions):
    ordered = order(place(TEXT, tables(), mentions))
    named = [(i.rank, i.table, i.row_id or i.short) for i in ordered]
    assert named == [
        (0, "mention", "1"),  # not coded, inside the proposed residue
        (0, "events", "D-E001"),  # a TODO description
        (0, "claims", "D-C002"),  # needs a person
        (0, "mention", "2004"),  # not coded
        (1, "residue", "D-R001"),
        (2, "claims", "D-C001"),
        (2, "events", "D-E002"),
    ]


def test_the_summary_lists_rows_in_that_order_with_links(page):
    summary = page[page.index('id="summary"') : page.index("</table>")]
    links = re.findall(r'href="#row-([a-z_]+-\d+)"', summary)
    assert links == [
        "mention-0",
        "events-0",
        "claims-1",
        "mention-3",
        "residue-0",
        "claims-0",
        "events-1",
    ]
    for key in links:  # each summary row leads to its card and its place in the text
        assert f'id="row-{key}"' in page and f'id="at-{key}"' in page
    assert "<b>5</b> drafted rows: <b>3</b> todo, <b>2</b> ok · <b>2</b> need a person" in page


def test_a_number_no_row_covers_is_shown_as_not_coded(page):
    assert re.search(r'<span class="m-uncoded"[^>]*>2004</span><a class="chip uncoded"', page)
    card = page[page.index('id="row-mention-3"') :]
    assert "Not coded" in card[: card.index("</article>")]
    assert '<b class="warn">2</b> numbers not coded' in page


def test_a_card_shows_cells_needs_person_reason_and_state(page):
    card = page[page.index('id="row-claims-1"') :]
    card = card[: card.index("</article>")]
    assert "is &#x27;families&#x27; a count of people?" in card
    assert "drafted by: a rule" in card and 'class="badge todo"' in card
    assert "<dt>value_text</dt><dd>7</dd>" in card
    event = page[page.index('id="row-events-0"') :]
    assert "<dd class=todo-cell>TODO: write" in event[: event.index("</article>")]


def test_a_half_edited_draft_still_renders(mentions):
    broken = tables()
    broken["claims"][0]["quote"] = "a quote no longer in the text"
    broken["claims"][1]["review"] = "OK"
    del broken["events"][0]["review"]
    broken["residue"][0]["start"] = "many"
    items = {i.key: i for i in place(TEXT, broken, mentions)}
    assert items["claims-0"].span is None and "quote not found" in items["claims-0"].problems[0]
    assert items["claims-1"].state == "todo" and "write todo or ok" in items["claims-1"].warnings[0]
    assert items["events-0"].state == "todo"
    assert items["residue-0"].span == (0, len(LINES[0]))  # found again by its line_text
    html = build_page(ID, TEXT, META, broken, mentions)
    assert "Rows with no place in the text" in html and "quote not found" in html
    assert re.search(r'<span class="m-event m-uncoded"[^>]*>31</span>', html)  # uncovered


def test_a_malformed_csv_names_its_file_and_line(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text("claim_id,quote\nD-C001,fine\nD-C002,one,two\n", encoding="utf-8")
    with pytest.raises(DeportdataError) as caught:
        read_csv(path, "data/drafts/x/claims.csv")
    assert str(caught.value).startswith("data/drafts/x/claims.csv:3: row has 3 fields")
    assert read_csv(tmp_path / "absent.csv", "absent.csv") == []


def test_low_confidence_rows_come_first_among_the_todo_rows(mentions):
    rows = tables()
    rows["claims"][0]["review"] = "todo"  # D-C001, earlier in the text
    rows["claims"].append(
        _row(claim_id="D-C003", quote=LINES[2], value_text="7", kind="other", _line="4")
    )
    rows["claims"][0]["confidence"] = "high"
    rows["claims"][2]["confidence"] = "low"
    todo = [i.row_id for i in order(place(TEXT, rows, mentions)) if i.rank == 1 and i.row_id]
    assert todo.index("D-C003") < todo.index("D-C001")
