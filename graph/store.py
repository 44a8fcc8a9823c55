"""The graph store: embedded Oxigraph on disk (default) or a remote SPARQL 1.1 store.

:class:`GraphStore` (embedded) and :class:`RemoteStore` (HTTP: SPARQL 1.1
Protocol for reads, Graph Store HTTP Protocol for writes) share one interface,
through which the rest of litkg reads and writes the graph: replace a paper's
named graph, run SPARQL with bound parameters, count, list graphs, dump.
:func:`open_store` picks one from a path or an ``http(s)://`` address. The remote store
and the formats live in :mod:`litkg.graph.remote_store` (re-exported here).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Mapping

import pyoxigraph as ox

from litkg.graph.errors import StoreError
from litkg.graph.namespace import PREFIXES, QUERY_PREFIXES
from litkg.graph.remote_store import (FORMATS, QUAD_FORMATS, RemoteStore, is_remote,  # noqa: F401  (re-exported)
                                     remote_endpoints)


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

    def load_batch(self, nquads: bytes, replace: Iterable[str] = ()) -> None:
        """Replace the named graphs ``replace`` with the N-Quads ``nquads`` (Oxigraph's bulk path).

        The graphs of ``replace`` that the store holds are removed first (one small
        transaction each), then ``nquads`` is bulk-loaded at once: sorted files written
        beside the store and ingested, no write-ahead log and no per-quad transaction.
        Each step is atomic; a batch cut short between them leaves some graphs of
        ``replace`` missing, never half-loaded, and loading it again mends that.

        Raises:
            StoreError: ``nquads`` does not parse (bad IRI, bad language tag) or the store cannot be written.
        """
        for graph in replace:
            node = ox.NamedNode(graph)
            if self._store.contains_named_graph(node):
                self._store.remove_graph(node)
        if not nquads:
            return
        try:
            self._store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        except SyntaxError as e:
            raise StoreError(f"cannot load a batch of quads: {e}") from e
        except OSError as e:
            raise StoreError(f"{self.path}: cannot write the store: {e}") from e

    def contains_graph(self, graph: str) -> bool:
        """Whether the store holds the named graph ``graph``."""
        return self._store.contains_named_graph(ox.NamedNode(graph))

    def graph_quads(self, graph: str) -> list[ox.Quad]:
        """The quads of one named graph, in the store's order."""
        return list(self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def graphs_in_order(self) -> list[str]:
        """The named graphs in the store's own order: the order of :meth:`dump` (and of ``graph.trig``)."""
        return [g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)]

    def default_graph_empty(self) -> bool:
        """Whether the default graph holds no triple (litkg writes only named graphs)."""
        return next(iter(self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is None

    def identity(self) -> str | None:
        """An id of the on-disk database (RocksDB's ``IDENTITY``), new whenever the store is made anew."""
        try:
            return (self.path / "IDENTITY").read_text(encoding="ascii").strip() if self.path else None
        except OSError:
            return None

    def close(self) -> None:
        """Flush and close the store, leaving no write-ahead log behind.

        RocksDB keeps used log files for recycling while a database is open; opening the
        store once more and closing it lets it drop them, so a finished build leaves only
        the sorted tables. The object is unusable afterwards.
        """
        self.flush()
        self._store = None
        if self.path is not None and (self.path / "CURRENT").exists():
            try:
                ox.Store(str(self.path))  # opened and dropped at once: recycled logs are removed
            except OSError:  # another process holds the store: leave its logs alone
                return
            for old in self.path.glob("LOG.old.*"):  # RocksDB's info logs of earlier openings
                old.unlink(missing_ok=True)

    def reopen(self) -> None:
        """Close the store (see :meth:`close`) and open it again: its caches start empty."""
        self.close()
        try:
            self._store = ox.Store(str(self.path))
        except OSError as e:
            raise StoreError(f"{self.path}: cannot open store: {e}") from e

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of every graph."""
        return self._store.quads_for_pattern(None, None, None, None)

    def __len__(self) -> int:
        return len(self._store)

    def query(self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
              default_graphs: list[str] | None = None, named_graphs: list[str] | None = None):
        """Run a SPARQL query, with variables bound (never string-formatted).

        The default graph is the union of all graphs, unless ``default_graphs``
        names the graphs to merge instead (the protocol's ``default-graph-uri``);
        ``named_graphs`` limits what ``GRAPH`` sees (``named-graph-uri``).

        Raises:
            StoreError: the query does not parse or fails, or a graph name is not an IRI.
        """
        subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        try:
            dataset = {}
            if default_graphs:
                dataset["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
            if named_graphs:
                dataset["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        except ValueError as e:
            raise StoreError(f"not a graph IRI: {e}") from e
        try:
            return self._store.query(sparql, use_default_graph_as_union=not default_graphs, prefixes=QUERY_PREFIXES,
                                     substitutions=subs or None, **dataset)
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
            triples = (ox.Triple(q.subject, q.predicate, q.object) for q in self.quads())
            return ox.serialize(triples, output, format=rdf_format,
                                prefixes=PREFIXES if fmt == "turtle" else None)
        return self._store.dump(output, format=rdf_format, from_graph=from_graph)

    def flush(self) -> None:
        try:
            self._store.flush()
        except (AttributeError, OSError):
            pass


def open_store(path_or_url: str | Path | None = "output/store", read_only: bool = False) -> GraphStore | RemoteStore:
    """Open the embedded store at a directory, or a remote SPARQL 1.1 store at an ``http(s)://`` address.

    Args:
        path_or_url: A store directory (``None``: in memory) or a remote store address
            (see :func:`remote_endpoints`).
        read_only: Open without write access (an embedded store must then exist).

    Raises:
        StoreError: the store cannot be opened.
    """
    if is_remote(path_or_url):
        query_url, store_url = remote_endpoints(str(path_or_url))
        oxigraph_like = query_url.endswith("/query") and store_url.endswith("/store")
        return RemoteStore(query_url, store_url, read_only=read_only, union_param=oxigraph_like)
    return GraphStore(path_or_url, read_only=read_only)
