"""Private I/O helpers of the readers: the reject record, opening files, the head, numbered lines.

Files are opened through :func:`open_binary`, which un-gzips (by magic number,
whatever the extension) and turns UTF-16 or UTF-32 text that starts with a
byte-order mark into UTF-8 bytes, so every reader sees UTF-8 (the XML reader
asks for the raw bytes instead: expat decodes UTF-16 itself). A compressed
stream that breaks off raises one of :data:`STREAM_ERRORS`; readers turn that
into a :class:`Rejected`.

Size limits are in :mod:`._limits`; :class:`Lines` applies them to every line.

Format modules import from here (and from :mod:`.fields`, :mod:`.citation`,
:mod:`litkg.extract.records`), never from the package ``__init__``, which
imports them: the import graph of :mod:`litkg.extract.readers` stays acyclic.
"""
from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator, NamedTuple

from litkg.extract.readers._limits import bounded_lines, record_limit, too_large

#: What reading a broken compressed stream raises (``gzip.BadGzipFile`` is also an ``OSError``).
STREAM_ERRORS: tuple[type[Exception], ...] = (EOFError, zlib.error, gzip.BadGzipFile)

_GZIP_MAGIC = b"\x1f\x8b"
_UTF8_BOM = codecs.BOM_UTF8
# UTF-32 first: its little-endian mark starts with the UTF-16 one
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
         (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))
_CHUNK = 1 << 16
_NEWLINE = re.compile(r"\r\n|\r|\n")
_MARK = "litkg.readers.undecodable"


def _mark_undecodable(e: UnicodeError) -> tuple[str, int]:
    """Codec error handler: U+DCFF, which ``surrogateescape`` then writes as the byte 0xFF (never UTF-8)."""
    if not isinstance(e, UnicodeDecodeError):
        raise e
    return "\udcff", e.end


codecs.register_error(_MARK, _mark_undecodable)


@dataclass
class Rejected:
    """A record (or a whole file) that could not be read.

    Attributes:
        path: The file.
        record: Where in it (``"line 12"``, ``"record 3"``), or ``None`` for the whole file.
        reason: One line saying what is wrong.
        raw: The raw text of the record, when there is one.
    """

    path: str
    record: str | None
    reason: str
    raw: str | None = None

    def message(self) -> str:
        """The one-line error message naming the file and record."""
        where = f"{self.path}: {self.record}" if self.record else self.path
        return f"{where}: {self.reason}"

    def to_dict(self) -> dict[str, str | None]:
        """The reject as a JSON-ready dict (``path``, ``record``, ``reason``, ``raw``)."""
        return {"path": self.path, "record": self.record, "reason": self.reason, "raw": self.raw}


def broken_stream(e: BaseException, after: str = "") -> str:
    """The reason given for a compressed stream that breaks off (``after`` says where)."""
    return f"compressed file is truncated or corrupt{' ' + after if after else ''} ({e})"


class _Transcoder(io.RawIOBase):
    """UTF-8 bytes of a UTF-16/UTF-32 byte stream (BOM removed).

    Undecodable code units (a lone surrogate, an odd last byte) become the byte
    0xFF, which is never valid UTF-8: the line holding them is then reported by
    whoever decodes it.
    """

    def __init__(self, inner: IO[bytes], encoding: str) -> None:
        super().__init__()
        self._inner = inner
        self._decoder = codecs.getincrementaldecoder(encoding)(errors=_MARK)
        self._out = b""
        self._pos = 0
        self._done = False

    def readable(self) -> bool:
        """Always: this is a read-only stream."""
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        """Fill ``buffer`` with the next UTF-8 bytes; 0 at the end."""
        while self._pos >= len(self._out) and not self._done:
            chunk = read_chunk(self._inner, _CHUNK)
            self._done = not chunk
            self._out = self._decoder.decode(chunk, final=self._done).encode("utf-8", "surrogateescape")
            self._pos = 0
        n = min(len(buffer), len(self._out) - self._pos)
        buffer[:n] = self._out[self._pos:self._pos + n]
        self._pos += n
        return n

    def close(self) -> None:
        """Close this stream and the one it reads."""
        if not self.closed:
            self._inner.close()
        super().close()


