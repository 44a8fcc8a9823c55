"""The project vocabulary (litkg ontology terms) and the other namespaces the graph uses."""
from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

BASE = "https://w3id.org/litkg/"


class LITKG(DefinedNamespace):
    """litkg's own classes and properties (declared in ``graph/ontology/litkg.ttl``)."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

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


OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
PRISM = Namespace("http://prismstandard.org/namespaces/basic/2.0/")
FABIO = Namespace("http://purl.org/spar/fabio/")
GEONAMES = Namespace("https://sws.geonames.org/")

CONCEPT = BASE + "concept/"
CANDIDATE = BASE + "candidate/"
PAPER = BASE + "paper/"
GRAPH = BASE + "graph/"
ANNOTATION = BASE + "annotation/"
FINDING = BASE + "finding/"
ORG = BASE + "org/"
PLACE = BASE + "place/"
RUN = BASE + "run/"
VOCABULARY_GRAPH = GRAPH + "vocabulary"
ONTOLOGY_GRAPH = GRAPH + "ontology"
RUN_GRAPH = GRAPH + "runs"

PREFIXES = {
    "litkg": str(LITKG._NS), "oa": str(OA), "schema": str(SCHEMA), "prism": str(PRISM), "fabio": str(FABIO),
    "skos": "http://www.w3.org/2004/02/skos/core#", "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#", "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "concept": CONCEPT, "candidate": CANDIDATE,
    "wd": "http://www.wikidata.org/entity/", "mesh": "http://id.nlm.nih.gov/mesh/", "gn": str(GEONAMES),
}
