"""Numbered, individually decoded lines: the input loop of the line-based readers.

Each line is decoded on its own, so one line of invalid UTF-8 spoils only the
record it belongs to: the reader rejects that record and goes on with the next.
"""
from __future__ import annotations

import zlib
from pathlib import Path
from typing import Iterator

from litkg.extract.readers.base import open_binary

_BOM = b"\xef\xbb\xbf"


class Lines:
    """Iterate over ``(line_number, text, error)`` for a (possibly gzipped) file.

    ``text`` has its line ending removed; ``error`` is ``None`` or says why the
    line could not be decoded (the text then holds U+FFFD replacement characters).

    Attributes:
        complete: After iteration, whether the file ended with a line break
            (``False`` for a file cut off mid-line or a truncated gzip stream).
        error: After iteration, why reading stopped early (truncated gzip), or ``None``.

    Example:
        >>> lines = Lines("records.nbib")          # doctest: +SKIP
        >>> for n, text, err in lines: ...         # doctest: +SKIP
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.complete = True
        self.error: str | None = None

    def __iter__(self) -> Iterator[tuple[int, str, str | None]]:
        n = 0
        raw = b"\n"
        with open_binary(self.path) as fh:
            it = iter(fh)
            while True:
                try:
                    raw = next(it)
                except StopIteration:
                    break
                except (EOFError, zlib.error) as e:
                    self.complete = False
                    self.error = f"compressed file is truncated or corrupt after line {n} ({e})"
                    return
                n += 1
                if n == 1 and raw.startswith(_BOM):
                    raw = raw[3:]
                try:
                    text = raw.decode("utf-8")
                    err = None
                except UnicodeDecodeError as e:
                    text = raw.decode("utf-8", errors="replace")
                    err = f"invalid UTF-8 at line {n} (byte {e.start} of the line)"
                yield n, text.rstrip("\r\n"), err
        self.complete = raw.endswith(b"\n")
