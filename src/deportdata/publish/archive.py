"""A zip of the clean layer: every CSV, the cleaned article texts and datapackage.json.

Entries are sorted, dated 1980-01-01 00:00 (the format's earliest date) with fixed
permissions and compression level, so the same files always give the same bytes.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

FILENAME = "deportdata-csv.zip"
DATE = (1980, 1, 1, 0, 0, 0)
LICENCE_FILES = ("LICENSE-DATA", "LICENSE-ARTICLES")


def members(clean: Path, root: Path | None = None) -> list[tuple[str, Path]]:
    """(name in the zip, file) for the clean layer, then the licence files found in `root`."""
    files = [p for p in clean.rglob("*") if p.is_file() and not p.name.startswith(".")]
    out = sorted((f"deportdata/{p.relative_to(clean).as_posix()}", p) for p in files)
    for name in LICENCE_FILES if root else ():
        if (root / name).is_file():
            out.append((f"deportdata/{name}", root / name))
    return out


def write(clean: Path, target: Path, root: Path | None = None) -> list[str]:
    """Write the zip to `target`; returns the entry names."""
    entries = members(clean, root)
    with zipfile.ZipFile(target, "w") as zf:
        for name, path in entries:
            info = zipfile.ZipInfo(name, date_time=DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever system writes it
            zf.writestr(info, path.read_bytes(), compresslevel=9)
    return [name for name, _ in entries]
