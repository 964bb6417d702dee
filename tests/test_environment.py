"""requirements.lock (what the Makefile installs) and environment.yml (for conda users) agree."""

from __future__ import annotations

import re
import tomllib

import yaml
from conftest import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


def _lock() -> dict[str, str]:
    pins = {}
    for line in (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"requirements.lock: {line!r} is not pinned with =="
            pins[canonicalize_name(name)] = version
    return pins


def _environment() -> dict:
    return yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))


def test_lock_pins_every_dependency_at_a_version_pyproject_allows():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = _lock()
    extras = project["optional-dependencies"]
    wanted = project["dependencies"] + extras["dev"] + extras["serve"]  # what `make lock` resolves
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
