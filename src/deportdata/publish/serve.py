"""`deportdata serve`: the SQLite database in Datasette, read-only, on the loopback interface."""

from __future__ import annotations

import importlib.util
import os
import sys
from importlib import metadata as importlib_metadata
from pathlib import Path

from deportdata.config import Project
from deportdata.errors import DeportdataError
from deportdata.publish import datasette, sqlite

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
PLUGINS = Path(__file__).parent / "readonly"  # the plugin folder Datasette loads
WRITE_WORDS = ("write", "insert", "upload", "edit", "import", "mutable", "auth-tokens")


def write_plugins() -> list[str]:
    """Installed Datasette plugins whose names say they change data."""
    names = {
        ep.dist.name if ep.dist else ep.name
        for ep in importlib_metadata.entry_points(group="datasette")
    }
    return sorted(n for n in names if any(w in n.lower() for w in WRITE_WORDS))


def command(project: Project, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> list[str]:
    """The Datasette command line: the database immutable, metadata from the schema."""
    folder = project.data_exports
    db, meta = folder / sqlite.FILENAME, folder / datasette.FILENAME
    if not db.is_file() or not meta.is_file():
        raise DeportdataError(
            "the database has not been exported",
            file=project.rel(db),
            hint="run 'deportdata export' (or 'make all')",
        )
    if importlib.util.find_spec("datasette") is None:
        raise DeportdataError(
            "Datasette is not installed",
            hint="install the optional extra: pip install 'deportdata[serve]'",
        )
    plugins = write_plugins()
    if plugins:
        raise DeportdataError(
            f"Datasette plugins that write are installed ({', '.join(plugins)}); "
            "serve opens the data read-only only without them",
            hint="uninstall them, or run datasette yourself",
        )
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        "--immutable",
        str(db),
        "--metadata",
        str(meta),
        "--host",
        host,
        "--port",
        str(port),
        "--setting",
        "sql_time_limit_ms",
        "2000",
        "--plugins-dir",  # refuses writes (405) and hides the database's folder
        str(PLUGINS),
    ]


def run(project: Project, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Replace this process with Datasette (so stopping it stops the server)."""
    argv = command(project, host, port)
    print(
        f"serve: http://{host}:{port}/{datasette.DATABASE} (read-only; Ctrl-C stops it)", flush=True
    )
    os.execv(argv[0], argv)
