"""Source notebooks: committed without outputs, each opens with its question and has parameters.

What is checked is what git commits: the version in git's index when the project is a git
checkout (a lesson saved in JupyterLab keeps its outputs in the working copy, and the
nbstripout filter strips them on `git add`), the file itself otherwise. JupyterLab's
.ipynb_checkpoints/ and students' copies are never collected.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, committed_text

from deportdata.teaching.notebooks import stripped


def sources(root: Path) -> list[Path]:
    """The project's notebooks, without hidden folders such as .ipynb_checkpoints."""
    return sorted(
        p
        for p in (root / "notebooks").rglob("*.ipynb")
        if not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


SOURCES = sources(REPO)


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_source_notebook_is_clean_and_documented(path):
    nb = json.loads(committed_text(REPO, path))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), (
        "strip the outputs (make hooks sets up nbstripout to do it on commit)"
    )
    first = nb["cells"][0]
    assert first["cell_type"] == "markdown" and "".join(first["source"]).startswith("# ")
    tagged = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    assert nb["metadata"]["kernelspec"]["name"] == "deportdata"
    assert not any("def " in "".join(c["source"]) for c in code), "functions belong in the package"


def test_checkpoints_and_hidden_folders_are_not_collected(tmp_path):
    (tmp_path / "notebooks" / "teaching" / ".ipynb_checkpoints").mkdir(parents=True)
    (tmp_path / "notebooks" / "teaching" / "01-a.ipynb").write_text("{}", encoding="utf-8")
    (
        tmp_path / "notebooks" / "teaching" / ".ipynb_checkpoints" / "01-a-checkpoint.ipynb"
    ).write_text("{}", encoding="utf-8")
    assert [p.name for p in sources(tmp_path)] == ["01-a.ipynb"]


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)


@pytest.mark.subprocess
def test_a_saved_lesson_is_committed_without_outputs(tmp_path):
    """Save a lesson with outputs, as JupyterLab does; the nbstripout filter that `make hooks`
    sets up keeps them out of git, and the check above reads the stripped version."""
    nbstripout = shutil.which("nbstripout", path=str(Path(__import__("sys").executable).parent))
    if not shutil.which("git") or not nbstripout:
        pytest.skip("needs git and nbstripout (a dev dependency)")
    lesson = sorted((REPO / "notebooks" / "teaching").glob("0*.ipynb"))[0]
    target = tmp_path / "notebooks" / "teaching" / lesson.name
    target.parent.mkdir(parents=True)
    shutil.copy(REPO / ".gitattributes", tmp_path / ".gitattributes")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "filter.nbstripout.clean", f'"{nbstripout}" --keep-id')
    _git(tmp_path, "config", "filter.nbstripout.smudge", "cat")
    committed = json.loads(committed_text(REPO, lesson))  # not a student's saved copy
    nb = json.loads(json.dumps(committed))
    for n, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = n + 1
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["saved\n"]}]
    target.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    _git(tmp_path, "add", ".")
    staged = json.loads(committed_text(tmp_path, target))
    assert staged == stripped(nb) == committed
    assert json.loads(target.read_text(encoding="utf-8")) == nb, (
        "the working copy keeps its outputs"
    )
