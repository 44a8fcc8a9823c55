"""The namespaces the graph uses: litkg's ontology terms, the standard vocabularies, and checked pyoxigraph terms.

Standard vocabularies come from rdflib's checked namespaces (``RDF``, ``RDFS``,
``OWL``, ``SKOS``, ``DCTERMS``, ``PROV``, ``XSD``, schema.org as ``SCHEMA``);
the Web Annotation model, PRISM and FaBiO, which rdflib lacks, are declared
here with the terms litkg uses. :class:`Nodes` turns any of them into cached
``pyoxigraph.NamedNode`` terms for graph building, so that a misspelt term
(``DCTERMS.identifer``) fails at once instead of writing a silent bad triple.
Every base IRI litkg mints lives in :mod:`litkg.extract.identifiers`.
"""
from __future__ import annotations

from types import SimpleNamespace

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace, Namespace
from rdflib.term import URIRef

from litkg.extract import identifiers as ids

SCHEMA = SDO


class LITKG(DefinedNamespace):
    """litkg's own classes and properties (declared in ``graph/ontology/litkg.ttl``)."""

    _fail = True
    _NS = Namespace(ids.ONTOLOGY)

    # classes
    Mention: URIRef  # a typed, concept-linked mention (an oa:Annotation)
    Finding: URIRef  # a platform said to bring a benefit or risk, with its evidence sentence
    Candidate: URIRef  # a concept found by the cue rules but missing from the vocabulary
    TextField: URIRef  # a named text field of a paper (title, abstract, affiliation[i], translation[zh])
    Sentence: URIRef  # a sentence of a text field
    Run: URIRef  # one litkg build (a prov:Activity)
    # properties
    entityType: URIRef  # platform | benefit | risk | outcome | population | institution
    mentionsConcept: URIRef  # paper -> concept it mentions (shortcut of the annotations)
    affiliatedInstitution: URIRef  # paper -> organisational unit of one of its affiliations
    textField: URIRef  # paper -> its text fields
    fieldName: URIRef  # name of a text field
    sentence: URIRef  # annotation -> evidence sentence
    inField: URIRef  # sentence -> its text field
    start: URIRef  # character offset (sentence start)
    end: URIRef  # character offset (sentence end)
    hedged: URIRef  # boolean
    negated: URIRef  # boolean
    findingType: URIRef  # benefit | risk
    platform: URIRef  # finding -> platform concept
    effect: URIRef  # finding -> benefit or risk concept
    population: URIRef  # finding -> population concept
    evidence: URIRef  # finding -> sentence
    inPaper: URIRef  # finding / annotation -> paper
    unitKind: URIRef  # department | school | university | ...
    rawAffiliation: URIRef  # an institution's raw affiliation string(s)
    year: URIRef  # publication year (xsd:integer)
    softwareVersion: URIRef
    vocabularyVersion: URIRef
    inputFile: URIRef
    sourceRecord: URIRef  # where in its input file a paper was read


class OA(DefinedNamespace):
    """The W3C Web Annotation vocabulary (the terms litkg uses)."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/oa#")

    Annotation: URIRef
    SpecificResource: URIRef
    TextQuoteSelector: URIRef
    TextPositionSelector: URIRef
    hasBody: URIRef
    hasTarget: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    motivatedBy: URIRef
    identifying: URIRef
    exact: URIRef
    prefix: URIRef
    suffix: URIRef
    start: URIRef
    end: URIRef


class PRISM(DefinedNamespace):
    """PRISM basic 2.0 (the terms litkg uses)."""

    _fail = True
    _NS = Namespace("http://prismstandard.org/namespaces/basic/2.0/")

    doi: URIRef
    issueIdentifier: URIRef
    pageRange: URIRef
    publicationDate: URIRef
    publicationName: URIRef
    volume: URIRef


class FABIO(DefinedNamespace):
    """FaBiO, the FRBR-aligned Bibliographic Ontology (the terms litkg uses)."""

    _fail = True
    _NS = Namespace("http://purl.org/spar/fabio/")

    JournalArticle: URIRef
    hasPubMedId: URIRef
    hasPubMedCentralId: URIRef


class Nodes:
    """Cached ``pyoxigraph.NamedNode`` terms of a checked rdflib namespace.

    Only terms the namespace declares are given; anything else raises ``AttributeError``.

    >>> Nodes(DCTERMS).title
    <NamedNode value=http://purl.org/dc/terms/title>
    >>> Nodes(XSD).integr
    Traceback (most recent call last):
    ...
    AttributeError: http://www.w3.org/2001/XMLSchema# has no term 'integr'
    """

    def __init__(self, namespace: type[DefinedNamespace]) -> None:
        self._namespace = namespace
        self._names = frozenset(getattr(namespace, "__annotations__", {}))

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_") or name not in self._names:
            raise AttributeError(f"{self._namespace} has no term {name!r}")
        node = ox.NamedNode(str(self._namespace[name]))
        setattr(self, name, node)  # later look-ups are plain attribute reads
        return node


OX = SimpleNamespace(
    rdf=Nodes(RDF), rdfs=Nodes(RDFS), owl=Nodes(OWL), xsd=Nodes(XSD), skos=Nodes(SKOS), dcterms=Nodes(DCTERMS),
    prov=Nodes(PROV), schema=Nodes(SDO), oa=Nodes(OA), prism=Nodes(PRISM), fabio=Nodes(FABIO), litkg=Nodes(LITKG))
"""pyoxigraph terms by namespace prefix: ``OX.dcterms.title``, ``OX.litkg.Mention``."""

PREFIXES = {
    "litkg": ids.ONTOLOGY, "oa": str(OA._NS), "schema": str(SDO._NS), "prism": str(PRISM._NS), "fabio": str(FABIO._NS),
    "skos": str(SKOS._NS), "dcterms": str(DCTERMS._NS), "prov": str(PROV._NS), "owl": str(OWL._NS),
    "rdf": str(RDF._NS), "rdfs": str(RDFS._NS), "xsd": str(XSD._NS), "concept": ids.CONCEPT, "candidate": ids.CANDIDATE,
    "wd": ids.WIKIDATA, "mesh": ids.MESH, "gn": ids.GEONAMES,
}
"""The prefixes of SPARQL queries and of the Turtle/TriG the store writes (order kept: it shapes the output)."""

QUERY_PREFIXES = {**PREFIXES, "org": ids.ORG, "place": ids.PLACE, "graphs": ids.GRAPH}
"""The prefixes every query may use: :data:`PREFIXES` plus litkg's organisations, places and named graphs."""
