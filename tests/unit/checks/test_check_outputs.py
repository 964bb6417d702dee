"""Where the check results are (deportdata.checks.outputs): staged beside reports/, published
together (the results and the Data Docs) or not at all, and the staging folder removed."""

from __future__ import annotations

from deportdata.checks.outputs import STAGE_PREFIX, CheckOutputs
from deportdata.config import Project


def _staged(project: Project, text: str) -> CheckOutputs:
    outputs = CheckOutputs.staged(project)
    outputs.docs.mkdir(parents=True)
    (outputs.docs / "index.html").write_text(text, encoding="utf-8")
    outputs.results.write_text('{"rules": []}\n', encoding="utf-8")
    return outputs


def _published(project: Project, text: str) -> None:
    outputs = _staged(project, text)
    outputs.publish(project)
    outputs.discard(project)


def test_staged_results_lie_beside_reports_in_a_folder_of_this_process(tmp_path):
    project = Project(tmp_path)
    outputs = CheckOutputs.staged(project)
    assert outputs.results.parent.parent == project.reports
    assert outputs.results.parent.name.startswith(STAGE_PREFIX)
    assert outputs.docs.parent == outputs.results.parent
    assert not project.validation_results.exists()


def test_publishing_puts_both_in_place_and_discarding_removes_the_stage(tmp_path):
    project = Project(tmp_path)
    outputs = _staged(project, "new docs")
    outputs.publish(project)
    outputs.discard(project)
    assert project.validation_results.read_text(encoding="utf-8") == '{"rules": []}\n'
    assert (project.data_docs / "index.html").read_text(encoding="utf-8") == "new docs"
    assert not list(project.reports.glob(f"{STAGE_PREFIX}*"))


def test_discarding_unpublished_results_leaves_the_published_ones(tmp_path):
    project = Project(tmp_path)
    _published(project, "old docs")
    newer = _staged(project, "new docs")
    newer.discard(project)
    assert (project.data_docs / "index.html").read_text(encoding="utf-8") == "old docs"
    assert not list(project.reports.glob(f"{STAGE_PREFIX}*"))


def test_the_published_outputs_are_never_discarded(tmp_path):
    project = Project(tmp_path)
    _published(project, "docs")
    CheckOutputs.published(project).discard(project)
    assert project.validation_results.is_file() and (project.data_docs / "index.html").is_file()
