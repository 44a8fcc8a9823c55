"""Remote SPARQL 1.1 stores (:class:`RemoteStore`), the RDF formats both stores dump, and store addresses.

Split from :mod:`litkg.graph.store`, which re-exports everything here:
``from litkg.graph.store import RemoteStore, remote_endpoints`` keeps working.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Mapping

import pyoxigraph as ox

from litkg.graph.errors import StoreError
from litkg.graph.namespace import PREFIXES, QUERY_PREFIXES

FORMATS = {
    "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "turtle": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD, "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML,
}
QUAD_FORMATS = {"trig", "nquads", "jsonld"}


_RESULT_MEDIA = "application/sparql-results+json"
_GRAPH_MEDIA = "application/n-triples"


def _values_clause(bindings: Mapping[str, ox.NamedNode | ox.Literal | ox.BlankNode]) -> str:
    """A trailing ``VALUES`` clause binding each variable to one RDF term.

    Names must be SPARQL variable names; terms are written by pyoxigraph's
    ``str()``, which gives N-Triples syntax with every special character
    escaped, so no user string ever reaches the query unescaped.

    Raises:
        StoreError: a name is not a variable name or a value is not an IRI or literal.
    """
    import re

    names, terms = [], []
    for name, term in bindings.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise StoreError(f"{name!r} is not a SPARQL variable name")
        if not isinstance(term, (ox.NamedNode, ox.Literal)):
            raise StoreError(f"cannot bind ?{name} to {term!r}: only IRIs and literals")
        names.append("?" + name)
        terms.append(str(term))
    return f"\nVALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}\n"


class RemoteStore:
    """A SPARQL 1.1 store over HTTP: Oxigraph server, Apache Jena Fuseki, GraphDB, ...

    Writes go through the SPARQL 1.1 Graph Store HTTP Protocol (``PUT`` a
    named graph replaces it), reads through the SPARQL 1.1 Protocol (``POST``
    of ``application/sparql-query``). Only the standard library is used.

    The server should answer queries over the union of its named graphs (as
    :class:`GraphStore` does): ``oxigraph serve --union-default-graph``, Fuseki
    with ``tdb2:unionDefaultGraph true``; GraphDB does so by default. For
    Oxigraph the ``union-default-graph`` request parameter is also sent when
    ``union_param`` is true.

    Args:
        query_url: The SPARQL query endpoint (``http://host:7878/query`` for Oxigraph,
            ``http://host:3030/ds/query`` for Fuseki, ``http://host:7200/repositories/ID`` for GraphDB).
        store_url: The Graph Store Protocol endpoint (``.../store``, ``.../ds/data``,
            ``.../repositories/ID/rdf-graphs/service``).
        read_only: Refuse writes.
        timeout: Seconds to wait for a response.
        union_param: Send Oxigraph's ``union-default-graph`` parameter with queries.
    """

    def __init__(self, query_url: str, store_url: str | None = None, read_only: bool = False,
                 timeout: float = 300.0, union_param: bool = False) -> None:
        self.query_url = query_url
        self.store_url = store_url
        self.read_only = read_only
        self.timeout = timeout
        self.union_param = union_param
        self.path = None

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r}, {self.store_url!r})"

    # -- HTTP
    def _request(self, method: str, url: str, data: bytes | None = None,
                 headers: Mapping[str, str] | None = None) -> bytes:
        import urllib.error
        import urllib.request

        req = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.read()
        except urllib.error.HTTPError as e:
            body = e.read().decode("utf-8", "replace").strip().splitlines()
            detail = body[0][:300] if body else e.reason
            raise StoreError(f"{method} {url}: HTTP {e.code}: {detail}") from e
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise StoreError(f"{method} {url}: cannot reach the store: {reason}") from e

    def _graph_url(self, graph: str) -> str:
        from urllib.parse import urlencode

        if not self.store_url:
            raise StoreError(f"{self.query_url}: no Graph Store Protocol endpoint to write to")
        sep = "&" if "?" in self.store_url else "?"
        return self.store_url + sep + urlencode({"graph": graph})

    # -- writes
    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """Make the named graph ``graph`` hold exactly the triples of ``quads`` (HTTP ``PUT``)."""
        if self.read_only:
            raise StoreError(f"{self.query_url}: store opened read-only")
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        self._request("PUT", self._graph_url(graph), body, {"Content-Type": _GRAPH_MEDIA})

    def flush(self) -> None:
        """Nothing to do: every write is sent at once."""

    def load_batch(self, nquads: bytes, replace: Iterable[str] = ()) -> None:
        """Replace the graphs of ``replace`` and of ``nquads`` with the quads of ``nquads`` (one ``PUT`` per graph)."""
        by_graph: dict[str, list[ox.Quad]] = {g: [] for g in replace}
        try:
            for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
                by_graph.setdefault(q.graph_name.value, []).append(q)
        except SyntaxError as e:
            raise StoreError(f"cannot load a batch of quads: {e}") from e
        for graph, quads in by_graph.items():
            self.replace_graph(graph, quads)

    def contains_graph(self, graph: str) -> bool:
        """Whether the store holds the named graph ``graph`` (a SPARQL ``ASK``)."""
        res = self.query("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": ox.NamedNode(graph)})
        return bool(res)

    def identity(self) -> str | None:
        """The store's address (a remote store has no database id to read)."""
        return self.query_url

    def close(self) -> None:
        """Nothing to close: every request stands alone."""

    # -- reads
    def query(self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
              default_graphs: list[str] | None = None, named_graphs: list[str] | None = None):
        """Run a SPARQL query on the endpoint with variables bound by a trailing ``VALUES`` clause.

        ``default_graphs`` and ``named_graphs`` are sent as the protocol's
        ``default-graph-uri`` and ``named-graph-uri`` parameters.

        Returns the same kinds of results as :meth:`GraphStore.query`:
        ``QuerySolutions``, ``QueryBoolean`` or ``QueryTriples``.

        Raises:
            StoreError: the query fails or the endpoint cannot be reached.
        """
        from urllib.parse import urlencode

        prologue = "".join(f"PREFIX {k}: <{v}>\n" for k, v in QUERY_PREFIXES.items())
        text = prologue + sparql.rstrip() + ("\n" if not bindings else _values_clause(bindings))
        kind = _query_form(sparql)
        accept = "application/n-triples" if kind in ("CONSTRUCT", "DESCRIBE") else _RESULT_MEDIA
        params = [("default-graph-uri", g) for g in default_graphs or []]
        params += [("named-graph-uri", g) for g in named_graphs or []]
        if self.union_param and not default_graphs:
            params.append(("union-default-graph", ""))
        url = self.query_url + (("&" if "?" in self.query_url else "?") + urlencode(params) if params else "")
        data = self._request("POST", url, text.encode("utf-8"),
                             {"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept})
        try:
            if accept == _RESULT_MEDIA:
                return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
            return _triples(data)
        except (SyntaxError, ValueError) as e:
            raise StoreError(f"{self.query_url}: unreadable results: {e}") from e

    def __len__(self) -> int:
        """Number of quads in named graphs (litkg writes nothing to the default graph)."""
        res = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(res))["n"].value)

    def graph_names(self) -> list[str]:
        res = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(sol["g"].value for sol in res if isinstance(sol["g"], ox.NamedNode))

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of every named graph."""
        res = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for sol in res:
            yield ox.Quad(sol["s"], sol["p"], sol["o"], sol["g"])

    def dump(self, output, fmt: str = "trig", graph: str | None = None) -> bytes | None:
        """Serialize the store (or one graph) to a path, binary file or bytes (``output=None``)."""
        rdf_format = FORMATS[fmt]
        quads = [q for q in self.quads() if graph is None or q.graph_name.value == graph]
        quads.sort(key=str)
        if fmt in QUAD_FORMATS and graph is None:
            return ox.serialize(quads, output, format=rdf_format, prefixes=PREFIXES if fmt == "trig" else None)
        triples = _dedupe_triples(ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        return ox.serialize(triples, output, format=rdf_format,
                            prefixes=PREFIXES if fmt in ("turtle", "trig") else None)


def _dedupe_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    return sorted(set(triples), key=str)


def _triples(data: bytes) -> list[ox.Triple]:
    return [ox.Triple(t.subject, t.predicate, t.object) for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]


def _query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword outside comments and IRIs."""
    import re

    text = re.sub(r"#[^\n]*", " ", re.sub(r"<[^>\s]*>", "<>", sparql))
    m = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", text, re.I)
    return m.group(1).upper() if m else "SELECT"


def is_remote(path_or_url: str | Path | None) -> bool:
    """True for an ``http(s)://`` store address."""
    return isinstance(path_or_url, str) and path_or_url.lower().startswith(("http://", "https://"))


def remote_endpoints(url: str) -> tuple[str, str]:
    """The query and Graph Store Protocol endpoints of a store address.

    * ``http://host:7878`` (Oxigraph server, ``litkg serve``) → ``/query`` and ``/store``;
    * ``http://host:7878/query`` (the address ``litkg serve`` and ``oxigraph serve`` print) → itself and ``/store``;
    * ``http://host:3030/DATASET/query`` or ``.../sparql`` (Fuseki) → itself and ``.../DATASET/data``;
    * ``.../repositories/ID`` (GraphDB, RDF4J) → itself and ``.../rdf-graphs/service``.

    >>> remote_endpoints("http://127.0.0.1:7879/query")
    ('http://127.0.0.1:7879/query', 'http://127.0.0.1:7879/store')
    >>> remote_endpoints("http://h:3030/ds/sparql")
    ('http://h:3030/ds/sparql', 'http://h:3030/ds/data')
    """
    base = url.rstrip("/")
    if "/repositories/" in base:
        return base, base + "/rdf-graphs/service"
    head, _, last = base.rpartition("/")
    if last in ("query", "sparql") and "//" in head:
        return base, (head + "/data") if head.count("/") > 2 else (head + "/store")
    return base + "/query", base + "/store"
