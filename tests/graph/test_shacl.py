"""The output graph conforms to graph/shapes/litkg-shapes.ttl (pySHACL), on the seed and on a real corpus."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib

from litkg.extract.identifiers import ONTOLOGY_GRAPH
from litkg.graph.store import GraphStore

SHAPES = Path(__file__).resolve().parents[2] / "graph" / "shapes" / "litkg-shapes.ttl"
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES, format="turtle")


def union_graph(store: GraphStore, every: int = 1) -> rdflib.Graph:
    """The union of the store's graphs (without the ontology), keeping every ``every``-th paper graph."""
    names = [g for g in store.graph_names() if g != ONTOLOGY_GRAPH]
    papers = [g for g in names if "/graph/paper/" in g]
    keep = [g for g in names if g not in papers] + papers[::every]
    g = rdflib.Graph()
    for name in keep:
        g.parse(data=store.dump(None, "ntriples", graph=name).decode("utf-8"), format="nt")
    return g


def validate(data: rdflib.Graph, shapes: rdflib.Graph) -> tuple[bool, str]:
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, advanced=True, allow_warnings=True)
    return conforms, text


def test_seed_graph_conforms(seed_out, shapes):
    conforms, text = validate(union_graph(GraphStore(seed_out / "store", read_only=True)), shapes)
    assert conforms, text[:3000]


def test_real_corpus_graph_conforms(domain_out, shapes):
    # pySHACL on all 155 k triples takes 20-60 s; a spread sample of one paper in four keeps this fast
    # (the whole corpus conforms too: see the README), and the one cross-paper constraint is checked
    # on the whole store below
    data = union_graph(GraphStore(domain_out / "store", read_only=True), every=4)
    assert len(data) > 30_000
    conforms, text = validate(data, shapes)
    assert conforms, text[:3000]


def test_real_corpus_concepts_have_one_preferred_label_per_language(domain_out):
    store = GraphStore(domain_out / "store", read_only=True)
    rows = list(store.query("""SELECT ?c ?lang (COUNT(DISTINCT ?l) AS ?n) WHERE { ?c skos:prefLabel ?l }
                               GROUP BY ?c (LANG(?l) AS ?lang) HAVING (COUNT(DISTINCT ?l) > 1)"""))
    assert rows == []


def test_shapes_catch_a_selector_that_does_not_match_its_text(seed_out, shapes):
    data = union_graph(GraphStore(seed_out / "store", read_only=True))
    pos = next(data.subjects(rdflib.RDF.type, OA.TextPositionSelector))
    start = int(data.value(pos, OA.start))
    data.set((pos, OA.start, rdflib.Literal(start + 1)))
    conforms, text = validate(data, shapes)
    assert not conforms and "TextQuoteSelector's exact text" in text


def test_shapes_catch_a_mention_without_body(seed_out, shapes):
    data = union_graph(GraphStore(seed_out / "store", read_only=True))
    ann = next(data.subjects(rdflib.RDF.type, rdflib.URIRef("https://w3id.org/litkg/ontology#Mention")))
    data.remove((ann, OA.hasBody, None))
    conforms, text = validate(data, shapes)
    assert not conforms and "hasBody" in text
