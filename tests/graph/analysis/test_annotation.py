"""Every measure of a projection at once: annotations (dicts) and annotated projections (what exports write)."""
from __future__ import annotations

import doctest
import importlib

import networkx as nx
import pytest

from litkg.graph import analysis as A

MODULES = ["rows", "projections", "centrality", "communities", "annotation", "trends"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(f"litkg.graph.analysis.{name}"), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


def test_annotations_are_one_dict_per_attribute():
    g = nx.Graph([("a", "b"), ("b", "c")])
    values = A.annotations(g)
    assert tuple(values) == A.ANNOTATIONS
    assert all(set(v) == set(g) for v in values.values())
    assert all(not d for _, d in g.nodes(data=True))  # nothing set on g
    assert values["community_label"]["a"] == A.community_labels(g, values["community"])[values["community"]["a"]]


@pytest.mark.parametrize("name", A.PROJECTIONS)
def test_annotated_projection_sets_every_annotation(tiny, name):
    g = A.annotated_projection(tiny, name)
    assert g.graph["projection"] == name
    assert g.graph["communities"] == len({d["community"] for _, d in g.nodes(data=True)})
    for n, d in g.nodes(data=True):
        assert set(A.ANNOTATIONS) <= set(d), n
    plain = A.projection(tiny, name)
    assert set(plain) == set(g) and plain.number_of_edges() == g.number_of_edges()


def test_annotated_cooccurrence_by_sentences(tiny):
    g = A.annotated_projection(tiny, "cooccurrence", weight="sentences")
    assert g.graph["weight"] == "sentences" and all("community" in d for _, d in g.nodes(data=True))
