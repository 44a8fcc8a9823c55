"""GraphML (``litkg export --format graphml``): networkx's writer on the sanitised graph."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from litkg.graph.export.gexf import sanitize


def write_graphml(g: nx.Graph, path: str | Path) -> None:
    """Write ``g`` as GraphML with string ids and one scalar type per attribute (see
    :func:`~litkg.graph.export.gexf.sanitize`); read it back with ``nx.read_graphml``.

    Examples
    --------
    >>> import tempfile, os
    >>> g = nx.Graph(); g.add_edge(1, "b", weight=2, years={2020: 1})
    >>> p = os.path.join(tempfile.mkdtemp(), "g.graphml"); write_graphml(g, p)
    >>> sorted(nx.read_graphml(p).edges(data=True))
    [('1', 'b', {'weight': 2})]
    """
    nx.write_graphml(sanitize(g), str(path), encoding="utf-8")
