"""The layout holds: no import cycle, extraction never imports the graph layer, quads build without spaCy,
modules stay small, and litkg's base IRI is written in one module only.

The import graph comes from grimp (the engine of import-linter), which reads
every import statement, including those inside functions.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("extract", "graph")
MAX_LINES = 400
# Modules that are data (word lists, gazetteer tables) rather than logic may be longer.
DATA_MODULES: set[str] = set()


def _sources() -> list[Path]:
    return sorted(p for top in PACKAGES for p in (ROOT / top).rglob("*.py"))


@pytest.fixture(scope="module")
def import_graph():
    grimp = pytest.importorskip("grimp")
    return grimp.build_graph("litkg.extract", "litkg.graph", include_external_packages=False)


def test_no_import_cycle(import_graph):
    import networkx as nx

    g = nx.DiGraph()
    for module in import_graph.modules:
        g.add_node(module)
        for imported in import_graph.find_modules_directly_imported_by(module):
            g.add_edge(module, imported)
    cycles = sorted((c for c in nx.simple_cycles(g)), key=len)
    assert not cycles, f"{len(cycles)} import cycles, e.g. {' -> '.join(cycles[0] + cycles[0][:1])}"


def test_extraction_never_imports_the_graph_layer(import_graph):
    assert not import_graph.chain_exists(importer="litkg.extract", imported="litkg.graph", as_packages=True)


def test_quads_build_without_spacy():
    code = "import litkg.graph.quads, litkg.extract.results, sys; assert 'spacy' not in sys.modules, 'spacy loaded'"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_modules_stay_small():
    long = {str(p.relative_to(ROOT)): n for p in _sources()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
            and str(p.relative_to(ROOT)) not in DATA_MODULES}
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def _string_constants(tree: ast.AST) -> list[tuple[int, str]]:
    """String constants of a module, docstrings excluded."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def test_base_iri_written_once():
    base = "w3id.org/litkg"
    where = [f"{p.relative_to(ROOT)}:{line}" for p in _sources() if p.name != "identifiers.py"
             for line, value in _string_constants(ast.parse(p.read_text(encoding="utf-8"))) if base in value]
    where += [str(p.relative_to(ROOT)) for p in (ROOT / "graph" / "queries").glob("*.rq")
              if base in p.read_text(encoding="utf-8")]
    assert not where, f"litkg IRIs minted outside extract/identifiers.py: {where}"
