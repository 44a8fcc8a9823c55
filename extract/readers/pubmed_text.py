"""PubMed "Abstract (text)" export: numbered records as PubMed displays them.

A record is a run of blank-line separated blocks, wrapped at 80 columns::

    1. Journal. 2018 Dec 31;57:364-376. doi: 10.1016/... [Epub ahead of print]
    Title.
    [Article in Chinese]                             (optional notes)
    Driscoll K(1), Deshpande A(1), Li K(2).          (authors, (n) = affiliation)
    Collaborators: ...                               (optional)
    Author information:
    (1)Department of ..., USA.
    (2)School of ...
    BACKGROUND: ... RESULTS: ...                     (abstract, one or more blocks)
    Copyright © 2019 ...                             (optional)
    DOI: 10...
    PMCID: PMC...
    PMID: 30831485

Blocks are recognised by their shape, not their position, except that the
first block is the citation and the second the title (unless it is the author
list of a record without a title: a record with neither title nor abstract is
rejected, not read with its author list as the title). A record starts at a
blank-line preceded ``N.`` line that continues the numbering (or, after a gap,
still looks like a citation), so numbered lists inside abstracts stay put.
Structured abstracts become ``LABEL: text`` paragraphs separated by newlines.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from litkg.extract.readers._io import Lines, Rejected
from litkg.extract.readers._limits import raw_prefix, too_large
from litkg.extract.readers.citation import DOI_IN_TEXT_RE, parse_citation
from litkg.extract.readers.fields import AffiliationTable, clean, iso_date, language_code, link_affiliation
from litkg.extract.records import Author, Paper, make_id, normalize_doi

NAME = "pubmed-text"

_HEADER = re.compile(r"^(\d+)\.\s+\S")
_LOOKS_CITED = re.compile(r"^\d+\.\s+\S.*?\.\s+(?:1[89]|20)\d{2}\b")
_MARKERS = re.compile(r"\((\d+)\)")
_AFF_START = re.compile(r"^\((\d+)\)\s*(.*)$")
_ID_LINE = re.compile(r"^(DOI|PMCID|PMID):\s*(\S+)")
_LABEL = re.compile(r"^([A-Z][A-Za-z0-9 ,&/'()\-]{0,60}?):\s")
_INITIALS = re.compile(r"^(?:[A-Z][A-Za-z]{0,2}|Jr|Sr|2nd|3rd|II|III|IV)$")
_NOTE = re.compile(r"^\[.*\]\.?$")
_ARTICLE_IN = re.compile(r"Article in ([^;\]]+)")
_ABSTRACT_IN = re.compile(r"Abstract available in (\w+)")
_RELATED = re.compile(r"^(?:Comment|Erratum|Update|Retraction|Retracted|Republished|Expression of concern|"
                      r"Corrected|Reprint|Original report|Summary for patients|Dataset|Partial retraction|"
                      r"Spin-off|Cites|Correction)\b[^.:]*$")
_COPYRIGHT = re.compile(r"^(?:Copyright|Crown Copyright|©|\(c\)|\(C\))|All rights reserved|protected by copyright"
                        r"|Published by|licensee|Creative Commons", re.I)
_FALLBACK = re.compile(r"^\d+\.\s+(?P<journal>[^\n]+?)\.\s+(?P<date>(?:1[89]|20)\d{2}[^;.]*)"
                       r"(?:;(?P<volume>[^(:;.]*)(?:\((?P<issue>[^)]*)\))?)?(?::(?P<pages>[^.;\s]+))?")
_SECTIONS = {"Collaborators": "collaborators", "Conflict of interest statement": "conflict_of_interest"}
_AFTER_AUTHORS = ("Author information:", "Collaborators:")
_NAME_PARTICLES = frozenset("van von de der den del della di da das do dos du la le ten ter y bin al el".split())
_NO_TEXT = "record has neither a title nor an abstract"


def sniff(head: str) -> bool:
    """True when the first block is a numbered PubMed citation (``1. Journal. 2018 ...``)."""
    block: list[str] = []
    for line in head.splitlines():
        if line.strip():
            block.append(line.strip())
        elif block:
            break
    return bool(block) and bool(_HEADER.match(block[0])) and parse_citation(" ".join(block)) is not None


def _citation(text: str) -> dict[str, str | None]:
    """Parse the citation block, with a fallback for shapes :func:`parse_citation` misses.

    The fallback handles shapes such as ``1718-29; quiz 1730``: it keeps the
    journal, date, volume, issue and DOI it can find.
    """
    cit = parse_citation(text)
    if cit:
        return cit
    m = _FALLBACK.match(text)
    if not m:
        return {}
    doi = DOI_IN_TEXT_RE.search(text)
    return {"journal": m.group("journal"), "date": iso_date(m.group("date")), "volume": m.group("volume"),
            "issue": m.group("issue"), "pages": m.group("pages"), "doi": doi.group(1) if doi else None,
            "epub_date": None}


def _join(lines: list[str]) -> str:
    return clean(" ".join(lines))


def _paragraphs(lines: list[str]) -> list[str]:
    """Unwrap a block, starting a new paragraph at each section label after a sentence end."""
    paras: list[list[str]] = []
    for line in lines:
        m = _LABEL.match(line)
        label_ok = m and (m.group(1).isupper() or len(m.group(1).split()) <= 5)
        if not paras or (label_ok and paras[-1][-1].rstrip().endswith((".", ":", "?", "!", ")"))):
            paras.append([line])
        else:
            paras[-1].append(line)
    return [_join(p) for p in paras]


def _author_items(text: str) -> list[str]:
    return [i.strip() for i in text.rstrip(".").split(", ") if i.strip()]


def _looks_like_authors(text: str) -> bool:
    if not text.endswith(".") or ":" in text:
        return False
    items = _author_items(text)
    if _MARKERS.search(text):
        return True
    named = 0
    for item in items:
        words = item.split()
        if not words or len(words) > 8 or "." in item:
            return False
        named += bool(_INITIALS.match(words[-1])) and len(words) > 1
    return named * 5 >= len(items) * 3


def _is_name_list(text: str) -> bool:
    """Whether ``text`` is nothing but author names (``Doe J(1), van der Berg AB.``), never a title.

    Stricter than :func:`_looks_like_authors`: every item has 2 to 5 words, ends
    with initials and has no lower-case word but a name particle (``van``, ``de``).
    """
    if not text.endswith(".") or ":" in text:
        return False
    items = _author_items(text)
    for item in items:
        words = _MARKERS.sub("", item).split()
        if not 2 <= len(words) <= 5 or "." in item or not _INITIALS.match(words[-1]):
            return False
        if not all(w[:1].isupper() or w in _NAME_PARTICLES for w in words[:-1]):
            return False
    return bool(items)


def _is_author_line(blocks: list[list[str]], i: int) -> bool:
    """Whether block ``i`` is the author list: author-shaped and followed by "Author information:"."""
    if i + 1 >= len(blocks) or not blocks[i + 1][0].startswith(_AFTER_AUTHORS):
        return False
    text = _join(blocks[i])
    return _looks_like_authors(text) or _is_name_list(text)


def _authors(text: str) -> list[tuple[str, list[str]]]:
    return [(clean(_MARKERS.sub("", item)), _MARKERS.findall(item)) for item in _author_items(text)]


def _affiliations(lines: list[str]) -> list[tuple[str, str]]:
    """``(number, text)`` entries of an "Author information:" block (header line removed)."""
    entries: list[list[str]] = []
    for line in lines:
        m = _AFF_START.match(line)
        if m or not entries:
            entries.append([m.group(1) if m else "", m.group(2) if m else line])
        else:
            entries[-1][1] += " " + line
    return [(n, clean(t)) for n, t in entries if clean(t)]


def _split_ids(blocks: list[list[str]]) -> list[list[str]]:
    """Split identifier lines (``DOI:``/``PMCID:``/``PMID:``) off the end of a block they follow without a blank line."""
    out = []
    for block in blocks:
        i = len(block)
        while i > 1 and _ID_LINE.match(block[i - 1].strip()):
            i -= 1
        out.extend([block[:i], block[i:]] if 0 < i < len(block) else [block])
    return out


def _paper(start: int, blocks: list[list[str]], path: Path) -> Paper | Rejected:
    raw = "\n\n".join("\n".join(b) for b in blocks)
    blocks = _split_ids(blocks)
    cit_text = _join(blocks[0])
    cit = _citation(cit_text)
    title = ""
    rest = blocks[1:]
    # the block after the citation is the title, unless the record has none and it is the author list
    if rest and not _ID_LINE.match(rest[0][0]) and not _is_author_line(rest, 0):
        title = _join(rest[0])
        rest = rest[1:]
    author_items: list[tuple[str, list[str]]] | None = None
    aff_entries: list[tuple[str, str]] = []
    abstract: list[str] = []
    ids: dict[str, str] = {}
    notes: list[str] = []
    publisher = ""
    extra: dict[str, object] = {"citation": cit_text}
    for i, block in enumerate(rest):
        text = _join(block)
        first = block[0].strip()
        section = first.split(":", 1)[0]
        if _NOTE.match(text):
            notes.append(text.strip("[]."))
        elif first.startswith("Author information:"):
            aff_entries = _affiliations([first[len("Author information:"):].strip()] + block[1:])
        elif section in _SECTIONS:
            extra[_SECTIONS[section]] = text.split(":", 1)[1].strip()
        elif first.startswith("Publisher:"):
            publisher = "\n".join(_paragraphs([first[len("Publisher:"):].strip()] + block[1:]))
        elif all(_ID_LINE.match(l.strip()) for l in block):
            for l in block:
                m = _ID_LINE.match(l.strip())
                ids.setdefault(m.group(1), m.group(2))
        elif _RELATED.match(first) and len(block) > 1 and block[1][:1].isspace():
            extra.setdefault("related", []).append(_join(block))  # type: ignore[union-attr]
        elif author_items is None and not abstract and not aff_entries and (
                _looks_like_authors(text) or (i + 1 < len(rest) and rest[i + 1][0].startswith(_AFTER_AUTHORS))):
            author_items = _authors(text)
        elif _COPYRIGHT.search(text) and len(text) < 600:
            extra["copyright"] = text
        elif not ids:
            abstract.extend(_paragraphs([l.strip() for l in block]))
    abstract_text = "\n".join(abstract)
    if not title and not abstract_text:
        return Rejected(str(path), f"line {start}", _NO_TEXT, raw)
    if not abstract_text and author_items is None and _is_name_list(title):
        return Rejected(str(path), f"line {start}", f"{_NO_TEXT} (the block after the citation is an author list)",
                        raw)
    table = AffiliationTable()
    by_number = {n: table.add(t) for n, t in aff_entries}
    authors = []
    for name, markers in author_items or []:
        author = Author(name)
        for n in markers:
            if n in by_number:
                link_affiliation(author, by_number[n])
        authors.append(author)
    langs: list[str] = []
    translations: dict[str, str] = {}
    for note in notes:
        m = _ARTICLE_IN.search(note)
        if m:
            langs.extend(language_code(l) or l.strip() for l in m.group(1).split(","))
        m = _ABSTRACT_IN.search(note)
        if m and publisher and language_code(m.group(1)):
            translations[language_code(m.group(1))] = publisher  # type: ignore[index]
    if publisher and not translations:
        extra["publisher_abstract"] = publisher
    if langs:
        extra["article_language"] = langs
    if notes:
        extra["notes"] = notes
    doi_raw = ids.get("DOI") or cit.get("doi")
    doi = normalize_doi(doi_raw) if doi_raw else None
    pmid = ids.get("PMID")
    return Paper(
        id=make_id(doi=doi, pmid=pmid, fallback_text=title + abstract_text),
        title=title,
        abstract=abstract_text,
        authors=authors,
        affiliations=table.items,
        journal=cit.get("journal"),
        date=cit.get("date"),
        volume=cit.get("volume"),
        issue=cit.get("issue"),
        pages=cit.get("pages"),
        doi=doi,
        pmid=pmid,
        pmcid=ids.get("PMCID"),
        epub_date=cit.get("epub_date"),
        translations=translations,
        source=str(path),
        record=start,
        extra=extra,
    )


def read(path: str | Path) -> Iterator[Paper | Rejected]:
    """Yield the numbered records of a PubMed abstract-text export.

    Args:
        path: The exported text file (gzip allowed; UTF-8, or UTF-16/UTF-32 with a byte-order mark).

    Yields:
        One :class:`Paper` per record; a :class:`Rejected` naming the starting line
        for a record with undecodable bytes, with neither title nor abstract, over
        the record limit (``record too large``: its lines are counted, not held),
        or cut off at the end of the file.
    """
    path = Path(path)
    lines = Lines(path)
    start = 0
    number: int | None = None
    blocks: list[list[str]] = []
    error: str | None = None
    prev_blank = True
    seen_pmid = False
    size = 0  # bytes of the current record; over the limit, its blocks are dropped (dropped is its start)
    dropped: str | None = None

    def finish() -> Paper | Rejected:
        """Turn the collected blocks into a paper (or a reject for undecodable bytes or a record too large)."""
        nonlocal seen_pmid, blocks
        blocks = [b for b in blocks if b]
        if dropped is not None:
            return Rejected(str(path), f"line {start}", too_large(size, lines.limit), dropped)
        if error:
            return Rejected(str(path), f"line {start}", error, "\n\n".join("\n".join(b) for b in blocks))
        seen_pmid = seen_pmid or any(l.startswith("PMID:") for b in blocks for l in b)
        return _paper(start, blocks, path)

    for n, line, err, line_size in lines:
        blank = not line.strip()
        m = _HEADER.match(line) if prev_blank and not blank else None
        if m and (number is None or int(m.group(1)) == number + 1
                  or (int(m.group(1)) > number and _LOOKS_CITED.match(line))):
            if blocks or dropped is not None:
                yield finish()
            start, number, blocks, error, size, dropped = n, int(m.group(1)), [], None, 0, None
        prev_blank = blank
        if number is None:
            continue  # before the first record
        size += line_size
        if dropped is None and size > lines.limit:
            dropped = raw_prefix(["\n".join(b) for b in blocks if b] + [line], "\n\n")
            blocks = []
        if dropped is not None:
            continue
        if err and error is None:
            error = err
        if blank:
            if blocks and blocks[-1]:
                blocks.append([])
        elif blocks:
            blocks[-1].append(line.rstrip())
        else:
            blocks.append([line.rstrip()])
    blocks = [b for b in blocks if b]
    if dropped is not None:
        yield finish()
        if lines.error:
            yield Rejected(str(path), None, lines.error)
    elif blocks:
        has_pmid = any(l.startswith("PMID:") for b in blocks for l in b)
        if not has_pmid and (seen_pmid or not lines.complete):
            why = lines.error or "file ends in the middle of this record (truncated?)"
            yield Rejected(str(path), f"line {start}", why, "\n\n".join("\n".join(b) for b in blocks))
        else:
            yield finish()
            if lines.error:  # the compressed stream broke right after a complete record
                yield Rejected(str(path), None, lines.error)
    elif lines.error:
        yield Rejected(str(path), None, lines.error)