class _Decoded(io.BufferedReader):
    """A buffered :class:`_Transcoder` that remembers the file's own encoding."""

    def __init__(self, raw: _Transcoder, label: str) -> None:
        super().__init__(raw)
        self.source_encoding = label


def read_chunk(fh: IO[bytes], n: int) -> bytes:
    """At most ``n`` bytes with one read of the layer below (keeps what came before a broken stream)."""
    read1 = getattr(fh, "read1", None)
    return read1(n) if read1 is not None else fh.read(n)


def _peek(fh: IO[bytes], n: int) -> bytes:
    """The next bytes without consuming them (maybe fewer than ``n``)."""
    return fh.peek(n)[:n] if hasattr(fh, "peek") else b""


def source_encoding(fh: IO[bytes]) -> str:
    """The encoding of the file behind a stream from :func:`open_binary`: ``UTF-8``, ``UTF-16`` or ``UTF-32``."""
    return getattr(fh, "source_encoding", "UTF-8")


def open_binary(path: str | Path, transcode: bool = True) -> IO[bytes]:
    """Open a file for reading bytes, un-gzipping ``.gz`` or gzip-magic files.

    Args:
        path: The file.
        transcode: Turn UTF-16/UTF-32 text with a byte-order mark into UTF-8
            (see :func:`source_encoding`); ``False`` gives the bytes as stored.
    """
    fh = open(path, "rb")
    stream: IO[bytes] = fh
    if _peek(fh, 2) == _GZIP_MAGIC:
        stream = gzip.open(fh)  # type: ignore[assignment]
    if transcode:
        try:
            head = _peek(stream, 4)
        except STREAM_ERRORS:  # broken at once: open again, so that the first read meets the error
            stream.close()
            return open_binary(path, transcode=False)
        for bom, codec, label in _BOMS:
            if head.startswith(bom):
                return _Decoded(_Transcoder(stream, codec), label)
    return stream


def read_head(path: str | Path, n: int = 8192) -> tuple[bytes, str | None]:
    """The first ``n`` bytes of a file as :func:`open_binary` gives them, and why they are short.

    Returns:
        ``(head, None)``, or ``(what could be read, reason)`` when the compressed
        stream breaks off (or is not gzip after all) within the first ``n`` bytes.

    Raises:
        OSError: the file cannot be opened.
    """
    chunks: list[bytes] = []
    size = 0
    with open_binary(path) as fh:
        try:
            while size < n:
                chunk = read_chunk(fh, n - size)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        except STREAM_ERRORS as e:
            return b"".join(chunks), broken_stream(e)
    return b"".join(chunks), None


class Line(NamedTuple):
    """One line of a file as :class:`Lines` gives it."""

    number: int
    text: str
    error: str | None
    size: int  # bytes in the file (after un-gzipping and UTF-16/32 transcoding), line ending included


