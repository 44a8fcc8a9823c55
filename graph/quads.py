"""Records + extractions → RDF quads: one named graph per paper, deterministic IRIs, pure functions.

Nothing here touches a store or the clock: the same extraction always gives
the same quads. :func:`paper_nquads` writes a paper's graph as N-Quads lines
directly (no RDF term object per quad: the fast path ``litkg build`` bulk-loads);
:func:`paper_quads` gives the same quads, in the same order, as pyoxigraph
terms. Terms come from checked namespaces (:data:`litkg.graph.namespace.OX`);
IRIs are minted by :mod:`litkg.extract.identifiers`. :func:`to_rdflib` turns
quads into an ``rdflib.Dataset`` where that is handier. No spaCy is imported here.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

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


class _Terms:
    """The N-Quads forms (``<iri>``) of a namespace's terms, cached: ``T.rdf.type`` is ``"<http://...#type>"``."""

    def __init__(self, nodes) -> None:
        self._nodes = nodes

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        text = f"<{getattr(self._nodes, name).value}>"
        setattr(self, name, text)
        return text


_T_RDF, _T_DCT, _T_SKOS, _T_PROV, _T_OWL = (_Terms(n) for n in (RDF, DCT, SKOS, PROV, OWL))
_T_OA, _T_SCHEMA, _T_PRISM, _T_FABIO, _T_LITKG = (_Terms(n) for n in (OA, SCHEMA, PRISM, FABIO, LITKG))
_NQ_TRUE = f'"true"^^<{_BOOL.value}>'
_NQ_FALSE = f'"false"^^<{_BOOL.value}>'
_NQ_INT = f'"^^<{_INT.value}>'


def _iri(iri: str) -> str:
    """An IRI in N-Quads (checked when the lines are parsed or bulk-loaded)."""
    return f"<{iri}>"


def _lit(value: object, lang: str | None = None) -> str:
    """A literal in N-Quads, the same term :func:`lit` makes: booleans and ints typed, strings plain or tagged."""
    if isinstance(value, bool):
        return _NQ_TRUE if value else _NQ_FALSE
    if isinstance(value, int):
        return f'"{value}{_NQ_INT}'
    text = str(value)
    if "\\" in text or '"' in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lang:
        return f'"{text}"@{lang.lower()}'
    return f'"{text}"'


def paper_quads(ex: PaperExtraction, run: str) -> list[ox.Quad]:
    """All quads of one paper's named graph (the terms of :func:`paper_nquads`, in the same order).

    Args:
        ex: The paper and what was extracted from it.
        run: IRI of the run (``prov:wasGeneratedBy`` of every annotation).
    """
    return list(ox.parse("".join(paper_nquads(ex, run)), format=ox.RdfFormat.N_QUADS))


