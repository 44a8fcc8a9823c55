"""Analysis fixtures: a hand-made store (three papers, every case written out) and the real domain store."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from litkg.extract.identifiers import CANDIDATE, CONCEPT, ORG, PLACE
from litkg.graph.namespace import LITKG, OA, SCHEMA
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


@pytest.fixture(scope="module")
def domain(domain_store_dir) -> GraphStore:
    """The store of the 154 real abstracts of ``corpus/domain``."""
    return GraphStore(domain_store_dir, read_only=True)
