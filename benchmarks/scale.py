"""Make a temporary project whose corpus is the real one replicated N times with fresh ids."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# raw tables whose rows belong to an article, and the id column renumbered per copy
PER_ARTICLE = {
    "claims.csv": "claim_id",
    "events.csv": "event_id",
    "mentions_ignored.csv": "mention_id",
    "actors.csv": None,
}
ID_PREFIX = {"claim_id": "C", "event_id": "E", "mention_id": "M"}


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """A raw table's header and rows, split by the project's one CSV reader."""
    from deportdata.errors import ErrorList
    from deportdata.io.tables import parse_csv

    parsed = parse_csv(path, path.name)
    if parsed.errors:
        raise ErrorList(parsed.errors)
    return parsed.header, [dict(zip(parsed.header, f, strict=True)) for _, f in parsed.records]


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def new_id(article_id: str, copy: int) -> str:
    """A fresh article id of the same form: NNN_<16 hex digits>."""
    if copy == 0:
        return article_id
    digest = hashlib.sha256(f"{article_id}/{copy}".encode()).hexdigest()[:16]
    return f"{copy % 1000:03d}_{digest}"


def make_project(dest: Path, n: int, *, lessons: bool = False) -> Path:
    """Copy the project into `dest` with its corpus replicated `n` times.

    The lessons (notebooks/teaching/) are left out unless `lessons`: their exercises are
    about named claims of the five articles (C003, ...), which a renumbered copy does not
    hold, so their instructor copies cannot be written there.
    """
    shutil.rmtree(dest, ignore_errors=True)
    for part in ("data/raw", "expectations", "notebooks", "pyproject.toml"):
        src = ROOT / part
        if src.is_dir():
            ignore = None if lessons or part != "notebooks" else shutil.ignore_patterns("teaching")
            shutil.copytree(src, dest / part, ignore=ignore)
        else:
            (dest / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / part)
    raw = dest / "data/raw"
    header, articles = _read(raw / "articles.csv")
    texts = {
        a["article_id"]: (raw / "articles" / f"{a['article_id']}.txt").read_bytes()
        for a in articles
    }
    out_articles = []
    for copy in range(n):
        for a in articles:
            new = new_id(a["article_id"], copy)
            out_articles.append({**a, "article_id": new})
            if copy:
                (raw / "articles" / f"{new}.txt").write_bytes(texts[a["article_id"]])
    _write(raw / "articles.csv", header, out_articles)
    for name, id_column in PER_ARTICLE.items():
        header, rows = _read(raw / name)
        out = []
        for copy in range(n):
            for i, row in enumerate(rows):
                new = {**row, "article_id": new_id(row["article_id"], copy)}
                if id_column:
                    new[id_column] = f"{ID_PREFIX[id_column]}{copy * len(rows) + i + 1:07d}"
                out.append(new)
        _write(raw / name, header, out)
    sys.path.insert(0, str(ROOT / "src"))
    from deportdata.config import Project
    from deportdata.io import manifest

    manifest.update(Project(dest))
    return dest


if __name__ == "__main__":
    print(make_project(Path(sys.argv[1]), int(sys.argv[2])))
