"""Run one endpoint query and serialize its result as the ``Accept`` header asks, within a size limit.

The same function runs inside a query worker process (:mod:`litkg.graph.query_pool`)
or, for an in-memory or remote store, on a server thread. It returns plain data
(status, body, media type) so that its result can cross a process boundary.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from http import HTTPStatus

import pyoxigraph as ox

from litkg.graph.namespace import PREFIXES

RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
_PREFIXED = {ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG}


class TooLarge(Exception):
    """The serialized result grew past the size limit."""


@dataclass
class Job:
    """One query as the endpoint received it (plain data: it is sent to a worker process)."""

    query: str
    accept: str | None = None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    max_bytes: int = 50_000_000
    bindings: dict = field(default_factory=dict)  # variable name -> pyoxigraph term (the web pages' parameters)


class _LimitedBuffer:
    """A binary sink that refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.limit = limit

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise TooLarge()
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


def media_types(accept: str | None) -> list[str]:
    """Media types of an ``Accept`` header, best first (by q, then order)."""
    if not accept:
        return []
    items = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if bits[0] and q > 0:
            items.append((-q, i, bits[0].lower()))
    return [m for _, _, m in sorted(items)]


def negotiate(accept: str | None, graph_result: bool) -> tuple[str, object] | None:
    """The (media type, pyoxigraph format) to answer with, or ``None`` when nothing acceptable is offered."""
    table = GRAPH_FORMATS if graph_result else RESULT_FORMATS
    default = "text/turtle" if graph_result else "application/sparql-results+json"
    types = media_types(accept)
    if not types:
        return default, table[default]
    for t in types:
        if t in table:
            return t, table[t]
        if t in ("*/*", "application/*", "text/*"):
            return default, table[default]
    return None


def run_job(store, job: Job) -> tuple[int, bytes, str]:
    """Evaluate ``job`` on ``store`` (a :class:`~litkg.graph.store.GraphStore`) and serialize the result.

    Raises:
        TooLarge: the result is larger than ``job.max_bytes``.
        SyntaxError, ValueError, LitkgError: the query or a graph IRI is bad.
    """
    result = store.query(job.query, job.bindings or None, default_graphs=job.default_graphs or None,
                         named_graphs=job.named_graphs or None)
    graph_result = isinstance(result, ox.QueryTriples)
    chosen = negotiate(job.accept, graph_result)
    if chosen is None:
        offered = ", ".join(GRAPH_FORMATS if graph_result else RESULT_FORMATS)
        return HTTPStatus.NOT_ACCEPTABLE, f"cannot answer in {job.accept}; acceptable: {offered}\n".encode(), \
            "text/plain; charset=utf-8"
    media, fmt = chosen
    sink = _LimitedBuffer(job.max_bytes)
    if graph_result and fmt in _PREFIXED:
        ox.serialize(result, sink, format=fmt, prefixes=PREFIXES)
    else:
        result.serialize(sink, format=fmt)
    ctype = media if "charset" in media or not media.startswith("text/") else media + "; charset=utf-8"
    return HTTPStatus.OK, sink.getvalue(), ctype
