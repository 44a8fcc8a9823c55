"""PubMed XML (``<PubmedArticleSet>``, efetch or baseline files, gzip allowed).

The file is fed to the parser in chunks and only the element of the record
being read is built (:class:`_RecordBuilder`): each ``<PubmedArticle>`` is turned
into a :class:`Paper` when its end tag is read and then dropped, so memory stays
flat however large the file. A record whose text and markup pass the record
limit (:data:`._limits.MAX_RECORD_BYTES`, counted in characters as they are
parsed) is dropped as it is read and rejected as ``record too large``; a single
tag, comment or declaration longer than the limit (which the parser would have
to hold whole) rejects the rest of the file. Parsing goes through
:mod:`defusedxml`: a file that declares entities (billion laughs, external
entities, parameter entities) is refused with a :class:`Rejected` naming the
file; the ``<!DOCTYPE>`` line that PubMed writes is allowed (its external DTD
is never fetched).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from litkg.extract.readers._io import STREAM_ERRORS, Rejected, broken_stream, open_binary, read_chunk
from litkg.extract.readers._limits import record_limit, too_large
from litkg.extract.readers.fields import AffiliationTable, clean, iso_date, language_code, link_affiliation, orcid
from litkg.extract.records import Author, Paper, make_id, normalize_doi

NAME = "pubmed-xml"

_SNIFF = re.compile(r"<(?:!DOCTYPE\s+)?Pubmed(?:Article|BookArticle)(?:Set)?\b")
_RECORDS = ("PubmedArticle", "PubmedBookArticle")
_CHUNK = 1 << 16
#: Where a record stands in the file: ``Paper.record`` and rejects say ``record N``.
RECORD_UNIT = "record"


def sniff(head: str) -> bool:
    """True when the text starts with XML and names a PubMed article set or article."""
    return head.lstrip().startswith("<") and bool(_SNIFF.search(head))


def _text(el: Element | None) -> str:
    """All text inside ``el`` (inline markup such as ``<i>`` flattened), whitespace collapsed."""
    return clean("".join(el.itertext())) if el is not None else ""


def _abstract(abstract: Element | None) -> str:
    """Join ``AbstractText`` sections as ``LABEL: text`` paragraphs separated by newlines."""
    if abstract is None:
        return ""
    parts = []
    for sec in abstract.findall("AbstractText"):
        text = _text(sec)
        label = (sec.get("Label") or "").strip()
        if label and text:
            parts.append(f"{label}: {text}")
        elif text:
            parts.append(text)
    return "\n".join(parts)


def _author_name(a: Element) -> str:
    collective = a.find("CollectiveName")
    if collective is not None:
        return _text(collective)
    last = _text(a.find("LastName"))
    first = _text(a.find("ForeName")) or _text(a.find("Initials"))
    suffix = _text(a.find("Suffix"))
    name = f"{last}, {first}" if last and first else last or first
    return f"{name} {suffix}" if suffix else name


def _authors(author_list: Element | None, table: AffiliationTable) -> list[Author]:
    authors = []
    for a in author_list.findall("Author") if author_list is not None else []:
        if a.get("ValidYN") == "N":  # a misspelt name kept only as a record of the erratum
            continue
        author = Author(_author_name(a))
        for aff in a.findall("AffiliationInfo/Affiliation"):
            text = _text(aff)
            if text:
                link_affiliation(author, table.add(text))
        for ident in a.findall("Identifier"):
            if (ident.get("Source") or "").upper() == "ORCID":
                author.orcid = orcid(ident.text) or author.orcid
        authors.append(author)
    return authors


def _date(el: Element | None) -> str | None:
    """ISO prefix of a ``PubDate``/``ArticleDate`` (``Year``/``Month``/``Day`` or ``MedlineDate``)."""
    if el is None:
        return None
    md = el.findtext("MedlineDate")
    if md:
        return iso_date(md)
    parts = [el.findtext(t) for t in ("Year", "Month", "Day")]
    return iso_date(" ".join(p.strip() for p in parts if p and p.strip()))


def _paper(rec: Element, path: Path, index: int) -> Paper | Rejected:
    doc = rec.find("MedlineCitation")
    if doc is None:
        doc = rec.find("BookDocument")
    if doc is None:
        return Rejected(str(path), f"record {index}", f"<{rec.tag}> has no MedlineCitation or BookDocument")
    art = doc.find("Article")
    if art is None:  # a book record keeps its parts on the document itself
        art = doc
    title = _text(art.find("ArticleTitle")) or _text(doc.find("Book/BookTitle"))
    abstract = _abstract(art.find("Abstract"))
    if not title and not abstract:
        return Rejected(str(path), f"record {index}", "record has neither a title nor an abstract")
    pmid = (doc.findtext("PMID") or "").strip() or None
    table = AffiliationTable()
    authors = _authors(art.find("AuthorList"), table)
    journal = art.find("Journal")
    issue = journal.find("JournalIssue") if journal is not None else None
    ids = {(i.get("IdType") or ""): (i.text or "").strip() for i in rec.findall("PubmedData/ArticleIdList/ArticleId")}
    ids.update({(i.get("IdType") or ""): (i.text or "").strip() for i in doc.findall("ArticleIdList/ArticleId")
                if i.get("IdType") not in ids})
    eloc = {(e.get("EIdType") or ""): (e.text or "").strip() for e in art.findall("ELocationID")}
    doi_raw = eloc.get("doi") or ids.get("doi")
    doi = normalize_doi(doi_raw) if doi_raw else None
    pages = _text(art.find("Pagination/MedlinePgn"))
    if not pages:
        sp, ep = _text(art.find("Pagination/StartPage")), _text(art.find("Pagination/EndPage"))
        pages = f"{sp}-{ep}" if sp and ep else sp
    epub = next((_date(d) for d in art.findall("ArticleDate") if d.get("DateType", "Electronic") == "Electronic"), None)
    mesh: list[str] = []
    for d in doc.findall("MeshHeadingList/MeshHeading/DescriptorName"):
        name = _text(d)
        if name and name not in mesh:
            mesh.append(name)
    translations = {}
    for other in doc.findall("OtherAbstract"):
        lang = language_code(other.get("Language")) or other.get("Language")
        text = _abstract(other)
        if lang and text and lang != "en":
            translations.setdefault(lang, text)
    extra: dict[str, object] = {}
    langs = [language_code(_text(l)) or _text(l) for l in art.findall("Language")]
    if langs:
        extra["article_language"] = langs
    pub_types = [_text(t) for t in art.findall("PublicationTypeList/PublicationType")]
    if pub_types:
        extra["publication_types"] = pub_types
    journal_title = _text(journal.find("Title")) if journal is not None else ""
    if journal_title:
        extra["journal_title"] = journal_title
    original_title = _text(art.find("VernacularTitle"))
    if original_title:
        extra["original_title"] = original_title
    return Paper(
        id=make_id(doi=doi, pmid=pmid, fallback_text=title + abstract),
        title=title,
        abstract=abstract,
        authors=authors,
        affiliations=table.items,
        journal=(_text(doc.find("MedlineJournalInfo/MedlineTA"))
                 or (_text(journal.find("ISOAbbreviation")) if journal is not None else "")
                 or journal_title
                 or None),
        date=_date(issue.find("PubDate") if issue is not None else doc.find("Book/PubDate")),
        volume=_text(issue.find("Volume")) or None if issue is not None else None,
        issue=_text(issue.find("Issue")) or None if issue is not None else None,
        pages=pages or None,
        doi=doi,
        pmid=pmid,
        pmcid=ids.get("pmc") or None,
        epub_date=epub,
        translations=translations,
        keywords=[k for k in map(_text, doc.findall("KeywordList/Keyword")) if k],
        mesh=mesh,
        source=str(path),
        record=index,
        extra=extra,
    )


class _RecordBuilder:
    """Parser target that builds the element of one record at a time, within the record limit.

    Elements outside records (the article set, ``<DeleteCitation>``...) and the
    text between records are never kept. A record is built with its own
    :class:`TreeBuilder` until its text and markup pass ``limit`` characters;
    then the builder is dropped and the rest of the record only counted.
    Finished records wait in :attr:`ready` as ``(element or None, size)``
    (``None`` for a record too large, ``size`` its bytes in the file).
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.expat: Any = None  # the pyexpat parser, for byte positions
        self.depth = 0
        self.root_tag: str | None = None
        self.ready: list[tuple[Element | None, int]] = []
        self.fed = 0  # bytes fed before the chunk being parsed
        self.last_event = 0  # self.fed at the last callback: a token longer than the limit makes no callback
        self._builder: TreeBuilder | None = None
        self._in_record = False
        self._record_depth = 0
        self._chars = 0
        self._start_at = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        """An element starts: begin a record, or add to the one being built."""
        self.last_event = self.fed
        self.depth += 1
        if self.depth == 1:
            self.root_tag = tag
        if not self._in_record:
            if tag in _RECORDS and (self.depth == 1 or (self.depth == 2 and self.root_tag not in _RECORDS)):
                self._in_record, self._record_depth, self._chars = True, self.depth, 0
                self._start_at = self.expat.CurrentByteIndex
                self._builder = TreeBuilder()
            else:
                return
        self._count(len(tag) + sum(len(k) + len(v) + 4 for k, v in attrib.items()))
        if self._builder is not None:
            self._builder.start(tag, attrib)

    def data(self, text: str) -> None:
        """Text: kept only inside a record within the limit (the parser gives it in pieces of 8 KB at most)."""
        self.last_event = self.fed
        if self._in_record:
            self._count(len(text))
            if self._builder is not None:
                self._builder.data(text)

    def end(self, tag: str) -> None:
        """An element ends: a finished record goes to :attr:`ready`."""
        self.last_event = self.fed
        self.depth -= 1
        if not self._in_record:
            return
        self._count(len(tag) + 3)
        element = self._builder.end(tag) if self._builder is not None else None
        if self.depth < self._record_depth:
            size = self.expat.CurrentByteIndex + len(tag) + 3 - self._start_at
            self.ready.append((element, size))
            self._in_record, self._builder = False, None

    def close(self) -> None:
        """End of the document (nothing to return: records are taken from :attr:`ready`)."""

    def _count(self, n: int) -> None:
        self._chars += n
        if self._chars > self.limit:
            self._builder = None  # drop what was built of this record


