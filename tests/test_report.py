"""The report step: a failing notebook is named with its cell and publishes nothing; reruns follow inputs."""

from __future__ import annotations

import json

import pytest
from conftest import cli, tree_digest

from deportdata.build import waits_for_checks
from deportdata.config import Project
from deportdata.report.run import input_hash, reads

pytestmark = pytest.mark.xdist_group("report")


@pytest.mark.notebooks
def test_failing_notebook_is_named_and_keeps_outputs(project_copy):
    nb_path = project_copy / "notebooks" / "02-claims.ipynb"
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    nb["cells"].insert(
        3,
        {
            "cell_type": "code",
            "id": "deliberate-failure",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": ["raise ValueError('a deliberate failure')"],
        },
    )
    nb_path.write_text(json.dumps(nb), encoding="utf-8")
    for other in project_copy.glob("notebooks/0[3-7]-*.ipynb"):
        other.unlink()  # keep the test short: 01 succeeds, 02 fails
    before = tree_digest(project_copy, ("reports",))
    result = cli("--root", str(project_copy), "report", "--force")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "notebook 02-claims failed (cell 4 of the executed notebook: ValueError: a deliberate failure)"
        in result.stderr
    )
    assert ".deportdata-cache/failed/02-claims.failed.html" in result.stderr
    assert (project_copy / ".deportdata-cache/failed/02-claims.failed.html").is_file()
    # the report is published as one step: 01 ran, but reports/ is exactly as it was
    assert tree_digest(project_copy, ("reports",)) == before
    assert "done   01-corpus" in result.stdout
    assert "notebook 01-corpus blocked (another notebook failed); previous outputs kept" in (
        result.stderr
    )


def test_input_hash_follows_the_tables_a_notebook_reads(project_copy):
    project = Project(project_copy)
    corpus, claims = project.notebooks / "01-corpus.ipynb", project.notebooks / "02-claims.ipynb"
    assert "claims" not in reads(corpus) and "claims" in reads(claims)
    before = {nb: input_hash(project, nb, {}) for nb in (corpus, claims)}
    path = project.clean / "claims.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert input_hash(project, corpus, {}) == before[corpus]
    assert input_hash(project, claims, {}) != before[claims]
    assert input_hash(project, claims, {"x": 1}) != input_hash(project, claims, {})


def test_only_the_quality_notebook_waits_for_the_checks(project_copy):
    names = [
        nb.stem
        for nb in sorted((project_copy / "notebooks").glob("*.ipynb"))
        if waits_for_checks(nb)
    ]
    assert names == ["07-data-quality"]


def test_input_hash_follows_the_check_results_only_when_declared(project_copy):
    project = Project(project_copy)
    quality = project.notebooks / "07-data-quality.ipynb"
    project.validation_results.parent.mkdir(parents=True, exist_ok=True)
    project.validation_results.write_text('{"summary": []}\n', encoding="utf-8")
    results = project.validation_results
    before = {
        shown: input_hash(project, quality, {}, validation=shown) for shown in (results, None)
    }
    results.write_text('{"summary": [1]}\n', encoding="utf-8")
    assert input_hash(project, quality, {}, validation=results) != before[results]
    assert input_hash(project, quality, {}) == before[None]


def test_no_notebook_starts_once_the_checks_have_failed(project_copy, capsys):
    """In a build whose checks have already failed, the notebooks not yet started are not
    started: they are blocked, nothing is published and reports/ is as it was."""
    from deportdata.report import run

    started = []
    before = tree_digest(project_copy, ("reports",))
    original, run.execute = run.execute, lambda *a: started.append(a) or original(*a)
    try:
        status = run.run(
            Project(project_copy),
            force=True,
            gate=lambda: False,
            stopped=lambda: True,
            needs_checks=waits_for_checks,
        )
    finally:
        run.execute = original
    assert status == 1 and started == []
    err = capsys.readouterr().err
    names = sorted(p.stem for p in (project_copy / "notebooks").glob("*.ipynb"))
    for name in names:
        assert f"notebook {name} blocked (the checks did not pass); previous outputs kept" in err
    assert tree_digest(project_copy, ("reports",)) == before
