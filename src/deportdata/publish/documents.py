"""The documents generated from the schema, the rules, the suites and the data:
docs/CODEBOOK.md, docs/RULES.md (`deportdata codebook`) and CITATION.cff. A build rewrites
them after its clean step where they changed (`documents`), so that they stay true when an
article is added or a suite or rule file is edited."""

from __future__ import annotations

import json

from deportdata.config import Project
from deportdata.io.files import Transaction
from deportdata.io.recover import journal


def codebook(project: Project) -> list[str]:
    """Write docs/CODEBOOK.md (every table, column, vocabulary) and docs/RULES.md (every
    check), both or neither; a line per file saying whether it changed."""
    from deportdata.io.tables import LINE, read_records
    from deportdata.schema.codebook import of_project, render_rules

    suites = {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(project.expectations.glob("*.json"))
    }
    issues = [
        {k: v for k, v in row.items() if k != LINE}
        for row in read_records(project, "known_issues", "raw")
    ]
    outputs = (
        (project.root / "docs" / "CODEBOOK.md", of_project(project).encode("utf-8")),
        (project.root / "docs" / "RULES.md", render_rules(suites, issues).encode("utf-8")),
    )
    changed = [(p, d) for p, d in outputs if not (p.is_file() and p.read_bytes() == d)]
    if changed:  # both or neither
        txn = Transaction(journal(project, "codebook"), project.root, label="docs/")
        for path, data in changed:
            txn.add_bytes(path, data)
        txn.commit()
    return [
        f"{project.rel(path)}: {'written' if (path, data) in changed else 'already up to date'}"
        for path, data in outputs
    ]


def citation(project: Project) -> str:
    """Write CITATION.cff from the clean layer (its title, abstract and references say which
    articles the corpus holds); a line saying whether it changed."""
    from deportdata.publish.citation import FILENAME, render

    path = project.root / FILENAME
    data = render(project.clean).encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return f"{FILENAME}: already up to date"
    txn = Transaction(journal(project, "citation"), project.root, label=FILENAME)
    txn.add_bytes(path, data)
    txn.commit()
    return f"{FILENAME}: written"


def documents(project: Project) -> None:
    """In a build, after the clean step: rewrite what is generated from the rules, the suites
    and the data (docs/CODEBOOK.md, docs/RULES.md, CITATION.cff) where it changed, so that
    they stay true when an article is added or a suite or rule file is edited. They are
    deterministic: a rebuild leaves them byte-identical."""
    lines = [*codebook(project), citation(project)]
    written = [line.split(":")[0] for line in lines if line.endswith(": written")]
    print(f"documents: {', '.join(written) + ' written' if written else 'up to date'}")
