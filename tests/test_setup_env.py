"""tools/setup-env.sh: uv when it can be had, pip otherwise; both refuse a lock whose hash is wrong."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

SCRIPT = REPO / "tools" / "setup-env.sh"
# the interpreter the venv was made from: it has pip, which the uv-made venv need not have
BASE_PYTHON = getattr(sys, "_base_executable", sys.executable)
PACKAGE = "six"  # small, pure Python, in the lock


def _run(args, env_extra=None, **kw) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"UV", "DEPORTDATA_INSTALLER"}}
    env.update({"PYTHON": BASE_PYTHON, **(env_extra or {})})
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=300, **kw)


def _uv() -> str:
    result = _run(["bash", str(SCRIPT), "--uv"])
    if result.returncode != 0:
        pytest.fail(f"uv could not be had: {result.stderr}")
    return result.stdout.strip()


def _lock_entry(name: str) -> str:
    """The lines of one requirement of requirements.lock, hashes included."""
    text = (REPO / "requirements.lock").read_text(encoding="utf-8")
    match = re.search(rf"^{name}==.*?(?=^\S)", text, flags=re.M | re.S)
    assert match, f"{name} is not in requirements.lock"
    return match.group(0)


def _tampered(entry: str) -> str:
    """Every hash of the entry with its last hex digit changed."""
    return re.sub(
        r"(sha256:[0-9a-f]{63})([0-9a-f])",
        lambda m: m.group(1) + ("0" if m.group(2) != "0" else "1"),
        entry,
    )


@pytest.mark.subprocess
def test_the_script_prefers_uv_when_it_can_be_had():
    result = _run(["bash", str(SCRIPT), "--which"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("uv "), result.stdout


@pytest.mark.subprocess
def test_the_script_falls_back_to_pip_when_uv_cannot_be_had(tmp_path):
    """No uv on PATH, none bootstrapped, and the package index unreachable: pip is used."""
    bare_path = os.pathsep.join(
        d for d in os.environ["PATH"].split(os.pathsep) if not (Path(d) / "uv").exists()
    )
    result = _run(
        ["bash", str(SCRIPT), "--which"],
        env_extra={
            "PATH": bare_path,
            "DEPORTDATA_UV_DIR": str(tmp_path / "uv-boot"),
            "PIP_NO_INDEX": "1",
            "PIP_FIND_LINKS": "",
            "PIP_CONFIG_FILE": os.devnull,
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "pip"
    assert not (tmp_path / "uv-boot").exists(), "a failed bootstrap leaves nothing behind"


@pytest.mark.subprocess
def test_forcing_an_unknown_installer_is_an_error():
    result = _run(["bash", str(SCRIPT), "--which"], env_extra={"DEPORTDATA_INSTALLER": "conda"})
    assert result.returncode == 2
    assert "DEPORTDATA_INSTALLER must be uv, pip or auto" in result.stderr


@pytest.mark.subprocess
def test_an_old_python_is_refused_with_a_clear_message(tmp_path):
    fake = tmp_path / "python2"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    result = _run(["bash", str(SCRIPT), "--which"], env_extra={"PYTHON": str(fake)})
    assert result.returncode == 1
    assert "needs Python 3.11 or newer" in result.stderr


@pytest.mark.subprocess
@pytest.mark.parametrize("tamper", [False, True], ids=["as-locked", "tampered"])
def test_uv_installs_the_locked_hash_and_refuses_a_tampered_one(tmp_path, tamper):
    uv = _uv()
    entry = _lock_entry(PACKAGE)
    lock = tmp_path / "requirements.lock"
    lock.write_text(_tampered(entry) if tamper else entry, encoding="utf-8")
    venv = tmp_path / "venv"
    env = {"UV_PYTHON_DOWNLOADS": "never"}
    made = _run([uv, "venv", "--quiet", "--python", BASE_PYTHON, str(venv)], env_extra=env)
    assert made.returncode == 0, made.stderr
    result = _run(
        [
            uv,
            "pip",
            "install",
            "--python",
            str(venv / "bin" / "python"),
            "--require-hashes",
            "--no-deps",
            "-r",
            str(lock),
        ],
        env_extra=env,
    )
    if tamper:
        assert result.returncode != 0, "uv installed a file whose hash is not the locked one"
        assert "hash" in result.stderr.lower(), result.stderr
        assert not list((venv / "lib").glob(f"python*/site-packages/{PACKAGE}*"))
    else:
        assert result.returncode == 0, result.stderr
        assert list((venv / "lib").glob(f"python*/site-packages/{PACKAGE}*"))


@pytest.mark.subprocess
@pytest.mark.parametrize("tamper", [False, True], ids=["as-locked", "tampered"])
def test_pip_verifies_the_locked_hash_and_refuses_a_tampered_one(tmp_path, tamper):
    entry = _lock_entry(PACKAGE)
    lock = tmp_path / "requirements.lock"
    lock.write_text(_tampered(entry) if tamper else entry, encoding="utf-8")
    result = _run(
        [
            BASE_PYTHON,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--require-hashes",
            "-r",
            str(lock),
            "-d",
            str(tmp_path / "dl"),
        ],
    )
    if tamper:
        assert result.returncode != 0, "pip accepted a file whose hash is not the locked one"
        assert "DO NOT MATCH THE HASHES" in result.stderr, result.stderr
        assert not list(tmp_path.glob(f"dl/{PACKAGE}*"))
    else:
        assert result.returncode == 0, result.stderr
        assert any((tmp_path / "dl").glob(f"{PACKAGE}*"))


def test_the_uv_bootstrap_is_pinned_by_hash():
    text = (REPO / "tools" / "uv-requirements.txt").read_text(encoding="utf-8")
    assert re.search(r"^uv==\d+\.\d+\.\d+ \\$", text, flags=re.M)
    assert len(re.findall(r"--hash=sha256:[0-9a-f]{64}", text)) >= 5


def test_the_makefile_installs_through_the_script():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    stamp_rule = makefile[makefile.index("$(STAMP):") :].split("\n\n")[0]
    assert "tools/setup-env.sh" in stamp_rule
    assert "requirements.lock" in stamp_rule.splitlines()[0], (
        "the venv is rebuilt when the lock changes"
    )
