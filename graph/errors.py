"""Errors of the graph layer: the store, queries and exports. All are :class:`litkg.extract.errors.LitkgError`."""
from __future__ import annotations

from litkg.extract.errors import LitkgError


class StoreError(LitkgError):
    """The graph store cannot be opened, read or written."""


class QueryError(LitkgError):
    """A SPARQL query is unknown, malformed or missing a parameter."""


class ExportError(LitkgError):
    """A projection or export format is unknown, or an export cannot be written."""
