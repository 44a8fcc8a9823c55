"""``litkg serve``: a read-only SPARQL 1.1 Protocol endpoint over a litkg store.

Standard library only (``http.server.ThreadingHTTPServer``). Queries come by
``GET /query?query=...``, ``POST`` of ``application/sparql-query`` or of an
HTML form (``query=...``); the same is answered at ``/sparql`` and ``/``.
Updates are refused (HTTP 403). Each query has a time limit (HTTP 503 when it
runs out) and its serialized result a size limit (HTTP 413); at most a few
queries run at once (HTTP 503 when all slots are busy). SELECT and ASK results
come as SPARQL JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE results as
N-Triples, Turtle, RDF/XML or JSON-LD, as the ``Accept`` header asks (JSON and
Turtle by default). ``GET /ontology`` returns the litkg ontology in Turtle.

The query's default graph is the union of all named graphs (papers, vocabulary,
ontology, runs), as with ``litkg query``.

Examples:
    >>> from litkg.graph.store import GraphStore
    >>> server = make_server(GraphStore(), port=0)   # port 0: any free port
    >>> server.server_address[0]
    '127.0.0.1'
    >>> server.server_close()
"""
from __future__ import annotations

import ipaddress
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from litkg.extract.errors import LitkgError
from litkg.graph.errors import StoreError

DEFAULT_PORT = 7879
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_BYTES = 50_000_000
DEFAULT_MAX_QUERIES = 4
MAX_REQUEST_BYTES = 1_000_000

_RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


class _TooLarge(Exception):
    pass


class _Cancelled(Exception):
    pass


class _LimitedBuffer:
    """A binary sink that refuses to grow past ``limit`` bytes and stops when ``cancelled`` is set."""

    def __init__(self, limit: int, cancelled: threading.Event) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.limit = limit
        self.cancelled = cancelled

    def write(self, data: bytes) -> int:
        if self.cancelled.is_set():
            raise _Cancelled()
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge()
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


def _media_types(accept: str | None) -> list[str]:
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
    table = _GRAPH_FORMATS if graph_result else _RESULT_FORMATS
    default = "text/turtle" if graph_result else "application/sparql-results+json"
    types = _media_types(accept)
    if not types:
        return default, table[default]
    for t in types:
        if t in table:
            return t, table[t]
        if t in ("*/*", "application/*", "text/*"):
            return default, table[default]
    return None


