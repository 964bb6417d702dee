"""Offline Data Docs: the vendored files are the ones the pages name, and no page loads from the web."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
from pathlib import Path

import pytest

from deportdata.checks import datadocs

# found without importing great_expectations (seconds), which only some tests of a worker need
GX_TEMPLATES = (
    Path(importlib.util.find_spec("great_expectations").origin).parent / "render" / "view"
)


def test_every_vendored_file_matches_its_manifest_entry_and_has_a_licence():
    listed = datadocs.assets()
    assert listed
    for asset in listed:
        data = (datadocs.VENDOR / asset.path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == asset.sha256, asset.path
        assert asset.licence and asset.version in asset.path
    folders = {a.path.split("/")[0] for a in listed}
    for folder in folders:
        assert any((datadocs.VENDOR / folder).glob("LICENSE*")), f"{folder} has no licence file"
    on_disk = {
        p.relative_to(datadocs.VENDOR).as_posix()
        for p in datadocs.VENDOR.rglob("*")
        if p.is_file() and not p.name.startswith("LICENSE") and p.name != "MANIFEST.json"
    }
    assert on_disk == {a.path for a in listed}, "a vendored file is missing from MANIFEST.json"


def test_every_asset_url_in_the_gx_templates_is_vendored_or_known():
    """A Great Expectations upgrade that names other files fails here, not offline."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in GX_TEMPLATES.rglob("*.j2"))
    text += "\n".join(p.read_text(encoding="utf-8") for p in GX_TEMPLATES.rglob("*.css"))
    replaced = {a.replaces for a in datadocs.assets() if a.replaces}
    for url in set(datadocs.external_assets(text)):
        if "{{" in url:  # a template variable, checked on real pages by the build test
            continue
        known = url in replaced or datadocs.GX_LOGO.fullmatch(url) or "vega" in url
        assert known, f"the Data Docs templates load {url}, which is not vendored"


def test_vendored_scripts_match_the_integrity_hashes_the_pages_name():
    """Where the templates pin a file by subresource integrity, the vendored copy is that file."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in GX_TEMPLATES.rglob("*.j2"))
    by_url = {a.replaces: a for a in datadocs.assets() if a.replaces}
    pinned = re.findall(r'src="([^"]+)"\s+integrity="sha384-([^"]+)"', text)
    assert pinned
    for url, digest in pinned:
        data = (datadocs.VENDOR / by_url[url].path).read_bytes()
        assert base64.b64encode(hashlib.sha384(data).digest()).decode() == digest, url


PAGE = """<html><head>
<link rel="stylesheet" href="https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css"/>
<script src="https://cdn.jsdelivr.net/npm/vega@5"></script>
<script src="https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js" integrity="sha384-x" crossorigin="anonymous"></script>
<style>.x{background: url('https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/full_logo_dark.png')}</style>
</head><body><img src="https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/logo-long.png?d=1"/>
<a href="https://greatexpectations.io">a link is not a download</a>{extra}</body></html>"""


def _site(tmp_path: Path, extra: str = "") -> Path:
    site = tmp_path / "data-docs"
    (site / "validations" / "a" / "b").mkdir(parents=True)
    (site / "static" / "images").mkdir(parents=True)
    (site / "index.html").write_text(PAGE.replace("{extra}", extra), encoding="utf-8")
    (site / "validations" / "a" / "b" / "page.html").write_text(
        PAGE.replace("{extra}", ""), encoding="utf-8"
    )
    return site


def test_pages_are_pointed_at_the_vendored_files_relative_to_their_folder(tmp_path):
    site = _site(tmp_path)
    changed = datadocs.make_offline(site)
    assert len(changed) == 2
    index = (site / "index.html").read_text(encoding="utf-8")
    deep = (site / "validations" / "a" / "b" / "page.html").read_text(encoding="utf-8")
    assert 'href="static/vendor/bootstrap-4.3.1/dist/css/bootstrap.min.css"' in index
    assert 'src="../../../static/vendor/bootstrap-4.3.1/dist/js/bootstrap.min.js"></script>' in deep
    assert "vega" not in index and "integrity" not in index and "crossorigin" not in index
    assert 'src="static/images/logo-long.png"' in index
    assert datadocs.external_assets(index) == [] and datadocs.external_assets(deep) == []
    assert 'href="https://greatexpectations.io"' in index
    for asset in datadocs.assets():
        assert (site / datadocs.SITE_VENDOR / asset.path).is_file()


def test_an_asset_that_is_not_vendored_is_an_error_naming_page_and_url(tmp_path):
    site = _site(tmp_path, extra='<script src="https://cdn.example.org/new.js"></script>')
    with pytest.raises(
        datadocs.DataDocsError, match=r"index\.html: https://cdn\.example\.org/new\.js"
    ):
        datadocs.make_offline(site)
