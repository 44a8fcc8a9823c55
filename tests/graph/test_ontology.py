"""The litkg ontology: every term of the DefinedNamespace declared, labelled, aligned, and loaded by build."""
from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from litkg.extract.identifiers import ONTOLOGY_GRAPH
from litkg.graph.namespace import LITKG
from litkg.graph.ontology import ONTOLOGY_FILE, ontology_quads
from litkg.graph.store import GraphStore

NS = str(LITKG._NS)


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")


def namespace_terms() -> set[str]:
    return {NS + name for name in LITKG.__annotations__}


def test_namespace_and_ontology_declare_the_same_terms(onto):
    declared = {str(s) for s in onto.subjects(RDF.type, None) if str(s).startswith(NS)}
    assert declared == namespace_terms()


def test_every_term_has_a_label_comment_and_kind(onto):
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
    for iri in namespace_terms():
        t = rdflib.URIRef(iri)
        assert set(onto.objects(t, RDF.type)) & kinds, iri
        assert onto.value(t, RDFS.label), iri
        assert len(str(onto.value(t, RDFS.comment) or "")) > 10, iri


def test_defined_namespace_fails_on_unknown_terms():
    assert LITKG.Mention == rdflib.URIRef(NS + "Mention")
    with pytest.raises(AttributeError):
        LITKG.NoSuchTerm  # noqa: B018


def test_aligned_to_standard_vocabularies(onto):
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    prov = rdflib.Namespace("http://www.w3.org/ns/prov#")
    skos = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
    assert (LITKG.Mention, RDFS.subClassOf, oa.Annotation) in onto
    assert (LITKG.Run, RDFS.subClassOf, prov.Activity) in onto
    assert (LITKG.Candidate, RDFS.subClassOf, skos.Concept) in onto
    assert (LITKG.mentionsConcept, RDFS.subPropertyOf, rdflib.URIRef("https://schema.org/mentions")) in onto


def test_every_litkg_term_the_build_uses_is_declared(seed_out):
    store = GraphStore(seed_out / "store", read_only=True)
    used = set()
    for q in store.oxigraph.quads_for_pattern(None, None, None, None):
        for term in (q.predicate, q.object):
            if hasattr(term, "value") and str(term.value).startswith(NS):
                used.add(term.value)
    assert used and used <= namespace_terms()


def test_build_loads_the_ontology_into_its_own_graph(seed_out):
    store = GraphStore(seed_out / "store", read_only=True)
    assert ONTOLOGY_GRAPH in store.graph_names()
    n = sum(1 for _ in store.oxigraph.quads_for_pattern(None, None, None, rdflib_node(ONTOLOGY_GRAPH)))
    assert n == len(list(ontology_quads())) > 100


def rdflib_node(iri: str):
    import pyoxigraph as ox

    return ox.NamedNode(iri)
