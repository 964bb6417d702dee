"""The commit a build or a citation names (deportdata.runtime.git)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from deportdata.runtime import git

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_outside_a_checkout_it_says_so(tmp_path):
    assert git.commit(tmp_path) == "unknown (not a git checkout)"


@needs_git
def test_a_checkout_gives_its_commit_and_marks_uncommitted_changes(tmp_path):
    def run(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    run("init", "-q")
    (tmp_path / "a.txt").write_text("a\n", encoding="utf-8")
    run("add", "a.txt")
    run("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "a")
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=tmp_path, capture_output=True, text=True
    ).stdout.strip()
    assert git.commit(tmp_path) == head
    (tmp_path / "a.txt").write_text("b\n", encoding="utf-8")
    assert git.commit(tmp_path) == f"{head} (with uncommitted changes)"
