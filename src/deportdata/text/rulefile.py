"""Read one YAML rule file into conventions; a problem names the file (and its place in it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import yaml

from deportdata.errors import DeportdataError

T = TypeVar("T")


def load_rule_file(path: Path | str, from_dict: Callable[[dict], T]) -> T:
    """`from_dict` of the file's YAML; invalid YAML or a bad entry is an error naming the file."""
    try:
        return from_dict(yaml.safe_load(Path(path).read_text(encoding="utf-8")))
    except yaml.YAMLError as exc:
        raise DeportdataError(f"not valid YAML: {exc}", file=str(path)) from exc
    except DeportdataError as exc:
        raise exc.located(file=str(path)) from exc
