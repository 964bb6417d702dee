"""The landing page's Data section in headless Chromium: every link on the page opens."""

from __future__ import annotations

import functools
import hashlib
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browsing import CHROMIUM, NO_CHROMIUM, PLAYWRIGHT_ARGS

from deportdata import __version__

pytestmark = [pytest.mark.browser, pytest.mark.build, pytest.mark.xdist_group("build")]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # no request log on stderr
        pass


@pytest.fixture(scope="module")
def site(request):
    """reports/ of the session's full build, served over HTTP on a free loopback port."""
    if CHROMIUM is None:
        pytest.skip(NO_CHROMIUM)
    pytest.importorskip("playwright.sync_api")
    root, result = request.getfixturevalue("built")
    assert result.returncode == 0, result.stderr
    # the whole project: the page links the docs beside reports/ (../docs/REVIEWING.md)
    handler = functools.partial(_Quiet, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=30)


@pytest.fixture(scope="module")
def page(site):
    from playwright.sync_api import sync_playwright

    _, base = site
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=PLAYWRIGHT_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            assert page.goto(f"{base}/reports/index.html").status == 200
            assert errors == []
            yield page
        finally:
            browser.close()


def test_every_link_on_the_page_opens(page, site):
    _, base = site
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    local = sorted({h.split("#")[0] for h in hrefs if h.startswith(base)})
    assert len(local) >= 20
    broken = []
    for url in local:
        response = page.request.get(url)
        if response.status != 200 or not response.body():
            broken.append(f"{url}: {response.status}")
    assert broken == []


def test_the_data_section_links_every_download(page, site):
    root, base = site
    section = page.locator("section#data")
    links = section.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    for wanted in (
        "data/deportdata.sqlite",
        "data/deportdata-csv.zip",
        "data/datapackage.json",
        "data/CODEBOOK.md",
        "data/SHA256SUMS",
        "data-docs/index.html",
    ):
        assert wanted in links
    stata = [h for h in links if h.startswith("data/stata/")]
    assert len(stata) == len(list((root / "data/clean").glob("*.csv")))
    download = page.request.get(f"{base}/reports/data/datapackage.json").body()
    assert download == (root / "data/clean/datapackage.json").read_bytes()


def test_the_cite_as_block(page, site, tmp_path):
    root, _ = site
    text = page.locator("section#data").inner_text()
    digest = hashlib.sha256((root / "data/clean/datapackage.json").read_bytes()).hexdigest()
    assert f"sha256:{digest}" in text
    assert re.search(r"commit\s+(unknown|[0-9a-f]{40})", text)
    assert re.search(rf"version\s+{re.escape(__version__)}", text)
    assert "@misc{deportdata_" in text
    page.locator("section#data").scroll_into_view_if_needed()
    shot = tmp_path / "data-section.png"
    page.locator("section#data").screenshot(path=str(shot))
    assert Path(shot).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
