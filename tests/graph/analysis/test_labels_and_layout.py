"""What exports and pictures share: readable and unambiguous labels, one layout, one community numbering."""
from __future__ import annotations

import networkx as nx

from litkg.graph import analysis as A


def test_labels_shared_by_concepts_of_different_types_are_told_apart():
    g = nx.Graph()
    g.add_node("b", label="self-efficacy", type="benefit")
    g.add_node("o", label="self-efficacy", type="outcome")
    g.add_node("x", label="anxiety", type="risk")
    g.add_node("y", label="anxiety", type="risk")  # same type: nothing to tell apart
    assert A.disambiguated_labels(g) == {"b": "self-efficacy (benefit)", "o": "self-efficacy (outcome)",
                                         "x": "anxiety", "y": "anxiety"}


def test_projection_labels_are_unambiguous(tiny):
    for name in A.PROJECTIONS:
        g = A.projection(tiny, name)
        labels = [(d["label"], d.get("type")) for _, d in g.nodes(data=True)]
        by_label = {}
        for label, kind in labels:
            by_label.setdefault(label, set()).add(kind)
        assert all(len(kinds) == 1 for kinds in by_label.values()), name


def test_papers_are_labelled_as_a_reader_names_them(tiny):
    g = A.paper_concept_graph(tiny)
    papers = [d for _, d in g.nodes(data=True) if d["type"] == "paper"]
    assert papers and all(d["doi"] and d["label"] != d["doi"] for d in papers)
    assert all(str(d["year"]) in d["label"] for d in papers if d["year"])
    assert A.paper_label("Smith, Jane", 2021, "A very long title that goes on and on about text messages", 1) == \
        "Smith 2021: A very long title that goes on and on…"


def test_communities_are_numbered_from_one_by_size_then_smallest_node():
    g = nx.Graph([("a", "b"), ("x", "y"), ("y", "z"), ("x", "z")])
    assert A.detect_communities(g) == {"x": 1, "y": 1, "z": 1, "a": 2, "b": 2}
    g.add_edge("c", "d")  # same size as {a, b}: the one with the smaller node first
    part = A.detect_communities(g)
    assert part["a"] == 2 and part["c"] == 3


def test_layout_is_deterministic_and_set_by_annotations():
    g = nx.karate_club_graph()
    g = nx.relabel_nodes(g, str)
    assert A.layout_positions(g) == A.layout_positions(g.copy())
    values = A.annotations(g)
    assert set(values["x"]) == set(g) and set(values["y"]) == set(g)
    assert A.community_colour(1) == A.PALETTE[0] and A.community_colour(0) != A.PALETTE[0]


def test_candidate_labels_keep_the_case_of_the_texts(domain):
    labels = A.concept_labels(domain)
    platforms = {v for k, v in labels.items() if "/platform/" in k}
    assert {"Text4Hope", "KakaoTalk"} <= platforms
    assert "text4hope" not in platforms and "kakaotalk" not in platforms
