"""requirements.lock (what the Makefile installs) and environment.yml (for conda users) agree."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

LOCK_ENTRY = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)")


def _lock_entries(text: str) -> dict[str, dict]:
    """Name → {version, hashes} for each requirement of a hash-pinned lock (pip/uv format)."""
    entries: dict[str, dict] = {}
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("--hash="):
            assert current is not None, f"requirements.lock: hash without a requirement: {line!r}"
            current["hashes"].append(line.removeprefix("--hash=").rstrip(" \\"))
            continue
        match = LOCK_ENTRY.match(line)
        assert match, f"requirements.lock: {line!r} is not pinned with =="
        current = {"version": match["version"], "hashes": []}
        entries[canonicalize_name(match["name"])] = current
    return entries


def _lock() -> dict[str, str]:
    entries = _lock_entries((REPO / "requirements.lock").read_text(encoding="utf-8"))
    return {name: entry["version"] for name, entry in entries.items()}


def test_every_locked_package_carries_sha256_hashes():
    entries = _lock_entries((REPO / "requirements.lock").read_text(encoding="utf-8"))
    assert len(entries) > 50
    for name, entry in entries.items():
        assert entry["hashes"], f"requirements.lock: {name} has no --hash"
        for digest in entry["hashes"]:
            assert re.fullmatch(r"sha256:[0-9a-f]{64}", digest), f"{name}: bad hash {digest!r}"


def _environment() -> dict:
    return yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))


def test_lock_pins_every_dependency_at_a_version_pyproject_allows():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = _lock()
    extras = project["optional-dependencies"]
    wanted = project["dependencies"] + [spec for specs in extras.values() for spec in specs]
    for spec in wanted:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name in pins, (
            f"{req.name} is required by pyproject.toml but not pinned in requirements.lock"
        )
        assert req.specifier.contains(pins[name]), (
            f"{req.name}=={pins[name]} does not satisfy {req.specifier}"
        )


def test_environment_installs_the_lock_and_the_package():
    pip = next(d["pip"] for d in _environment()["dependencies"] if isinstance(d, dict))
    assert "-r requirements.lock" in pip, "environment.yml must install exactly the lock file"
    assert "-e ." in pip


def test_environment_python_matches_the_lock():
    conda = [d for d in _environment()["dependencies"] if isinstance(d, str)]
    python = next(d for d in conda if d.startswith("python"))
    header = (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines()[0]
    locked = re.search(r"Python (\d+\.\d+)", header).group(1)
    assert python == f"python={locked}", (
        f"environment.yml has {python}, the lock was resolved for {locked}"
    )


def test_environment_pins_nothing_the_lock_pins_differently():
    """Any conda package besides python and pip must carry the lock's version."""
    pins = _lock()
    for dep in _environment()["dependencies"]:
        if isinstance(dep, str) and not dep.startswith(("python", "pip")):
            name, _, version = dep.partition("=")
            assert pins.get(canonicalize_name(name)) == version.lstrip("="), (
                f"{dep} disagrees with the lock"
            )


@pytest.mark.subprocess
def test_the_environment_keeps_bytecode_even_where_the_variable_says_not_to(tmp_path):
    """The install compiles no bytecode (tools/setup-env.sh): the first import compiles a module
    and keeps its .pyc, also under PYTHONDONTWRITEBYTECODE=1 (set in many container images),
    or every process would compile its imports again."""
    if not Path(sys.prefix, ".installed").is_file():
        pytest.skip("an environment not made by tools/setup-env.sh (conda, Binder)")
    module = tmp_path / "compiled_once.py"
    module.write_text("VALUE = 1\n", encoding="utf-8")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", "import sys, compiled_once; print(sys.dont_write_bytecode)"],
        env=env, capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False", "deportdata-bytecode.pth is missing from the venv"
    assert list((tmp_path / "__pycache__").glob("compiled_once.*.pyc"))


@pytest.mark.xdist_group("environment")
def test_xdist_groups_keep_their_tests_on_one_worker(request):
    """Under `make test` (`--dist loadgroup`) the tests of an `xdist_group` run on one worker,
    so a group's module fixtures (a build, a validation run) are made once. pytest-xdist marks
    such a test by adding "@<group>" to its id; with pytest 9.2 that suffix is silently lost and
    the groups are spread over the workers (hence `pytest<9.2` in pyproject.toml)."""
    if not os.environ.get("PYTEST_XDIST_WORKER") or not request.config.getoption(
        "loadgroup", False
    ):
        pytest.skip("runs under pytest-xdist's --dist loadgroup (make test)")
    assert request.node.nodeid.endswith("@environment"), (
        f"pytest {pytest.__version__} with pytest-xdist drops the group from {request.node.nodeid}"
    )