class Lines:
    """Iterate over the :class:`Line` ``(number, text, error, size)`` of a (possibly gzipped) file.

    Each line is decoded on its own, so one undecodable line spoils only the
    record it belongs to: the reader rejects that record and goes on with the next.
    ``text`` has its line ending removed; ``error`` is ``None`` or says why the
    line could not be decoded (the text then holds U+FFFD replacement characters).
    A line over the record limit (:func:`record_limit`) is never held whole:
    ``text`` is then its first :data:`._limits.RAW_PREFIX_CHARS` characters, ``error``
    says ``record too large (N bytes; limit M)`` and ``size`` is N.

    Args:
        path: The file (gzip, UTF-16 and UTF-32 with a byte-order mark allowed).
        fallback: A codec (such as ``"cp1252"``) for files that are not UTF-8.
            The first line that is not UTF-8 switches to it for the rest of the
            file, when that line decodes cleanly with it (no NUL byte) and no line
            before held non-ASCII UTF-8. After the switch, a non-ASCII line that
            is valid UTF-8 is an error (mixed encodings), as is a line the
            fallback cannot decode. ``None``: strict UTF-8.
        universal_newlines: Split lines at ``\\r``, ``\\r\\n`` and ``\\n`` (as text
            files opened with ``newline=None`` do) instead of at ``\\n`` only.

    Attributes:
        limit: The most bytes of one line held (:func:`record_limit` when the file is opened).
        complete: After iteration, whether the file ended with a line break
            (``False`` for a file cut off mid-line or a truncated gzip stream).
        error: After iteration, why reading stopped early (truncated gzip), or ``None``.
        encoding: After iteration, the codec the file was read with (``utf-8`` or ``fallback``).

    Example:
        >>> lines = Lines("records.nbib")             # doctest: +SKIP
        >>> for n, text, err, size in lines: ...      # doctest: +SKIP
    """

    def __init__(self, path: str | Path, fallback: str | None = None, universal_newlines: bool = False) -> None:
        self.path = Path(path)
        self.fallback = fallback
        self.universal_newlines = universal_newlines
        self.limit = record_limit()
        self.complete = True
        self.error: str | None = None
        self.encoding = "utf-8"
        self._label = "UTF-8"
        self._saw_utf8 = False

    def __iter__(self) -> Iterator[Line]:
        n = 0
        raw = b"\n"
        self.complete, self.error, self.encoding, self._saw_utf8 = True, None, "utf-8", False
        with open_binary(self.path) as fh:
            self._label = source_encoding(fh)
            it = bounded_lines(fh, self.limit, self.universal_newlines)
            while True:
                try:
                    raw, size = next(it)
                except StopIteration:
                    break
                except STREAM_ERRORS as e:
                    self.complete = False
                    self.error = broken_stream(e, f"after line {n}")
                    return
                if n == 0 and raw.startswith(_UTF8_BOM):
                    raw = raw[3:]
                if size > self.limit:  # only the start of the line was kept
                    n += 1
                    yield Line(n, raw.decode("utf-8", "replace").rstrip("\r\n"), too_large(size, self.limit), size)
                    continue
                text, err = self._decode(raw, n + 1)
                if self.universal_newlines:
                    parts = _NEWLINE.split(text)
                    if len(parts) > 1 and not parts[-1]:
                        parts.pop()
                else:
                    parts = [text.rstrip("\r\n")]
                for part in parts:
                    n += 1
                    yield Line(n, part, err, size if len(parts) == 1 else len(part) + 1)
        self.complete = raw.endswith((b"\n", b"\r") if self.universal_newlines else b"\n")

    def _decode(self, raw: bytes, n: int) -> tuple[str, str | None]:
        """Decode one line (see the class docstring for the fallback rules)."""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            replaced = raw.decode("utf-8", errors="replace")
            if self._label != "UTF-8":
                return replaced, f"invalid {self._label} at line {n}"
            if self.fallback is None:
                return replaced, f"invalid UTF-8 at line {n} (byte {e.start} of the line)"
            if self.encoding == "utf-8" and self._saw_utf8:
                return replaced, f"invalid UTF-8 at line {n} (byte {e.start} of the line; earlier lines are UTF-8)"
            try:
                text = raw.decode(self.fallback)
            except UnicodeDecodeError as e2:
                return replaced, f"line {n} is neither UTF-8 nor {self.fallback} (byte {e2.start} of the line)"
            if "\x00" in text:
                return replaced, f"NUL byte at line {n}"
            self.encoding = self.fallback
            return text, None
        if not text.isascii():
            if self.encoding != "utf-8":
                return text, f"line {n} is UTF-8 but earlier lines are {self.fallback}: mixed encodings"
            self._saw_utf8 = True
        return text, None
