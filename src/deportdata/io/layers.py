"""A command that needs a layer not built yet names the command that builds it."""

from __future__ import annotations

from deportdata.config import Project
from deportdata.errors import DeportdataError


def need_clean_layer(project: Project) -> None:
    """Stop with the command to run when data/clean/ has not been built."""
    from deportdata.schema import load_schema

    missing = [
        t.path for t in load_schema().layer("clean") if not (project.clean / t.path).is_file()
    ]
    if missing:
        raise DeportdataError(
            f"the clean layer is not built (data/clean/{missing[0]} is missing)",
            file="data/clean/",
            hint="run 'deportdata clean' first, or 'deportdata build' for everything",
        )
