"""Skip work whose inputs have not changed: content digests kept in .deportdata-cache/."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from deportdata.config import Project
from deportdata.io.files import write_text_atomic

PACKAGE = Path(__file__).parent.parent  # src/deportdata


def digest(paths: Iterable[Path], extra: str = "") -> str:
    """SHA-256 over the names and contents of `paths` (a missing file counts as missing)."""
    h = hashlib.sha256(extra.encode())
    for path in paths:
        h.update(path.name.encode())
        h.update(path.read_bytes() if path.is_file() else b"<missing>")
    return h.hexdigest()


def package_files() -> list[Path]:
    """The package's own code and schema: a change in them invalidates every cached step."""
    return sorted(PACKAGE.rglob("*.py")) + sorted(PACKAGE.rglob("*.yaml"))


def load(project: Project, step: str) -> dict:
    try:
        return json.loads((project.build_state / f"{step}.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def save(project: Project, step: str, state: dict) -> None:
    write_text_atomic(
        project.build_state / f"{step}.json", json.dumps(state, indent=1, sort_keys=True) + "\n"
    )


def validation_inputs(project: Project) -> str:
    """Digest of what validation reads: clean layer, suites, raw texts and rules, and the package."""
    files = sorted(p for p in project.clean.rglob("*") if p.is_file())
    files += sorted(project.expectations.glob("*.json")) + sorted(
        project.raw_articles.glob("*.txt")
    )
    files += sorted(project.rules.glob("*"))
    return digest([*files, *package_files()])


def validation_is_current(project: Project) -> bool:
    """True when the last validation passed on exactly these inputs and its outputs are still there."""
    state = load(project, "validate")
    return (
        state.get("inputs") == validation_inputs(project)
        and state.get("failed") == 0
        and project.validation_results.is_file()
        and (project.data_docs / "index.html").is_file()
    )


def record_validation(project: Project, failed: int) -> None:
    save(project, "validate", {"inputs": validation_inputs(project), "failed": failed})
