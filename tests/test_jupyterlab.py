"""A lesson in the real JupyterLab UI: start JupyterLab on 127.0.0.1, open lesson 1 in headless
Chromium, run every cell, look at the result, stop the server."""

from __future__ import annotations

import json
import os
import re
import secrets
import selectors
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from browsing import CHROMIUM, NO_CHROMIUM, PLAYWRIGHT_ARGS, free_port, stop

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("jupyterlab")]
READY = re.compile(r"https?://127\.0\.0\.1:\d+/lab")
STARTUP_SECONDS = 120
KERNEL = "window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel?.status"
CODE_CELLS = (  # the open notebook's code cells, from its model (the page draws only what is in view)
    "Array.from(window.jupyterapp.shell.currentWidget.content.model.cells).filter(c => c.type === 'code')"
)
ANNOUNCEMENTS = "@jupyterlab/apputils-extension:announcements"  # the news popup's plugin


def _wait_for_line(proc: subprocess.Popen, pattern: re.Pattern, seconds: float) -> str:
    """Read the server's log until `pattern` appears (event-driven, bounded by `seconds`)."""
    deadline = time.monotonic() + seconds
    seen = []
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stderr, selectors.EVENT_READ)
        while (left := deadline - time.monotonic()) > 0:
            if not sel.select(timeout=left):
                break
            line = proc.stderr.readline()
            if not line:  # the server exited
                break
            seen.append(line)
            if pattern.search(line):
                return line
    raise AssertionError("JupyterLab did not start:\n" + "".join(seen[-40:]))


@pytest.fixture
def jupyterlab(project_copy, tmp_path):
    """JupyterLab serving a copy of the project, as `make lab` starts it; stopped afterwards."""
    if CHROMIUM is None:
        pytest.skip(NO_CHROMIUM)
    pytest.importorskip("playwright.sync_api", reason="playwright (a dev dependency)")
    port, token = free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config"),  # no user settings leak in
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "jupyter-runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "jupyter-workspaces"),
    }
    # as `make lab` sets it up (there in the venv's page_config.json): no news popup
    labconfig = tmp_path / "jupyter-config" / "labconfig"
    labconfig.mkdir(parents=True)
    (labconfig / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {ANNOUNCEMENTS: True}}), encoding="utf-8"
    )
    root = ["--allow-root"] if os.geteuid() == 0 else []
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
         "--LabApp.expose_app_in_browser=True",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         f"--ServerApp.root_dir={project_copy}", *root],
        cwd=project_copy, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        _wait_for_line(proc, READY, STARTUP_SECONDS)
        log: list[str] = []  # read on, so that a full pipe never blocks the server
        threading.Thread(target=lambda: log.extend(proc.stderr), daemon=True).start()
        yield f"http://127.0.0.1:{port}", token, project_copy, proc
    finally:
        stop(proc)


@pytest.mark.notebooks
def test_lesson_runs_in_jupyterlab(jupyterlab, tmp_path):
    from playwright.sync_api import sync_playwright

    url, token, root, proc = jupyterlab
    lesson = "notebooks/teaching/01-sentence-to-data-point.ipynb"
    committed = (root / lesson).read_bytes()
    shot = tmp_path / "jupyterlab-lesson.png"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=PLAYWRIGHT_ARGS,
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            outside = []

            def route(r):
                host = r.request.url.split("/")[2] if "://" in r.request.url else ""
                if host.startswith("127.0.0.1") or r.request.url.startswith(("data:", "blob:")):
                    r.continue_()
                else:
                    outside.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.goto(f"{url}/lab/tree/{lesson}?token={token}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
            try:  # the kernel is up and idle
                page.wait_for_function(f"() => {KERNEL} === 'idle'", timeout=90_000)
            except Exception:
                page.screenshot(path=str(shot))
                state = page.evaluate(
                    "() => [typeof window.jupyterapp, String(window.jupyterapp?.shell.currentWidget),"
                    " window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel?.status,"
                    " document.body.innerText.slice(0, 500)]"
                )
                raise AssertionError(f"the lesson's kernel did not start: {state}") from None
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
            page.wait_for_function(
                f"() => {{ const c = {CODE_CELLS}; return c.length > 0 &&"
                " c.every(x => x.executionCount !== null) }",
                timeout=180_000,
            )
            page.wait_for_function(f"() => {KERNEL} === 'idle'", timeout=60_000)
            outputs = page.evaluate(
                f"() => {CODE_CELLS}.map(c => JSON.stringify(c.outputs.toJSON()))"
            )
            text = "\n".join(outputs)
            page_text = page.locator("body").inner_text()
            page.locator(
                ".jp-OutputArea-output", has_text="not answered yet"
            ).first.scroll_into_view_if_needed()
            page.screenshot(path=str(shot))
        finally:
            browser.close()
    assert "official Jupyter news" not in page_text, "the news popup is shown"
    assert text.count("not answered yet") == 4, text[-3000:]
    assert "✗" not in text and '"error"' not in text and "Traceback" not in text
    assert '"name":"stderr"' not in text.replace(" ", ""), "a cell wrote to stderr"
    assert shot.is_file() and shot.stat().st_size > 30_000
    assert outside == [], f"JupyterLab asked the network for: {outside[:5]}"
    assert (root / lesson).read_bytes() == committed, "running a lesson must not save it"
    assert proc.poll() is None, "the server died during the test"
    if os.environ.get("DEPORTDATA_SCREENSHOTS"):  # a folder to keep the screenshots in, to look at
        shutil.copy(shot, Path(os.environ["DEPORTDATA_SCREENSHOTS"]) / shot.name)
