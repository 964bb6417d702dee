"""Clean up what a killed run left: finish or discard its transactions, drop its staging folders.

Every writing command calls `recover` first, under the project lock. A staging folder is
removed only when the process that owns it (named in the folder's name) is dead.
"""

from __future__ import annotations

from pathlib import Path

from deportdata.config import Project
from deportdata.io import files

# staging folders, by the folder they are made in (relative to the project root)
STAGES = (("reports", ".stage-"), ("reports", ".checks.stage-"), ("data", ".drafts.stage-"))
# folders where an interrupted write_bytes_atomic may leave a temporary file
TEMPORARIES = (
    ".deportdata-cache",
    "data/raw",
    "data/raw/articles",
    "docs",
    "reports",
    "reports/figures",
    "reports/tables",
    "reports/notebooks",
)


def journal(project: Project, name: str) -> Path:
    """The journal folder of the transactions of one command."""
    return project.build_state / f"journal-{name}"


def recover(project: Project, *, also_mine: bool = False) -> list[str]:
    """Repair the project after a killed run; return what was done, for messages.

    With also_mine=True (an interrupted command cleaning up after itself), this
    process's own staging folders are removed too.
    """
    done = []
    if project.build_state.is_dir():
        for folder in sorted(project.build_state.glob("journal-*")):
            outcome = files.recover_journal(folder, project.root)
            if outcome == "completed":
                done.append(f"completed the interrupted publication of {folder.name[8:]}")
    # folders replaced whole by files.staged_directory: clean (clean), the raw layer
    # (add-article, accept), the exports (export)
    for folder in (project.clean, project.raw, project.data_exports):
        if folder.parent.is_dir():
            files.recover_directory(folder)
            if also_mine:
                files.remove_stale_stages(folder.parent, f".{folder.name}.stage-", also_mine=True)
    for parent, prefix in STAGES:
        if (project.root / parent).is_dir():
            files.remove_stale_stages(project.root / parent, prefix, also_mine=also_mine)
    for folder in TEMPORARIES:
        if (project.root / folder).is_dir():
            files.remove_stale_temporaries(project.root / folder)
    return done
