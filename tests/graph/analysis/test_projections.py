"""Projections of the store: co-occurrence, platform × effect, collaboration, the paper graph, by name."""
from __future__ import annotations

import re

import networkx as nx
import pyoxigraph as ox
import pytest

from litkg.extract.identifiers import CANDIDATE, CONCEPT, ORG
from litkg.graph import analysis as A
from litkg.graph.errors import ExportError
from litkg.graph.query import run_query
from litkg.graph.store import GraphStore


def test_cooccurrence_by_papers_and_sentences(tiny):
    g = A.concept_cooccurrence(tiny)
    fb, ss, lon, yth = (CONCEPT + x for x in ("platform/facebook", "benefit/social-support", "risk/loneliness",
                                               "population/youth"))
    assert set(g) == {fb, ss, lon, yth}  # the candidate is left out by default
    assert g.nodes[fb]["papers"] == 3 and g.nodes[fb]["years"] == {2019: 1, 2020: 1, 2021: 1}
    assert g.edges[fb, ss]["papers"] == 2 and g.edges[fb, ss]["sentences"] == 2
    # the negated loneliness of p3 never counts: loneliness is only in p2, in another sentence than Facebook
    assert g.nodes[lon]["papers"] == 1 and g.edges[fb, lon]["papers"] == 1 and g.edges[fb, lon]["sentences"] == 0
    gs = A.concept_cooccurrence(tiny, weight="sentences")
    assert not gs.has_edge(fb, lon) and gs.edges[fb, ss]["weight"] == 2
    assert CANDIDATE + "benefit/feeling-heard" in A.concept_cooccurrence(tiny, include_candidates=True)
    assert set(A.concept_cooccurrence(tiny, min_papers=2)) == {fb, ss, yth}
    zh = A.concept_cooccurrence(tiny, lang="zh")
    assert zh.nodes[fb]["label"] == "脸书"
    with pytest.raises(ValueError):
        A.concept_cooccurrence(tiny, weight="words")


def test_platform_effects_keep_hedged_and_negated_apart(tiny):
    table = {(r["effect_label"]): r for r in A.platform_effect_table(tiny)}
    assert table["social support"]["asserted"] == 1 and table["social support"]["hedged"] == 1
    assert table["social support"]["negated"] == 0
    assert table["loneliness"]["negated"] == 1 and table["loneliness"]["asserted"] == 0
    assert table["loneliness"]["type"] == "risk"
    g = A.platform_effect_graph(tiny)
    e = g.edges[CONCEPT + "platform/facebook", CONCEPT + "benefit/social-support"]
    assert (e["asserted"], e["hedged"], e["negated"], e["weight"]) == (1, 1, 0, 2)


def test_collaboration_by_institution_and_country(tiny):
    inst = A.collaboration_graph(tiny, "institution")
    oxford, harvard = ORG + "oxford", ORG + "harvard"
    assert set(inst) == {oxford, harvard}  # the department rolls up to its university
    assert inst.edges[oxford, harvard]["weight"] == 2 and inst.nodes[harvard]["papers"] == 3
    assert inst.nodes[oxford]["country"] == "GB"
    countries = A.collaboration_graph(tiny, "country")
    assert set(countries) == {"GB", "US"} and countries.nodes["GB"]["label"] == "United Kingdom"
    assert countries.edges["GB", "US"]["weight"] == 2 and countries.edges["GB", "US"]["years"] == {2019: 1, 2020: 1}
    with pytest.raises(ValueError):
        A.collaboration_graph(tiny, "city")


def test_paper_concept_graph_is_bipartite(seed_store_dir):
    store = GraphStore(seed_store_dir, read_only=True)
    g = A.paper_concept_graph(store)
    assert nx.is_bipartite(g)
    papers = {n for n, d in g.nodes(data=True) if d["bipartite"] == 0}
    assert len(papers) == 1 and all(g.nodes[n]["type"] == "paper" for n in papers)
    no_cand = A.paper_concept_graph(store, include_candidates=False, include_institutions=False)
    assert not any(A.is_candidate(n) or d["type"] == "institution" for n, d in no_cand.nodes(data=True))
    assert no_cand.number_of_nodes() < g.number_of_nodes()


# ---------------------------------------------------------------------------- real records

def test_cooccurrence_counts_match_sparql(domain):
    g = A.concept_cooccurrence(domain, min_papers=2)
    assert 20 < g.number_of_nodes() < 200 and not any(A.is_candidate(n) for n in g)
    u, v, d = max(g.edges(data=True), key=lambda e: e[2]["papers"])
    header, rows = run_query(domain, """
        SELECT ?u ?v (COUNT(DISTINCT ?p) AS ?n) WHERE {
          ?a oa:hasBody ?u ; litkg:inPaper ?p ; litkg:negated false .
          ?b oa:hasBody ?v ; litkg:inPaper ?p ; litkg:negated false . } GROUP BY ?u ?v""",
                             {"u": ox.NamedNode(u), "v": ox.NamedNode(v)})
    assert int(rows[0][2]) == d["papers"]


def test_countries_are_iso_codes(domain):
    g = A.collaboration_graph(domain, "country")
    assert g.number_of_nodes() >= 5 and all(re.fullmatch(r"[A-Z]{2}", n) for n in g)
    top = max(g, key=lambda n: g.nodes[n]["papers"])
    assert top == "US"


@pytest.mark.parametrize("name", A.PROJECTIONS)
def test_projection_by_name_has_no_measures(tiny, name):
    g = A.projection(tiny, name)
    assert g.graph["projection"] == name and g.number_of_nodes() > 0
    assert not any("betweenness" in d or "community" in d for _, d in g.nodes(data=True))


def test_unknown_projection_is_an_export_error(tiny):
    with pytest.raises(ExportError, match="unknown projection"):
        A.projection(tiny, "authors")
