"""The published pages in headless Chromium with the network blocked: the landing page (every
link works, figures in story order, captioned), every report page it links, and the Data Docs
(rows and pass/fail marks visible offline). A screenshot of each page is taken and checked."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from browsing import CHROMIUM, NO_CHROMIUM, PLAYWRIGHT_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.build, pytest.mark.xdist_group("build")]


@pytest.fixture(scope="module")
def site(request):
    """The reports/ folder of the session's full build (conftest.py)."""
    if CHROMIUM is None:
        pytest.skip(NO_CHROMIUM)
    pytest.importorskip("playwright.sync_api", reason="playwright (a dev dependency)")
    root, result = request.getfixturevalue("built")
    assert result.returncode == 0, result.stderr
    return root / "reports"


@pytest.fixture(scope="module")
def browser(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=PLAYWRIGHT_ARGS)
        yield chromium
        chromium.close()


class Offline:
    """A page whose every request off the machine is refused and recorded."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.outside, self.errors = [], []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, path: Path):
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        return self.page

    def close(self):
        self.context.close()


def _shoot(page, name: str, tmp_path: Path) -> Path:
    """A screenshot of the page as drawn: the first screen, or the whole page when it is kept
    to be looked at (DEPORTDATA_SCREENSHOTS: a folder; drawing a whole notebook page takes
    Chromium about half a second)."""
    keep = os.environ.get("DEPORTDATA_SCREENSHOTS")
    shot = tmp_path / f"{name}.png"
    page.screenshot(path=str(shot), full_page=bool(keep))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    if keep:
        shutil.copy(shot, Path(keep) / shot.name)
    return shot


def _until(page, condition: str, message: str) -> None:
    """Wait until the JavaScript condition holds in the page (at most 10 s), or fail."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(condition, timeout=10_000)
    except PlaywrightTimeout:
        raise AssertionError(message) from None


def test_data_docs_show_every_result_offline(site, browser, tmp_path):
    docs = site / "data-docs"
    tab = Offline(browser)
    try:
        page = tab.open(docs / "index.html")
        rows = page.locator("table tbody tr")
        rows.first.wait_for(timeout=10_000)  # filled in by bootstrap-table, from the vendored copy
        suites = {p.parent.parent.parent.name for p in docs.glob("validations/*/*/*/*.html")}
        shown = page.eval_on_selector(  # the validation results: a status mark in every row
            "table tbody",
            "b => Array.from(b.rows).map(r => !!r.cells[0].querySelector('i.fas'))",
        )
        assert len(shown) >= min(10, len(suites)) > 0 and all(shown), shown  # 10 to a page
        # bootstrap-table may render the rows again after the first paint, and a replaced
        # element has no computed style: so find the marks and read their style in one step,
        # and wait (up to 10 s) for the condition, never for a fixed time
        _until(
            page,
            "() => { const m = document.querySelectorAll('table tbody tr td i.fas');"
            " return m.length > 0 && Array.from(m).every("
            " i => getComputedStyle(i, '::before').fontFamily.includes('Font Awesome')); }",
            "the pass/fail icons have no font",
        )
        assert page.locator("img").first.evaluate("i => i.naturalWidth") > 0, "broken logo"
        _shoot(page, "data-docs-index", tmp_path)
        failing = sorted(docs.glob("validations/series/*/*/*.html"))[0]
        page = tab.open(failing)
        page.locator("table tbody tr").first.wait_for(timeout=10_000)
        passed = page.locator("td i.fa-check-circle.text-success")
        failed = page.locator("td i.fa-times.text-danger")
        assert passed.count() > 0 and failed.count() > 0, "pass and fail cannot be told apart"
        _until(
            page,
            "() => { const i = document.querySelector('td i.fa-check-circle.text-success');"
            " return i !== null && i.getBoundingClientRect().width > 4; }",
            "the Status column is blank",
        )
        _shoot(page, "data-docs-series", tmp_path)
    finally:
        tab.close()
    assert tab.outside == [], f"the Data Docs asked the network for: {tab.outside[:5]}"
    assert tab.errors == [], tab.errors


def _local_target(page_path: Path, href: str) -> Path | None:
    url = urlparse(href)
    if url.scheme in ("http", "https", "mailto"):
        return None
    return Path(unquote(url.path)) if url.scheme == "file" else page_path.parent / unquote(href)


