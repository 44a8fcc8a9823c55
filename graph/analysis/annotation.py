"""Every measure of a projection at once: centralities, Louvain communities and their labels.

:func:`annotations` returns one dict per node attribute and leaves the graph
alone; :func:`annotated_projection` builds a projection with them set (what
``litkg export`` writes)::

    g = concept_cooccurrence(store)
    for name, values in annotations(g).items():
        nx.set_node_attributes(g, values, name)
"""
from __future__ import annotations

import networkx as nx

from litkg.graph.analysis.centrality import centralities
from litkg.graph.analysis.communities import community_labels, detect_communities
from litkg.graph.analysis.layout import DEFAULT_MIN_PAPERS, layout_positions
from litkg.graph.analysis.projections import projection
from litkg.graph.store import GraphStore

ANNOTATIONS = ("degree", "weighted_degree", "betweenness", "eigenvector", "community", "community_label", "x", "y")
"""The node attributes :func:`annotations` computes, in the order they are set."""


def annotations(g: nx.Graph, seed: int = 42) -> dict[str, dict]:
    """Centralities (:func:`~litkg.graph.analysis.centrality.centralities`), the Louvain ``community``
    and its ``community_label`` of every node, and its layout position ``x``, ``y``
    (:func:`~litkg.graph.analysis.layout.layout_positions`; what GEXF ``viz:position`` and
    VOSviewer maps carry): one dict (node → value) per attribute of :data:`ANNOTATIONS`.

    Examples
    --------
    >>> values = annotations(nx.Graph([("a", "b")]))
    >>> values["community"]["a"], values["community_label"]["a"]
    (1, 'a · b')
    """
    out = centralities(g, seed=seed)
    part = detect_communities(g, seed=seed)
    labels = community_labels(g, part)
    out["community"] = part
    out["community_label"] = {n: labels[c] for n, c in part.items()}
    pos = layout_positions(g, seed=seed)
    out["x"] = {n: pos[str(n)][0] for n in g if str(n) in pos}
    out["y"] = {n: pos[str(n)][1] for n in g if str(n) in pos}
    return out


def annotated_projection(store: GraphStore, name: str = "cooccurrence", lang: str = "en", *,
                         include_candidates: bool = False, min_papers: int = 1,
                         weight: str = "papers",
                         seed: int = 42) -> nx.Graph:
    """A new :func:`~litkg.graph.analysis.projections.projection` of the store with every
    :func:`annotations` set on its nodes and the number of communities as the graph attribute ``communities``.

    Examples
    --------
    >>> g = annotated_projection(GraphStore(), "countries")
    >>> g.number_of_nodes(), g.graph["communities"]
    (0, 0)
    """
    g = projection(store, name, lang, include_candidates=include_candidates, min_papers=min_papers, weight=weight)
    values = annotations(g, seed=seed)
    for attr in ANNOTATIONS:
        nx.set_node_attributes(g, values[attr], attr)
    g.graph["communities"] = len(set(values["community"].values()))
    return g
