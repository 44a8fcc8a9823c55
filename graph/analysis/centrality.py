"""Centrality measures of a projection, one dict per measure (networkx style).

:func:`centralities` returns ``{"degree": {...}, "weighted_degree": {...},
"betweenness": {...}, "eigenvector": {...}}``; set them on the graph with
``nx.set_node_attributes(g, values, name)``. Nothing here changes the graph.
"""
from __future__ import annotations

import networkx as nx
import numpy as np

#: components up to this many nodes get the exact dense eigenvector (LAPACK); larger ones sparse ARPACK
DENSE_EIGENVECTOR_MAX = 100
MEASURES = ("degree", "weighted_degree", "betweenness", "eigenvector")


def degrees(g: nx.Graph, weight: str = "weight") -> tuple[dict, dict]:
    """(degree, weighted degree as float) of every node.

    Examples
    --------
    >>> g = nx.Graph(); g.add_edge("a", "b", weight=3)
    >>> degrees(g)
    ({'a': 1, 'b': 1}, {'a': 3.0, 'b': 3.0})
    """
    return dict(g.degree()), {n: float(d) for n, d in g.degree(weight=weight)}


def betweenness(g: nx.Graph, weight: str = "weight", seed: int = 42) -> dict:
    """Normalised betweenness, with ``1 / weight`` as the length of an edge (a strong tie is a short path).

    Exact on every graph: computed by igraph's C implementation of Brandes'
    algorithm (50x networkx's on the 1,550-node papers projection), normalised
    as networkx normalises undirected graphs. ``seed`` is kept for callers; the
    result no longer depends on it.

    Examples
    --------
    >>> round(betweenness(nx.path_graph(["a", "b", "c"]))["b"], 2)
    1.0
    """
    if g.number_of_nodes() == 0:
        return {}
    import igraph

    nodes = list(g)
    index = {n: i for i, n in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in g.edges() if u != v]
    lengths = [1.0 / float(d.get(weight, 1) or 1) for u, v, d in g.edges(data=True) if u != v]
    raw = igraph.Graph(n=len(nodes), edges=edges, directed=False).betweenness(weights=lengths or None, directed=False)
    n = len(nodes)
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return {node: float(raw[i]) * scale for i, node in enumerate(nodes)}


def eigenvector(g: nx.Graph, weight: str = "weight") -> dict:
    """Eigenvector centrality per connected component, scaled by the component's share of nodes.

    Components of one or two nodes score 0 (so isolated pairs do not score 1).
    The vector of each component is the adjacency matrix's leading eigenvector
    (absolute values, unit length): exact (dense LAPACK) up to
    :data:`DENSE_EIGENVECTOR_MAX` nodes, sparse Lanczos (ARPACK, from a fixed start
    vector, so repeatable) above.

    Examples
    --------
    >>> ev = eigenvector(nx.star_graph(3))
    >>> round(ev[0], 4), round(ev[1], 4)
    (0.7071, 0.4082)
    >>> eigenvector(nx.Graph([("a", "b")]))
    {'a': 0.0, 'b': 0.0}
    """
    ev: dict = {}
    n_total = g.number_of_nodes()
    for comp in nx.connected_components(g):
        if len(comp) < 3:
            ev.update({n: 0.0 for n in comp})
            continue
        vals = _leading_eigenvector(g.subgraph(comp), weight)
        share = len(comp) / n_total
        ev.update({n: v * share for n, v in vals.items()})
    return {n: float(ev.get(n, 0.0)) for n in g}


def _leading_eigenvector(g: nx.Graph, weight: str) -> dict:
    """The unit-length leading eigenvector of a connected graph's (symmetric) adjacency matrix, as absolute values."""
    nodes = list(g)
    if len(nodes) <= DENSE_EIGENVECTOR_MAX:
        _, vecs = np.linalg.eigh(nx.to_numpy_array(g, nodelist=nodes, weight=weight))
        x = vecs[:, -1]
    else:
        from scipy.sparse.linalg import ArpackError, ArpackNoConvergence, eigsh  # scipy loads in ~0.3 s: only here

        a = nx.to_scipy_sparse_array(g, nodelist=nodes, weight=weight, dtype=float, format="csr")
        try:
            _, vecs = eigsh(a, k=1, which="LA", v0=np.ones(len(nodes)))
        except (ArpackNoConvergence, ArpackError):
            try:
                return nx.eigenvector_centrality(g, weight=weight, max_iter=1000)
            except (nx.PowerIterationFailedConvergence, nx.NetworkXException):
                return {n: 0.0 for n in g}
        x = vecs[:, 0]
    x = np.abs(x)
    x = x / (np.linalg.norm(x) or 1.0)
    return {n: float(v) for n, v in zip(nodes, x)}


def centralities(g: nx.Graph, weight: str = "weight", seed: int = 42) -> dict[str, dict]:
    """Every measure of :data:`MEASURES`, one dict (node → value) per measure; ``g`` is left as it is.

    See :func:`degrees`, :func:`betweenness` and :func:`eigenvector`.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c"])
    >>> for name, values in centralities(g).items():
    ...     nx.set_node_attributes(g, values, name)
    >>> g.nodes["b"]["degree"], round(g.nodes["b"]["betweenness"], 2)
    (2, 1.0)
    """
    degree, weighted = degrees(g, weight)
    return {"degree": degree, "weighted_degree": weighted, "betweenness": betweenness(g, weight, seed=seed),
            "eigenvector": eigenvector(g, weight)}


def centrality_table(g: nx.Graph, top: int | None = None, by: str = "weighted_degree") -> list[dict]:
    """Nodes with their measures as rows, highest ``by`` first.

    Measures set on the nodes (by :func:`centralities` via ``nx.set_node_attributes``)
    are used as they are; missing ones are computed (and not set on ``g``).

    Examples
    --------
    >>> [r["id"] for r in centrality_table(nx.star_graph(3), top=1)]
    [0]
    """
    if g.number_of_nodes() and "betweenness" not in next(iter(g.nodes.values())):
        measures = centralities(g)
    else:
        measures = {m: nx.get_node_attributes(g, m) for m in MEASURES}
    rows = [{"id": n, "label": d.get("label", str(n)), "type": d.get("type", ""), "papers": d.get("papers", 0),
             "community": d.get("community", -1), "degree": measures["degree"][n],
             "weighted_degree": measures["weighted_degree"][n], "betweenness": round(measures["betweenness"][n], 6),
             "eigenvector": round(measures["eigenvector"][n], 6)}
            for n, d in g.nodes(data=True)]
    rows.sort(key=lambda r: (-r[by], str(r["label"])))
    return rows[:top] if top else rows
