"""Building the graph: pure and deterministic, round-trips, answers SPARQL, exports for Gephi."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic, to_isomorphic

from litkg.extract.pipeline import extract_papers
from litkg.extract.readers import read_papers
from litkg.extract import identifiers as ids
from litkg.graph import quads as gb
from litkg.graph.query import load_query, run_query
from litkg.graph.store import GraphStore
from litkg.graph.workflow import build

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed.txt"


@pytest.fixture(scope="module")
def seed_quads():
    (ex,) = list(extract_papers(read_papers([SEED])))
    return ex, gb.paper_quads(ex, ids.run_iri("test", "v"))


def test_paper_quads_are_deterministic_and_round_trip(seed_quads):
    ex, quads = seed_quads
    again = gb.paper_quads(list(extract_papers(read_papers([SEED])))[0], ids.run_iri("test", "v"))
    assert sorted(map(str, quads)) == sorted(map(str, again))
    trig = ox.serialize(quads, format=ox.RdfFormat.TRIG)
    ds = rdflib.Dataset()
    ds.parse(data=trig.decode(), format="trig")
    (graph_name,) = {q.graph_name.value for q in quads}
    g1 = ds.graph(rdflib.URIRef(graph_name))
    g2 = rdflib.Graph()
    for q in quads:
        g2.parse(data=ox.serialize([ox.Triple(q.subject, q.predicate, q.object)], format=ox.RdfFormat.N_TRIPLES)
                 .decode(), format="nt")
    assert isomorphic(g1, g2)


def test_one_named_graph_per_paper_with_doi_iri(seed_quads):
    ex, quads = seed_quads
    subjects = {q.subject.value for q in quads}
    assert "https://doi.org/10.1017/S2045796015001067" in subjects
    assert {q.graph_name.value for q in quads} == {gb.graph_iri(ex.paper)}


def test_build_writes_store_trig_gexf(seed_build):
    out, summary = seed_build
    assert summary.papers == 1 and summary.triples > 1000
    assert (out / "store").is_dir()
    ds = rdflib.Dataset()
    ds.parse(out / "graph.trig", format="trig")
    assert len(ds) == summary.triples
    # TriG round trip is isomorphic
    ds2 = rdflib.Dataset()
    ds2.parse(data=ds.serialize(format="trig"), format="trig")
    for g in ds.graphs():
        assert isomorphic(g, ds2.graph(g.identifier))

    g = nx.read_gexf(out / "graph.gexf")
    types = {}
    for _, d in g.nodes(data=True):
        types[d["type"]] = types.get(d["type"], 0) + 1
    assert types["paper"] == 1 and types["institution"] == 3
    store = GraphStore(out / "store", read_only=True)
    header, rows = run_query(store, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?a oa:hasBody ?c ; litkg:negated false }")
    assert g.number_of_nodes() == int(rows[0][0]) + 1  # every concept and institution, plus the paper


def test_sparql_platforms_with_risks_and_benefits(seed_build):
    out, _ = seed_build
    store = GraphStore(out / "store", read_only=True)
    header, rows = run_query(store, load_query("platform_effects"))
    found = {(r[header.index("platformLabel")], r[header.index("type")], r[header.index("effectLabel")])
             for r in rows}
    assert ("Facebook", "risk", "exposure to misleading information") in found
    assert ("YouTube", "benefit", "social connectedness") in found


def test_rebuild_is_idempotent(tmp_path):
    build([SEED], tmp_path, show_progress=False)
    first = GraphStore(tmp_path / "store", read_only=True)
    n1 = len(first)
    del first
    build([SEED], tmp_path, force=True, show_progress=False)
    store = GraphStore(tmp_path / "store", read_only=True)
    assert len(store) == n1


def test_every_selector_slices_its_field(seed_build):
    out, _ = seed_build
    store = GraphStore(out / "store", read_only=True)
    q = """SELECT ?exact ?start ?end ?text WHERE {
      ?a a litkg:Mention ; oa:hasTarget ?t . ?t oa:hasSource/rdf:value ?text ; oa:hasSelector ?q, ?p .
      ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end . }"""
    header, rows = run_query(store, q)
    assert len(rows) > 50
    for exact, start, end, text in rows:
        assert text[int(start):int(end)] == exact
