"""Data Docs that work without a network.

Great Expectations writes pages that load jQuery, Bootstrap, bootstrap-table and Font
Awesome from CDNs; offline, the tables (filled in by JavaScript) stay empty and the
pass/fail icons are blank. After the pages are written, `make_offline` copies the
vendored files (checks/vendor/, listed with version, licence and sha256 in MANIFEST.json)
into the site and points every page at them. Any asset URL left pointing off the machine
afterwards is an error, so a Great Expectations upgrade that names new files is caught by
the tests rather than by a reviewer on a train.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from deportdata.io.files import write_text_atomic

VENDOR = Path(__file__).parent / "vendor"
MANIFEST = VENDOR / "MANIFEST.json"
SITE_VENDOR = "static/vendor"  # inside reports/data-docs/
# The Great Expectations logo is loaded from a web bucket; the package ships the same image.
GX_LOGO = re.compile(
    r"https://great-expectations-web-assets\.s3\.[a-z0-9-]+\.amazonaws\.com/[\w-]+\.png(?:\?[^\"')\s]*)?"
)
LOCAL_LOGO = "images/logo-long.png"  # in the site's static/ folder, copied there by GX
# Vega draws profiling charts; no validation page has one, so the scripts are dropped.
UNUSED_SCRIPT = re.compile(
    r'[ \t]*<script src="https://cdn\.jsdelivr\.net/npm/vega[\w-]*@\d+"></script>\n?'
)
# Subresource-integrity and CORS attributes: meant for CDNs, they block file:// loads.
CDN_ATTRIBUTES = re.compile(r'\s+(?:integrity="[^"]*"|crossorigin="[^"]*")')
ASSET = re.compile(
    r"""<(?:script|link|img)\b[^>]*?\b(?:src|href)\s*=\s*["']((?:https?:)?//[^"']+)"""
    r"""|url\(\s*['"]?((?:https?:)?//[^'")]+)""",
    re.IGNORECASE,
)


class DataDocsError(RuntimeError):
    """A Data Docs page still loads something from the network."""


@dataclass(frozen=True)
class Asset:
    package: str
    version: str
    licence: str
    path: str  # relative to checks/vendor/
    sha256: str
    replaces: str | None  # the URL the pages name, or None for a file another asset loads


def assets() -> list[Asset]:
    """Every vendored file, from MANIFEST.json."""
    data = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return [
        Asset(p["name"], p["version"], p["licence"], f["path"], f["sha256"], f.get("replaces"))
        for p in data["packages"]
        for f in p["files"]
    ]


def external_assets(text: str) -> list[str]:
    """The URLs of scripts, styles, images and CSS url()s in `text` that point off the machine."""
    return [a or b for a, b in ASSET.findall(text)]


def _rewrite(text: str, static: str, urls: dict[str, str]) -> str:
    """`static` is the relative path from the page to the site's static/ folder."""
    text = UNUSED_SCRIPT.sub("", text)
    for url, path in urls.items():
        text = text.replace(url, f"{static}/vendor/{path}")
    text = GX_LOGO.sub(f"{static}/{LOCAL_LOGO}", text)
    return re.sub(
        r"<(?:script|link)\b[^>]*>",
        lambda m: CDN_ATTRIBUTES.sub("", m.group(0)) if "/vendor/" in m.group(0) else m.group(0),
        text,
    )


def make_offline(site: Path) -> list[Path]:
    """Copy the vendored files into `site` and point its pages at them; the pages changed."""
    listed = assets()
    for asset in listed:
        target = site / SITE_VENDOR / asset.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(VENDOR / asset.path, target)
    urls = {a.replaces: a.path for a in listed if a.replaces}
    vendor = site / SITE_VENDOR
    changed, left = [], []
    pages = sorted(p for p in site.rglob("*") if p.suffix in (".html", ".css"))
    for page in pages:
        if vendor in page.parents:
            continue
        text = page.read_text(encoding="utf-8")
        static = os.path.relpath(site / "static", page.parent).replace(os.sep, "/")
        new = _rewrite(text, static, urls)
        left += [f"{page.relative_to(site)}: {url}" for url in external_assets(new)]
        if new != text:
            write_text_atomic(page, new)
            changed.append(page)
    if left:
        raise DataDocsError(
            "Data Docs pages load files from the network; vendor them in "
            "src/deportdata/checks/vendor/ (MANIFEST.json):\n  " + "\n  ".join(left)
        )
    return changed
