""".binder/: the classroom launch installs the lock on its Python and registers the notebooks' kernel.

A real Binder build needs mybinder.org and the published repository; it cannot run here.
These tests check that what Binder would read agrees with the lock and the notebooks.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from conftest import REPO

from deportdata.config import KERNEL_NAME

BINDER = REPO / ".binder"


def test_python_version_agrees_with_the_lock():
    header = (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines()[0]
    locked = re.search(r"Python (\d+\.\d+)", header).group(1)
    assert (BINDER / "runtime.txt").read_text(encoding="utf-8").strip() == f"python-{locked}"


def test_requirements_are_exactly_the_lock():
    lines = [
        line.strip()
        for line in (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(lines) == 1 and lines[0].startswith("-r ")
    assert (BINDER / lines[0][3:].strip()).resolve() == (REPO / "requirements.lock").resolve()


def test_post_build_installs_the_package_and_registers_the_kernel():
    post = BINDER / "postBuild"
    assert post.stat().st_mode & 0o111, "postBuild must be executable"
    commands = [
        shlex.split(line)
        for line in post.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith(("#", "set "))
    ]
    assert [
        "python",
        "-m",
        "pip",
        "install",
        "--no-deps",
        "--no-build-isolation",
        "-e",
        ".",
    ] in commands
    kernel = next(c for c in commands if c[:4] == ["python", "-m", "ipykernel", "install"])
    assert kernel[kernel.index("--name") + 1] == KERNEL_NAME


def test_the_notebooks_ask_for_that_kernel():
    notebooks = sorted((REPO / "notebooks").rglob("*.ipynb"))
    assert any("teaching" in p.parts for p in notebooks)
    for path in notebooks:
        spec = json.loads(path.read_text(encoding="utf-8"))["metadata"]["kernelspec"]
        assert spec["name"] == KERNEL_NAME, path


def test_readme_badge_opens_the_teaching_notebooks():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    badge = re.search(
        r"\(https://mybinder\.org/v2/gh/[^/]+/[^/]+/HEAD\?urlpath=lab/tree/([^)]+)\)", readme
    )
    assert badge, "README has no Binder badge"
    assert (REPO / badge.group(1)).is_dir()
    assert Path(badge.group(1)).name == "teaching"
