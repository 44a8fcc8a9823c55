"""The layout of ``extract/readers``: an acyclic import graph and one registry listing every format.

The import graph is read from the source with :mod:`ast` (imports inside functions
included), so a cycle hidden behind a function-level import is caught too.
Importing a submodule runs its package's ``__init__`` first; that implicit step is
not an edge here, only the imports the modules write.
"""
from __future__ import annotations

import ast
from pathlib import Path

import litkg.extract.readers as readers_pkg
from litkg.extract.readers import READERS, by_name

PACKAGE = "litkg.extract.readers"
FOLDER = Path(readers_pkg.__file__).resolve().parent


def _module_name(path: Path, package: str) -> str:
    return package if path.stem == "__init__" else f"{package}.{path.stem}"


def _resolve(node: ast.ImportFrom, current: str, is_package: bool) -> str:
    """The absolute module a ``from ... import`` names (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    base = current.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_graph(folder: Path, package: str) -> dict[str, set[str]]:
    """Module → the modules of the same package it imports anywhere in its source."""
    files = sorted(folder.glob("*.py"))
    nodes = {_module_name(p, package) for p in files}
    graph: dict[str, set[str]] = {n: set() for n in nodes}
    for path in files:
        name = _module_name(path, package)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                source = _resolve(node, name, path.stem == "__init__")
                for alias in node.names:
                    sub = f"{source}.{alias.name}"
                    targets.append(sub if sub in nodes else source)
            graph[name].update(t for t in targets if t in nodes and t != name)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as ``[a, b, ..., a]``, or ``None`` when the graph is acyclic."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        path.append(n)
        for m in sorted(graph[n]):
            if state.get(m) == 1:
                return path[path.index(m):] + [m]
            if m not in state and (found := visit(m)):
                return found
        path.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state and (found := visit(n)):
            return found
    return None


def _format_modules(folder: Path, package: str) -> set[str]:
    """Modules that define a format: a top-level ``NAME`` plus ``sniff`` and ``read`` functions."""
    found = set()
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
        functions = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        if "NAME" in names and {"sniff", "read"} <= functions:
            found.add(_module_name(path, package))
    return found


def test_the_checker_sees_a_cycle_through_a_function_level_import(tmp_path: Path) -> None:
    (tmp_path / "__init__.py").write_text("from pkg.base import run\n")
    (tmp_path / "base.py").write_text("def run():\n    from pkg.detect import pick\n    return pick()\n")
    (tmp_path / "detect.py").write_text("from pkg import fmt\n\ndef pick():\n    return fmt\n")
    (tmp_path / "fmt.py").write_text("from . import base\n")
    cycle = find_cycle(import_graph(tmp_path, "pkg"))
    assert cycle is not None and set(cycle) == {"pkg.base", "pkg.detect", "pkg.fmt"}


def test_readers_import_graph_is_acyclic() -> None:
    graph = import_graph(FOLDER, PACKAGE)
    assert {"litkg.extract.readers", "litkg.extract.readers._io"} <= set(graph)
    assert find_cycle(graph) is None, f"import cycle: {' -> '.join(find_cycle(graph) or [])}"
    # nothing below the package imports the package itself
    assert [m for m, deps in graph.items() if PACKAGE in deps] == []


def test_every_format_is_in_the_registry_once() -> None:
    registered = [r.__name__ for r in READERS]
    assert len(registered) == len(set(registered))
    assert set(registered) == _format_modules(FOLDER, PACKAGE)
    assert len({r.NAME for r in READERS}) == len(READERS)
    for r in READERS:
        assert by_name(r.NAME) is r
        assert callable(r.sniff) and callable(r.read)


def test_only_the_registry_imports_format_modules() -> None:
    graph = import_graph(FOLDER, PACKAGE)
    formats = _format_modules(FOLDER, PACKAGE)
    importers = {m for m, deps in graph.items() if deps & formats}
    assert importers == {PACKAGE}


def test_the_loose_plain_text_format_is_sniffed_last() -> None:
    assert READERS[-1].NAME == "abstract-text"