class SparqlServer(ThreadingHTTPServer):
    """A read-only SPARQL endpoint over a :class:`~graph.store.GraphStore` (or any store with ``query``).

    Args:
        address: ``(host, port)`` to listen on.
        store: The store to query.
        timeout: Seconds a query may run before the server answers 503.
        max_bytes: Largest serialized result the server sends (413 beyond).
        max_queries: Queries that may run at once (503 beyond).
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], store, timeout: float = DEFAULT_TIMEOUT,
                 max_bytes: int = DEFAULT_MAX_BYTES, max_queries: int = DEFAULT_MAX_QUERIES) -> None:
        super().__init__(address, _Handler)
        self.store = store
        self.query_timeout = timeout
        self.max_bytes = max_bytes
        self.slots = threading.BoundedSemaphore(max_queries)


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "litkg-sparql/1"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature of the base class
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    # -- responses
    def _send(self, status: int, body: bytes, content_type: str = "text/plain; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message.rstrip() + "\n").encode("utf-8"))

    # -- routing
    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if "update" in params:
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
        if url.path == "/ontology":
            from litkg.graph.ontology import ONTOLOGY_FILE

            return self._send(HTTPStatus.OK, ONTOLOGY_FILE.read_bytes(), "text/turtle; charset=utf-8")
        if url.path not in ("/", "/query", "/sparql"):
            return self._error(HTTPStatus.NOT_FOUND, f"no such resource {url.path}; query at /query")
        if "query" not in params:
            return self._error(HTTPStatus.OK if url.path == "/" else HTTPStatus.BAD_REQUEST,
                               "litkg SPARQL endpoint (read-only). Query with GET /query?query=... or POST "
                               "application/sparql-query to /query; the ontology is at /ontology.")
        self._answer(params["query"][0])

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802 - http.server naming
        url = urlsplit(self.path)
        if url.path not in ("/", "/query", "/sparql", "/update"):
            return self._error(HTTPStatus.NOT_FOUND, f"no such resource {url.path}; query at /query")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return self._error(HTTPStatus.BAD_REQUEST, "bad Content-Length")
        if length > MAX_REQUEST_BYTES:
            self.close_connection = True
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "query too long")
        body = self.rfile.read(length) if length else b""
        if url.path == "/update" or ctype == "application/sparql-update":
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self._error(HTTPStatus.BAD_REQUEST, "the request body is not UTF-8")
        if ctype == "application/sparql-query":
            return self._answer(text)
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(text, keep_blank_values=True)
            if "update" in form:
                return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
            if "query" not in form:
                return self._error(HTTPStatus.BAD_REQUEST, "no query= in the form")
            return self._answer(form["query"][0])
        return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                           "POST application/sparql-query or application/x-www-form-urlencoded")

    def do_PUT(self) -> None:  # noqa: N802 - http.server naming
        self._error(HTTPStatus.METHOD_NOT_ALLOWED, "this endpoint is read-only")

    do_DELETE = do_PATCH = do_PUT

    # -- queries
    def _answer(self, sparql: str) -> None:
        srv = self.server
        if not srv.slots.acquire(timeout=1.0):
            return self._error(HTTPStatus.SERVICE_UNAVAILABLE, "too many queries running; try again later")
        accept = self.headers.get("Accept")
        cancelled = threading.Event()
        outcome: dict = {}

        def work() -> None:
            try:
                outcome["value"] = self._evaluate(sparql, accept, cancelled)
            except BaseException as e:  # handed to the request thread, without the frames that hold
                outcome["error"] = e.with_traceback(None)  # pyoxigraph results (they must die on this thread)
            finally:
                srv.slots.release()

        worker = threading.Thread(target=work, name="litkg-sparql-query", daemon=True)
        worker.start()
        worker.join(srv.query_timeout)
        if worker.is_alive():
            cancelled.set()
            return self._error(HTTPStatus.SERVICE_UNAVAILABLE,
                               f"query time limit exceeded ({srv.query_timeout:g} s)")
        err = outcome.get("error")
        if err is None:
            status, body, ctype = outcome["value"]
            return self._send(status, body, ctype)
        if isinstance(err, _TooLarge):
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                               f"result larger than the limit of {srv.max_bytes} bytes; add a LIMIT")
        if isinstance(err, _Cancelled):
            return self._error(HTTPStatus.SERVICE_UNAVAILABLE, "query time limit exceeded")
        if isinstance(err, (SyntaxError, LitkgError, ValueError)):
            return self._error(HTTPStatus.BAD_REQUEST, f"bad query: {err}")
        return self._error(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {err}")

    def _evaluate(self, sparql: str, accept: str | None, cancelled: threading.Event) -> tuple[int, bytes, str]:
        result = self.server.store.query(sparql)
        try:
            return self._serialize(result, accept, cancelled)
        finally:
            del result

    def _serialize(self, result, accept: str | None, cancelled: threading.Event) -> tuple[int, bytes, str]:
        graph_result = isinstance(result, ox.QueryTriples) or isinstance(result, list)
        chosen = negotiate(accept, graph_result)
        if chosen is None:
            offered = ", ".join(_GRAPH_FORMATS if graph_result else _RESULT_FORMATS)
            msg = f"cannot answer in {accept}; acceptable: {offered}\n"
            return HTTPStatus.NOT_ACCEPTABLE, msg.encode(), "text/plain; charset=utf-8"
        media, fmt = chosen
        sink = _LimitedBuffer(self.server.max_bytes, cancelled)
        if isinstance(result, list):
            ox.serialize(result, sink, format=fmt)
        else:
            result.serialize(sink, format=fmt)
        ctype = media if "charset" in media or not media.startswith("text/") else media + "; charset=utf-8"
        return HTTPStatus.OK, sink.getvalue(), ctype


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def make_server(store, host: str = "127.0.0.1", port: int = DEFAULT_PORT, timeout: float = DEFAULT_TIMEOUT,
                max_bytes: int = DEFAULT_MAX_BYTES, max_queries: int = DEFAULT_MAX_QUERIES) -> SparqlServer:
    """A bound, not yet serving, read-only SPARQL endpoint (call ``serve_forever()``).

    Raises:
        StoreError: the address cannot be bound.
    """
    try:
        return SparqlServer((host, port), store, timeout=timeout, max_bytes=max_bytes, max_queries=max_queries)
    except OSError as e:
        raise StoreError(f"cannot listen on {host}:{port}: {e.strerror or e}") from e


def serve(store, host: str = "127.0.0.1", port: int = DEFAULT_PORT, timeout: float = DEFAULT_TIMEOUT,
          max_bytes: int = DEFAULT_MAX_BYTES, max_queries: int = DEFAULT_MAX_QUERIES, verbose: bool = False) -> None:
    """Serve ``store`` until interrupted; prints the endpoint address on stderr."""
    server = make_server(store, host, port, timeout, max_bytes, max_queries)
    server.verbose = verbose  # type: ignore[attr-defined]
    h, p = server.server_address[:2]
    shown = f"[{h}]" if ":" in str(h) else h
    print(f"litkg: SPARQL endpoint at http://{shown}:{p}/query (read-only; Ctrl-C stops)", file=sys.stderr)
    if not is_loopback(host):
        print(f"litkg: warning: listening on {host}, reachable from other machines", file=sys.stderr)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
