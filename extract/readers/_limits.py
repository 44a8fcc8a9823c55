"""Private size limits of the readers: how much of one record a reader may hold, and reading lines within them.

No reader holds more than :data:`MAX_RECORD_BYTES` of one record
(a JSON line, a MEDLINE, RIS or PubMed-text record, a PubMed XML article):
:func:`bounded_lines` reads a line up to the limit and skips the rest of a
longer one without keeping it, and a record that passes the limit is rejected
as ``record too large (N bytes; limit M)`` (:func:`too_large`) with only the
first :data:`RAW_PREFIX_CHARS` characters kept for the rejects file. A record
read whole can still carry one text too long to extract from;
:data:`MAX_FIELD_CHARS` bounds each text field (checked for every reader by
:func:`litkg.extract.readers.read_papers`). Both are read when a file is
opened (:func:`record_limit`, :func:`field_limit`), so a test may set them lower
on this module.
"""
from __future__ import annotations

from typing import IO, Iterator

_CHUNK = 1 << 16

#: The most bytes one record may take in its file (8 MiB): a JSON line, a MEDLINE, RIS or PubMed-text record
#: (all its lines), a ``<PubmedArticle>`` element. The largest record of ``shared/corpus`` is under 25 KB; a
#: PubMed record with thousands of authors, each with affiliations, is a few MB of XML.
MAX_RECORD_BYTES = 8 * 1024 * 1024
#: The most characters one text field may hold (200,000): a title, an abstract, a translation, one
#: affiliation. The longest of ``shared/corpus``: an abstract of 10,265 characters, an affiliation of 4,196.
#: Well under spaCy's ``nlp.max_length`` (1,000,000), so every field that is read can be extracted from.
MAX_FIELD_CHARS = 200_000
#: How much of a record that is too large is kept as the ``raw`` text of its reject.
RAW_PREFIX_CHARS = 1000


def record_limit() -> int:
    """The record size limit in force (:data:`MAX_RECORD_BYTES`, read at each call so that tests may lower it)."""
    return MAX_RECORD_BYTES


def field_limit() -> int:
    """The text field limit in force (:data:`MAX_FIELD_CHARS`, read at each call)."""
    return MAX_FIELD_CHARS


def too_large(size: int, limit: int | None = None) -> str:
    """The reject reason of a record of ``size`` bytes over the limit.

    >>> too_large(9000000, 8388608)
    'record too large (9000000 bytes; limit 8388608)'
    """
    return f"record too large ({size} bytes; limit {record_limit() if limit is None else limit})"


def raw_prefix(lines: list[str], sep: str = "\n") -> str:
    """The start of a record's raw text, at most :data:`RAW_PREFIX_CHARS` characters (``…`` marks a cut)."""
    out: list[str] = []
    n = 0
    for line in lines:
        out.append(line)
        n += len(line) + len(sep)
        if n > RAW_PREFIX_CHARS:
            break
    text = sep.join(out)
    return text if len(text) <= RAW_PREFIX_CHARS else text[:RAW_PREFIX_CHARS] + "\u2026"


def bounded_lines(fh: IO[bytes], limit: int, universal: bool = False) -> Iterator[tuple[bytes, int]]:
    """Yield ``(raw, size)`` for each line of ``fh``, never holding more than ``limit`` bytes of one line.

    ``raw`` is the line with its line ending and ``size`` its length, when
    ``size <= limit``. A longer line is read in chunks and dropped: ``raw`` is
    then only its first :data:`RAW_PREFIX_CHARS` bytes followed by its line
    ending (``b""`` at the end of the file) and ``size`` its full length.

    Args:
        fh: A binary stream.
        limit: The most bytes of one line kept.
        universal: A bare ``\\r`` ends a line too (``raw`` may then hold several
            ``\\r``-ended lines, at most ``limit`` bytes in all, for the caller to split).

    Raises:
        One of :data:`._io.STREAM_ERRORS` when a compressed stream breaks off.
    """
    carry = b""
    skip_lf = False  # the last piece ended in "\r": a "\n" next is the rest of that "\r\n"
    while True:
        if carry.endswith(b"\n") or len(carry) > limit:
            raw, carry = carry, b""
        else:
            raw = fh.readline(limit + 1 - len(carry))
            if skip_lf and not carry and raw.startswith(b"\n"):
                raw = raw[1:] or fh.readline(limit + 1)
            raw, carry = carry + raw, b""
        skip_lf = False
        if not raw:
            return
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield raw, len(raw)
            continue
        if universal and (i := raw.rfind(b"\r", 0, limit)) >= 0:  # whole lines within the limit
            yield raw[:i + 1], i + 1
            carry = raw[i + 1:]
            skip_lf = not carry
            continue
        # a line over the limit: keep its start, read the rest in chunks and drop it
        size, prefix, ending = len(raw), raw[:RAW_PREFIX_CHARS], b""
        if universal and raw.endswith(b"\r"):  # it ends right after the limit
            prefix, ending, skip_lf = raw[:-1][:RAW_PREFIX_CHARS], b"\r", True
        while not ending:
            more = fh.readline(min(_CHUNK, limit + 1))  # what is left after a "\r" (carry) stays under the limit
            if not more:
                break
            if universal and (j := more.find(b"\r")) >= 0:
                end = j + 2 if more[j + 1:j + 2] == b"\n" else j + 1
                size, ending, carry = size + end, more[j:end], more[end:]
                skip_lf = end == len(more) and ending == b"\r"
                break
            size += len(more)
            if more.endswith(b"\n"):
                ending = b"\r\n" if more.endswith(b"\r\n") else b"\n"
                break
        yield prefix + ending, size


class LineRecord:
    """One record of a line-based format as read: its fields, raw lines, start line and size in bytes.

    :meth:`count` bounds what it holds: past the record limit the fields are
    dropped and only the start of the raw text is kept, for the rejects file.
    """

    __slots__ = ("start", "fields", "raw", "error", "size", "dropped")

    def __init__(self, start: int) -> None:
        self.start = start
        self.fields: list = []
        self.raw: list[str] = []
        self.error: str | None = None
        self.size = 0
        self.dropped = False  # over the record limit: fields dropped, only the start of raw kept

    def count(self, line: str, size: int, limit: int) -> bool:
        """Count one more line of ``size`` bytes; ``False`` once the record is over ``limit`` (hold no more)."""
        self.size += size
        if not self.dropped and self.size > limit:
            self.dropped = True
            self.raw, self.fields = [raw_prefix(self.raw + [line])], []
        return not self.dropped