def paper_nquads(ex: PaperExtraction, run: str) -> list[str]:
    """All quads of one paper's named graph as N-Quads lines, without repeats, in a fixed order.

    Text is built directly (no RDF term objects per quad): the fast path of
    ``litkg build``, whose workers send these lines to the store's bulk loader.
    :func:`paper_quads` gives the same quads as pyoxigraph terms.
    """
    paper = ex.paper
    g = f" <{graph_iri(paper)}> .\n"
    out: list[str] = []
    append = out.append

    def add(s: str, p: str, o: str) -> None:
        append(f"{s} {p} {o}{g}")

    RDF_, DCT_, SKOS_, PROV_, OWL_ = _T_RDF, _T_DCT, _T_SKOS, _T_PROV, _T_OWL
    OA_, SCHEMA_, PRISM_, FABIO_, LITKG_ = _T_OA, _T_SCHEMA, _T_PRISM, _T_FABIO, _T_LITKG
    a_type = RDF_.type
    run_node = _iri(run)
    fields: dict[str, str] = {}
    p = _iri(paper_iri(paper))
    add(p, a_type, SCHEMA_.ScholarlyArticle)
    add(p, a_type, FABIO_.JournalArticle)
    add(p, DCT_.identifier, _lit(paper.id))
    if paper.title:
        add(p, DCT_.title, _lit(paper.title, paper.language))
    if paper.doi:
        add(p, PRISM_.doi, _lit(paper.doi))
    if paper.pmid:
        add(p, FABIO_.hasPubMedId, _lit(paper.pmid))
        if paper.doi:
            add(p, OWL_.sameAs, _iri(ids.pubmed_iri(paper.pmid)))
    if paper.pmcid:
        add(p, FABIO_.hasPubMedCentralId, _lit(paper.pmcid))
    if paper.journal:
        add(p, PRISM_.publicationName, _lit(paper.journal))
    if paper.date:
        add(p, DCT_.date, _lit(paper.date))
    if paper.year:
        add(p, LITKG_.year, _lit(paper.year))
    for key, pred in (("volume", PRISM_.volume), ("issue", PRISM_.issueIdentifier), ("pages", PRISM_.pageRange),
                      ("epub_date", PRISM_.publicationDate)):
        val = getattr(paper, key)
        if val:
            add(p, pred, _lit(val))
    add(p, DCT_.language, _lit(paper.language))
    for kw in paper.keywords:
        add(p, SCHEMA_.keywords, _lit(kw))
    for mh in paper.mesh:
        add(p, DCT_.subject, _lit(mh))
    if paper.source:
        add(p, LITKG_.sourceRecord, _lit(f"{paper.source}#{paper.record}" if paper.record else paper.source))
    for i, author in enumerate(paper.authors):
        a = _iri(ids.author_iri(paper.id, i + 1))
        add(p, SCHEMA_.author, a)
        add(a, a_type, SCHEMA_.Person)
        add(a, SCHEMA_.name, _lit(author.name))
        add(a, SCHEMA_.position, _lit(i + 1))
        if author.orcid:
            add(a, OWL_.sameAs, _iri(ids.orcid_iri(author.orcid)))
        for ai in author.affiliations:
            add(a, LITKG_.rawAffiliation, _lit(paper.affiliations[ai]))

    # text fields, so that every selector can be checked against its source in SPARQL
    fields_used = {m.field for m in ex.mentions} | {f for f, _, _ in paper.text_fields() if f in ("title", "abstract")}
    for field in sorted(fields_used):
        f = _iri(ids.field_iri(paper.id, field))
        text = paper.field_text(field)
        lang = field[len("translation["):-1] if field.startswith("translation[") else (
            "en" if field.startswith("affiliation[") else paper.language)
        add(p, LITKG_.textField, f)
        add(f, a_type, LITKG_.TextField)
        add(f, LITKG_.fieldName, _lit(field))
        add(f, RDF_.value, _lit(text, lang))
        add(f, DCT_.isPartOf, p)

    seen_sent: set[tuple[str, int]] = set()
    for m in ex.mentions:
        a_iri = annotation_iri(paper, m)
        a = _iri(a_iri)
        concept = _iri(m.concept)
        f = fields.get(m.field) or fields.setdefault(m.field, _iri(ids.field_iri(paper.id, m.field)))
        add(a, a_type, OA_.Annotation)
        add(a, a_type, LITKG_.Mention)
        add(a, OA_.motivatedBy, OA_.identifying)
        add(a, OA_.hasBody, concept)
        add(a, LITKG_.entityType, _lit(m.type))
        add(a, LITKG_.inPaper, p)
        add(a, LITKG_.hedged, _lit(m.hedged))
        add(a, LITKG_.negated, _lit(m.negated))
        add(a, DCT_.language, _lit(m.lang))
        add(a, PROV_.wasGeneratedBy, run_node)
        t = _iri(a_iri + "#target")
        add(a, OA_.hasTarget, t)
        add(t, a_type, OA_.SpecificResource)
        add(t, OA_.hasSource, f)
        qs, ps = _iri(a_iri + "#quote"), _iri(a_iri + "#position")
        add(t, OA_.hasSelector, qs)
        add(t, OA_.hasSelector, ps)
        text = paper.field_text(m.field)
        add(qs, a_type, OA_.TextQuoteSelector)
        add(qs, OA_.exact, _lit(m.text))
        add(qs, OA_.prefix, _lit(text[max(0, m.start - QUOTE_CONTEXT):m.start]))
        add(qs, OA_.suffix, _lit(text[m.end:m.end + QUOTE_CONTEXT]))
        add(ps, a_type, OA_.TextPositionSelector)
        add(ps, OA_.start, _lit(m.start))
        add(ps, OA_.end, _lit(m.end))
        s = _iri(ids.sentence_iri(paper.id, m.field, m.sentence_start, m.sentence_end))
        add(a, LITKG_.sentence, s)
        if (m.field, m.sentence_start) not in seen_sent:
            seen_sent.add((m.field, m.sentence_start))
            add(s, a_type, LITKG_.Sentence)
            add(s, LITKG_.inField, f)
            add(s, RDF_.value, _lit(m.sentence))
            add(s, LITKG_.start, _lit(m.sentence_start))
            add(s, LITKG_.end, _lit(m.sentence_end))
        if m.type == "institution":
            add(p, LITKG_.affiliatedInstitution, concept)
            _institution_lines(ex, m, add)  # repeats of one unit add its other raw strings
        else:
            add(p, LITKG_.mentionsConcept, concept)
            if m.candidate:
                add(concept, a_type, SKOS_.Concept)
                add(concept, a_type, LITKG_.Candidate)
                add(concept, SKOS_.inScheme, _iri(ids.scheme_iri(m.type)))
                # one prefLabel per IRI whatever the paper (SHACL: unique per language): the IRI's words;
                # the surface form, when it differs, is an altLabel
                pref = candidate_label(m.concept)
                surface = m.text.lower() if not m.text.isupper() else m.text
                add(concept, SKOS_.prefLabel, _lit(pref, m.lang))
                if surface != pref:
                    add(concept, SKOS_.altLabel, _lit(surface, m.lang))

    for fi in ex.findings:
        fid = _iri(ids.finding_iri(paper.id, fi.kind, fi.platform.concept, fi.effect.concept, fi.effect.field,
                                   fi.effect.sentence_start))
        sent = _iri(ids.sentence_iri(paper.id, fi.effect.field, fi.effect.sentence_start, fi.effect.sentence_end))
        add(fid, a_type, LITKG_.Finding)
        add(fid, LITKG_.findingType, _lit(fi.kind))
        add(fid, LITKG_.platform, _iri(fi.platform.concept))
        add(fid, LITKG_.effect, _iri(fi.effect.concept))
        for pop in fi.populations:
            add(fid, LITKG_.population, _iri(pop.concept))
        add(fid, LITKG_.hedged, _lit(fi.hedged))
        add(fid, LITKG_.evidence, sent)
        add(fid, LITKG_.inPaper, p)
        add(fid, PROV_.wasDerivedFrom, _iri(annotation_iri(paper, fi.platform)))
        add(fid, PROV_.wasDerivedFrom, _iri(annotation_iri(paper, fi.effect)))
        add(fid, PROV_.wasGeneratedBy, run_node)
    return list(dict.fromkeys(out))


