"""The git commit of a project folder, as a build's landing page and a citation name it."""

from __future__ import annotations

import subprocess
from pathlib import Path


def commit(root: Path) -> str:
    """HEAD's commit, marked when the work tree has uncommitted changes; outside a git
    checkout (or without git) a sentence saying so."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True
        ).stdout
        return out.stdout.strip() + (" (with uncommitted changes)" if dirty.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
