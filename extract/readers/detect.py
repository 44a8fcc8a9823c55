"""Detect a file's format from its content (the file name is only a tie-breaker)."""
from __future__ import annotations

from pathlib import Path
from types import ModuleType

from litkg.extract.errors import InputError, UnknownFormatError
from litkg.extract.readers import abstract_text, jsonl, medline, pubmed_text, pubmed_xml, ris
from litkg.extract.readers.base import read_head

# Order matters: the most specific sniffers first, the loose plain-text one last.
READERS: list[ModuleType] = [pubmed_xml, jsonl, medline, ris, pubmed_text, abstract_text]


def by_name(name: str) -> ModuleType:
    """Return the reader module called ``name`` (``medline``, ``ris``...)."""
    for r in READERS:
        if r.NAME == name:
            return r
    raise UnknownFormatError("-", f"unknown format {name!r}; known: {', '.join(r.NAME for r in READERS)}")


def reader_for(path: Path, fmt: str | None = None) -> ModuleType:
    """Pick the reader for ``path`` by sniffing its first bytes.

    Raises:
        InputError: file missing, empty, binary or not UTF-8.
        UnknownFormatError: no reader recognises it.
    """
    if fmt:
        return by_name(fmt)
    if not path.exists():
        raise InputError(str(path), "no such file")
    if path.is_dir():
        raise InputError(str(path), "is a directory")
    head_b = read_head(path)
    if not head_b.strip():
        raise InputError(str(path), "empty file")
    if b"\x00" in head_b:
        raise InputError(str(path), "binary file (NUL bytes), not a text export")
    head = head_b.decode("utf-8", errors="ignore").lstrip("\ufeff")
    for r in READERS:
        if r.sniff(head):
            return r
    raise UnknownFormatError(str(path), "unknown format: not MEDLINE, PubMed XML, RIS, JSON Lines or PubMed abstract text")