def read(path: str | Path) -> Iterator[Paper | Rejected]:
    """Yield the articles of a PubMed XML file as they are parsed.

    Args:
        path: A ``PubmedArticleSet`` XML file, plain or gzipped (UTF-8, or UTF-16
            with a byte-order mark: the raw bytes go to expat, which decodes them).

    Yields:
        One :class:`Paper` per ``<PubmedArticle>`` (or ``<PubmedBookArticle>``).
        A record with neither title nor abstract becomes a :class:`Rejected`, and
        so does one over the record limit (``record too large``); so does the
        rest of a file that is cut off or not well-formed (naming the line and
        the last good record) or that holds a single tag longer than the limit,
        a compressed file that breaks off, and a whole file that declares XML entities.
    """
    path = Path(path)
    index = 0
    limit = record_limit()
    target = _RecordBuilder(limit)
    parser = DefusedXMLParser(target=target, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    target.expat = parser.parser

    def finished() -> Iterator[Paper | Rejected]:
        nonlocal index
        for element, size in target.ready:
            index += 1
            if element is None:
                yield Rejected(str(path), f"record {index}", too_large(size, limit))
            else:
                yield _paper(element, path, index)
        target.ready.clear()

    with open_binary(path, transcode=False) as fh:
        try:
            while chunk := read_chunk(fh, _CHUNK):  # one read of the layer below: keeps what came before a break
                parser.feed(chunk)
                target.fed += len(chunk)
                yield from finished()
                if target.fed - target.last_event > limit + 2 * _CHUNK:
                    yield Rejected(str(path), f"record {index + 1}",
                                   f"record too large: one XML tag, comment or declaration runs over "
                                   f"{limit} bytes; the rest of the file is skipped")
                    return
            parser.close()
            yield from finished()
        except DefusedXmlException as e:
            yield from finished()
            yield Rejected(str(path), None, f"refused: the XML declares entities or external references ({e})")
        except ParseError as e:
            yield from finished()
            line, col = getattr(e, "position", (0, 0))
            after = f" after record {index}" if index else ""
            yield Rejected(str(path), f"line {line}", f"XML is cut off or not well-formed{after}: {e}")
        except STREAM_ERRORS as e:
            yield from finished()
            yield Rejected(str(path), f"record {index + 1}", broken_stream(e))
