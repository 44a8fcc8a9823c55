"""Plain-text abstract records, the seed's format.

A record is: affiliation lines, then a PubMed citation line
(``Journal. 2016 Apr;25(2):113-22. doi: ... Epub ...``), then abstract
paragraphs, optionally followed by the same abstract in another language
(detected by script; Chinese is kept as ``translations["zh"]``). Several
records in one file are separated by blank lines. Parts are recognised by
their shape, not by line numbers.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from litkg.extract.readers.base import Rejected, open_text
from litkg.extract.readers.citation import parse_citation
from litkg.extract.records import Paper, make_id

NAME = "abstract-text"

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_HIRAGANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")


def script_language(text: str) -> str:
    """Guess a paragraph's language from its script: ``zh``, ``ja``, ``ko`` or ``en``."""
    letters = sum(1 for c in text if c.isalpha())
    if not letters:
        return "en"
    if len(_HANGUL.findall(text)) / letters > 0.3:
        return "ko"
    if len(_HIRAGANA.findall(text)) / letters > 0.1:
        return "ja"
    if len(_CJK.findall(text)) / letters > 0.3:
        return "zh"
    return "en"


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


def read(path: str | Path) -> Iterator[Paper | Rejected]:
    """Yield the records of one file (blank-line separated blocks).

    A block without a citation line continues the previous record (a paragraph
    break inside an abstract); a block with one starts a new record.
    """
    path = Path(path)
    current: list[tuple[int, str]] = []
    block: list[tuple[int, str]] = []

    def flush_block() -> Iterator[Paper | Rejected]:
        nonlocal current, block
        if not block:
            return
        if any(parse_citation(l) for _, l in block) or not current:
            if current:
                yield _paper(current, path)
            current = block
        else:
            current = current + block
        block = []

    with open_text(path) as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if line.strip():
                block.append((n, line))
            else:
                yield from flush_block()
        yield from flush_block()
        if current:
            yield _paper(current, path)
