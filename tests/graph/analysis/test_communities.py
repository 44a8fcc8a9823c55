"""Communities, their labels and the concepts bridging them; annotations of a whole projection."""
from __future__ import annotations

import networkx as nx

from litkg.graph import analysis as A


def test_measures_on_a_known_graph():
    g = nx.barbell_graph(4, 1)  # two cliques joined through node 4
    g = nx.relabel_nodes(g, {n: f"n{n}" for n in g})
    nx.set_edge_attributes(g, 1, "weight")
    nx.set_node_attributes(g, {n: i for i, n in enumerate(g)}, "papers")
    for name, values in A.annotations(g).items():
        nx.set_node_attributes(g, values, name)
    assert max(g, key=lambda n: g.nodes[n]["betweenness"]) == "n4"
    comms = {g.nodes[n]["community"] for n in ("n0", "n1", "n2")}
    assert len(comms) == 1 and g.nodes["n0"]["community"] != g.nodes["n8"]["community"]
    bridges = A.bridging_concepts(g)
    assert bridges and bridges[0]["id"] in ("n3", "n4", "n5")
    assert all(0.0 <= g.nodes[n]["eigenvector"] <= 1.0 for n in g)


def test_partition_and_bridges_leave_the_graph_alone():
    g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    part = A.detect_communities(g)
    assert part["a"] == part["b"] != part["y"]
    assert A.bridging_concepts(g, part)[0]["id"] in ("c", "x")
    assert all(not d for _, d in g.nodes(data=True))


def test_communities_labels_and_bridges_on_real_records(domain):
    g = A.annotated_projection(domain, "cooccurrence", min_papers=2)
    labels = A.community_labels(g)
    assert 2 <= len(labels) <= 12
    assert all(" · " in lab for lab in labels.values())
    bridges = A.bridging_concepts(g, top=5)
    assert bridges and all(b["communities_reached"] >= 1 for b in bridges)
    top = A.centrality_table(g, top=3)
    assert top[0]["weighted_degree"] >= top[-1]["weighted_degree"]
