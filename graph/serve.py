"""``litkg serve``: a read-only SPARQL 1.1 Protocol endpoint over a litkg store.

Standard library only (``http.server``). Queries come by ``GET
/query?query=...``, ``POST`` of ``application/sparql-query`` or of an HTML
form (``query=...``); the same is answered at ``/sparql`` and ``/``. The
protocol's ``default-graph-uri`` and ``named-graph-uri`` choose the dataset;
without them the default graph is the union of all named graphs (papers,
vocabulary, ontology, runs), as with ``litkg query``. SELECT and ASK results
come as SPARQL JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE results as
Turtle (with prefixes), N-Triples, N-Quads, TriG, RDF/XML or JSON-LD, as the
``Accept`` header asks. ``GET /ontology`` returns the litkg ontology. Reads
are open to pages of any origin (CORS); nothing can be written. A browser's
``GET /`` gets a query page, and ``/concept``, ``/paper`` and ``/platform``
show the evidence behind the graph (:mod:`litkg.graph.web`; their queries run
through the same workers and limits).

What a public endpoint must survive, and how:

* updates are refused (403), federated queries (``SERVICE``) too unless
  ``allow_service`` (the server fetches nothing on a caller's behalf);
* each query runs in a worker process (:mod:`litkg.graph.query_pool`) that is
  killed when it passes ``timeout`` (503): its CPU and slot come back at once,
  and cheap queries keep being answered while expensive ones run;
* a query nested deeper than :data:`~litkg.graph.sparql_text.MAX_NESTING` is
  refused before parsing (400), and a crash in parser or evaluator costs one
  request (500), never the server;
* request bodies over 1 MB (413), bad or negative lengths (400), results over
  ``max_bytes`` (413); idle or stalled connections time out after
  ``idle_timeout`` seconds; at most ``max_connections`` are served at once
  (503 beyond).

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

from litkg.extract.errors import LitkgError
from litkg.graph import web
from litkg.graph.errors import StoreError
from litkg.graph.query_pool import Busy, Crashed, QueryFailed, QueryPool, TimedOut
from litkg.graph.sparql_exec import Job, TooLarge, negotiate, run_job  # noqa: F401  (negotiate: public API)
from litkg.graph.sparql_text import MAX_NESTING, nesting_depth, uses_service

DEFAULT_PORT = 7879
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_BYTES = 50_000_000
DEFAULT_MAX_QUERIES = 4
DEFAULT_MAX_CONNECTIONS = 64
DEFAULT_IDLE_TIMEOUT = 10.0
MAX_REQUEST_BYTES = 1_000_000
_QUERY_PATHS = ("/", "/query", "/sparql")
_CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
         "Access-Control-Allow-Headers": "Content-Type, Accept", "Access-Control-Max-Age": "86400"}


class _ThreadRunner:
    """Runs queries on server threads, for stores without a folder (in memory, remote): no hard kill."""

    def __init__(self, store, size: int) -> None:
        self.store = store
        self.slots = threading.BoundedSemaphore(size)

    def run(self, job: Job, timeout: float, wait: float = 1.0) -> tuple[int, bytes, str]:
        if not self.slots.acquire(timeout=wait):
            raise Busy()
        outcome: dict = {}

        def work() -> None:
            try:
                outcome["value"] = run_job(self.store, job)
            except TooLarge:
                outcome["error"] = QueryFailed("too_large", "")
            except (SyntaxError, ValueError, LitkgError) as e:
                outcome["error"] = QueryFailed("bad", str(e))
            except Exception as e:  # noqa: BLE001
                outcome["error"] = QueryFailed("error", f"{type(e).__name__}: {e}")
            finally:
                self.slots.release()

        worker = threading.Thread(target=work, name="litkg-sparql-query", daemon=True)
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            raise TimedOut()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    def close(self) -> None:
        pass


class SparqlServer(ThreadingHTTPServer):
    """A read-only SPARQL endpoint over a :class:`~litkg.graph.store.GraphStore` (or any store with ``query``).

    Args:
        address: ``(host, port)`` to listen on.
        store: The store to query; an on-disk store is queried by worker processes.
        timeout: Seconds a query may run before the server answers 503 and stops it.
        max_bytes: Largest serialized result the server sends (413 beyond).
        max_queries: Queries that may run at once (503 beyond).
        max_connections: Connections served at once (503 beyond).
        idle_timeout: Seconds a connection may stay silent while sending its request.
        allow_service: Let queries federate with ``SERVICE`` (off: the server fetches nothing).
    """

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the listen backlog (socketserver's default of 5 drops bursts of clients)

    def __init__(self, address: tuple[str, int], store, timeout: float = DEFAULT_TIMEOUT,
                 max_bytes: int = DEFAULT_MAX_BYTES, max_queries: int = DEFAULT_MAX_QUERIES,
                 max_connections: int = DEFAULT_MAX_CONNECTIONS, idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
                 allow_service: bool = False) -> None:
        super().__init__(address, _Handler)
        self.store = store
        self.query_timeout = timeout
        self.max_bytes = max_bytes
        self.idle_timeout = idle_timeout
        self.allow_service = allow_service
        self.connections = threading.BoundedSemaphore(max_connections)
        path = getattr(store, "path", None)
        try:
            self.runner = QueryPool(str(path), max_queries) if path is not None else _ThreadRunner(store, max_queries)
        except BaseException:
            self.server_close()
            raise

    def process_request(self, request, client_address) -> None:
        if not self.connections.acquire(blocking=False):
            try:
                body = b"too many connections\n"
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: "
                                + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.connections.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.connections.release()

    def server_close(self) -> None:
        super().server_close()
        runner = getattr(self, "runner", None)
        if runner is not None:
            runner.close()


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "litkg-sparql/2"
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        self.timeout = self.server.idle_timeout  # socket timeout: stalled headers or bodies end the connection
        super().setup()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature of the base class
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    # -- responses
    def _send(self, status: int, body: bytes, content_type: str = "text/plain; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept, Origin")
        for k, v in {**_CORS, **(headers or {})}.items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message.rstrip() + "\n").encode("utf-8"))

    # -- routing
    def do_OPTIONS(self) -> None:  # noqa: N802 - http.server naming
        self._send(HTTPStatus.NO_CONTENT, b"")

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if "update" in params:
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
        if url.path == "/ontology":
            from litkg.graph.ontology import ONTOLOGY_FILE

            return self._send(HTTPStatus.OK, ONTOLOGY_FILE.read_bytes(), "text/turtle; charset=utf-8")
        if web.is_web_path(url.path):
            return self._page(url.path, params)
        if url.path not in _QUERY_PATHS:
            return self._error(HTTPStatus.NOT_FOUND, f"no such resource {url.path}; query at /query")
        if "query" not in params:
            if url.path == "/" and web.wants_html(self.headers.get("Accept")):
                return self._page("/", params)  # a browser: the query page
            return self._error(HTTPStatus.OK if url.path == "/" else HTTPStatus.BAD_REQUEST,
                               "litkg SPARQL endpoint (read-only). Query with GET /query?query=... or POST "
                               "application/sparql-query to /query; the ontology is at /ontology.")
        self._answer(params)

    do_HEAD = do_GET

    def _body(self) -> bytes | None:
        """The request body, or ``None`` after answering a bad or oversized one."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self.close_connection = True
            self._error(HTTPStatus.LENGTH_REQUIRED, "send a Content-Length (chunked bodies are not read)")
            return None
        raw = (self.headers.get("Content-Length") or "0").strip()
        if not raw.isdigit():
            self.close_connection = True
            self._error(HTTPStatus.BAD_REQUEST, "bad Content-Length")
            return None
        length = int(raw)
        if length > MAX_REQUEST_BYTES:
            self.close_connection = True
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "query too long")
            return None
        return self.rfile.read(length) if length else b""

    def do_POST(self) -> None:  # noqa: N802 - http.server naming
        url = urlsplit(self.path)
        if url.path not in _QUERY_PATHS + ("/update",):
            return self._error(HTTPStatus.NOT_FOUND, f"no such resource {url.path}; query at /query")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        body = self._body()
        if body is None:
            return None
        if url.path == "/update" or ctype == "application/sparql-update":
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self._error(HTTPStatus.BAD_REQUEST, "the request body is not UTF-8")
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-query":
            if "query" in params:
                return self._error(HTTPStatus.BAD_REQUEST, "give the query once: in the body or as query=")
            return self._answer({**params, "query": [text]})
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(text, keep_blank_values=True)
            if "update" in form:
                return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
            if "query" not in form:
                return self._error(HTTPStatus.BAD_REQUEST, "no query= in the form")
            merged = {k: params.get(k, []) + form.get(k, []) for k in set(params) | set(form)}
            return self._answer(merged)
        return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                           "POST application/sparql-query or application/x-www-form-urlencoded")

    def do_PUT(self) -> None:  # noqa: N802 - http.server naming
        self._error(HTTPStatus.METHOD_NOT_ALLOWED, "this endpoint is read-only")

    do_DELETE = do_PATCH = do_PUT

    # -- queries
    def _answer(self, params: dict[str, list[str]]) -> None:
        srv = self.server
        if len(params["query"]) != 1:
            return self._error(HTTPStatus.BAD_REQUEST, "give exactly one query")
        sparql = params["query"][0]
        if nesting_depth(sparql) > MAX_NESTING:
            return self._error(HTTPStatus.BAD_REQUEST, f"query nested deeper than {MAX_NESTING} levels")
        if not srv.allow_service and uses_service(sparql):
            return self._error(HTTPStatus.FORBIDDEN,
                               "federated queries (SERVICE) are refused by this endpoint (litkg serve --allow-service)")
        job = Job(sparql, self.headers.get("Accept"), params.get("default-graph-uri", []),
                  params.get("named-graph-uri", []), srv.max_bytes)
        try:
            status, body, ctype = srv.runner.run(job, srv.query_timeout, wait=srv.query_timeout)
        except (Busy, TimedOut, Crashed, QueryFailed) as e:
            return self._error(*self._failure(e))
        self._send(status, body, ctype)

    def _failure(self, e: Exception) -> tuple[int, str]:
        """The status and message of a query the runner could not answer."""
        srv = self.server
        if isinstance(e, Busy):
            return HTTPStatus.SERVICE_UNAVAILABLE, "too many queries running; try again later"
        if isinstance(e, TimedOut):
            return HTTPStatus.SERVICE_UNAVAILABLE, f"query time limit exceeded ({srv.query_timeout:g} s)"
        if isinstance(e, Crashed):
            return HTTPStatus.INTERNAL_SERVER_ERROR, "the query crashed its worker; the server goes on"
        if isinstance(e, QueryFailed) and e.kind == "too_large":
            return (HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                    f"result larger than the limit of {srv.max_bytes} bytes; add a LIMIT")
        if isinstance(e, QueryFailed) and e.kind == "bad":
            return HTTPStatus.BAD_REQUEST, f"bad query: {e}"
        return HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {e}"

    # -- pages for people (litkg.graph.web): their queries go through the same runner and limits
    def _page(self, path: str, params: dict[str, list[str]]) -> None:
        srv = self.server

        def rows(sparql: str, bindings) -> list[dict[str, str]]:
            job = Job(sparql, "application/sparql-results+json", max_bytes=srv.max_bytes, bindings=dict(bindings))
            try:
                status, body, _ = srv.runner.run(job, srv.query_timeout, wait=srv.query_timeout)
            except (Busy, TimedOut, Crashed, QueryFailed) as e:
                raise web.PageError(*self._failure(e)) from None
            if status != HTTPStatus.OK:
                raise web.PageError(status, body.decode("utf-8", "replace"))
            return web.solutions(body)

        status, body, ctype = web.respond(path, params, rows)
        self._send(status, body, ctype, web.HEADERS)


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def make_server(store, host: str = "127.0.0.1", port: int = DEFAULT_PORT, timeout: float = DEFAULT_TIMEOUT,
                max_bytes: int = DEFAULT_MAX_BYTES, max_queries: int = DEFAULT_MAX_QUERIES,
                **options) -> SparqlServer:
    """A bound, not yet serving, read-only SPARQL endpoint (call ``serve_forever()``).

    ``options`` are the other :class:`SparqlServer` arguments (``max_connections``,
    ``idle_timeout``, ``allow_service``).

    Raises:
        StoreError: the address cannot be bound or the store cannot be opened by the query workers.
    """
    try:
        return SparqlServer((host, port), store, timeout=timeout, max_bytes=max_bytes, max_queries=max_queries,
                            **options)
    except OSError as e:
        raise StoreError(f"cannot listen on {host}:{port}: {e.strerror or e}") from e
    except RuntimeError as e:
        raise StoreError(str(e)) from e


def serve(store, host: str = "127.0.0.1", port: int = DEFAULT_PORT, timeout: float = DEFAULT_TIMEOUT,
          max_bytes: int = DEFAULT_MAX_BYTES, max_queries: int = DEFAULT_MAX_QUERIES, verbose: bool = False,
          **options) -> None:
    """Serve ``store`` until interrupted; prints the endpoint address on stderr."""
    server = make_server(store, host, port, timeout, max_bytes, max_queries, **options)
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
