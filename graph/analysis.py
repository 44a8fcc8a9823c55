"""networkx projections of the graph and the measures computed on them.

Functions take the store (or a graph) first and return networkx graphs with
plain string node ids and scalar attributes, or plain dicts.
"""
from __future__ import annotations

import networkx as nx

from graph.query import load_query, run_query
from graph.store import GraphStore


def paper_concept_graph(store: GraphStore) -> nx.Graph:
    """The paper-centred graph: one node per paper, concept (incl. candidates) and institution.

    Nodes carry ``type`` (``paper`` or the entity type), ``label`` and ``papers``
    (number of papers mentioning the node; 1 for papers). Edges join a paper
    to what it mentions, weighted by mention count.

    Examples
    --------
    >>> g = paper_concept_graph(GraphStore())   # an empty store gives an empty graph
    >>> g.number_of_nodes()
    0
    """
    header, rows = run_query(store, load_query("knowledge_graph_edges"))
    g = nx.Graph()
    for row in rows:
        r = dict(zip(header, row))
        paper, target = r["paper"], r["target"]
        if paper not in g:
            g.add_node(paper, type="paper", label=r["paperId"], papers=1, year=int(r["year"]) if r["year"] else 0)
        if target not in g:
            g.add_node(target, type=r["type"], label=r["label"] or target.rsplit("/", 1)[-1], papers=0, year=0)
        g.nodes[target]["papers"] += 1
        g.add_edge(paper, target, weight=int(r["weight"]), type=r["type"])
    return g
