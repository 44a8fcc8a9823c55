"""GEXF export for Gephi.

networkx's GEXF writer fails on list-valued or rdflib-term attributes and on
attributes whose type differs between nodes, so everything is projected to
plain string ids and one scalar type per attribute first (:func:`sanitize`).
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx


def sanitize(g: nx.Graph) -> nx.Graph:
    """A copy of ``g`` with string ids and, per attribute name, one scalar type (str, int or float).

    Missing values are filled with the type's zero value so every node has every attribute.
    """
    out = g.__class__()
    out.graph.update({k: v for k, v in g.graph.items() if isinstance(v, (str, int, float))})

    def kinds(items):
        types: dict[str, type] = {}
        for _, d in items:
            for k, v in d.items():
                t = type(v)
                if t is bool:
                    t = int
                if t not in (str, int, float):
                    t = str
                prev = types.get(k)
                types[k] = t if prev in (None, t) else (float if {prev, t} <= {int, float} else str)
        return types

    node_types = kinds(g.nodes(data=True))
    edge_types = kinds(((u, v), d) for u, v, d in g.edges(data=True))
    zero = {str: "", int: 0, float: 0.0}
    for n, d in g.nodes(data=True):
        out.add_node(str(n), **{k: _cast(d.get(k, zero[t]), t) for k, t in node_types.items()})
    for u, v, d in g.edges(data=True):
        out.add_edge(str(u), str(v), **{k: _cast(d.get(k, zero[t]), t) for k, t in edge_types.items()})
    return out


def _cast(value, t):
    if t is str:
        return value if isinstance(value, str) else ("" if value is None else str(value))
    try:
        return t(value)
    except (TypeError, ValueError):
        return t()


def write_gexf(g: nx.Graph, path: str | Path) -> None:
    """Write ``g`` as GEXF 1.2draft (networkx's writer), sanitised for Gephi."""
    nx.write_gexf(sanitize(g), str(path), encoding="utf-8", prettyprint=True)
