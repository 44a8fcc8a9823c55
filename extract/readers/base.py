"""Shared reader machinery: the reject record, text decoding and the top-level loop."""
from __future__ import annotations

import io
import gzip
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator

from litkg.extract.errors import InputError
from litkg.extract.records import Paper


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
        return {"path": self.path, "record": self.record, "reason": self.reason, "raw": self.raw}


def open_binary(path: str | Path) -> IO[bytes]:
    """Open a file for reading bytes, transparently un-gzipping ``.gz`` or gzip-magic files."""
    fh = open(path, "rb")
    magic = fh.peek(2)[:2] if hasattr(fh, "peek") else b""
    if magic == b"\x1f\x8b":
        return gzip.open(fh)  # type: ignore[return-value]
    return fh


def open_text(path: str | Path) -> IO[str]:
    """Open a file as strict UTF-8 text (BOM stripped), gzip handled.

    Invalid UTF-8 raises :class:`UnicodeDecodeError` while reading; readers turn
    that into a :class:`Rejected` naming the line.
    """
    return io.TextIOWrapper(open_binary(path), encoding="utf-8-sig", errors="strict", newline=None)


def read_head(path: str | Path, n: int = 8192) -> bytes:
    """Return the first ``n`` bytes (decompressed) of a file."""
    with open_binary(path) as fh:
        return fh.read(n)


def read_papers(paths: Iterable[str | Path], strict: bool = False,
                fmt: str | None = None) -> Iterator[Paper | Rejected]:
    """Read every record of every file, detecting each file's format from its content.

    Args:
        paths: Input files.
        strict: Raise :class:`~extract.errors.InputError` at the first bad record
            instead of yielding a :class:`Rejected`.
        fmt: Force a format name instead of detecting it.

    Yields:
        :class:`Paper` for each good record, :class:`Rejected` for each bad one.
    """
    from litkg.extract.readers.detect import reader_for

    for path in paths:
        path = Path(path)
        try:
            reader = reader_for(path, fmt)
        except InputError as e:
            if strict:
                raise
            yield Rejected(str(path), e.record, e.reason)
            continue
        try:
            for item in reader.read(path):
                if isinstance(item, Rejected) and strict:
                    raise InputError(item.path, item.reason, item.record)
                yield item
        except UnicodeDecodeError as e:
            err = InputError(str(path), f"invalid UTF-8 at byte {e.start}", None)
            if strict:
                raise err from e
            yield Rejected(str(path), None, err.reason)
        except OSError as e:
            err = InputError(str(path), f"cannot read: {e.strerror or e}")
            if strict:
                raise err from e
            yield Rejected(str(path), None, err.reason)
