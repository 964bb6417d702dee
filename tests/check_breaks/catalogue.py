"""Load the catalogue of check break cases (cases.yaml), apply a case to a copy of the clean
data, and group the cases into validation runs in which no two touch the same row."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml

from deportdata.checks.scope import build_date
from deportdata.schema import load_schema

HERE = Path(__file__).parent
KEYS = {t.name: list(t.primary_key) for t in load_schema().layer("clean")}
# the publication date columns set by dated_copies
PUBLISHED = (
    "published_earliest",
    "published_latest",
    "published_best",
    "published_narrowed_earliest",
    "published_narrowed_latest",
)


@dataclass(frozen=True, eq=False)
class Break:
    """One case of cases.yaml: the rule it must break and the row it must be named by."""

    rule_id: str
    table: str  # the table edited
    row: str | None  # the row edited (None: a dropped column)
    action: str
    args: Any
    names: str | None  # the row the failure must name (None: a table-level rule)
    touches: tuple[tuple[str, str], ...] = ()
    case: str = ""
    edge: str = ""
    keys: frozenset = frozenset()  # (table, row) pairs it edits or depends on
    shows: dict = field(default_factory=dict)  # column -> text the named row must show

    def __str__(self) -> str:
        return self.case or f"{self.rule_id}[{self.names}]"

    @property
    def rule_table(self) -> str:
        """The table of the rule, whose rows the failure names."""
        return self.rule_id.split(".")[0]

    def apply(self, root: Path) -> None:
        """Break a copy of the project's data at `root` as the case says."""
        if self.action == "append_raw_text":
            path = root / "data" / "raw" / "articles" / f"{self.row}.txt"
            path.write_bytes(path.read_bytes() + self.args.encode("utf-8"))
            return
        path, header, rows = _read(root, self.table)
        target = _find(rows, self.table, self.row) if self.row is not None else None
        if self.action == "set":
            for column, value in self.args.items():
                target[column] = _value(target[column], value)
        elif self.action == "swap":
            a, b = f"{self.args}_earliest", f"{self.args}_latest"
            assert target[a] != target[b], f"{self}: swapping equal bounds breaks nothing"
            target[a], target[b] = target[b], target[a]
        elif self.action == "duplicate":
            rows.append(dict(target))
        elif self.action == "new_row":
            new = {
                **target,
                **dict(zip(KEYS[self.table], self.args["key"].split("/"), strict=True)),
            }
            rows.append({**new, **(self.args.get("set") or {})})
        elif self.action == "drop_column":
            header = [h for h in header if h != self.args]
            rows = [{k: v for k, v in r.items() if k != self.args} for r in rows]
        elif self.action == "dated_copies":
            for article_id, day in self.args.items():
                rows.append(
                    {**target, "article_id": article_id, **dict.fromkeys(PUBLISHED, _day(day))}
                )
        else:
            raise ValueError(f"{self}: unknown break {self.action!r}")
        _write(path, header, rows)


def load_breaks() -> list[Break]:
    """Every case of cases.yaml, in order."""
    cases = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))
    return [_break(case) for case in cases]


def _break(case: dict) -> Break:
    ((action, args),) = case["break"].items()
    table, row = case["table"], case.get("row")
    default = args["key"] if action == "new_row" else row
    names = case.get("names", default)
    touches = tuple(tuple(t) for t in case.get("touches") or ())
    edited = {(table, f"column {args}")} if action == "drop_column" else {(table, row)}
    if action == "new_row":
        edited = {(table, args["key"])}
    if action == "dated_copies":
        edited = {(table, article_id) for article_id in args}
    return Break(
        case["rule"], table, row, action, args, names, touches, case.get("case", ""),
        case.get("edge", ""), frozenset(edited | set(touches)), case.get("shows") or {},
    )  # fmt: skip


def batches(breaks: list[Break]) -> list[list[Break]]:
    """The cases grouped into validation runs: no two cases of a run touch the same row
    (greedy, the cases that clash with the most others placed first)."""
    clashes = {b: sum(bool(b.keys & o.keys) for o in breaks if o is not b) for b in breaks}
    runs: list[list[Break]] = []
    for brk in sorted(breaks, key=lambda b: -clashes[b]):
        for run in runs:
            if not any(brk.keys & other.keys for other in run):
                run.append(brk)
                break
        else:
            runs.append([brk])
    return runs


def key(table: str, row: dict) -> str:
    """A row's primary key, parts joined by "/"."""
    return "/".join(str(row.get(c)) for c in KEYS[table])


def _read(root: Path, table: str) -> tuple[Path, list[str], list[dict[str, str]]]:
    path = root / "data" / "clean" / load_schema().table("clean", table).path
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return path, list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _find(rows: list[dict[str, str]], table: str, row: str) -> dict[str, str]:
    found = [r for r in rows if key(table, r) == row]
    assert found, f"no row {row} in {table}"
    return found[0]


def _value(old: str, value: Any) -> str:
    """A cell's new text: as given, or changed from the old one."""
    if isinstance(value, dict) and value.get("change_one_letter"):
        i = next(i for i in range(len(old) // 2, len(old)) if old[i].isalpha())
        return old[:i] + ("b" if old[i] == "a" else "a") + old[i + 1 :]
    if isinstance(value, dict) and "plus" in value:
        return str(int(old) + int(value["plus"]))
    return str(value)


def _day(day: str) -> str:
    """An ISO day, or build_date / build_date+1 (the day the checks run, the day after)."""
    if day.startswith("build_date"):
        return (build_date() + timedelta(days=int(day.removeprefix("build_date") or 0))).isoformat()
    return day
