"""Every IRI litkg mints, in one place: the base IRIs and the functions that make identifiers.

Extraction (concept, candidate and organisation IRIs) and graph building
(papers, named graphs, annotations, findings, places, runs) both take their
identifiers from here, so that papers processed apart link up through the
same IRIs. Pure functions of their inputs: no clock, no randomness, no
spaCy, no RDF library.

Standard vocabularies (RDF, SKOS, DCTERMS, PROV, XSD, schema.org ...) are not
minted here: :mod:`litkg.graph.namespace` takes them from rdflib's checked
namespaces.
"""
from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

BASE = "https://w3id.org/litkg/"
"""The root of every IRI litkg mints (a w3id.org permanent identifier)."""

ONTOLOGY = BASE + "ontology#"
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

# Identifiers of the outside world that papers, authors and places link to.
DOI = "https://doi.org/"
PUBMED = "https://pubmed.ncbi.nlm.nih.gov/"
ORCID = "https://orcid.org/"
GEONAMES = "https://sws.geonames.org/"
WIKIDATA = "http://www.wikidata.org/entity/"
MESH = "http://id.nlm.nih.gov/mesh/"


def digest(*parts: object) -> str:
    """A short, stable hash of ``parts`` (16 hex digits of SHA-1), the local name of hashed IRIs.

    >>> digest("a", 1)
    '6aec555ea0dedb34'
    """
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def concept_iri(type_: str, slug: str) -> str:
    """A vocabulary concept of an entity type.

    >>> concept_iri("platform", "facebook")
    'https://w3id.org/litkg/concept/platform/facebook'
    """
    return f"{CONCEPT}{type_}/{slug}"


def scheme_iri(type_: str) -> str:
    """The SKOS concept scheme of an entity type (``concept:benefit``)."""
    return CONCEPT + type_


def candidate_iri(type_: str, text: str) -> str:
    """A stable IRI for a phrase the vocabulary lacks: type + normalised words.

    >>> candidate_iri("benefit", "Feelings of Group-Belonging")
    'https://w3id.org/litkg/candidate/benefit/feelings-of-group-belonging'
    >>> candidate_iri("population", "adults with psychosis")
    'https://w3id.org/litkg/candidate/population/people-with-psychosis'
    """
    words = re.findall(r"[^\W_]+", text.lower().replace("'s", ""))
    if type_ == "population" and len(words) > 1 and words[1] in ("with", "experiencing", "diagnosed"):
        words = ["people"] + words[1:]
    return f"{CANDIDATE}{type_}/{'-'.join(words)[:120]}"


def is_candidate(iri: str) -> bool:
    """True for a candidate concept (found by the cue rules, missing from the vocabulary).

    >>> is_candidate("https://w3id.org/litkg/candidate/benefit/feeling-heard")
    True
    >>> is_candidate("https://w3id.org/litkg/concept/platform/facebook")
    False
    """
    return iri.startswith(CANDIDATE)


def institution_iri(key: str) -> str:
    """The IRI of an organisational unit from its normalised merge key.

    >>> institution_iri("university of x/department of psychiatry")
    'https://w3id.org/litkg/org/university-of-x/department-of-psychiatry'
    """
    parts = [re.sub(r"[^0-9a-z]+", "-", p.lower()).strip("-") for p in key.split("/")]
    return ORG + "/".join(p for p in parts if p)


def paper_iri(paper_id: str, doi: str | None = None, pmid: str | None = None) -> str:
    """DOI IRI when there is a DOI, else the PubMed IRI, else a hash IRI of the paper id.

    >>> paper_iri("x", doi="10.1/abc")
    'https://doi.org/10.1/abc'
    >>> paper_iri("x", pmid="123")
    'https://pubmed.ncbi.nlm.nih.gov/123'
    """
    if doi:
        return DOI + quote(doi, safe="/:;()._-")
    if pmid:
        return f"{PUBMED}{pmid}"
    return PAPER + digest(paper_id)


def pubmed_iri(pmid: str) -> str:
    """The PubMed page of a PMID."""
    return f"{PUBMED}{pmid}"


def orcid_iri(orcid: str) -> str:
    """The ORCID IRI of an author identifier (``0000-0002-...``)."""
    return ORCID + orcid


def graph_iri(paper_id: str) -> str:
    """The named graph that holds everything said about one paper."""
    return GRAPH + "paper/" + quote(paper_id, safe="")


def field_iri(paper_id: str, field: str) -> str:
    """A text field (``title``, ``abstract``, ``affiliation[0]`` ...) of a paper."""
    return graph_iri(paper_id) + "/field/" + quote(field, safe="")


def sentence_iri(paper_id: str, field: str, start: int, end: int) -> str:
    """A sentence of a text field, by its character offsets."""
    return f"{field_iri(paper_id, field)}/sentence/{start}-{end}"


def author_iri(paper_id: str, position: int) -> str:
    """The author at ``position`` (1-based) of a paper's author list."""
    return graph_iri(paper_id) + f"/author/{position}"


def annotation_iri(paper_id: str, field: str, start: int, end: int, type_: str, concept: str) -> str:
    """One mention of a concept at a place in a paper (an ``oa:Annotation``)."""
    return ANNOTATION + digest(paper_id, field, start, end, type_, concept)


def finding_iri(paper_id: str, *key: object) -> str:
    """A platform-effect finding of a paper, hashed from what identifies it."""
    return FINDING + digest(paper_id, *key)


def run_iri(software_version: str, vocabulary_version: str) -> str:
    """A run is identified by what produced the graph: software and vocabulary versions."""
    return RUN + digest(software_version, vocabulary_version)


def place_iri(country_code: str | None, region_code: str | None = None, city: str | None = None,
              geonames_id: int | str | None = None) -> str | None:
    """The most specific place known: a GeoNames city, else a litkg city, region or country IRI.

    >>> place_iri("GB", city="Milton Keynes")
    'https://w3id.org/litkg/place/gb/milton-keynes'
    >>> place_iri("US", region_code="US-CA")
    'https://w3id.org/litkg/place/us-ca'
    """
    if geonames_id:
        return f"{GEONAMES}{geonames_id}/"
    if city and country_code:
        return PLACE + f"{country_code.lower()}/{quote(city.lower().replace(' ', '-'), safe='')}"
    if region_code:
        return PLACE + region_code.lower()
    if country_code:
        return PLACE + country_code.lower()
    return None


def region_iri(code: str) -> str:
    """A country (ISO 3166-1) or region (ISO 3166-2) by its code."""
    return PLACE + code.lower()
