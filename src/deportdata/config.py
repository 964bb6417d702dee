"""Where everything lives in a project folder: one place for paths and names."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from deportdata.errors import DeportdataError

KERNEL_NAME = "deportdata"
# Notebook kernels talk to their runner over local sockets, not TCP: no port is opened, and
# ipykernel has no "running over TCP without encryption" warning to print. (Windows has no
# such sockets and keeps TCP.)
KERNEL_TRANSPORT = "tcp" if os.name == "nt" else "ipc"


# The rule files in data/raw/rules/, by what they rule: the one place for their names.
RULE_FILES = {
    "numbers": "numbers.yaml",  # reading printed numbers (value_text) into bounds
    "dates": "dates.yaml",  # resolving date expressions
    "mentions": "mentions.yaml",  # what the coverage scan counts as a numeric mention
    "residue": "residue.yaml",  # scraping residue removed from article texts
    "drafting": "drafting.yaml",  # the drafting of an article's coding (deportdata add-article)
    "furniture": "furniture.yaml",  # page furniture a draft proposes as residue (add-article)
    "scope": "scope.yaml",  # the publication dates the corpus may hold (the checks)
}

HOW_TO_POINT = (
    "give the project folder (the one holding pyproject.toml and data/raw/MANIFEST.sha256) "
    "with --root DIR, "
    "or run the command inside it; in a notebook, set its project_root parameter"
)


class NotAProject(DeportdataError):
    """The folder given, or the current one, is not (inside) a deportdata project."""


def is_project(folder: Path) -> bool:
    """A project folder holds pyproject.toml and what only a deportdata project has: the
    checksums of its raw layer, data/raw/MANIFEST.sha256 (or, mid-swap, in the data/.raw.old
    that a killed `accept` or `add-article` moved aside, which the next command puts back).
    Any other folder with a pyproject.toml and a data/raw/ is not one."""
    raw = folder / "data" / "raw"
    return (folder / "pyproject.toml").is_file() and any(
        (layer / "MANIFEST.sha256").is_file() for layer in (raw, raw.with_name(".raw.old"))
    )


@dataclass(frozen=True)
class Project:
    """The folders of one copy of the project, rooted at `root`."""

    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The project that contains `start` (default: the current folder).

        Raises NotAProject, naming the folder, when neither it nor a folder above it is a
        project: there is no silent fallback to the current folder.
        """
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if is_project(folder):
                return cls(folder)
        raise NotAProject(f"{here} is not inside a deportdata project ({HOW_TO_POINT})")

    @classmethod
    def at(cls, root: Path | str) -> Project:
        """The project rooted exactly at `root`; NotAProject if it is not one (an empty name
        included: it never stands for the current folder)."""
        if not str(root).strip():
            raise NotAProject(f"--root is empty: it names no folder ({HOW_TO_POINT})")
        folder = Path(root).expanduser().resolve()
        if not folder.exists():
            raise NotAProject(
                f"{folder} is not a deportdata project: the folder does not exist ({HOW_TO_POINT})"
            )
        if not is_project(folder):
            raise NotAProject(f"{folder} is not a deportdata project ({HOW_TO_POINT})")
        return cls(folder)

    # raw layer (read-only for code)
    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def raw_articles(self) -> Path:
        return self.raw / "articles"

    @property
    def rules(self) -> Path:
        return self.raw / "rules"

    def rule_file(self, name: str) -> Path:
        """The rule file of `name` (a key of RULE_FILES), e.g. data/raw/rules/numbers.yaml."""
        return self.rules / RULE_FILES[name]

    @property
    def manifest(self) -> Path:
        return self.raw / "MANIFEST.sha256"

    # clean layer
    @property
    def clean(self) -> Path:
        return self.root / "data" / "clean"

    @property
    def clean_articles(self) -> Path:
        return self.clean / "articles"

    # checks
    @property
    def expectations(self) -> Path:
        return self.root / "expectations"

    # reports
    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def figures(self) -> Path:
        return self.reports / "figures"

    @property
    def tables(self) -> Path:
        return self.reports / "tables"

    @property
    def executed_notebooks(self) -> Path:
        return self.reports / "notebooks"

    @property
    def data_docs(self) -> Path:
        return self.reports / "data-docs"

    @property
    def data_exports(self) -> Path:
        """reports/data/: the SQLite database, Stata files and CSV zip (`deportdata export`)."""
        return self.reports / "data"

    @property
    def validation_results(self) -> Path:
        return self.reports / "validation.json"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def build_state(self) -> Path:
        return self.root / ".deportdata-cache"

    def rel(self, path: Path) -> str:
        """`path` relative to the project root, for messages."""
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)


def source_project() -> Project:
    """The project whose source tree holds this package: its rule files are the defaults of
    the text readers when no project is given (a notebook's `parse_number("dozens")`)."""
    return Project.find(Path(__file__).parent)
