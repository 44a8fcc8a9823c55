"""The graph store: embedded Oxigraph on disk (default).

:class:`GraphStore` is the one object the rest of litkg reads and writes the
graph through: replace a paper's named graph, run SPARQL with bound
parameters, dump to a file.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping

import pyoxigraph as ox

from extract.errors import StoreError
from graph.namespace import PREFIXES

FORMATS = {
    "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "turtle": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD, "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML,
}
QUAD_FORMATS = {"trig", "nquads", "jsonld"}


class GraphStore:
    """An Oxigraph store with litkg's conventions (union default graph, litkg prefixes).

    Args:
        path: Directory of the on-disk store; ``None`` for an in-memory store.
        read_only: Open an existing store without write access.
    """

    def __init__(self, path: str | Path | None = None, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not (self.path / "CURRENT").exists():
                    raise StoreError(f"{self.path}: no litkg store here (run `litkg build` first)")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as e:
            raise StoreError(f"{self.path}: cannot open store: {e}") from e

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store``."""
        return self._store

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """Make the named graph ``graph`` hold exactly ``quads`` (idempotent re-build)."""
        g = ox.NamedNode(graph)
        quads = list(quads)
        try:
            self._store.remove_graph(g)
        except (ValueError, OSError):
            pass
        self._store.extend(quads)

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        return len(self._store)

    def query(self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None):
        """Run a SPARQL query over the union of all graphs, with variables bound (never string-formatted).

        Raises:
            StoreError: the query does not parse or fails.
        """
        subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        try:
            return self._store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES,
                                     substitutions=subs or None)
        except SyntaxError as e:
            raise StoreError(f"SPARQL syntax error: {e}") from e
        except (OSError, RuntimeError, ValueError) as e:
            raise StoreError(f"query failed: {e}") from e

    def dump(self, output, fmt: str = "trig", graph: str | None = None) -> bytes | None:
        """Serialize the store (or one graph) to a path, binary file or bytes (``output=None``)."""
        rdf_format = FORMATS[fmt]
        if fmt in QUAD_FORMATS and graph is None:
            return self._store.dump(output, format=rdf_format, prefixes=PREFIXES if fmt == "trig" else None)
        from_graph = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        if graph is None:
            # a triple format over everything: serialise the union
            triples = (ox.Triple(q.subject, q.predicate, q.object)
                       for q in self._store.quads_for_pattern(None, None, None, None))
            return ox.serialize(triples, output, format=rdf_format,
                                prefixes=PREFIXES if fmt == "turtle" else None)
        return self._store.dump(output, format=rdf_format, from_graph=from_graph)

    def flush(self) -> None:
        try:
            self._store.flush()
        except (AttributeError, OSError):
            pass
