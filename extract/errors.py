"""The base of litkg's small exception hierarchy, and the errors of reading and extraction.

Only the CLI turns these into messages. The graph layer's errors (store,
query, export) are in :mod:`litkg.graph.errors`; :class:`OutputExistsError`
is here because ``litkg extract -o`` refuses to overwrite too.
"""
from __future__ import annotations


class LitkgError(Exception):
    """Base class of every error litkg raises on purpose."""


class InputError(LitkgError):
    """A file or record that cannot be read.

    Attributes:
        path: The file.
        record: Where in the file (``"line 12"``, ``"record 3"``) or ``None`` for the whole file.
        reason: What is wrong, in one line.
    """

    def __init__(self, path: str, reason: str, record: str | None = None) -> None:
        self.path = str(path)
        self.record = record
        self.reason = reason
        where = f"{self.path}: {record}" if record else self.path
        super().__init__(f"{where}: {reason}")


class UnknownFormatError(InputError):
    """The input's format could not be detected."""


class VocabularyError(LitkgError):
    """The SKOS vocabulary is malformed."""


class OutputExistsError(LitkgError):
    """Output exists and ``--force`` was not given."""
