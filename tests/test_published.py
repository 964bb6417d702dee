"""Nothing published names the build machine: no absolute folder, user or staging folder."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from deportdata.config import Project
from deportdata.report.published import publishable

PUBLISHED = ("*.html", "*.ipynb", "*.md", "*.csv", "*.json", "*.svg")


def _leaks(root: Path) -> list[str]:
    """Places in reports/ where a machine path or a staging folder name appears."""
    words = {str(root), str(root.resolve()), ".stage-", "deportdata-kernel-"}
    home = os.path.expanduser("~")
    if home not in ("/", "~"):
        words.add(home)
    found = []
    for pattern in PUBLISHED:
        for path in sorted((root / "reports").rglob(pattern)):
            if path.name == "validation.json":  # a build record read by 07, never published as is
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            for word in words:
                if word in text:
                    at = text.index(word)
                    found.append(f"{path.relative_to(root)}: …{text[max(0, at - 60) : at + 60]}…")
            if re.search(r"/tmp/|/pytest-of-", text):
                found.append(f"{path.relative_to(root)}: a temporary folder")
    return found


def test_publishable_replaces_the_machine_folders(tmp_path):
    project = Project(tmp_path / "project")
    stage = project.reports / ".stage-01-corpus-abc123"
    text = (
        f'project_root = "{project.root}"\noutput_dir = "{stage}"\n'
        f'"input_path": "{project.notebooks}/01-corpus.ipynb"\nsaved {stage}/figures/a.png'
    )
    out = publishable(text, project, stage)
    assert str(tmp_path) not in out and ".stage-" not in out
    assert 'project_root = ".."' in out and 'output_dir = "../reports"' in out
    assert '"input_path": "./01-corpus.ipynb"' in out and "saved ../reports/figures/a.png" in out


@pytest.mark.build
@pytest.mark.xdist_group("build")
def test_no_build_path_is_published(built):
    root, result = built
    assert result.returncode == 0, result.stderr
    executed = sorted((root / "reports" / "notebooks").glob("*.html"))
    assert executed, "the build wrote no executed notebooks"
    leaks = _leaks(root)
    assert not leaks, "machine paths in published files:\n" + "\n".join(leaks[:10])
    html = (root / "reports" / "notebooks" / "01-corpus.ipynb").read_text(encoding="utf-8")
    assert 'project_root = \\"..\\"' in html  # the parameter shown relative to notebooks/
