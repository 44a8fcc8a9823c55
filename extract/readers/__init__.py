"""Readers: one module per input format, the registry of formats and the top-level loop.

Every format module exposes ``NAME`` (format name), ``sniff(head: str) -> bool``
(does this text look like my format?) and ``read(path) -> Iterator[Paper | Rejected]``
(and ``RECORD_UNIT = "record"`` when :attr:`Paper.record` counts records, not
lines), and is listed once in :data:`READERS`. Readers stream: they never hold a whole
file in memory, nor more than :data:`MAX_RECORD_BYTES` of one record. A record
that cannot be read becomes a :class:`Rejected` (file, record, reason) and
reading goes on; so does a record one of whose text fields (title, abstract,
an affiliation, a translation) is longer than :data:`MAX_FIELD_CHARS`.

Imports go one way only: this package imports the format modules; they import
the private helpers of :mod:`._io` (and :mod:`.fields`, :mod:`.citation`),
never this package.

Example:
    >>> [r.NAME for r in READERS]
    ['pubmed-xml', 'jsonl', 'medline', 'ris', 'pubmed-text', 'abstract-text']
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Protocol

from litkg.extract.errors import InputError, UnknownFormatError
from litkg.extract.readers import abstract_text, jsonl, medline, pubmed_text, pubmed_xml, ris
from litkg.extract.readers._io import STREAM_ERRORS, Rejected, broken_stream, read_head
from litkg.extract.readers._limits import MAX_FIELD_CHARS, MAX_RECORD_BYTES, RAW_PREFIX_CHARS, field_limit
from litkg.extract.records import Paper

__all__ = ["MAX_FIELD_CHARS", "MAX_RECORD_BYTES", "READERS", "Reader", "Rejected", "by_name", "check_fields",
           "read_papers", "reader_for"]


class Reader(Protocol):
    """What a format module provides (modules satisfy this protocol structurally)."""

    NAME: str

    def sniff(self, head: str) -> bool:
        """Does this text (the first 8 KB of a file, decoded) look like my format?"""

    def read(self, path: str | Path) -> Iterator[Paper | Rejected]:
        """Yield the records of one file."""


# The registry. Order matters: the most specific sniffers first, the loose plain-text one last.
READERS: tuple[Reader, ...] = (pubmed_xml, jsonl, medline, ris, pubmed_text, abstract_text)


def by_name(name: str) -> Reader:
    """Return the reader module called ``name`` (``medline``, ``ris``...).

    Raises:
        UnknownFormatError: no format has that name.
    """
    for r in READERS:
        if r.NAME == name:
            return r
    raise UnknownFormatError("-", f"unknown format {name!r}; known: {', '.join(r.NAME for r in READERS)}")


def reader_for(path: Path, fmt: str | None = None) -> Reader:
    """Pick the reader for ``path`` by sniffing its first bytes (or by name when ``fmt`` is given).

    The first 8 KB are read as :func:`~._io.open_binary` gives them (un-gzipped,
    UTF-16/UTF-32 turned into UTF-8). When a compressed file breaks off inside
    them, the part before the break is sniffed; the reader then rejects what is
    broken.

    Raises:
        InputError: file missing, unreadable, empty or binary; a compressed file
            broken so early that nothing recognisable comes out of it.
        UnknownFormatError: no reader recognises it.
    """
    if fmt:
        return by_name(fmt)
    if not path.exists():
        raise InputError(str(path), "no such file")
    if path.is_dir():
        raise InputError(str(path), "is a directory")
    try:
        head_b, broken = read_head(path)
    except OSError as e:
        raise InputError(str(path), f"cannot read: {e.strerror or e}") from e
    if not head_b.strip():
        raise InputError(str(path), broken or "empty file")
    if b"\x00" in head_b:
        raise InputError(str(path), "binary file (NUL bytes), not a text export")
    head = head_b.decode("utf-8", errors="ignore").lstrip("\ufeff")
    for r in READERS:
        if r.sniff(head):
            return r
    if broken:
        raise InputError(str(path), broken)
    raise UnknownFormatError(str(path),
                             "unknown format: not MEDLINE, PubMed XML, RIS, JSON Lines or PubMed abstract text")


def check_fields(paper: Paper, unit: str = "line") -> Paper | Rejected:
    """The paper, or a :class:`Rejected` when one of its text fields is longer than :data:`MAX_FIELD_CHARS`.

    Args:
        paper: A paper as a reader made it.
        unit: What :attr:`Paper.record` counts in its file (``line``, or ``record`` for PubMed XML).
    """
    limit = field_limit()
    for name, _, text in paper.text_fields():
        if len(text) > limit:
            where = f"{unit} {paper.record}" if paper.record is not None else None
            return Rejected(paper.source or "-", where,
                            f"record too large: its {name} has {len(text)} characters (limit {limit})",
                            (paper.title or text)[:RAW_PREFIX_CHARS])
    return paper


def read_papers(paths: Iterable[str | Path], strict: bool = False,
                fmt: str | None = None) -> Iterator[Paper | Rejected]:
    """Read every record of every file, detecting each file's format from its content.

    Args:
        paths: Input files.
        strict: Raise :class:`~extract.errors.InputError` at the first bad record
            instead of yielding a :class:`Rejected`.
        fmt: Force a format name instead of detecting it.

    Yields:
        :class:`Paper` for each good record, :class:`Rejected` for each bad one
        (a file that cannot be read at all is one :class:`Rejected` naming it).
    """
    for path in paths:
        path = Path(path)
        try:
            reader = reader_for(path, fmt)
        except InputError as e:
            if strict:
                raise
            yield Rejected(str(path), e.record, e.reason)
            continue
        unit = getattr(reader, "RECORD_UNIT", "line")
        try:
            for item in reader.read(path):
                if isinstance(item, Paper):
                    item = check_fields(item, unit)
                if isinstance(item, Rejected) and strict:
                    raise InputError(item.path, item.reason, item.record)
                yield item
        except UnicodeDecodeError as e:
            err = InputError(str(path), f"invalid UTF-8 at byte {e.start}", None)
            if strict:
                raise err from e
            yield Rejected(str(path), None, err.reason)
        except STREAM_ERRORS as e:  # readers catch these themselves; this is the safety net
            err = InputError(str(path), broken_stream(e))
            if strict:
                raise err from e
            yield Rejected(str(path), None, err.reason)
        except OSError as e:
            err = InputError(str(path), f"cannot read: {e.strerror or e}")
            if strict:
                raise err from e
            yield Rejected(str(path), None, err.reason)
