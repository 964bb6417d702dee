"""Shared fixtures: tests work on copies of the project and never write into the repository."""

from __future__ import annotations

import csv
import fcntl
import functools
import hashlib
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from deportdata.runtime.quickimport import before_great_expectations

# nbformat (the lessons, papermill), the CFF check and GX (tests/test_validate.py) import
# jsonschema in the test workers: without its IRI grammar, and GX without executing
# scipy.stats until it is used, as the validate step does (1.4 s a worker)
before_great_expectations()

# property tests: the same examples every run, no time limit per example, no example
# database carried from run to run, so that no outcome depends on speed, order or history
settings.register_profile("deterministic", derandomize=True, deadline=None, database=None)
settings.load_profile("deterministic")

REPO = Path(__file__).resolve().parents[1]
# what a copy of the project needs to build on its own
PROJECT_PARTS = (
    "data",
    "expectations",
    "notebooks",
    "pyproject.toml",
    "docs",
    "reports/figures",
    "reports/tables",
)
LESSONS = "notebooks/teaching"  # students may save answers here; tests read them as committed
GUARDED = ("data", "reports/figures", "reports/tables", "expectations", "notebooks")
# the five articles coded by hand: tests of the hand coding check these rows, by id, and
# hold when a researcher has added more articles (add-article, accept)
HAND_CODED_ARTICLES = (
    "000_8ce18bf11eba94f7",
    "001_80a94187c44a9298",
    "002_0d742cd69c602630",
    "003_6371826106886463",
    "004_2a647670bcb548ec",
)


def copy_project(dest: Path, parts: tuple[str, ...] = PROJECT_PARTS) -> Path:
    """A copy of the project's inputs and committed outputs in `dest` (no .venv, no caches).

    The lessons are copied as committed (`committed_text`): a student who saved answers and
    outputs into notebooks/teaching/ changes nothing the tests check (docs/TEACHING.md)."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in parts:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns(".*", "__pycache__"))
        elif source.is_file():
            (dest / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / part)
    for name, text in _committed_lessons().items():
        target = dest / LESSONS / name
        if target.is_file():
            target.write_text(text, encoding="utf-8")
    return dest


def committed_text(root: Path, path: Path) -> str:
    """The notebook as git would commit it: its staged version, or the file outside git."""
    if shutil.which("git"):
        rel = path.relative_to(root).as_posix()
        shown = subprocess.run(
            ["git", "show", f":{rel}"], cwd=root, capture_output=True, text=True, encoding="utf-8"
        )
        if shown.returncode == 0:
            return shown.stdout
    return path.read_text(encoding="utf-8")


@functools.cache
def _committed_lessons() -> dict[str, str]:
    """File name → committed text of every lesson (read once a run)."""
    return {p.name: committed_text(REPO, p) for p in sorted((REPO / LESSONS).glob("*.ipynb"))}


def tree_digest(root: Path, parts: tuple[str, ...] = GUARDED) -> dict[str, str]:
    """Relative path → sha256 of every file under the given parts of `root`."""
    digests = {}
    for part in parts:
        base = root / part
        files = (
            [base]
            if base.is_file()
            else sorted(p for p in base.rglob("*") if p.is_file())
            if base.exists()
            else []
        )
        for path in files:
            if any(piece.startswith(".") for piece in path.relative_to(root).parts):
                continue
            digests[path.relative_to(root).as_posix()] = hashlib.sha256(
                path.read_bytes()
            ).hexdigest()
    return digests


def cli(
    *args: str,
    cwd: Path | None = None,
    timeout: int = 600,
    env: dict[str, str] | None = None,
    process: bool = False,
) -> subprocess.CompletedProcess:
    """Run the command `deportdata ARGS` and capture its output and exit status.

    It runs in this process (`deportdata.cli.main`, as the console script calls it), its
    output captured down to the file descriptors, so that what its own children (kernels)
    print is captured too: the packages a test worker has imported once are not imported
    again by every command. With `env` (extra variables) or `process`, it runs in a
    subprocess of its own, `python -m deportdata ARGS`: for what only a process shows
    (its environment, its start-up, signals)."""
    if env or process:
        return subprocess.run(
            [sys.executable, "-m", "deportdata", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, **env} if env else None,
        )
    return in_process(list(args), cwd)


def in_process(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`deportdata.cli.main(args)` run from `cwd`, with stdout and stderr captured (both
    Python's streams and file descriptors 1 and 2)."""
    import contextlib
    import io
    import tempfile

    from deportdata.cli import main

    streams = {1: io.StringIO(), 2: io.StringIO()}
    with tempfile.TemporaryFile() as fd_out, tempfile.TemporaryFile() as fd_err:
        files = {1: fd_out, 2: fd_err}
        saved = {fd: os.dup(fd) for fd in files}
        here = os.getcwd()
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            for fd, file in files.items():
                os.dup2(file.fileno(), fd)
            if cwd is not None:
                os.chdir(cwd)
            with (
                contextlib.redirect_stdout(streams[1]),
                contextlib.redirect_stderr(streams[2]),
            ):
                try:
                    code = main(args)
                except SystemExit as stop:  # argparse: --help, --version, a wrong command line
                    code = stop.code if isinstance(stop.code, int) else (stop.code is not None)
        finally:
            os.chdir(here)
            for fd, copy in saved.items():
                os.dup2(copy, fd)
                os.close(copy)
        text = {}
        for fd, file in files.items():
            file.seek(0)
            text[fd] = streams[fd].getvalue() + file.read().decode("utf-8", "replace")
    return subprocess.CompletedProcess(["deportdata", *args], int(code), text[1], text[2])


