"""The corpus's declared scope (data/raw/rules/scope.yaml): the publication dates an article
may have, given to the suites as parameters.

The scope is data, kept in one file: its first day (the signing of the 2002 US–Cambodia
repatriation agreement, with its source) and its last day, which is either a fixed ISO date
or `build date`, the day the checks run. The build date is supplied only when the checks
run (`parameters`), never written into a suite, a rule's description or a generated
document, so that nothing committed changes from one day to the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from deportdata.config import RULE_FILES, Project
from deportdata.errors import DeportdataError
from deportdata.text.rulefile import load_rule_file

FILENAME = RULE_FILES["scope"]  # in data/raw/rules/
BUILD_DATE = "build date"  # the value of `latest` that means the day the checks run
PARAMETERS = ("scope__earliest", "scope__latest")  # the suite parameters (GX names: no dots)


@dataclass(frozen=True)
class Scope:
    earliest: date  # the first publication day in scope
    latest: date | None  # the last one; None: the build date
    basis: str  # how `earliest` is known: source or inferred
    url: str  # where `earliest` is read

    def last_day(self, today: date | None = None) -> date:
        """The last publication day in scope: `latest`, or the build date (`today`)."""
        return self.latest or today or build_date()

    def parameters(self, today: date | None = None) -> dict[str, str]:
        """The suite parameters, as the ISO timestamps GX compares date columns with."""
        return {
            "scope__earliest": f"{self.earliest.isoformat()}T00:00:00",
            "scope__latest": f"{self.last_day(today).isoformat()}T00:00:00",
        }


def build_date() -> date:
    """The day the checks run (the machine's local date)."""
    return date.today()


def _day(doc: dict, key: str) -> date:
    value = doc.get(key)
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DeportdataError(
            f"{key}: {value!r} is not an ISO date (YYYY-MM-DD)",
            hint=f'write {key}: "2002-03-01"'
            + (f", or {key}: {BUILD_DATE}" if key == "latest" else ""),
        ) from None


def from_dict(doc: object) -> Scope:
    """A scope from the YAML of scope.yaml; a missing or malformed entry is an error."""
    if not isinstance(doc, dict):
        raise DeportdataError("the scope is a mapping with `earliest` and `latest`")
    missing = [k for k in ("earliest", "latest", "earliest_basis", "earliest_url") if k not in doc]
    if missing:
        raise DeportdataError(f"the scope lacks {', '.join(missing)}")
    earliest = _day(doc, "earliest")
    latest = None if doc["latest"] == BUILD_DATE else _day(doc, "latest")
    if latest is not None and latest < earliest:
        raise DeportdataError(f"the scope ends ({latest}) before it starts ({earliest})")
    basis = str(doc["earliest_basis"])
    if basis not in ("source", "inferred"):
        raise DeportdataError(f"earliest_basis: {basis!r} is neither source nor inferred")
    url = str(doc["earliest_url"])
    if not url.startswith(("https://", "http://")):
        raise DeportdataError(f"earliest_url: {url!r} is not an http(s) URL")
    return Scope(earliest=earliest, latest=latest, basis=basis, url=url)


def path(project: Project) -> Path:
    return project.rules / FILENAME


def load(project: Project) -> Scope:
    """The project's scope; a missing or malformed file is an error naming it."""
    file = path(project)
    if not file.is_file():
        raise DeportdataError(
            "the corpus's scope is not declared",
            file=project.rel(file),
            hint="it holds the first publication day (earliest) and the last (latest)",
        )
    try:
        return load_rule_file(file, from_dict)
    except DeportdataError as exc:
        raise DeportdataError(
            exc.message, file=project.rel(file), line=exc.line, column=exc.column, hint=exc.hint
        ) from None
