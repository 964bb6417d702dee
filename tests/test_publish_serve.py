"""`deportdata serve`: Datasette on a loopback port, read-only, showing the clean tables.

The server is started on a free port, and the test waits for it by trying the port in a
bounded loop (each wait is on the server process itself, so a server that dies fails the
test at once); it is stopped at the end of the module.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from browsing import CHROMIUM, NO_CHROMIUM, PLAYWRIGHT_ARGS, free_port, stop
from conftest import copy_project

from deportdata.clean import metadata
from deportdata.config import Project
from deportdata.publish import datasette, export, serve
from deportdata.schema import load_schema

if importlib.util.find_spec("datasette") is None:  # found, not imported: collection stays quick
    pytest.skip("Datasette is the optional extra 'serve'", allow_module_level=True)
STARTUP_LIMIT_S = 60


def wait_for_port(proc: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + STARTUP_LIMIT_S
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            try:  # not listening yet: wait on the process, which also notices if it died
                proc.wait(timeout=0.2)
            except subprocess.TimeoutExpired:
                continue
            raise AssertionError(
                f"the server exited with {proc.returncode}: {proc.stderr.read()}"
            ) from None
    raise AssertionError(f"the server did not listen on port {port} within {STARTUP_LIMIT_S} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    project = Project(copy_project(tmp_path_factory.mktemp("serve") / "project"))
    export.run(project)
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "deportdata",
            "--root",
            str(project.root),
            "serve",
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_port(proc, port)
        yield project, f"http://127.0.0.1:{port}"
    finally:
        stop(proc)
        proc.stdout.close()
        proc.stderr.close()


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def test_a_table_as_json_equals_its_csv(server):
    project, base = server
    table = load_schema().table("clean", "claims")
    rows = get_json(f"{base}/{datasette.DATABASE}/claims.json?_shape=array&_size=max")
    with (project.clean / table.path).open(encoding="utf-8", newline="") as fh:
        expected = list(csv.DictReader(fh))
    as_text = [{k: "" if v is None else str(v) for k, v in row.items()} for row in rows]
    assert as_text == expected


def test_read_only_loopback_no_plugins_and_metadata_from_the_schema(server):
    _, base = server
    databases = get_json(f"{base}/-/databases.json")
    assert [(d["name"], d["is_mutable"]) for d in databases] == [(datasette.DATABASE, False)]
    plugins = get_json(f"{base}/-/plugins.json")  # only the read-only guard of serve
    assert [p["name"] for p in plugins] == ["deportdata_readonly.py"]
    assert databases[0]["path"] == "deportdata.sqlite"  # no folder of the machine
    meta = get_json(f"{base}/-/metadata.json")
    claims = load_schema().table("clean", "claims")
    table = meta["databases"][datasette.DATABASE]["tables"]["claims"]
    assert table["title"] == claims.title and table["description"] == claims.description
    corpus = metadata.articles(server[0].clean)
    assert meta["license"].startswith("CC-BY-4.0")
    assert meta["source"].startswith(f"{metadata.count(len(corpus)).capitalize()}: ")
    assert meta["title"] == metadata.title(corpus)
    assert serve.DEFAULT_HOST == "127.0.0.1"
    command = serve.command(server[0])
    assert command[command.index("--host") + 1] == "127.0.0.1" and "--immutable" in command


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize(
    "path", [f"/{datasette.DATABASE}/claims/-/insert", f"/{datasette.DATABASE}/-/create", "/"]
)
def test_a_write_request_is_refused_405(server, method, path):
    _, base = server
    request = urllib.request.Request(f"{base}{path}", data=b"{}", method=method)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 405
    assert refused.value.headers["Allow"] == "GET, HEAD, OPTIONS"
    assert b"read-only" in refused.value.read()


def test_no_introspection_page_names_the_machine_s_folders(server):
    project, base = server
    for page in ("databases", "metadata", "settings", "versions", "plugins"):
        with urllib.request.urlopen(f"{base}/-/{page}.json", timeout=30) as response:
            body = response.read().decode("utf-8")
        assert str(project.root) not in body, page


def test_serve_without_an_export_is_a_clear_error(tmp_path):
    from conftest import cli

    root = copy_project(tmp_path / "project", parts=("data", "pyproject.toml"))
    result = cli("--root", str(root), "serve")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        "the database has not been exported" in result.stderr
        and "deportdata export" in result.stderr
    )


@pytest.mark.browser
def test_claims_page_in_chromium(server, tmp_path):
    if CHROMIUM is None:
        pytest.skip(NO_CHROMIUM)
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    _, base = server
    shot = tmp_path / "claims.png"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=PLAYWRIGHT_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            response = page.goto(f"{base}/{datasette.DATABASE}/claims", wait_until="load")
            assert response.status == 200
            claims = load_schema().table("clean", "claims")
            assert page.locator("h1").inner_text().strip() == claims.title
            assert claims.description in page.content()
            with (server[0].clean / claims.path).open(encoding="utf-8", newline="") as fh:
                rows = list(csv.DictReader(fh))
            assert page.locator("table.rows-and-columns tbody tr").count() == len(rows)
            assert page.get_by_text("C008").count() >= 1
            page.screenshot(path=str(shot), full_page=True)
            assert errors == []
        finally:
            browser.close()
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
