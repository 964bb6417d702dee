"""Where a validation's outputs are: its results (validation.json) and its Data Docs.

`deportdata validate` builds them beside reports/ and publishes them at once. A build
stages them (`CheckOutputs.staged`) and publishes them with the report's outputs in one
transaction, or alone when the checks failed (so that a reviewer sees what failed), and
never when a notebook failed after passing checks: reports/ then stays as it was.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from deportdata.config import Project
from deportdata.io.files import Transaction, stage_folder
from deportdata.io.recover import journal

STAGE_PREFIX = (
    ".checks.stage-"  # reports/.checks.stage-pid<pid>-XXXX/ (io.recover removes stale ones)
)


@dataclass(frozen=True)
class CheckOutputs:
    results: Path  # validation.json: a summary per suite and every rule's result
    docs: Path  # the Data Docs site (its index.html)

    @classmethod
    def published(cls, project: Project) -> CheckOutputs:
        """reports/validation.json and reports/data-docs/."""
        return cls(project.validation_results, project.data_docs)

    @classmethod
    def staged(cls, project: Project) -> CheckOutputs:
        """A new staging folder beside reports/, owned by this process."""
        folder = stage_folder(project.reports, STAGE_PREFIX)
        return cls(folder / "validation.json", folder / "data-docs")

    def add_to(self, txn: Transaction, project: Project) -> None:
        """Put both into a publication (a no-op for the published ones)."""
        if self.results != project.validation_results:
            txn.add_bytes(project.validation_results, self.results.read_bytes())
            txn.add_directory(project.data_docs, self.docs)

    def publish(self, project: Project) -> None:
        """Publish both, together or not at all (the staging folder stays: `discard` it)."""
        txn = Transaction(journal(project, "validate"), project.root, label="the check results")
        self.add_to(txn, project)
        txn.commit()

    def discard(self, project: Project) -> None:
        """Remove the staging folder (never the published outputs)."""
        if self.results != project.validation_results:
            shutil.rmtree(self.results.parent, ignore_errors=True)
