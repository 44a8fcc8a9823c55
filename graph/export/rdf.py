"""RDF exports of the store: TriG, N-Quads, Turtle and JSON-LD.

Quad formats (TriG, N-Quads, JSON-LD) keep the named graphs (one per paper,
plus the vocabulary, ontology and runs graphs); Turtle writes the union of all
graphs, each triple once. Output is sorted, so the same store always gives
the same bytes.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from litkg.graph.errors import StoreError
from litkg.graph.namespace import PREFIXES
from litkg.graph.store import FORMATS, QUAD_FORMATS

RDF_FORMATS: dict[str, ox.RdfFormat] = {k: FORMATS[k] for k in ("trig", "nquads", "turtle", "jsonld")}
"""Format name (as ``litkg export --format`` takes it) → pyoxigraph format."""

_PREFIXED = {"trig", "turtle", "jsonld"}


def store_quads(store) -> list[ox.Quad]:
    """Every quad of a :class:`~graph.store.GraphStore` or :class:`~graph.store.RemoteStore`, sorted."""
    quads = list(store.quads())
    quads.sort(key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    return quads


def export_rdf(store, fmt: str, output: str | Path | BinaryIO | None = None) -> bytes | None:
    """Serialize the whole store as RDF.

    Args:
        store: The store to export (embedded or remote).
        fmt: ``trig``, ``nquads``, ``turtle`` or ``jsonld``.
        output: A path, a binary file, ``"-"`` for standard output, or ``None`` to return bytes.

    Returns:
        The serialization when ``output`` is ``None``, else ``None``.

    Raises:
        StoreError: an unknown format or an unreadable store.

    Examples:
        >>> from litkg.graph.store import GraphStore
        >>> export_rdf(GraphStore(), "nquads")
        b''
    """
    if fmt not in RDF_FORMATS:
        raise StoreError(f"unknown RDF format {fmt!r}; choose from {', '.join(RDF_FORMATS)}")
    quads = store_quads(store)
    prefixes = PREFIXES if fmt in _PREFIXED else None
    if fmt in QUAD_FORMATS:
        items: list = quads
    else:
        seen: set[ox.Triple] = set()
        items = []
        for q in quads:
            t = ox.Triple(q.subject, q.predicate, q.object)
            if t not in seen:
                seen.add(t)
                items.append(t)
        items.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    if output == "-":
        output = sys.stdout.buffer
    if isinstance(output, Path):
        output = str(output)
    data = ox.serialize(items, output, format=RDF_FORMATS[fmt], prefixes=prefixes)
    if output is None:
        return data if data is not None else b""
    return None
