"""Records + extractions → RDF quads: one named graph per paper, deterministic IRIs, pure functions.

Nothing here touches a store or the clock: the same extraction always gives
the same quads. Terms are pyoxigraph terms (fast to build and bulk-load),
taken from checked namespaces (:data:`litkg.graph.namespace.OX`); IRIs are
minted by :mod:`litkg.extract.identifiers`. :func:`to_rdflib` turns quads into
an ``rdflib.Dataset`` where that is handier. No spaCy is imported here.
"""
from __future__ import annotations

from typing import Iterable, Iterator

import pyoxigraph as ox

from litkg.extract import identifiers as ids
from litkg.extract.records import Paper
from litkg.extract.results import Mention, PaperExtraction
from litkg.extract.vocabulary import Vocabulary
from litkg.graph.namespace import OX

RDF, DCT, SKOS, PROV, OWL, XSD = OX.rdf, OX.dcterms, OX.skos, OX.prov, OX.owl, OX.xsd
OA, SCHEMA, PRISM, FABIO, LITKG = OX.oa, OX.schema, OX.prism, OX.fabio, OX.litkg
_BOOL, _INT = XSD.boolean, XSD.integer
_TRUE, _FALSE = ox.Literal("true", datatype=_BOOL), ox.Literal("false", datatype=_BOOL)
QUOTE_CONTEXT = 32


def N(iri: object) -> ox.NamedNode:
    """A named node from a string, rdflib URIRef or pyoxigraph NamedNode."""
    if isinstance(iri, ox.NamedNode):
        return iri
    return ox.NamedNode(str(iri))


def lit(value: object, lang: str | None = None) -> ox.Literal:
    """A literal: booleans and ints typed, strings plain or language-tagged."""
    if isinstance(value, bool):
        return _TRUE if value else _FALSE
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_INT)
    if lang:
        return ox.Literal(str(value), language=lang)
    return ox.Literal(str(value))


def paper_iri(paper: Paper) -> str:
    """DOI IRI when there is a DOI, else the PubMed IRI, else a hash IRI of the paper id."""
    return ids.paper_iri(paper.id, paper.doi, paper.pmid)


def graph_iri(paper: Paper) -> str:
    """The named graph that holds everything said about one paper."""
    return ids.graph_iri(paper.id)


def annotation_iri(paper: Paper, m: Mention) -> str:
    """The ``oa:Annotation`` of one mention."""
    return ids.annotation_iri(paper.id, m.field, m.start, m.end, m.type, m.concept)


def candidate_label(iri: str) -> str:
    """The preferred label of a candidate concept: the words of its IRI (``.../benefit/peer-support`` → ``peer support``)."""
    from urllib.parse import unquote

    return unquote(iri.rstrip("/").rsplit("/", 1)[-1]).replace("-", " ")


