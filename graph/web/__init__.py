"""Pages for people on the endpoint: a query page, and pages of a concept, a paper and a platform's findings.

``litkg serve`` answers a browser's ``GET /`` with the query page (named
queries one click away, results as a table) and serves:

* ``/concept?iri=...``: label, type, Wikidata and MeSH links, findings, and
  every mention in its sentence, the mention marked;
* ``/paper?iri=...``: title, DOI link, the text with its mentions marked,
  mentions by type, findings;
* ``/platform?iri=...``: a platform's findings, each with its evidence
  sentence, hedged or asserted, and its paper's DOI;
* ``/static/<name>``: the page's CSS and script, shipped in the package (no
  CDN; only the files of :data:`STATIC`).

:func:`respond` turns a path and its parameters into ``(status, body, media
type)``; the queries go through the ``rows`` runner it is given (the endpoint's,
with its time and size limits). Standard library only.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from litkg.graph.web import data, pages
from litkg.graph.web.data import Rows, solutions, store_rows  # noqa: F401  (public API)
from litkg.graph.web.markup import PageError

HTML = "text/html; charset=utf-8"
PAGES = ("/concept", "/paper", "/platform")
STATIC_DIR = Path(__file__).with_name("static")
STATIC = {"litkg.css": "text/css; charset=utf-8", "query.js": "text/javascript; charset=utf-8",
          "favicon.svg": "image/svg+xml"}
HEADERS = {  # sent with every page: nothing but this site's own files may load, run or be fetched
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def is_web_path(path: str) -> bool:
    """True for the paths this package answers (pages and static files)."""
    return path in PAGES or path.startswith("/static/")


def wants_html(accept: str | None) -> bool:
    """True when an ``Accept`` header names HTML (a browser), not for ``*/*`` alone (curl, scripts).

    >>> wants_html("text/html,application/xhtml+xml,*/*;q=0.8"), wants_html("*/*"), wants_html(None)
    (True, False, False)
    """
    from litkg.graph.sparql_exec import media_types

    return any(m in ("text/html", "application/xhtml+xml") for m in media_types(accept))


def static_file(name: str) -> tuple[bytes, str] | None:
    """A file of ``static/`` and its media type, or ``None``: only the names of :data:`STATIC` are served."""
    if name not in STATIC:
        return None
    return (STATIC_DIR / name).read_bytes(), STATIC[name]


def query_page() -> str:
    """The query page with every named query (``graph/queries/*.rq``)."""
    from litkg.extract import identifiers as ids
    from litkg.graph.namespace import QUERY_PREFIXES
    from litkg.graph.query import describe, named_queries, required_params

    queries = []
    for name, path in named_queries().items():
        text = path.read_text(encoding="utf-8")
        queries.append({"name": name, "description": describe(path), "params": required_params(text), "text": text})
    kinds = {"concept": [ids.CONCEPT, ids.CANDIDATE, ids.ORG], "paper": [ids.DOI, ids.PUBMED]}
    return pages.query_page(queries, dict(QUERY_PREFIXES), kinds)


def _iri(params: dict[str, list[str]]) -> ox.NamedNode:
    values = params.get("iri", [])
    if len(values) != 1 or not values[0].strip():
        raise PageError(400, "give exactly one iri= parameter")
    try:
        return ox.NamedNode(values[0].strip())
    except ValueError as e:
        raise PageError(400, f"not an IRI: {values[0]!r} ({e})") from None


_RENDER = {"/concept": (data.concept, pages.concept_page), "/paper": (data.paper, pages.paper_page),
           "/platform": (data.platform, pages.platform_page)}


def respond(path: str, params: dict[str, list[str]], rows: Rows) -> tuple[int, bytes, str]:
    """The answer to ``GET path`` (``/``, a page or a static file): ``(status, body, media type)``.

    Args:
        path: The request path.
        params: Its query-string parameters (``parse_qs``).
        rows: Runs one page query with its bindings (raises :class:`PageError` when it fails).
    """
    if path.startswith("/static/"):
        found = static_file(path[len("/static/"):])
        if found is None:
            return 404, b"no such static file\n", "text/plain; charset=utf-8"
        return 200, *found
    try:
        if path == "/":
            return 200, query_page().encode("utf-8"), HTML
        if path not in _RENDER:
            raise PageError(404, f"no page {path}")
        read, render = _RENDER[path]
        body = render(read(_iri(params), rows))
    except PageError as e:
        return e.status, pages.error_page(e.status, e.message).encode("utf-8"), HTML
    return 200, body.encode("utf-8"), HTML