def test_index_links_figures_and_every_page(site, browser, tmp_path):
    from deportdata.config import Project
    from deportdata.report.site import figure_list

    tab = Offline(browser)
    try:
        page = tab.open(site / "index.html")
        _shoot(page, "index", tmp_path)
        hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        broken = page.eval_on_selector_all(
            "img", "is => is.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
        )
        assert broken == [], f"broken images: {broken}"
        figures = page.eval_on_selector_all("figure", "fs => fs.map(f => f.id)")
        captions = page.eval_on_selector_all(
            "figcaption p:first-child", "ps => ps.map(p => p.textContent)"
        )
        local = [(h, _local_target(site / "index.html", h)) for h in hrefs]
        missing = [h for h, target in local if target is not None and not target.exists()]
        assert missing == [], f"links to missing files: {missing}"
        pages = sorted({t for _, t in local if t is not None and t.suffix == ".html"})
        assert any("notebooks" in p.parts for p in pages) and any(
            "data-docs" in p.parts for p in pages
        )
        for target in pages:
            page = tab.open(target)
            assert page.title(), f"{target.name} has no title"
            _shoot(page, f"page-{target.parent.name}-{target.stem}", tmp_path)
    finally:
        tab.close()
    assert tab.outside == [], f"the reports asked the network for: {tab.outside[:5]}"
    expected = [name for name, *_ in figure_list(Project(site.parent))]
    assert figures == [n for n in expected if (site / "figures" / f"{n}.png").is_file()]
    assert figures[0].startswith("corpus") and figures[-1].startswith("flights"), figures
    assert all(c.endswith(".") and " " in c and "-" not in c.split()[0] for c in captions), captions
    assert any(h.endswith("docs/REVIEWING.md") for h in hrefs), "no link to the reviewer's guide"


def _rule_texts(root: Path) -> dict[str, list[str]]:
    """Suite → the texts of its rules that hold a character a page could take for markup."""
    import json

    texts = {}
    for path in sorted((root / "expectations").glob("*.json")):
        rules = json.loads(path.read_text(encoding="utf-8"))["expectations"]
        found = [r["description"] for r in rules if "<" in r.get("description", "")]
        if found:
            texts[path.stem] = found
    return texts


def test_every_rule_text_reads_as_written_in_the_data_docs(site, browser):
    """Rule texts such as "log_id has the form <article_id>#<n>." keep their placeholders on
    the validation pages, as Chromium draws them (a placeholder read as a tag vanishes)."""
    texts = _rule_texts(site.parent)
    assert texts, "no rule text with a placeholder or a comparison to look for"
    tab = Offline(browser)
    try:
        for suite, wanted in texts.items():
            page = tab.open(sorted((site / "data-docs").glob(f"validations/{suite}/*/*/*.html"))[0])
            shown = " ".join(page.inner_text("body").split())
            missing = [t for t in wanted if " ".join(t.split()) not in shown]
            assert not missing, f"{suite}: rule texts not shown as written: {missing}"
    finally:
        tab.close()


def test_every_rule_text_reads_as_written_in_the_markdown(site):
    """docs/RULES.md and the report tables in Markdown, rendered as a Markdown viewer does
    (CommonMark, markdown-it-py), show each rule text with its placeholders."""
    from html.parser import HTMLParser

    from markdown_it import MarkdownIt

    class Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts = []

        def handle_data(self, data):
            self.parts.append(data)

    wanted = [t for texts in _rule_texts(site.parent).values() for t in texts]
    for path in (site.parent / "docs" / "RULES.md", site / "tables" / "quality-rules.md"):
        reader = Text()
        reader.feed(MarkdownIt("commonmark").enable("table").render(path.read_text("utf-8")))
        shown = " ".join("".join(reader.parts).split())
        missing = [t for t in wanted if " ".join(t.split()) not in shown]
        assert not missing, f"{path.name}: rule texts not shown as written: {missing[:3]}"


