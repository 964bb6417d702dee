"""What the browser tests share: Debian's Chromium for playwright, and loopback servers."""

from __future__ import annotations

import shutil
import socket
import subprocess

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# why a browser test is skipped, and what to install
NO_CHROMIUM = (
    "headless Chromium is not installed (Debian package 'chromium': apt-get install chromium)"
)
# Chromium as root in a container, on a machine whose network is closed
PLAYWRIGHT_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen) -> None:
    """Terminate a server started by a test, killing it if it does not stop in 30 s."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
