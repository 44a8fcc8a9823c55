"""Readers: one module per input format, plus detection (:mod:`extract.readers.detect`).

Every reader module exposes ``NAME`` (format name), ``sniff(head: str) -> bool``
(does this text look like my format?) and ``read(path) -> Iterator[Paper | Rejected]``.
Readers stream: they never hold a whole file in memory. A record that cannot
be read becomes a :class:`Rejected` (file, record, reason) and reading goes on.
"""
from __future__ import annotations

from litkg.extract.readers.base import Rejected, read_papers

__all__ = ["Rejected", "read_papers"]
