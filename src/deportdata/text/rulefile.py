"""Read one YAML rule file into conventions; a problem names the file (and its place in it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import yaml

from deportdata.errors import DeportdataError

T = TypeVar("T")


def parse_yaml(text: str, display: str) -> tuple[object, yaml.Node | None]:
    """(the document, its node tree for the places of its entries) of a rule file's text;
    invalid YAML is an error naming the file, line and column."""
    try:
        return yaml.safe_load(text), yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DeportdataError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}",
            file=display,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None


def load_rule_file(path: Path | str, from_dict: Callable[[dict], T]) -> T:
    """`from_dict` of the file's YAML; invalid YAML or a bad entry is an error naming the file."""
    doc = parse_yaml(Path(path).read_text(encoding="utf-8"), str(path))[0]
    try:
        return from_dict(doc)
    except DeportdataError as exc:
        raise exc.located(file=str(path)) from exc
