"""Plain-text abstract records, the seed's format.

A record is: affiliation lines, then a PubMed citation line
(``Journal. 2016 Apr;25(2):113-22. doi: ... Epub ...``), then abstract
paragraphs, optionally followed by the same abstract in another language
(detected by script; Chinese is kept as ``translations["zh"]``). Several
records in one file are separated by blank lines. Parts are recognised by
their shape, not by line numbers.

Encoding: UTF-8 (a BOM is allowed; UTF-16 and UTF-32 with a byte-order mark
are read too). A file that is not UTF-8 is read as Windows-1252 (which covers
Latin-1 text), with no warning, when that is clean: the first line that is not
UTF-8 decodes as cp1252 without NUL bytes and no earlier line held non-ASCII
UTF-8; from there on the file is cp1252. Otherwise the record holding the bad
line is rejected, naming the line (a line cp1252 cannot decode, a NUL byte, or
UTF-8 and cp1252 lines mixed in one file). Lines end at ``\n``, ``\r\n`` or ``\r``.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from litkg.extract.readers._io import Lines, Rejected
from litkg.extract.readers._limits import raw_prefix, too_large
from litkg.extract.readers.citation import parse_citation
from litkg.extract.readers.fields import script_language
from litkg.extract.records import Paper, make_id

NAME = "abstract-text"
FALLBACK_ENCODING = "cp1252"


def sniff(head: str) -> bool:
    """True when one of the first lines is a citation line not preceded by ``N.`` numbering."""
    for line in head.splitlines()[:40]:
        if parse_citation(line) and not re.match(r"^\d+\.\s", line):
            return True
    return False


def _paper(lines: list[tuple[int, str]], path: Path) -> Paper | Rejected:
    first = lines[0][0]
    found = next(((i, c) for i, (_, l) in enumerate(lines) if (c := parse_citation(l))), None)
    if found is None:
        return Rejected(str(path), f"line {first}", "no citation line (Journal. YYYY Mon;vol(issue):pages.)",
                        "\n".join(l for _, l in lines))
    cit_at, cit = found
    affiliations = [l.strip() for _, l in lines[:cit_at] if l.strip()]
    by_lang: dict[str, list[str]] = {}
    for _, l in lines[cit_at + 1:]:
        if l.strip():
            by_lang.setdefault(script_language(l), []).append(l.strip())
    abstract = "\n".join(by_lang.pop("en", []))
    translations = {lang: "\n".join(ps) for lang, ps in by_lang.items()}
    if not abstract and not translations:
        return Rejected(str(path), f"line {first}", "record has neither a title nor an abstract",
                        "\n".join(l for _, l in lines))
    doi = cit.get("doi")
    return Paper(
        id=make_id(doi=doi, fallback_text=abstract),
        abstract=abstract,
        affiliations=affiliations,
        journal=cit.get("journal"),
        date=cit.get("date"),
        volume=cit.get("volume"),
        issue=cit.get("issue"),
        pages=cit.get("pages"),
        doi=doi,
        epub_date=cit.get("epub_date"),
        translations=translations,
        source=str(path),
        record=first,
    )


_Item = tuple[int, str, "str | None"]


def _record(lines: list[_Item], path: Path, broken: str | None = None, size: int = 0,
            limit: int | None = None) -> Paper | Rejected:
    """The paper of one record's lines, or a reject for an undecodable line, a broken file or a record too large."""
    if limit is not None and size > limit:
        return Rejected(str(path), f"line {lines[0][0]}", too_large(size, limit), lines[0][1])
    why = broken or next((err for _, _, err in lines if err), None)
    if why:
        return Rejected(str(path), f"line {lines[0][0]}", why, "\n".join(l for _, l, _ in lines))
    return _paper([(n, l) for n, l, _ in lines], path)


def _drop(lines: list[_Item]) -> list[_Item]:
    """What is held of lines past the record limit: one item, the first line number and the start of the text."""
    return [(lines[0][0], raw_prefix([l for _, l, _ in lines]), None)]


def read(path: str | Path) -> Iterator[Paper | Rejected]:
    """Yield the records of one file (blank-line separated blocks).

    A block without a citation line continues the previous record (a paragraph
    break inside an abstract); a block with one starts a new record. A record
    holding an undecodable line is rejected (see the module docstring for the
    cp1252 fallback), and so is the last one of a compressed file that breaks off,
    and one over the record limit (``record too large``: past the limit, only
    the start of its text is held).
    """
    path = Path(path)
    lines = Lines(path, fallback=FALLBACK_ENCODING, universal_newlines=True)
    limit = lines.limit
    current: list[_Item] = []
    block: list[_Item] = []
    current_size = block_size = 0
    block_cited = False

    def flush_block() -> Iterator[Paper | Rejected]:
        nonlocal current, block, current_size, block_size, block_cited
        if not block:
            return
        if block_cited or not current:
            if current:
                yield _record(current, path, size=current_size, limit=limit)
            current, current_size = block, block_size
        else:
            current_size += block_size
            current = current + block if current_size <= limit else _drop(current + block)
        block, block_size, block_cited = [], 0, False

    for n, line, err, size in lines:
        if line.strip():
            block_cited = block_cited or parse_citation(line) is not None
            block_size += size
            if block_size <= limit:
                block.append((n, line, err))
            elif block_size - size <= limit:  # this line takes the block over the limit
                block = _drop(block + [(n, line, err)])
        else:
            yield from flush_block()
    yield from flush_block()
    if current:
        yield _record(current, path, lines.error, current_size, limit)
    elif lines.error:
        yield Rejected(str(path), None, lines.error)
