"""reports/index.html in headless Chromium: every image loads, no console error, a screenshot."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from browsing import NO_CHROMIUM
from conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.build, pytest.mark.xdist_group("build")]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--allow-file-access-from-files",
    "--enable-logging=stderr",
    "--v=0",
]
HARNESS = """<!doctype html><html><body>
<iframe id="page" src="{url}" style="width:1200px;height:4000px"></iframe>
<script>
document.getElementById('page').addEventListener('load', function () {{
  var doc = this.contentDocument, images = Array.prototype.slice.call(doc.images);
  var broken = images.filter(function (i) {{ return !(i.complete && i.naturalWidth > 0); }})
                     .map(function (i) {{ return i.getAttribute('src'); }});
  var out = document.createElement('pre'); out.id = 'result';
  out.textContent = 'RESULT ' + JSON.stringify({{images: images.length, broken: broken,
                                                 title: doc.title}});
  document.body.appendChild(out);
}});
</script></body></html>"""


def _chromium(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def index(request) -> Path:
    """The index page of the full build made by test_build (built once per test session)."""
    if CHROMIUM is None:
        pytest.skip(NO_CHROMIUM)
    root, result = request.getfixturevalue("built")  # the session's full build (conftest.py)
    assert result.returncode == 0, result.stderr
    return root / "reports" / "index.html"


@pytest.mark.subprocess
def test_every_image_loads_and_the_console_is_silent(index, tmp_path):
    harness = tmp_path / "harness.html"
    harness.write_text(HARNESS.format(url=index.as_uri()), encoding="utf-8")
    result = _chromium(["--virtual-time-budget=10000", "--dump-dom", harness.as_uri()], tmp_path)
    found = re.search(r"RESULT (\{.*?\})</pre>", result.stdout)
    assert found, (
        f"the page did not load in Chromium:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    )
    report = json.loads(found.group(1).replace("&quot;", '"'))
    assert report["images"] >= 1
    assert report["broken"] == [], f"broken images: {report['broken']}"
    console = [line for line in result.stderr.splitlines() if "CONSOLE" in line]
    assert not console, "console messages:\n" + "\n".join(console)


@pytest.mark.subprocess
def test_screenshot(index, tmp_path):
    shot = tmp_path / "index.png"
    result = _chromium(
        ["--window-size=1280,2400", f"--screenshot={shot}", index.as_uri()], tmp_path
    )
    assert shot.is_file() and shot.stat().st_size > 20_000, result.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert REPO  # the screenshot stays in tmp_path: tests never write into the repository
