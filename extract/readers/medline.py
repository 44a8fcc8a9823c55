"""MEDLINE / ``.nbib`` records (PubMed's "PMID- " export).

Each line is ``TAG - value`` with the tag padded to four characters; wrapped
values continue on lines starting with spaces; records are separated by blank
lines (a new ``PMID-`` line also starts a record). Authors are ``FAU`` (full
name) followed by ``AU``; an ``AD`` line belongs to the author just before it,
and an ``AUID`` gives that author's ORCID. Old-style records carry one ``AD``
before the author list: it is given to the first author, as PubMed XML does
for such records.

Title and abstract of MEDLINE records are English (NLM translates titles; the
article's own languages are kept in ``extra["article_language"]``); other-
language abstracts (``OAB``/``OABL``) become :attr:`Paper.translations`.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from litkg.extract.readers._io import Lines, Rejected
from litkg.extract.readers._limits import LineRecord, too_large
from litkg.extract.readers.fields import AffiliationTable, clean, iso_date, language_code, link_affiliation, orcid
from litkg.extract.records import Author, Paper, make_id, normalize_doi

NAME = "medline"

_SNIFF = re.compile(r"^PMID- ?\d", re.M)
_ID_KIND = re.compile(r"^(.*?)\s*\[(\w+)\]\s*$")
_SPACE_COMMA = re.compile(r"\s+,")
_OAB_PREFIX = re.compile(r"^(?:Publisher|Author|Other):\s*")


def _tag(line: str) -> tuple[str, str] | None:
    """Split ``"TI  - text"`` into ``("TI", "text")``; ``None`` for other lines."""
    if len(line) < 5 or line[4] != "-" or not ("A" <= line[0] <= "Z"):
        return None
    tag = line[:4].rstrip()
    if not tag.isalnum() or not tag.isupper():
        return None
    return tag, line[6:] if line[5:6] == " " else line[5:]


def sniff(head: str) -> bool:
    """True when a line starts with ``PMID- `` and the first line is a MEDLINE tag line."""
    first = next((l for l in head.splitlines() if l.strip()), "")
    return bool(_SNIFF.search(head)) and _tag(first) is not None


class _Record(LineRecord):
    """A MEDLINE record as read: ``fields`` are ``[tag, value]`` pairs in file order."""

    __slots__ = ("has_pmid",)

    def __init__(self, start: int) -> None:
        super().__init__(start)
        self.has_pmid = False


def _paper(rec: _Record, path: Path) -> Paper | Rejected:
    where = f"line {rec.start}"
    if rec.dropped:
        return Rejected(str(path), where, too_large(rec.size), rec.raw[0])
    if rec.error:
        return Rejected(str(path), where, rec.error, "\n".join(rec.raw))
    f: dict[str, str] = {}
    authors: list[Author] = []
    table = AffiliationTable()
    pending_ad: list[str] = []
    current: Author | None = None
    current_has_au = True
    doi_lid = doi_aid = None
    mesh: list[str] = []
    keywords: list[str] = []
    langs: list[str] = []
    pub_types: list[str] = []
    oab: list[str] = []
    oab_lang: list[str] = []
    for tag, value in rec.fields:
        value = clean(value)
        if tag == "FAU":
            current = Author(_SPACE_COMMA.sub(",", value))
            authors.append(current)
            current_has_au = False
        elif tag == "AU":
            if current is not None and not current_has_au:
                current_has_au = True
            else:
                current = Author(value)
                authors.append(current)
        elif tag == "CN":
            current = Author(value)
            authors.append(current)
        elif tag == "AD":
            if current is None:
                pending_ad.append(value)
            else:
                link_affiliation(current, table.add(value))
        elif tag == "AUID":
            if current is not None:
                current.orcid = orcid(value) or current.orcid
        elif tag in ("LID", "AID"):
            m = _ID_KIND.match(value)
            if m and m.group(2).lower() == "doi":
                if tag == "LID":
                    doi_lid = doi_lid or m.group(1)
                else:
                    doi_aid = doi_aid or m.group(1)
        elif tag == "MH":
            name = value.split("/")[0].lstrip("*").strip()
            if name and name not in mesh:
                mesh.append(name)
        elif tag == "OT":
            keywords.append(value.lstrip("*"))
        elif tag == "LA":
            langs.append(language_code(value) or value)
        elif tag == "PT":
            pub_types.append(value)
        elif tag == "OAB":
            oab.append(_OAB_PREFIX.sub("", value))
        elif tag == "OABL":
            oab_lang.append(language_code(value) or value)
        else:
            f.setdefault(tag, value)
    for ad in pending_ad:  # old style: one AD for the record, the first author's
        i = table.add(ad)
        if authors:
            link_affiliation(authors[0], i)
    title, abstract = f.get("TI", ""), f.get("AB", "")
    if not title and not abstract:
        return Rejected(str(path), where, "record has neither a title nor an abstract", "\n".join(rec.raw))
    doi = normalize_doi(doi_lid or doi_aid) if (doi_lid or doi_aid) else None
    pmid = f.get("PMID") or None
    extra: dict[str, object] = {}
    if langs:
        extra["article_language"] = langs
    if pub_types:
        extra["publication_types"] = pub_types
    for tag, key in (("JT", "journal_title"), ("TT", "original_title"), ("SO", "citation")):
        if f.get(tag):
            extra[key] = f[tag]
    return Paper(
        id=make_id(doi=doi, pmid=pmid, fallback_text=title + abstract),
        title=title,
        abstract=abstract,
        authors=authors,
        affiliations=table.items,
        journal=f.get("TA") or f.get("JT"),
        date=iso_date(f.get("DP")),
        volume=f.get("VI"),
        issue=f.get("IP"),
        pages=f.get("PG"),
        doi=doi,
        pmid=pmid,
        pmcid=f.get("PMC"),
        epub_date=iso_date(f.get("DEP")),
        translations={lang: text for lang, text in zip(oab_lang, oab) if text},
        keywords=keywords,
        mesh=mesh,
        source=str(path),
        record=rec.start,
        extra=extra,
    )


def read(path: str | Path) -> Iterator[Paper | Rejected]:
    """Yield the records of a MEDLINE file, one :class:`Paper` or :class:`Rejected` each.

    Args:
        path: A MEDLINE / ``.nbib`` file (gzip allowed; UTF-8, or UTF-16/UTF-32 with a byte-order mark).

    Yields:
        Papers in file order; a record with undecodable bytes, with neither title
        nor abstract, over the record limit (``record too large``: its lines are
        counted, not held), or cut off at the end of the file is yielded as :class:`Rejected`.
    """
    path = Path(path)
    lines = Lines(path)
    rec: _Record | None = None
    seen_so = False  # did an earlier record end with the usual SO field?

    def finish(r: _Record) -> Paper | Rejected:
        """Turn a finished record into a paper, noting whether it had the usual SO line."""
        nonlocal seen_so
        has_so = any(t == "SO" for t, _ in r.fields)
        seen_so = seen_so or has_so
        return _paper(r, path)

    for n, line, err, size in lines:
        if not line.strip():
            if rec is not None and (rec.fields or rec.dropped):
                yield finish(rec)
                rec = None
            continue
        tv = _tag(line)
        if tv is not None and tv[0] == "PMID" and rec is not None and rec.has_pmid:
            yield finish(rec)
            rec = None
        if rec is None:
            rec = _Record(n)
        if not rec.count(line, size, lines.limit):
            rec.has_pmid = rec.has_pmid or (tv is not None and tv[0] == "PMID")
            continue
        rec.raw.append(line)
        if err and rec.error is None:
            rec.error = err
        if tv is not None:
            rec.fields.append([tv[0], tv[1]])
            rec.has_pmid = rec.has_pmid or tv[0] == "PMID"
        elif rec.fields:
            rec.fields[-1][1] += " " + line.strip()
        elif rec.error is None:
            rec.error = f"line {n} is neither a MEDLINE field (TAG - value) nor a continuation"
    if rec is not None and (rec.fields or rec.dropped):
        has_so = rec.dropped or any(t == "SO" for t, _ in rec.fields)
        if not has_so and (seen_so or not lines.complete):
            why = lines.error or "file ends in the middle of this record (truncated?)"
            yield Rejected(str(path), f"line {rec.start}", why, "\n".join(rec.raw))
        else:
            yield finish(rec)
            if lines.error:  # the compressed stream broke right after a complete record
                yield Rejected(str(path), None, lines.error)
    elif lines.error:
        yield Rejected(str(path), None, lines.error)
