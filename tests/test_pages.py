"""The published pages in headless Chromium with the network blocked: the landing page (every
link works, figures in story order, captioned), every report page it links, and the Data Docs
(rows and pass/fail marks visible offline). A screenshot of each page is taken and checked."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from browsing import CHROMIUM, PLAYWRIGHT_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.build, pytest.mark.xdist_group("build")]


@pytest.fixture(scope="module")
def site(request):
    """The reports/ folder of the session's full build (conftest.py)."""
    if CHROMIUM is None:
        pytest.skip("headless Chromium is not installed (Debian package 'chromium')")
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
