"""The package's shape (docs/ARCHITECTURE.md): layers import only earlier layers, no module
imports itself round a cycle, modules stay small, and few modules sit at the top."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "src" / "deportdata"
# The flow, earliest first. A module may import its own layer and earlier ones, never a later one.
LAYERS = [
    {"__init__", "errors", "config"},
    {"runtime"},
    {"schema"},
    {"io"},
    {"text"},
    {"clean"},
    {"checks"},
    {"coding"},
    {"publish"},
    {"teaching"},
    {"report"},
    {"build", "cli", "__main__"},
]
MAX_LINES = 400
MAX_TOP_LEVEL = 10


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    return ".".join(rel.parts).removesuffix(".__init__")


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "vendor" not in p.parts}


def imports(path: Path, known: set[str]) -> set[str]:
    """Every deportdata module that `path` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] != "deportdata":
                continue
            for alias in node.names:  # `from deportdata.io import files` imports a module
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in known else node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "deportdata"}
    return found


def layer(module: str) -> int:
    part = module.split(".")[1] if "." in module else "__init__"
    for i, names in enumerate(LAYERS):
        if part in names:
            return i
    raise AssertionError(f"{module}: not in any layer of tests/test_architecture.py (LAYERS)")


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports(path, known) & known for name, path in found.items()}


def test_every_module_is_in_a_layer():
    for name in modules():
        layer(name)


def test_no_layer_imports_a_later_one():
    wrong = [
        f"{source} imports {target}"
        for source, targets in graph().items()
        for target in sorted(targets)
        if layer(target) > layer(source)
    ]
    assert not wrong, "\n".join(wrong)


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                out.append(sorted(part))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle():
    edges = {k: {t for t in v if t != k and t != "deportdata"} for k, v in graph().items()}
    assert not cycles(edges), cycles(edges)


@pytest.mark.parametrize(
    "edges, expected",
    [
        ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": set()}, []),
    ],
)
def test_the_cycle_finder_finds_cycles(edges, expected):
    assert cycles(edges) == expected


def test_a_later_layer_imported_is_caught(tmp_path):
    source = tmp_path / "clean.py"
    source.write_text("def f():\n    from deportdata.report import views\n", encoding="utf-8")
    found = imports(source, {"deportdata.report.views"})
    assert found == {"deportdata.report.views"}
    assert layer("deportdata.report.views") > layer("deportdata.clean.run")


def test_at_most_ten_modules_at_the_top():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL, top


# modules still being split under issue 17; drop a mark once its module is under MAX_LINES
BEING_SPLIT: set[str] = set()  # modules still being split (expected to fail), none now


def _line_count_params() -> list:
    return [
        pytest.param(
            path,
            id=name,
            marks=pytest.mark.xfail(strict=True, reason=f"{name} is being split (issue 17)")
            if name in BEING_SPLIT
            else (),
        )
        for name, path in modules().items()
    ]


@pytest.mark.parametrize("path", _line_count_params())
def test_no_module_over_400_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE.parent)}: {lines} lines"


def test_every_layer_has_its_unit_test_folder():
    """tests/unit/ mirrors the package: a folder for every layer (subpackage), no folder for
    a layer that does not exist (docs/ARCHITECTURE.md)."""
    layers = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    folders = {p.name for p in (REPO / "tests" / "unit").iterdir() if p.is_dir()} - {"__pycache__"}
    assert folders == layers, (
        f"missing: {sorted(layers - folders)}, extra: {sorted(folders - layers)}"
    )