def pytest_collection_modifyitems(config, items):
    """The slow tests first: those that build (`build` mark), then the groups that share a
    fixture (`xdist_group`), then the rest, each part in the order it had (pytest-randomly's
    order, when it runs). With two workers, the long ones then run side by side and the short
    ones fill in after them, instead of one long test holding up the end of the run."""

    def rank(item) -> int:
        if item.get_closest_marker("build"):
            return 0
        return 1 if item.get_closest_marker("xdist_group") else 2

    items.sort(key=rank)


@pytest.fixture(scope="session", autouse=True)
def repository_untouched():
    """Fail the run if any test wrote into the repository's data, reports or suites."""
    before = tree_digest(REPO)
    yield
    after = tree_digest(REPO)
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    assert not changed, f"tests changed files in the repository: {changed[:10]}"


@pytest.fixture(autouse=True)
def _outside_repository(tmp_path, monkeypatch):
    """Run every test from a temporary folder, so nothing finds the repository by accident."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A fresh copy of the project for one test."""
    return copy_project(tmp_path / "project")


COMMITTED = ("data/clean", "reports/figures", "reports/tables")


def _shared_dir(tmp_path_factory) -> Path:
    """A folder shared by every xdist worker of this run (the parent of each worker's base temp)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _full_digest(root: Path) -> dict[str, str]:
    """Relative path → sha256 of every file under `root`, hidden ones included."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """One full build from scratch for the whole run, shared read-only by every xdist worker.

    A copy of the project with every generated file deleted, then `deportdata build` in it. The
    first worker to ask builds it (under a file lock); the others wait and reuse it. Tests must
    not write into it: use `built_copy` for a writable copy. Each worker checks at the end of the
    run that the tree is still exactly as built.
    """
    shared = _shared_dir(tmp_path_factory)
    root = shared / "built" / "project"
    record = shared / "built" / "result.json"
    with open(shared / "built.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.is_file():
            copy_project(root)
            for part in COMMITTED:
                shutil.rmtree(root / part, ignore_errors=True)
            result = cli("--root", str(root), "build", timeout=900)
            state = {
                "args": result.args,
                "returncode": result.returncode,
                "stdout": result.stdout,
                "stderr": result.stderr,
                "digest": _full_digest(root),
            }
            record.write_text(json.dumps(state), encoding="utf-8")
        state = json.loads(record.read_text(encoding="utf-8"))
    result = subprocess.CompletedProcess(
        state["args"], state["returncode"], state["stdout"], state["stderr"]
    )
    yield root, result
    assert _full_digest(root) == state["digest"], (
        "a test wrote into the shared build (use built_copy)"
    )


SCALE_COPIES = 3  # the grown corpus: the five articles three times over, every id renumbered
# the added article's headline, as a scraped headline may come: with HTML and a script tag
NEW_HEADLINE = "<b>Cambodia</b> receives deportees from US<script>alert('headline')</script>"


@pytest.fixture(scope="session")
def grown(tmp_path_factory) -> Iterator[dict]:
    """A corpus grown as a researcher grows it, then built from scratch once, for three sets
    of tests.

    The committed articles are copied SCALE_COPIES times with every id renumbered
    (benchmarks/scale.py: 15 articles for the five), then an invented article of 2009,
    pasted with its page furniture (tests/articles/), goes through the documented flow:
    `add-article` (its headline carries HTML and a script tag, as a scraped headline may),
    `accept` before anyone reviewed it (refused), `review` (the page), the review itself
    (tests/reviewing.py: rows corrected and set to ok, furniture confirmed), `accept`,
    `build --force` and `cite`. tests/test_scale.py checks the notebooks at that size,
    tests/test_add_article.py the workflow and tests/test_grown_corpus.py that every output
    counts the new article and spans its year. Tests using it carry xdist_group("scale"), so
    that one worker makes it; they must not write into it.
    """
    sys.path.insert(0, str(REPO / "benchmarks"))
    from reviewing import ARTICLE, OPTIONS, review
    from scale import make_project

    root = make_project(tmp_path_factory.mktemp("scale") / "grown", SCALE_COPIES)
    articles = (root / "data/raw/articles.csv").read_text(encoding="utf-8")
    before = list(csv.DictReader(articles.splitlines()))
    options = {**OPTIONS, "--headline": NEW_HEADLINE}
    steps: dict = {"root": root, "before": before}
    steps["add"] = cli(
        "--root", str(root), "add-article", str(ARTICLE), *itertools.chain(*options.items())
    )
    named = re.search(r" as (\d{3}_[0-9a-f]{16})\b", steps["add"].stdout)
    new_id = named.group(1) if named else "not added"
    drafted = root / "data" / "drafts" / new_id
    steps["drafted_folder"] = drafted.is_dir()
    steps["unreviewed"] = cli("--root", str(root), "accept", new_id)
    steps["review_page"] = cli("--root", str(root), "review", new_id)
    steps["drafted"] = review(drafted, new_id) if drafted.is_dir() else {}
    steps["accept"] = cli("--root", str(root), "accept", new_id)
    steps["draft_left"] = drafted.exists()
    steps["build"] = cli("--root", str(root), "build", "--force", timeout=1200)
    steps["cite"] = cli("--root", str(root), "cite")
    digest = _full_digest(root)
    yield {"new_id": new_id, **steps}
    assert _full_digest(root) == digest, "a test wrote into the grown corpus"


@pytest.fixture
def built_copy(built, tmp_path) -> Path:
    """A writable copy of the shared full build, build cache included (so a rebuild is incremental)."""
    root, result = built
    assert result.returncode == 0, result.stdout + result.stderr
    return Path(shutil.copytree(root, tmp_path / "project", symlinks=True))
