"""Centralities: one dict per measure, the graph left alone; eigenvector centrality per component, sparse and exact."""
from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from litkg.graph import analysis as A
from litkg.graph.analysis import centrality as C


def _dense_reference(g: nx.Graph) -> dict:
    """The eigenvector centrality as computed before the sparse solver: ``numpy.linalg.eigh`` per component."""
    out = {}
    for comp in nx.connected_components(g):
        if len(comp) < 3:
            out.update({n: 0.0 for n in comp})
            continue
        nodes = list(g.subgraph(comp))
        _, vecs = np.linalg.eigh(nx.to_numpy_array(g.subgraph(comp), nodelist=nodes, weight="weight"))
        x = np.abs(vecs[:, -1])
        x /= np.linalg.norm(x)
        out.update({n: float(v) * (len(comp) / g.number_of_nodes()) for n, v in zip(nodes, x)})
    return out


@pytest.fixture(scope="module")
def big() -> nx.Graph:
    """Two components above the dense limit (one bipartite, as the papers projection is), a triangle and a pair."""
    g = nx.relabel_nodes(nx.barabasi_albert_graph(400, 2, seed=1), lambda n: f"a{n}")
    tree = nx.relabel_nodes(nx.random_labeled_tree(300, seed=2), lambda n: f"b{n}")
    g.update(tree)
    rng = np.random.default_rng(3)
    for u, v in g.edges:
        g.edges[u, v]["weight"] = int(rng.integers(1, 5))
    g.add_edges_from([("t0", "t1"), ("t1", "t2"), ("t2", "t0"), ("p0", "p1")], weight=2)
    return g


def test_measures_are_dicts_and_leave_the_graph_alone(big):
    before = {n: dict(d) for n, d in big.nodes(data=True)}
    measures = A.centralities(big)
    assert list(measures) == list(A.MEASURES)
    assert all(set(values) == set(big) for values in measures.values())
    assert {n: dict(d) for n, d in big.nodes(data=True)} == before
    assert measures["degree"]["a0"] == big.degree("a0")
    assert measures["weighted_degree"]["a0"] == float(big.degree("a0", weight="weight"))


def test_sparse_eigenvector_matches_the_dense_solution(big):
    assert big.number_of_nodes() > C.DENSE_EIGENVECTOR_MAX
    ev, ref = A.eigenvector(big), _dense_reference(big)
    assert set(ev) == set(ref)
    assert all(ev[n] == pytest.approx(ref[n], rel=1e-6, abs=1e-12) for n in big)
    assert ev["p0"] == ev["p1"] == 0.0  # a pair scores 0
    assert ev["t0"] == pytest.approx(3 / big.number_of_nodes() / 3 ** 0.5)  # scaled by its share of nodes


def test_eigenvector_is_repeatable(big):
    assert A.eigenvector(big) == A.eigenvector(big)
    assert A.eigenvector(big.copy()) == A.eigenvector(big)


def test_small_components_use_the_exact_solver():
    g = nx.barbell_graph(4, 1)
    assert A.eigenvector(g) == _dense_reference(g)


def test_betweenness_treats_weight_as_closeness():
    g = nx.Graph()
    g.add_edge("a", "b", weight=10)  # a strong tie is a short path: a-b-c beats a-c
    g.add_edge("b", "c", weight=10)
    g.add_edge("a", "c", weight=1)
    bc = A.betweenness(g)
    assert bc["b"] > 0 and bc["a"] == bc["c"] == 0.0


def test_centrality_table_uses_set_measures_or_computes_them():
    g = nx.path_graph(["a", "b", "c"])
    rows = A.centrality_table(g)
    assert rows[0]["id"] == "b" and rows[0]["betweenness"] == 1.0
    assert "betweenness" not in g.nodes["b"]
    for name, values in A.centralities(g).items():
        nx.set_node_attributes(g, values, name)
    assert A.centrality_table(g) == rows