def test_the_verdict_comes_first_and_the_data_docs_say_it_in_the_same_words(
    site, browser, tmp_path
):
    """The landing page's first screen gives the verdict in words and numbers, each known issue
    with its reason and a link; the Data Docs index and the suite's validation page say the
    same sentences, and the index marks the suite's failed rows as the known issue."""
    import re

    tab = Offline(browser)
    try:
        page = tab.open(site / "index.html")
        verdict = page.locator("p.verdict")
        assert verdict.bounding_box()["y"] < 900, "the verdict is below the first screen"
        headline = verdict.locator("strong").inner_text()
        assert re.fullmatch(
            r"\d+ rules checked on \d+ clean tables: \d+ passed, \d+ failed(, no known issue|"
            r", and \d+ fails? only on rows recorded as known issues \(\d+ known issues?\))\.",
            headline,
        ), headline
        known = page.locator("ul.known li").all_inner_texts()
        assert known and all(k.startswith("Known issue I") for k in known), known
        sentences = [k.rsplit(" The rule's results.", 1)[0] for k in known]
        link = page.locator("ul.known li a").first.get_attribute("href")
        assert (site / unquote(link)).is_file(), link
        _shoot(page, "landing-verdict", tmp_path)
        page = tab.open(site / "data-docs" / "index.html")
        page.locator("table tbody tr").first.wait_for(timeout=10_000)
        text = " ".join(page.inner_text("body").split())
        assert headline in text and all(s in text for s in sentences), text[:600]
        issue = sentences[0].split(":", 1)[0].removeprefix("Known issue ")
        assert page.locator(f"td span.badge:has-text('known issue {issue}')").count() > 0
        page = tab.open(site / unquote(link))
        text = " ".join(page.inner_text("body").split())
        assert sentences[0] in text
    finally:
        tab.close()
    assert tab.outside == [] and tab.errors == [], (tab.outside, tab.errors)


SPLIT_WORDS = """() => {
  const bad = [];
  for (const cell of document.querySelectorAll('table.full-table th, table.full-table td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const word = /\\S+/g;
      let m;
      while ((m = word.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
        if (tops.size > 1 && m[0].length <= 40) bad.push(m[0]);  // not an address
      }
    }
    if (cell.textContent.includes('\\\\n')) bad.push('a literal \\\\n: ' + cell.textContent.slice(0, 60));
  }
  return bad.slice(0, 10);
}"""


def test_notebook_tables_never_break_a_word_or_show_an_escape(site, browser):
    """In every report page, as Chromium lays it out at 1280 px: no number, date, id or word of
    a table cell is split over two lines (column names break at their underscores; a web
    address longer than 40 characters may break), and a text with a line break shows it, not a
    literal backslash-n."""
    tab = Offline(browser)
    try:
        pages = sorted((site / "notebooks").glob("*.html"))
        assert pages
        for path in pages:
            page = tab.open(path)
            assert page.locator("table.full-table").count() > 0 or "07" not in path.name
            split = page.evaluate(SPLIT_WORDS)
            assert not split, f"{path.name}: {split}"
    finally:
        tab.close()


def test_every_table_is_a_page_that_sorts_and_the_index_links_no_markdown(site, browser):
    """The landing page links every report table as a page and as CSV, never as raw Markdown;
    a table page sorts its rows by a column when its name is clicked, offline."""
    import re

    index = (site / "index.html").read_text(encoding="utf-8")
    assert "tables/" in index and not re.search(r"href=.tables/[^'\"]*\.md", index)
    for csv in sorted((site / "tables").glob("*.csv")):
        assert f"href='tables/{csv.stem}.html'" in index and f"href='tables/{csv.name}'" in index
        assert csv.with_suffix(".html").is_file(), csv.name
    tab = Offline(browser)
    try:
        page = tab.open(site / "tables" / "claims-all.html")
        headers = page.locator("#rows th").all_inner_texts()
        col = next(n for n, h in enumerate(headers) if h.split()[0] == "value_low")
        first = f"#rows tbody tr td:nth-child({col + 1})"

        def column() -> list[float]:
            return [float(v) for v in page.locator(first).all_inner_texts() if v.strip()]

        page.locator("#rows th button").nth(col).click()
        assert column() == sorted(column()) and len(column()) > 3
        page.locator("#rows th button").nth(col).click()
        assert column() == sorted(column(), reverse=True)
        described = page.locator("dl.columns dd").all_inner_texts()
        assert len(described) == len(headers) and all(described)
    finally:
        tab.close()
    assert tab.outside == [] and tab.errors == [], (tab.outside, tab.errors)