def paper_quads(ex: PaperExtraction, run: str) -> list[ox.Quad]:
    """All quads of one paper's named graph.

    Args:
        ex: The paper and what was extracted from it.
        run: IRI of the run (``prov:wasGeneratedBy`` of every annotation).
    """
    paper = ex.paper
    g = N(graph_iri(paper))
    out: list[ox.Quad] = []
    Quad = ox.Quad

    def add(s: ox.NamedNode | ox.BlankNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        out.append(Quad(s, p, o, g))

    run_node = N(run)
    fields: dict[str, ox.NamedNode] = {}
    p = N(paper_iri(paper))
    add(p, RDF.type, SCHEMA.ScholarlyArticle)
    add(p, RDF.type, FABIO.JournalArticle)
    add(p, DCT.identifier, lit(paper.id))
    if paper.title:
        add(p, DCT.title, lit(paper.title, paper.language))
    if paper.doi:
        add(p, PRISM.doi, lit(paper.doi))
    if paper.pmid:
        add(p, FABIO.hasPubMedId, lit(paper.pmid))
        if paper.doi:
            add(p, OWL.sameAs, N(ids.pubmed_iri(paper.pmid)))
    if paper.pmcid:
        add(p, FABIO.hasPubMedCentralId, lit(paper.pmcid))
    if paper.journal:
        add(p, PRISM.publicationName, lit(paper.journal))
    if paper.date:
        add(p, DCT.date, lit(paper.date))
    if paper.year:
        add(p, LITKG.year, lit(paper.year))
    for key, pred in (("volume", PRISM.volume), ("issue", PRISM.issueIdentifier), ("pages", PRISM.pageRange),
                      ("epub_date", PRISM.publicationDate)):
        val = getattr(paper, key)
        if val:
            add(p, pred, lit(val))
    add(p, DCT.language, lit(paper.language))
    for kw in paper.keywords:
        add(p, SCHEMA.keywords, lit(kw))
    for mh in paper.mesh:
        add(p, DCT.subject, lit(mh))
    if paper.source:
        add(p, LITKG.sourceRecord, lit(f"{paper.source}#{paper.record}" if paper.record else paper.source))
    for i, author in enumerate(paper.authors):
        a = N(ids.author_iri(paper.id, i + 1))
        add(p, SCHEMA.author, a)
        add(a, RDF.type, SCHEMA.Person)
        add(a, SCHEMA.name, lit(author.name))
        add(a, SCHEMA.position, lit(i + 1))
        if author.orcid:
            add(a, OWL.sameAs, N(ids.orcid_iri(author.orcid)))
        for ai in author.affiliations:
            add(a, LITKG.rawAffiliation, lit(paper.affiliations[ai]))

    # text fields, so that every selector can be checked against its source in SPARQL
    fields_used = {m.field for m in ex.mentions} | {f for f, _, _ in paper.text_fields() if f in ("title", "abstract")}
    for field in sorted(fields_used):
        f = N(ids.field_iri(paper.id, field))
        text = paper.field_text(field)
        lang = field[len("translation["):-1] if field.startswith("translation[") else (
            "en" if field.startswith("affiliation[") else paper.language)
        add(p, LITKG.textField, f)
        add(f, RDF.type, LITKG.TextField)
        add(f, LITKG.fieldName, lit(field))
        add(f, RDF.value, lit(text, lang))
        add(f, DCT.isPartOf, p)

    seen_sent: set[tuple[str, int]] = set()
    for m in ex.mentions:
        a = N(annotation_iri(paper, m))
        concept = N(m.concept)
        f = fields.get(m.field) or fields.setdefault(m.field, N(ids.field_iri(paper.id, m.field)))
        add(a, RDF.type, OA.Annotation)
        add(a, RDF.type, LITKG.Mention)
        add(a, OA.motivatedBy, OA.identifying)
        add(a, OA.hasBody, concept)
        add(a, LITKG.entityType, lit(m.type))
        add(a, LITKG.inPaper, p)
        add(a, LITKG.hedged, lit(m.hedged))
        add(a, LITKG.negated, lit(m.negated))
        add(a, DCT.language, lit(m.lang))
        add(a, PROV.wasGeneratedBy, run_node)
        t = N(a.value + "#target")
        add(a, OA.hasTarget, t)
        add(t, RDF.type, OA.SpecificResource)
        add(t, OA.hasSource, f)
        qs, ps = N(a.value + "#quote"), N(a.value + "#position")
        add(t, OA.hasSelector, qs)
        add(t, OA.hasSelector, ps)
        text = paper.field_text(m.field)
        add(qs, RDF.type, OA.TextQuoteSelector)
        add(qs, OA.exact, lit(m.text))
        add(qs, OA.prefix, lit(text[max(0, m.start - QUOTE_CONTEXT):m.start]))
        add(qs, OA.suffix, lit(text[m.end:m.end + QUOTE_CONTEXT]))
        add(ps, RDF.type, OA.TextPositionSelector)
        add(ps, OA.start, lit(m.start))
        add(ps, OA.end, lit(m.end))
        s = N(ids.sentence_iri(paper.id, m.field, m.sentence_start, m.sentence_end))
        add(a, LITKG.sentence, s)
        if (m.field, m.sentence_start) not in seen_sent:
            seen_sent.add((m.field, m.sentence_start))
            add(s, RDF.type, LITKG.Sentence)
            add(s, LITKG.inField, f)
            add(s, RDF.value, lit(m.sentence))
            add(s, LITKG.start, lit(m.sentence_start))
            add(s, LITKG.end, lit(m.sentence_end))
        if m.type == "institution":
            add(p, LITKG.affiliatedInstitution, concept)
            out.extend(_institution_quads(ex, m, g))  # repeats of one unit add its other raw strings
        else:
            add(p, LITKG.mentionsConcept, concept)
            if m.candidate:
                add(concept, RDF.type, SKOS.Concept)
                add(concept, RDF.type, LITKG.Candidate)
                add(concept, SKOS.inScheme, N(ids.scheme_iri(m.type)))
                # one prefLabel per IRI whatever the paper (SHACL: unique per language): the IRI's words;
                # the surface form, when it differs, is an altLabel
                pref = candidate_label(m.concept)
                surface = m.text.lower() if not m.text.isupper() else m.text
                add(concept, SKOS.prefLabel, lit(pref, m.lang))
                if surface != pref:
                    add(concept, SKOS.altLabel, lit(surface, m.lang))

    for fi in ex.findings:
        fid = N(ids.finding_iri(paper.id, fi.kind, fi.platform.concept, fi.effect.concept, fi.effect.field,
                                fi.effect.sentence_start))
        sent = N(ids.sentence_iri(paper.id, fi.effect.field, fi.effect.sentence_start, fi.effect.sentence_end))
        add(fid, RDF.type, LITKG.Finding)
        add(fid, LITKG.findingType, lit(fi.kind))
        add(fid, LITKG.platform, N(fi.platform.concept))
        add(fid, LITKG.effect, N(fi.effect.concept))
        for pop in fi.populations:
            add(fid, LITKG.population, N(pop.concept))
        add(fid, LITKG.hedged, lit(fi.hedged))
        add(fid, LITKG.evidence, sent)
        add(fid, LITKG.inPaper, p)
        add(fid, PROV.wasDerivedFrom, N(annotation_iri(paper, fi.platform)))
        add(fid, PROV.wasDerivedFrom, N(annotation_iri(paper, fi.effect)))
        add(fid, PROV.wasGeneratedBy, run_node)
    return _dedupe(out)


def _institution_quads(ex: PaperExtraction, m: Mention, g: ox.NamedNode) -> list[ox.Quad]:
    """An organisational unit: its name, kind, raw string, parent unit and place.

    Uses the affiliation parse made during extraction (``ex.affiliations``), found by the unit's offsets.
    """
    out: list[ox.Quad] = []
    org = N(m.concept)

    def add(s, p, o) -> None:
        out.append(ox.Quad(s, p, o, g))

    add(org, RDF.type, SCHEMA.Organization)
    add(org, SCHEMA.name, lit(m.text))
    if m.unit_kind:
        add(org, LITKG.unitKind, lit(m.unit_kind))
    add(org, LITKG.rawAffiliation, lit(ex.paper.field_text(m.field)))
    index = int(m.field[len("affiliation["):-1])
    parts = ex.affiliations[index] if index < len(ex.affiliations) else []
    for parsed in parts:
        units = parsed.units
        for k, u in enumerate(units):
            if (u.start, u.end) != (m.start, m.end):
                continue
            if k + 1 < len(units):
                add(org, SCHEMA.parentOrganization, N(ids.institution_iri(units[k + 1].key)))
            place = _place_iri(parsed)
            if place:
                add(org, SCHEMA.location, N(place))
                out.extend(_place_quads(parsed, g))
    return out


def _place_iri(parsed) -> str | None:
    return ids.place_iri(parsed.country_code, parsed.region_code, parsed.city, parsed.city_geonames_id)


def _place_quads(parsed, g: ox.NamedNode) -> list[ox.Quad]:
    out: list[ox.Quad] = []

    def add(s, p, o) -> None:
        out.append(ox.Quad(s, p, o, g))

    code = parsed.country_code
    country = N(ids.region_iri(code)) if code else None
    if country is not None:
        add(country, RDF.type, SCHEMA.Country)
        add(country, SCHEMA.name, lit(parsed.country or code))
        add(country, SCHEMA.identifier, lit(code))
    region = None
    if parsed.region_code:
        region = N(ids.region_iri(parsed.region_code))
        add(region, RDF.type, SCHEMA.AdministrativeArea)
        add(region, SCHEMA.name, lit(parsed.region or parsed.region_code))
        add(region, SCHEMA.identifier, lit(parsed.region_code))
        if country is not None:
            add(region, SCHEMA.containedInPlace, country)
    city_iri = _place_iri(parsed)
    if parsed.city and city_iri:
        city = N(city_iri)
        add(city, RDF.type, SCHEMA.City)
        add(city, SCHEMA.name, lit(parsed.city))
        parent = region if region is not None else country
        if parent is not None:
            add(city, SCHEMA.containedInPlace, parent)
        if code:
            add(city, SCHEMA.addressCountry, lit(code))
    return out


def _dedupe(quads: list[ox.Quad]) -> list[ox.Quad]:
    seen: set[ox.Quad] = set()
    out = []
    for q in quads:
        if q not in seen:
            seen.add(q)
            out.append(q)
    return out


def vocabulary_quads(vocabulary: Vocabulary) -> Iterator[ox.Quad]:
    """The SKOS vocabulary files as quads of the vocabulary graph."""
    g = N(ids.VOCABULARY_GRAPH)
    for f in vocabulary.files:
        for t in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE):
            yield ox.Quad(t.subject, t.predicate, t.object, g)


