"""Communities of a projection: Louvain partition, community labels and the concepts bridging communities.

Nothing here changes the graph: :func:`detect_communities` returns the
partition (node → community); set it with ``nx.set_node_attributes(g, part, "community")``.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Mapping

import networkx as nx

from litkg.graph.analysis.centrality import betweenness


def detect_communities(g: nx.Graph, weight: str = "weight", resolution: float = 1.0, seed: int = 42) -> dict[str, int]:
    """Louvain communities (networkx), numbered 1, 2, ... from the largest: node → community.

    Ties in size are ordered by their smallest node id, so the numbering depends
    only on the graph and the seed: the report, its pictures and tables, and every
    export (GEXF, Gephi CSV, VOSviewer clusters, which start at 1) use these numbers.

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> part = detect_communities(g)
    >>> part["a"] == part["b"] != part["y"]
    True
    """
    if g.number_of_nodes() == 0:
        return {}
    comms = nx.community.louvain_communities(g, weight=weight, resolution=resolution, seed=seed)
    comms = sorted(comms, key=lambda c: (-len(c), min(map(str, c))))
    return {n: i for i, c in enumerate(comms, start=1) for n in c}


def community_labels(g: nx.Graph, partition: Mapping[str, int] | None = None, top: int = 3,
                     by: str = "papers") -> dict[int, str]:
    """A label per community: its ``top`` concepts by ``by`` (paper count), joined with `` · ``.

    ``partition`` defaults to the nodes' ``community`` attribute.

    Examples
    --------
    >>> g = nx.Graph([("a", "b")]); nx.set_node_attributes(g, {"a": 3, "b": 1}, "papers")
    >>> community_labels(g, {"a": 1, "b": 1}, top=1)
    {1: 'a'}
    """
    partition = partition if partition is not None else nx.get_node_attributes(g, "community")
    members: dict[int, list[str]] = defaultdict(list)
    for n, c in partition.items():
        members[c].append(n)
    out = {}
    for c, ns in sorted(members.items()):
        ns.sort(key=lambda n: (-g.nodes[n].get(by, 0), -g.degree(n, weight="weight"), str(n)))
        out[c] = " · ".join(str(g.nodes[n].get("label", n)) for n in ns[:top])
    return out


def bridging_concepts(g: nx.Graph, partition: Mapping[str, int] | None = None, top: int = 10,
                      weight: str = "weight") -> list[dict]:
    """Concepts whose ties spread across communities (participation coefficient), most bridging first.

    The participation coefficient of a node is ``1 - sum_c (k_c / k)^2`` where
    ``k_c`` is its weighted degree into community ``c``: 0 when all its ties stay in
    one community, near 1 when they spread evenly. Ties are broken by betweenness
    (the nodes' ``betweenness`` attribute, computed when missing).

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("x", "y"), ("y", "c")])
    >>> bridging_concepts(g, {"a": 0, "b": 0, "c": 0, "x": 1, "y": 1}, top=1)[0]["id"]
    'c'
    """
    partition = partition if partition is not None else nx.get_node_attributes(g, "community")
    if g.number_of_nodes() and "betweenness" not in next(iter(g.nodes.values())):
        bc = betweenness(g)
    else:
        bc = nx.get_node_attributes(g, "betweenness")
    out = []
    for n in g:
        into: Counter = Counter()
        for _, m, d in g.edges(n, data=True):
            into[partition.get(m, -1)] += d.get(weight, 1)
        k = sum(into.values())
        if not k:
            continue
        pc = 1.0 - sum((v / k) ** 2 for v in into.values())
        others = sorted(c for c in into if c != partition.get(n))
        if not others:
            continue
        out.append({"id": n, "label": g.nodes[n].get("label", n), "type": g.nodes[n].get("type", ""),
                    "community": partition.get(n, -1), "participation": round(pc, 4),
                    "communities_reached": len(others), "betweenness": round(bc.get(n, 0.0), 6),
                    "papers": g.nodes[n].get("papers", 0)})
    out.sort(key=lambda r: (-r["participation"], -r["betweenness"], str(r["label"])))
    return out[:top]
