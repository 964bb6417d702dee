"""The first call of every notebook: find the project, set the figure style, pick the output folder."""

from __future__ import annotations

from pathlib import Path

from deportdata.config import Project


def setup(project_root: str | None = None, output_dir: str | None = None) -> tuple[Project, Path]:
    """(project, output folder): reports/ unless papermill passes a staging folder."""
    from deportdata.report.figures import use_style

    project = Project.at(project_root) if project_root else Project.find()
    use_style()
    return project, Path(output_dir) if output_dir else project.reports
