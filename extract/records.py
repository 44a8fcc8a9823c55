"""The one record type every reader yields.

A :class:`Paper` holds the bibliographic fields of one record and the text
fields that extraction runs over. Text fields are addressed by name
(``title``, ``abstract``, ``affiliation[i]``, ``translation[zh]``) so that a
mention's ``start``/``end`` offsets always slice :meth:`Paper.field_text`.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Iterator

_FIELD_RE = re.compile(r"^(affiliation|translation)\[([^\]]+)\]$")


@dataclass
class Author:
    """One author of a paper.

    Attributes:
        name: The name as the source writes it ("Naslund, John A" or "John A Naslund").
        affiliations: Indices into :attr:`Paper.affiliations` of this author's affiliations.
        orcid: ORCID iD when the source gives one.
    """

    name: str
    affiliations: list[int] = field(default_factory=list)
    orcid: str | None = None


@dataclass
class Paper:
    """A bibliographic record with its text fields.

    Attributes:
        id: Stable id, ``doi:...`` preferred, then ``pmid:...``, then the input's own id.
        title: Article title ("" when the source has none).
        abstract: English (or main-language) abstract text.
        authors: Authors in order, each pointing at its affiliations.
        affiliations: Distinct raw affiliation strings, in order of first appearance.
        journal: Journal name or abbreviation.
        date: Publication date as ISO 8601 prefix (``2016``, ``2016-04``, ``2016-04-08``).
        volume, issue, pages: Citation details.
        doi, pmid, pmcid: External identifiers (bare, without prefixes).
        epub_date: Electronic publication date (ISO prefix).
        language: ISO 639-1 code of the main text.
        translations: Other-language versions of the abstract, by language code.
        keywords, mesh: Author keywords and MeSH headings.
        source: File the record came from; ``record`` its index or line there.
        extra: Fields the reader does not model, kept as they are.
    """

    id: str
    title: str = ""
    abstract: str = ""
    authors: list[Author] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    journal: str | None = None
    date: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    epub_date: str | None = None
    language: str = "en"
    translations: dict[str, str] = field(default_factory=dict)
    keywords: list[str] = field(default_factory=list)
    mesh: list[str] = field(default_factory=list)
    source: str | None = None
    record: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def year(self) -> int | None:
        """Publication year, from :attr:`date` (or the e-publication date)."""
        for d in (self.date, self.epub_date):
            if d and d[:4].isdigit():
                return int(d[:4])
        return None

    def text_fields(self) -> Iterator[tuple[str, str, str]]:
        """Yield ``(field_name, language, text)`` for every non-empty text field."""
        if self.title:
            yield "title", self.language, self.title
        if self.abstract:
            yield "abstract", self.language, self.abstract
        for i, aff in enumerate(self.affiliations):
            yield f"affiliation[{i}]", "en", aff
        for lang, text in sorted(self.translations.items()):
            if text:
                yield f"translation[{lang}]", lang, text

    def field_text(self, name: str) -> str:
        """Return the text of the named field (see module docstring).

        Raises:
            KeyError: if the paper has no such field.
        """
        if name in ("title", "abstract"):
            return getattr(self, name)
        m = _FIELD_RE.match(name)
        if m:
            kind, key = m.groups()
            if kind == "affiliation":
                return self.affiliations[int(key)]
            return self.translations[key]
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field (``year`` included)."""
        d = asdict(self)
        d["year"] = self.year
        return d


def make_id(doi: str | None = None, pmid: str | None = None, own: str | None = None,
            fallback_text: str = "") -> str:
    """Choose a paper id: ``doi:`` first, then ``pmid:``, then the input's own id.

    When none is given, a stable hash of ``fallback_text`` (title + abstract) is used.

    >>> make_id(doi="10.1/ABC", pmid="1")
    'doi:10.1/ABC'
    >>> make_id(pmid="26744309")
    'pmid:26744309'
    """
    if doi:
        return "doi:" + normalize_doi(doi)
    if pmid:
        return "pmid:" + pmid.strip()
    if own:
        return own.strip()
    digest = hashlib.sha1(fallback_text.encode("utf-8")).hexdigest()[:16]
    return "hash:" + digest


_DOI_RE = re.compile(r"10\.\d{4,9}/\S+")


def normalize_doi(doi: str) -> str:
    """Strip resolver prefixes and trailing punctuation from a DOI.

    >>> normalize_doi("https://doi.org/10.1017/S2045796015001067.")
    '10.1017/S2045796015001067'
    """
    doi = doi.strip()
    m = _DOI_RE.search(doi)
    if m:
        doi = m.group(0)
    return doi.rstrip(".,;")