def run_quads(run: str, software_version: str, vocabulary_version: str, inputs: Iterable[str],
              started: str, ended: str) -> list[ox.Quad]:
    """The run record (a ``prov:Activity``) in the runs graph. Not pure: carries times."""
    g = N(ids.RUN_GRAPH)
    r = N(run)
    out = [
        ox.Quad(r, RDF.type, PROV.Activity, g),
        ox.Quad(r, RDF.type, LITKG.Run, g),
        ox.Quad(r, LITKG.softwareVersion, lit(software_version), g),
        ox.Quad(r, LITKG.vocabularyVersion, lit(vocabulary_version), g),
        ox.Quad(r, PROV.startedAtTime, ox.Literal(started, datatype=XSD.dateTime), g),
        ox.Quad(r, PROV.endedAtTime, ox.Literal(ended, datatype=XSD.dateTime), g),
    ]
    for i in sorted(set(inputs)):
        out.append(ox.Quad(r, LITKG.inputFile, lit(i), g))
    return out


def to_rdflib(quads: Iterable[ox.Quad]):
    """Convert pyoxigraph quads into an ``rdflib.Dataset`` (via N-Quads)."""
    import rdflib

    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    ds = rdflib.Dataset()
    ds.parse(data=data.decode("utf-8"), format="nquads")
    return ds
