"""`litkg serve`: a read-only SPARQL Protocol endpoint (GET/POST, content negotiation, limits)."""
from __future__ import annotations

import csv
import io
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest

from litkg.graph.serve import is_loopback, make_server, negotiate
from litkg.graph.store import GraphStore

Q = "SELECT ?paper ?id WHERE { ?paper a schema:ScholarlyArticle ; dcterms:identifier ?id }"
SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { VALUES ?a {1 2 3 4 5 6 7 8 9 10} VALUES ?b {1 2 3 4 5 6 7 8 9 10} "
        "VALUES ?c {1 2 3 4 5 6 7 8 9 10} VALUES ?d {1 2 3 4 5 6 7 8 9 10} VALUES ?e {1 2 3 4 5 6 7 8 9 10} "
        "VALUES ?f {1 2 3 4 5 6 7 8 9 10} VALUES ?g {1 2 3 4 5 6 7 8 9 10} VALUES ?h {1 2 3 4 5 6 7 8 9 10} }")


def start(store, **kw):
    server = make_server(store, "127.0.0.1", 0, **kw)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def endpoint(seed_out):
    server, url = start(GraphStore(seed_out / "store", read_only=True), timeout=0.5, max_bytes=200_000)
    yield url
    server.shutdown()
    server.server_close()


def get(url: str, query: str, accept: str | None = None):
    req = urllib.request.Request(url + "/query?" + urllib.parse.urlencode({"query": query}))
    if accept:
        req.add_header("Accept", accept)
    with urllib.request.urlopen(req, timeout=20) as r:
        return r.status, r.headers.get("Content-Type"), r.read()


def post(url: str, body: bytes, ctype: str, path: str = "/query", accept: str | None = None):
    req = urllib.request.Request(url + path, data=body, method="POST", headers={"Content-Type": ctype})
    if accept:
        req.add_header("Accept", accept)
    with urllib.request.urlopen(req, timeout=20) as r:
        return r.status, r.headers.get("Content-Type"), r.read()


def status_of(fn, *args, **kw) -> tuple[int, str]:
    try:
        fn(*args, **kw)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
    return 200, ""


def test_get_json_by_default(endpoint):
    status, ctype, body = get(endpoint, Q)
    assert status == 200 and ctype.startswith("application/sparql-results+json")
    data = json.loads(body)
    assert data["head"]["vars"] == ["paper", "id"]
    assert data["results"]["bindings"][0]["paper"]["value"] == "https://doi.org/10.1017/S2045796015001067"


def test_accept_xml_csv_and_post_forms(endpoint):
    _, ctype, body = get(endpoint, Q, "application/sparql-results+xml")
    assert ctype.startswith("application/sparql-results+xml") and ET.fromstring(body).tag.endswith("sparql")
    _, ctype, body = post(endpoint, Q.encode(), "application/sparql-query", accept="text/csv")
    assert ctype.startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows[0] == ["paper", "id"] and rows[1][1] == "doi:10.1017/S2045796015001067"
    _, _, body = post(endpoint, urllib.parse.urlencode({"query": "ASK { ?s a litkg:Mention }"}).encode(),
                      "application/x-www-form-urlencoded")
    assert json.loads(body)["boolean"] is True
    _, ctype, body = get(endpoint, "CONSTRUCT { ?p a schema:ScholarlyArticle } WHERE { ?p a schema:ScholarlyArticle }",
                         "application/n-triples")
    assert ctype.startswith("application/n-triples") and b"schema.org/ScholarlyArticle" in body


def test_updates_are_refused(endpoint):
    upd = "DELETE WHERE { ?s ?p ?o }"
    assert status_of(post, endpoint, upd.encode(), "application/sparql-update")[0] == 403
    assert status_of(post, endpoint, urllib.parse.urlencode({"update": upd}).encode(),
                     "application/x-www-form-urlencoded")[0] == 403
    assert status_of(get, endpoint, upd)[0] == 400  # an update sent as a query does not parse
    status, _, body = get(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 1000


def test_errors_time_and_size_limits(endpoint):
    assert status_of(get, endpoint, "SELECT WHERE {")[0] == 400
    assert status_of(get, endpoint, Q, "image/png")[0] == 406
    code, text = status_of(get, endpoint, SLOW)
    assert code == 503 and "time limit" in text
    code, text = status_of(get, endpoint, "SELECT * WHERE { ?s ?p ?o }")
    assert code == 413 and "limit" in text
    assert status_of(urllib.request.urlopen, endpoint + "/nothing")[0] == 404


def test_ontology_is_served(endpoint):
    with urllib.request.urlopen(endpoint + "/ontology", timeout=10) as r:
        assert r.headers.get("Content-Type").startswith("text/turtle") and b"litkg:Mention" in r.read()


def test_negotiation_and_loopback():
    assert negotiate(None, False)[0] == "application/sparql-results+json"
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml", False)[0] == "application/sparql-results+xml"
    assert negotiate("*/*", True)[0] == "text/turtle"
    assert negotiate("image/png", False) is None
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0")
