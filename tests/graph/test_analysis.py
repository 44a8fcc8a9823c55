"""Analysis: projections, measures, trends and the analyze report, on a hand-made store, the seed and real records."""
from __future__ import annotations

import csv
import doctest
import re

import networkx as nx
import pyoxigraph as ox
import pytest

from litkg.graph import analysis as A
from litkg.graph import report as R
from litkg.graph.export import gexf as gexf_module
from litkg.graph.export import graphs as graphs_module
from litkg.extract.identifiers import CANDIDATE, CONCEPT, ORG, PLACE
from litkg.graph.namespace import LITKG, OA, SCHEMA
from litkg.graph.query import run_query
from litkg.graph.store import GraphStore

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _lit(v):
    if isinstance(v, bool):
        return ox.Literal("true" if v else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(v, int):
        return ox.Literal(str(v), datatype=ox.NamedNode(XSD + "integer"))
    return ox.Literal(v)


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


@pytest.fixture(scope="module")
def tiny() -> GraphStore:
    """Three papers, written by hand: who mentions what in which sentence, one hedged and one negated claim."""
    store = GraphStore()
    quads = []
    fb, ss, lon, yth = CONCEPT + "platform/facebook", CONCEPT + "benefit/social-support", CONCEPT + "risk/loneliness", \
        CONCEPT + "population/youth"
    cand = CANDIDATE + "benefit/feeling-heard"
    for c, en, zh in ((fb, "Facebook", "脸书"), (ss, "social support", "社会支持"), (lon, "loneliness", "孤独"),
                      (yth, "young people", "青少年")):
        quads += [ox.Quad(_n(c), _n(SKOS + "prefLabel"), ox.Literal(en, language="en")),
                  ox.Quad(_n(c), _n(SKOS + "prefLabel"), ox.Literal(zh, language="zh"))]
    quads.append(ox.Quad(_n(cand), _n(SKOS + "prefLabel"), ox.Literal("feeling heard", language="en")))
    # paper, year, [(concept, type, sentence, hedged, negated)]
    papers = {
        "p1": (2019, [(fb, "platform", 1, False, False), (ss, "benefit", 1, False, False), (yth, "population", 2, 0, 0)]),
        "p2": (2020, [(fb, "platform", 1, False, False), (ss, "benefit", 1, True, False), (lon, "risk", 2, 0, 0),
                      (cand, "benefit", 2, False, False)]),
        "p3": (2021, [(fb, "platform", 1, False, False), (lon, "risk", 1, False, True), (yth, "population", 1, 0, 0)]),
    }
    for pid, (year, ms) in papers.items():
        p = _n(f"https://example.org/{pid}")
        quads += [ox.Quad(p, _n(RDF_TYPE), _n(SCHEMA.ScholarlyArticle)), ox.Quad(p, _n(DCT + "identifier"), _lit(pid)),
                  ox.Quad(p, _n(LITKG.year), _lit(year))]
        for i, (c, t, sent, hedged, negated) in enumerate(ms):
            a = _n(f"https://example.org/{pid}/a{i}")
            quads += [ox.Quad(a, _n(RDF_TYPE), _n(LITKG.Mention)), ox.Quad(a, _n(OA.hasBody), _n(c)),
                      ox.Quad(a, _n(LITKG.entityType), _lit(t)), ox.Quad(a, _n(LITKG.inPaper), p),
                      ox.Quad(a, _n(LITKG.sentence), _n(f"https://example.org/{pid}/s{sent}")),
                      ox.Quad(a, _n(LITKG.hedged), _lit(bool(hedged))), ox.Quad(a, _n(LITKG.negated), _lit(bool(negated)))]
            if not negated:
                quads.append(ox.Quad(p, _n(LITKG.mentionsConcept), _n(c)))
    for pid, hedged in (("p1", False), ("p2", True)):
        f = _n(f"https://example.org/{pid}/finding")
        quads += [ox.Quad(f, _n(RDF_TYPE), _n(LITKG.Finding)), ox.Quad(f, _n(LITKG.findingType), _lit("benefit")),
                  ox.Quad(f, _n(LITKG.platform), _n(fb)), ox.Quad(f, _n(LITKG.effect), _n(ss)),
                  ox.Quad(f, _n(LITKG.hedged), _lit(hedged)),
                  ox.Quad(f, _n(LITKG.inPaper), _n(f"https://example.org/{pid}"))]
    # institutions: p1 Oxford (GB) + Harvard (US); p2 a department of Oxford + Harvard; p3 Harvard only
    ox_u, ox_d, hv = _n(ORG + "oxford"), _n(ORG + "oxford/psychiatry"), _n(ORG + "harvard")
    gb, us, oxford_city = _n(PLACE + "gb"), _n(PLACE + "us"), _n(PLACE + "gb/oxford")
    quads += [ox.Quad(o, _n(RDF_TYPE), _n(SCHEMA.Organization)) for o in (ox_u, ox_d, hv)]
    quads += [ox.Quad(ox_u, _n(SCHEMA.name), _lit("University of Oxford")),
              ox.Quad(ox_d, _n(SCHEMA.name), _lit("Department of Psychiatry")),
              ox.Quad(ox_d, _n(SCHEMA.parentOrganization), ox_u), ox.Quad(hv, _n(SCHEMA.name), _lit("Harvard")),
              ox.Quad(ox_u, _n(SCHEMA.location), oxford_city), ox.Quad(ox_d, _n(SCHEMA.location), oxford_city),
              ox.Quad(hv, _n(SCHEMA.location), us),
              ox.Quad(oxford_city, _n(RDF_TYPE), _n(SCHEMA.City)), ox.Quad(oxford_city, _n(SCHEMA.containedInPlace), gb),
              ox.Quad(gb, _n(RDF_TYPE), _n(SCHEMA.Country)), ox.Quad(gb, _n(SCHEMA.identifier), _lit("GB")),
              ox.Quad(gb, _n(SCHEMA.name), _lit("United Kingdom")),
              ox.Quad(us, _n(RDF_TYPE), _n(SCHEMA.Country)), ox.Quad(us, _n(SCHEMA.identifier), _lit("US")),
              ox.Quad(us, _n(SCHEMA.name), _lit("United States"))]
    for pid, orgs in (("p1", (ox_u, hv)), ("p2", (ox_d, hv)), ("p3", (hv,))):
        quads += [ox.Quad(_n(f"https://example.org/{pid}"), _n(LITKG.affiliatedInstitution), o) for o in orgs]
    store.oxigraph.extend([ox.Quad(q.subject, q.predicate, q.object, _n("https://example.org/g")) for q in quads])
    return store


@pytest.mark.parametrize("module", [A, R, gexf_module, graphs_module])
def test_docstring_examples_run(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


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


def test_trends_and_bursts(tiny):
    t = A.concept_trends(tiny)
    assert t["years"] == [2019, 2020, 2021] and t["totals"] == {2019: 1, 2020: 1, 2021: 1}
    assert t["concepts"][CONCEPT + "platform/facebook"]["counts"] == [1, 1, 1]
    # a concept that takes off in the last two years bursts there, a steady one never does
    years = list(range(2010, 2022))
    totals = [20] * len(years)
    assert A.kleinberg_bursts([1] * 10 + [12, 14], totals) == [(10, 11, A.kleinberg_bursts([1] * 10 + [12, 14],
                                                                                           totals)[0][2])]
    assert A.kleinberg_bursts([2] * 12, totals) == []
    with pytest.raises(ValueError):
        A.kleinberg_bursts([1, 2], [3])


def test_measures_on_a_known_graph():
    g = nx.barbell_graph(4, 1)  # two cliques joined through node 4
    g = nx.relabel_nodes(g, {n: f"n{n}" for n in g})
    nx.set_edge_attributes(g, 1, "weight")
    nx.set_node_attributes(g, {n: i for i, n in enumerate(g)}, "papers")
    A.annotate(g)
    assert max(g, key=lambda n: g.nodes[n]["betweenness"]) == "n4"
    comms = {g.nodes[n]["community"] for n in ("n0", "n1", "n2")}
    assert len(comms) == 1 and g.nodes["n0"]["community"] != g.nodes["n8"]["community"]
    bridges = A.bridging_concepts(g)
    assert bridges and bridges[0]["id"] in ("n3", "n4", "n5")
    assert all(0.0 <= g.nodes[n]["eigenvector"] <= 1.0 for n in g)


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

@pytest.fixture(scope="module")
def domain(domain_store_dir) -> GraphStore:
    return GraphStore(domain_store_dir, read_only=True)


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


def test_communities_labels_and_bridges_on_real_records(domain):
    g = A.analyse_concepts(domain, min_papers=2)
    labels = A.community_labels(g)
    assert 2 <= len(labels) <= 12
    assert all(" · " in lab for lab in labels.values())
    bridges = A.bridging_concepts(g, top=5)
    assert bridges and all(b["communities_reached"] >= 1 for b in bridges)
    top = A.centrality_table(g, top=3)
    assert top[0]["weighted_degree"] >= top[-1]["weighted_degree"]


def test_trends_cover_every_dated_paper(domain):
    t = A.concept_trends(domain)
    header, rows = run_query(domain, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a schema:ScholarlyArticle ; "
                                     "litkg:year ?y }")
    assert sum(t["totals"].values()) == int(rows[0][0])
    assert t["years"] == list(range(t["years"][0], t["years"][-1] + 1))


def test_countries_are_iso_codes(domain):
    g = A.collaboration_graph(domain, "country")
    assert g.number_of_nodes() >= 5 and all(re.fullmatch(r"[A-Z]{2}", n) for n in g)
    top = max(g, key=lambda n: g.nodes[n]["papers"])
    assert top == "US"


def test_analyze_writes_report_pictures_and_tables(domain, tmp_path):
    result = R.analyze(domain, tmp_path)
    for name in R.OUTPUTS:
        assert (tmp_path / name).exists(), name
    for png in ("cooccurrence.png", "platform_effects.png", "trends.png"):
        data = (tmp_path / png).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "![concept co-occurrence](cooccurrence.png)" in report and "most connected concept" in report
    with open(tmp_path / "concepts.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == result.summary["concepts"] and {"label", "community", "betweenness"} <= set(rows[0])
    with open(tmp_path / "platform_effects.csv", encoding="utf-8") as fh:
        pe = list(csv.DictReader(fh))
    assert {"asserted", "hedged", "negated"} <= set(pe[0])


def test_analyze_command_refuses_to_overwrite(domain_store_dir, tmp_path, capsys):
    from litkg.graph.cli import main

    out = tmp_path / "a"
    assert main(["analyze", "--store", str(domain_store_dir), "--out", str(out), "--lang", "zh"]) == 0
    assert (out / "report.md").exists()
    assert main(["analyze", "--store", str(domain_store_dir), "--out", str(out)]) == 1
    assert "--force" in capsys.readouterr().err
