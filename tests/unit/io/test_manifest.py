"""data/raw/MANIFEST.sha256: a raw file changed without the manifest being updated is caught."""

from __future__ import annotations

from deportdata.config import Project
from deportdata.io import manifest


def test_committed_manifest_matches_the_raw_files(project_copy):
    assert manifest.verify(Project(project_copy)) == []


def test_a_changed_raw_file_is_named_with_its_manifest_line(project_copy):
    project = Project(project_copy)
    target = project.raw / "claims.csv"
    target.write_bytes(target.read_bytes().replace(b"538", b"539", 1))
    errors = manifest.verify(project)
    assert [e.message for e in errors] == ["data/raw/claims.csv has changed (checksum differs)"]
    names = sorted(manifest.read(project))
    assert errors[0].line == names.index("claims.csv") + 1


def test_added_and_removed_files_are_reported(project_copy):
    project = Project(project_copy)
    (project.raw / "extra.csv").write_text("a\n", encoding="utf-8")
    (project.raw / "actors.csv").unlink()
    messages = sorted(e.message for e in manifest.verify(project))
    assert messages == [
        "data/raw/actors.csv is listed but missing",
        "data/raw/extra.csv is not in the manifest",
    ]


def test_update_makes_the_manifest_match(project_copy):
    project = Project(project_copy)
    (project.raw / "extra.csv").write_text("a\n", encoding="utf-8")
    assert manifest.update(project) is True
    assert manifest.verify(project) == []
    assert manifest.update(project) is False
