"""`deportdata review ID` on a draft written by `add-article`, opened in headless Chromium with
the network blocked: the highlights are drawn, the residue is struck through, the undecided
rows come first, nothing is fetched, nothing from the texts runs. A screenshot is taken
(DEPORTDATA_SCREENSHOTS: a folder to keep it in, as review-shot.png)."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
from pathlib import Path

import pytest
from browsing import CHROMIUM, NO_CHROMIUM, PLAYWRIGHT_ARGS
from conftest import HAND_CODED_ARTICLES, cli, copy_project

pytestmark = pytest.mark.browser

# an invented report from 2009, pasted with the furniture of its page
TEXT = (
    "Search this site\n"
    "Menu\n"
    "Phnom Penh - Nineteen Cambodian men sent back from the United States arrived at "
    "Pochentong airport on Wednesday, an official of the Interior Ministry said.\n"
    "Since 2002, more than 180 Cambodians have been returned under the repatriation "
    "agreement, according to the NGO KVAO.\n"
    "A volunteer for the group said on Thursday that 3 of the men had no relatives in "
    "Cambodia <script>window.ran = 1</script>.\n"
    "Share on Facebook\n"
)
HEADLINE = "Nineteen return <script>alert('headline')</script>"
OPTIONS = (
    "--outlet", "Khmer Times",
    "--headline", HEADLINE,
    "--url", "https://example.org/invented-2009",
    "--published-earliest", "2009-05-14",
    "--published-latest", "2009-05-14",
)  # fmt: skip
RESIDUE_COLUMNS = (
    "residue_id,article_id,line_text,start,end,rule,reason,review,needs_person,draft_reason"
)


def _table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    return list(reader.fieldnames or []), list(reader)


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """A project copy with the invented article added and its draft half reviewed: the
    first claim set to ok, our own residue.csv; then `deportdata review`."""
    root = copy_project(tmp_path_factory.mktemp("review") / "project")
    article = root.parent / "invented.txt"
    article.write_text(TEXT, encoding="utf-8")
    added = cli("--root", str(root), "add-article", str(article), *OPTIONS)
    assert added.returncode == 0, added.stderr
    article_id = re.search(r" as (\d{3}_[0-9a-f]{16})\b", added.stdout).group(1)
    draft = root / "data" / "drafts" / article_id
    columns, claims = _table(draft / "claims.csv")
    if "review" not in columns:  # a draft from before the review column
        columns.append("review")
    for n, row in enumerate(claims):
        row["review"] = "ok" if n == 0 else "todo"
    _write(draft / "claims.csv", columns, claims)
    raw = (root / "data" / "raw" / "articles" / f"{article_id}.txt").read_text(encoding="utf-8")
    share = raw.index("Share on Facebook")
    (draft / "residue.csv").write_text(
        f"{RESIDUE_COLUMNS}\n"
        f"D-R001,{article_id},Share on Facebook,{share},{share + 18},share_widget,"
        "A share button.,todo,is this line furniture?,furniture: share_widget\n",
        encoding="utf-8",
    )
    result = cli("--root", str(root), "review", article_id)
    return {"root": root, "id": article_id, "draft": draft, "claims": claims, "result": result}


def test_review_writes_the_page_and_says_where(reviewed):
    result, draft = reviewed["result"], reviewed["draft"]
    assert result.returncode == 0, result.stderr
    assert f"data/drafts/{reviewed['id']}/review.html" in result.stdout
    page = (draft / "review.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#x27;headline&#x27;)" in page
    assert not list(draft.glob(".*.tmp"))  # written atomically


@pytest.fixture(scope="module")
def browser(reviewed):
    if CHROMIUM is None:
        pytest.skip(NO_CHROMIUM)
    pytest.importorskip("playwright.sync_api", reason="playwright (a dev dependency)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=PLAYWRIGHT_ARGS)
        yield chromium
        chromium.close()


def test_the_page_in_a_browser(reviewed, browser, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    outside, errors, dialogs = [], [], []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("file:", "data:", "about:")):
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto((reviewed["draft"] / "review.html").as_uri())
    page.wait_for_load_state("load")
    try:
        assert outside == [] and errors == [] and dialogs == []
        assert page.evaluate("window.ran") is None  # the text's script is text
        assert reviewed["id"] in page.locator("h1").inner_text()
        # the highlights are drawn: a claim's value, an event's date, the residue struck out
        claim = page.locator("span.m-claim", has_text="Nineteen").first
        assert claim.is_visible()
        assert page.locator("span.m-date", has_text="on Wednesday").first.is_visible()
        struck = page.locator("span.m-residue", has_text="Share on Facebook").first
        assert "line-through" in struck.evaluate("e => getComputedStyle(e).textDecorationLine")
        colour = claim.evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
        # the summary: the undecided first, the ok claim after every todo row
        states = page.locator("#summary tbody tr td:first-child").all_inner_texts()
        assert states and states[0] in ("todo", "not coded"), states
        assert "ok" in states and "todo" not in states[states.index("ok") :], states
        first = page.locator("#summary tbody tr").first.inner_text()
        assert "D-R001" in first or "not coded" in first or "TODO" in first, first
        # a summary link leads to the card beside the text, which shows the row's cells
        ok_claim = reviewed["claims"][0]["claim_id"]
        page.locator("#summary a", has_text=f"claim {ok_claim}").click()
        card = page.locator("article.card:target")
        assert card.is_visible() and "ok" in card.locator(".badge").inner_text()
        assert reviewed["claims"][0]["value_text"] in card.inner_text()
        page.goto((reviewed["draft"] / "review.html").as_uri())
        shot = tmp_path / "review-shot.png"
        page.screenshot(path=str(shot))
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
        keep = os.environ.get("DEPORTDATA_SCREENSHOTS")
        if keep:
            shutil.copy(shot, Path(keep) / shot.name)
    finally:
        context.close()


def test_a_malformed_draft_is_an_error_naming_file_and_line(reviewed, tmp_path):
    root = Path(shutil.copytree(reviewed["root"], tmp_path / "project"))
    claims = root / "data" / "drafts" / reviewed["id"] / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8") + "D-C009,one,two\n", encoding="utf-8")
    result = cli("--root", str(root), "review", reviewed["id"])
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = len(claims.read_text(encoding="utf-8").splitlines())
    assert f"data/drafts/{reviewed['id']}/claims.csv:{lines}: row has 3 fields" in result.stderr


def test_review_needs_a_draft(project_copy):
    article_id = HAND_CODED_ARTICLES[3]  # coded by hand: it has no draft
    result = cli("--root", str(project_copy), "review", article_id)
    assert result.returncode == 1
    assert f"data/drafts/{article_id}: there is no draft for" in result.stderr
    result = cli("--root", str(project_copy), "review", "../../etc")
    assert result.returncode == 1 and "'../../etc' is not an article id" in result.stderr
