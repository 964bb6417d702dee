"""The write helpers: modes from the umask, transactions, and staging folders that a live
run owns are never removed."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest
from conftest import copy_project

from deportdata.io import files

WRITE_ALL = """
import sys
from pathlib import Path
from deportdata.io import files
root = Path(sys.argv[1])
files.write_text_atomic(root / "plain.txt", "x")
with files.staged_directory(root / "folder") as stage:
    files.write_text_atomic(stage / "inner.csv", "a\\n")
txn = files.Transaction(root / ".journal", root)
txn.add_bytes(root / "reports" / "index.html", b"<p>")
docs = files.stage_folder(root, ".docs.stage-")
(docs / "page.html").write_text("p")
txn.add_directory(root / "docs", docs)
txn.commit()
"""


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("umask", "file_mode", "dir_mode"), [(0o022, 0o644, 0o755), (0o027, 0o640, 0o750)]
)
def test_generated_files_get_the_mode_the_umask_gives(tmp_path, umask, file_mode, dir_mode):
    result = subprocess.run(
        [sys.executable, "-c", WRITE_ALL, str(tmp_path)],
        umask=umask,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    for rel in ("plain.txt", "folder/inner.csv", "reports/index.html", "docs/page.html"):
        assert _mode(tmp_path / rel) == file_mode, rel
    for rel in ("folder", "docs"):
        assert _mode(tmp_path / rel) == dir_mode, rel


@pytest.mark.subprocess
def test_the_clean_layer_is_world_readable_under_umask_022(tmp_path):
    root = copy_project(tmp_path / "project", ("data/raw", "pyproject.toml"))
    result = subprocess.run(
        [sys.executable, "-m", "deportdata", "--root", str(root), "clean"],
        umask=0o022,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert _mode(root / "data/clean") == 0o755
    modes = {_mode(p) for p in (root / "data/clean").rglob("*") if p.is_file()}
    assert modes == {0o644}


def test_an_uncommitted_transaction_is_discarded_and_a_committed_one_completed(tmp_path):
    (tmp_path / "a.txt").write_text("old a", encoding="utf-8")
    (tmp_path / "b.txt").write_text("old b", encoding="utf-8")
    journal = tmp_path / ".journal"
    txn = files.Transaction(journal, tmp_path)
    txn.add_bytes(tmp_path / "a.txt", b"new a")
    txn.add_bytes(tmp_path / "b.txt", b"new b")
    assert files.recover_journal(journal, tmp_path) == "discarded"  # died before the commit
    assert (tmp_path / "a.txt").read_text() == "old a" and not journal.exists()

    txn = files.Transaction(journal, tmp_path)
    txn.add_bytes(tmp_path / "a.txt", b"new a")
    txn.add_bytes(tmp_path / "b.txt", b"new b")
    (journal / files.PLAN).write_text(
        '{"entries": [["file", "a.txt"], ["file", "b.txt"]]}', encoding="utf-8"
    )
    os.replace(journal / "0", tmp_path / "a.txt")  # died after the first move
    assert files.recover_journal(journal, tmp_path) == "completed"
    assert (tmp_path / "a.txt").read_text() == "new a"
    assert (tmp_path / "b.txt").read_text() == "new b"
    assert not journal.exists()


@pytest.mark.subprocess
def test_a_stage_whose_owner_lives_is_never_removed(tmp_path):
    mine = files.stage_folder(tmp_path, ".stage-", "01-corpus")
    assert files.stage_owner(mine, ".stage-") == os.getpid()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    orphan = tmp_path / f".stage-pid{int(dead.stdout)}-02-claims-abcd"
    orphan.mkdir()
    legacy = tmp_path / ".stage-03-cumulative-x1y2"  # no owner recorded: from an older version
    legacy.mkdir()
    removed = files.remove_stale_stages(tmp_path, ".stage-")
    assert sorted(removed) == sorted([orphan, legacy])
    assert mine.is_dir()
    assert files.remove_stale_stages(tmp_path, ".stage-", also_mine=True) == [mine]