def _institution_lines(ex: PaperExtraction, m: Mention, add: Callable[[str, str, str], None]) -> None:
    """An organisational unit: its name, kind, raw string, parent unit and place.

    Uses the affiliation parse made during extraction (``ex.affiliations``), found by the unit's offsets.
    """
    org = _iri(m.concept)
    add(org, _T_RDF.type, _T_SCHEMA.Organization)
    add(org, _T_SCHEMA.name, _lit(m.text))
    if m.unit_kind:
        add(org, _T_LITKG.unitKind, _lit(m.unit_kind))
    add(org, _T_LITKG.rawAffiliation, _lit(ex.paper.field_text(m.field)))
    index = int(m.field[len("affiliation["):-1])
    parts = ex.affiliations[index] if index < len(ex.affiliations) else []
    for parsed in parts:
        units = parsed.units
        for k, u in enumerate(units):
            if (u.start, u.end) != (m.start, m.end):
                continue
            if k + 1 < len(units):
                add(org, _T_SCHEMA.parentOrganization, _iri(ids.institution_iri(units[k + 1].key)))
            place = _place_iri(parsed)
            if place:
                add(org, _T_SCHEMA.location, _iri(place))
                _place_lines(parsed, add)


def _place_iri(parsed) -> str | None:
    return ids.place_iri(parsed.country_code, parsed.region_code, parsed.city, parsed.city_geonames_id)


def _place_lines(parsed, add: Callable[[str, str, str], None]) -> None:
    a_type, SCHEMA_ = _T_RDF.type, _T_SCHEMA
    code = parsed.country_code
    country = _iri(ids.region_iri(code)) if code else None
    if country is not None:
        add(country, a_type, SCHEMA_.Country)
        add(country, SCHEMA_.name, _lit(parsed.country or code))
        add(country, SCHEMA_.identifier, _lit(code))
    region = None
    if parsed.region_code:
        region = _iri(ids.region_iri(parsed.region_code))
        add(region, a_type, SCHEMA_.AdministrativeArea)
        add(region, SCHEMA_.name, _lit(parsed.region or parsed.region_code))
        add(region, SCHEMA_.identifier, _lit(parsed.region_code))
        if country is not None:
            add(region, SCHEMA_.containedInPlace, country)
    city_iri = _place_iri(parsed)
    if parsed.city and city_iri:
        city = _iri(city_iri)
        add(city, a_type, SCHEMA_.City)
        add(city, SCHEMA_.name, _lit(parsed.city))
        parent = region if region is not None else country
        if parent is not None:
            add(city, SCHEMA_.containedInPlace, parent)
        if code:
            add(city, SCHEMA_.addressCountry, _lit(code))


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
