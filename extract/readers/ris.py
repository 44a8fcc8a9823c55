"""RIS records (EndNote, Zotero, Scopus, Embase, Web of Science exports).

A record runs from ``TY  - `` to ``ER  - ``; every line is ``XX  - value``;
a line without a tag continues the field before it (a new affiliation, keyword
or URL in ``AD``/``KW``/``UR``, a wrapped title or abstract paragraph
otherwise). Which author holds which affiliation is worked out by
:mod:`extract.readers.ris_affiliations`.

The title and abstract are taken to be English unless their script says
otherwise (RIS exporters give English abstracts); the ``LA`` field, the
article's language, is kept in ``extra["article_language"]``.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from litkg.extract.readers._io import Lines, Rejected
from litkg.extract.readers._limits import LineRecord, too_large
from litkg.extract.readers.fields import clean, iso_date, language_code, script_language
from litkg.extract.readers.ris_affiliations import assign
from litkg.extract.records import Author, Paper, make_id, normalize_doi

NAME = "ris"

_TAG = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_DOI_URL = re.compile(r"doi\.org/(10\.\d{4,9}/\S+)", re.I)
_PUBMED_URL = re.compile(r"ncbi\.nlm\.nih\.gov/(?:pubmed/|entrez/query\.fcgi\?.*list_uids=)(\d{1,9})\b", re.I)
_NOT_PUBMED_DB = re.compile(r"embase|scopus|web of science|wos|psycinfo|cinahl|cochrane", re.I)
_PARAGRAPH_TAGS = {"AB", "N2"}
_JOURNAL_TAGS = ("JO", "JF", "T2", "JA", "J2")


def sniff(head: str) -> bool:
    """True when the first non-blank line is ``TY  - ``."""
    first = next((l for l in head.splitlines() if l.strip()), "")
    return bool(re.match(r"^TY  - ?", first))


class _Record(LineRecord):
    """A RIS record as read: ``fields`` are ``(tag, lines)`` pairs in file order."""

    __slots__ = ()

    def reject(self, path: Path, why: str) -> Rejected:
        """This record as a reject for ``why`` (or as too large, when it is)."""
        return Rejected(str(path), f"line {self.start}", too_large(self.size) if self.dropped else why,
                        "\n".join(self.raw))

    def values(self, *tags: str) -> list[str]:
        """Every line of every field with one of ``tags``, in file order."""
        return [v for t, vs in self.fields if t in tags for v in vs if v.strip()]

    def first(self, *tags: str, sep: str = " ") -> str:
        """The first field among ``tags`` (in the order given), its lines joined by ``sep``."""
        for tag in tags:
            for t, vs in self.fields:
                if t == tag:
                    text = sep.join(clean(v) for v in vs if v.strip())
                    if text:
                        return text
        return ""


def _date(rec: _Record) -> str | None:
    year = iso_date(rec.first("PY", "Y1"))
    da = rec.first("DA")
    if da[:1].isalpha() and year:
        full = iso_date(f"{year[:4]} {da}")
    else:
        full = iso_date(da)
    if full and (not year or full[:4] == year[:4]) and len(full) > len(year or ""):
        return full
    return year or full


def _paper(rec: _Record, path: Path) -> Paper | Rejected:
    where = f"line {rec.start}"
    raw = "\n".join(rec.raw)
    if rec.dropped or rec.error:
        return rec.reject(path, rec.error or "")
    title = rec.first("TI", "T1", "CT", "BT")
    abstract = rec.first("AB", "N2", sep="\n")
    if not title and not abstract:
        return Rejected(str(path), where, "record has neither a title nor an abstract", raw)
    authors = [Author(clean(a)) for a in rec.values("AU", "A1")]
    affiliations = assign(rec.values("AD"), authors)
    urls = [clean(u) for u in rec.values("UR", "L2")]
    doi = rec.first("DO", "DI") or next((m.group(1) for u in urls if (m := _DOI_URL.search(u))), "")
    doi = normalize_doi(doi) if doi else None
    an = rec.first("AN")
    db = " ".join(rec.values("DB"))
    pmid = an if an.isdigit() and len(an) <= 8 and not _NOT_PUBMED_DB.search(db) else None
    pmid = pmid or next((m.group(1) for u in urls if (m := _PUBMED_URL.search(u))), None)
    sp, ep = rec.first("SP"), rec.first("EP")
    extra: dict[str, object] = {"type": rec.first("TY")} if rec.first("TY") else {}
    langs = [language_code(l) or clean(l) for l in rec.values("LA")]
    for key, value in (("article_language", langs), ("urls", urls), ("database", db),
                       ("accession", an), ("ris_id", rec.first("ID"))):
        if value:
            extra[key] = value
    text_lang = script_language(title + " " + abstract)
    return Paper(
        id=make_id(doi=doi, pmid=pmid, own=an if ":" in an else None, fallback_text=title + abstract),
        title=title,
        abstract=abstract,
        authors=authors,
        affiliations=affiliations,
        journal=rec.first(*_JOURNAL_TAGS) or None,
        date=_date(rec),
        volume=rec.first("VL") or None,
        issue=rec.first("IS") or None,
        pages=(f"{sp}-{ep}" if sp and ep and "-" not in sp else sp) or None,
        doi=doi,
        pmid=pmid,
        language=text_lang,
        keywords=[clean(k) for k in rec.values("KW")],
        source=str(path),
        record=rec.start,
        extra=extra,
    )


def read(path: str | Path) -> Iterator[Paper | Rejected]:
    """Yield the records of an RIS file.

    Args:
        path: An RIS file (any extension; gzip allowed; UTF-8, or UTF-16/UTF-32 with a byte-order mark).

    Yields:
        One :class:`Paper` per ``TY``...``ER`` record. A record with undecodable
        bytes or with neither title nor abstract, one over the record limit
        (``record too large``: its lines are counted, not held), one not closed
        by ``ER`` (before the next ``TY`` or at the end of the file) is a
        :class:`Rejected` naming the line it starts on.
    """
    path = Path(path)
    lines = Lines(path)
    rec: _Record | None = None
    for n, line, err, size in lines:
        m = _TAG.match(line)
        if m is None and line.startswith("ER  -"):
            m = _TAG.match("ER  - ")
        tag = m.group(1) if m else None
        if tag == "TY" and rec is not None:
            yield rec.reject(path, f"record not closed by an ER line before the next TY (line {n})")
            rec = None
        if rec is None:
            if m is None:  # text between records: blank lines, export headers
                continue
            rec = _Record(n)
        if not rec.count(line, size, lines.limit):
            if tag == "ER":
                yield _paper(rec, path)
                rec = None
            continue
        rec.raw.append(line)
        if err and rec.error is None:
            rec.error = err
        if tag == "ER":
            yield _paper(rec, path)
            rec = None
        elif m is not None:
            rec.fields.append((tag, [m.group(2) or ""]))
        elif rec.fields and line.strip():
            rec.fields[-1][1].append(line)
    if rec is not None:
        yield rec.reject(path, lines.error or "record has no ER line: the file ends inside it (truncated?)")
    elif lines.error:
        yield Rejected(str(path), None, lines.error)
