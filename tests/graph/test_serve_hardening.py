"""`litkg serve` under attack: federation, slow and crashing queries, bad lengths, idle and surplus connections.

Every request goes to 127.0.0.1 only; loops are bounded in count and time.
"""
from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from litkg.graph.serve import make_server
from litkg.graph.sparql_text import nesting_depth, uses_service
from litkg.graph.store import GraphStore

pytestmark = pytest.mark.slow

CHEAP = "ASK { ?s ?p ?o }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
DEEP = "ASK { " + "{ " * 50000 + "}" * 50000 + " }"


def start(store, **kw):
    server = make_server(store, "127.0.0.1", 0, **kw)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def endpoint(seed_out):
    server, url = start(GraphStore(seed_out / "store", read_only=True), timeout=1.0, max_queries=3,
                        max_connections=8, idle_timeout=1.0)
    yield server, url
    server.shutdown()
    server.server_close()


def request(url: str, query: str | None = None, method: str = "GET", data: bytes | None = None,
            headers: dict | None = None, params: list | None = None, timeout: float = 20):
    qs = urllib.parse.urlencode(([("query", query)] if query is not None else []) + (params or []))
    req = urllib.request.Request(f"{url}/query?{qs}", data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read(), resp.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read(), e.headers


def test_text_checks_skip_strings_iris_and_comments():
    assert nesting_depth(DEEP) == 50001
    assert nesting_depth('SELECT * { ?s ?p "{{{{" } # ((((') == 1
    assert uses_service("select * { service <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert not uses_service('SELECT * { ?s <http://x/SERVICE> "SERVICE" . ?service ?p ?o }')


def test_federated_query_refused_and_nothing_fetched(endpoint):
    _, url = endpoint
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    status, body, _ = request(url, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}")
    assert status == 403 and b"SERVICE" in body
    with pytest.raises(socket.timeout):
        listener.accept()  # the server never connected
    listener.close()


def test_timed_out_queries_free_their_slots_and_cheap_queries_go_on(endpoint):
    server, url = endpoint
    with ThreadPoolExecutor(4) as pool:
        slow = [pool.submit(request, url, SLOW) for _ in range(4)]
        statuses = [f.result()[0] for f in slow]
    assert set(statuses) <= {503} and statuses.count(503) == 4
    started = time.monotonic()
    while True:  # killed workers are replaced within seconds
        status, body, _ = request(url, CHEAP, headers={"Accept": "application/sparql-results+json"})
        if status == 200 or time.monotonic() - started > 30:
            break
        time.sleep(0.2)
    assert status == 200 and json.loads(body)["boolean"] is True


def test_twenty_clients_are_served_while_slow_queries_time_out(endpoint):
    _, url = endpoint
    with ThreadPoolExecutor(22) as pool:
        slow = [pool.submit(request, url, SLOW) for _ in range(2)]
        time.sleep(0.1)
        cheap = [pool.submit(request, url, CHEAP) for _ in range(20)]
        answers = [f.result()[0] for f in cheap]
        assert {f.result()[0] for f in slow} == {503}
    # the cheap ones are answered or told to retry, never hang or fail
    assert set(answers) <= {200, 503} and answers.count(200) >= 1


def test_deep_nesting_refused_before_parsing(endpoint):
    _, url = endpoint
    status, body, _ = request(url, method="POST", data=DEEP.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 400 and b"nested" in body
    assert request(url, CHEAP)[0] == 200


def test_a_crashing_query_costs_one_request(endpoint, monkeypatch):
    monkeypatch.setattr("litkg.graph.serve.MAX_NESTING", 10**9)  # let the parser meet the deep query
    _, url = endpoint
    status, _, _ = request(url, method="POST", data=DEEP.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status in (400, 500)  # a clean parse error or a crashed worker, never a dead server
    started = time.monotonic()
    while (status := request(url, CHEAP)[0]) != 200 and time.monotonic() - started < 30:
        time.sleep(0.2)
    assert status == 200


def _raw(url: str, payload: bytes, timeout: float = 5) -> bytes:
    host, port = urllib.parse.urlsplit(url).hostname, urllib.parse.urlsplit(url).port
    with socket.create_connection((host, port), timeout=timeout) as s:
        s.sendall(payload)
        chunks = []
        while True:
            try:
                data = s.recv(65536)
            except socket.timeout:
                break
            if not data:
                break
            chunks.append(data)
        return b"".join(chunks)


def test_negative_content_length_refused_at_once(endpoint):
    _, url = endpoint
    started = time.monotonic()
    reply = _raw(url, b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                      b"Content-Length: -1\r\n\r\nASK {}")
    assert reply.startswith(b"HTTP/1.1 400") and time.monotonic() - started < 4


def test_idle_connection_is_closed(endpoint):
    _, url = endpoint
    started = time.monotonic()
    reply = _raw(url, b"GET /query?query=ASK HTTP/1.1\r\nHost: x\r\n", timeout=10)  # headers never finish
    assert time.monotonic() - started < 8 and not reply.startswith(b"HTTP/1.1 200")


def test_connections_are_capped(endpoint):
    server, url = endpoint
    host, port = "127.0.0.1", urllib.parse.urlsplit(url).port
    idle = [socket.create_connection((host, port)) for _ in range(8)]
    try:
        time.sleep(0.2)
        reply = _raw(url, b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert reply.startswith(b"HTTP/1.1 503")
    finally:
        for s in idle:
            s.close()
    time.sleep(1.5)
    assert request(url, CHEAP)[0] == 200


def test_cors_preflight_and_headers(endpoint):
    _, url = endpoint
    status, _, headers = request(url, method="OPTIONS", headers={"Origin": "http://example.org",
                                                               "Access-Control-Request-Method": "POST"})
    assert status == 204 and headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert request(url, CHEAP)[2]["Access-Control-Allow-Origin"] == "*"


def test_dataset_parameters_are_honoured(endpoint):
    _, url = endpoint
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?p a schema:ScholarlyArticle }"
    accept = {"Accept": "application/sparql-results+json"}

    def n(params):
        status, body, _ = request(url, count, headers=accept, params=params)
        assert status == 200, body
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

    assert n([]) == 1
    assert n([("default-graph-uri", "https://w3id.org/litkg/graph/vocabulary")]) == 0
    assert request(url, "ASK {}", params=[("default-graph-uri", "not an iri")])[0] == 400


def test_one_query_per_request(endpoint):
    _, url = endpoint
    assert request(url, CHEAP, params=[("query", CHEAP)])[0] == 400


def test_construct_as_nquads_and_prefixed_turtle(endpoint):
    _, url = endpoint
    q = "CONSTRUCT { ?p a schema:ScholarlyArticle } WHERE { ?p a schema:ScholarlyArticle }"
    status, body, headers = request(url, q, headers={"Accept": "application/n-quads"})
    assert status == 200 and headers["Content-Type"].startswith("application/n-quads") and body.count(b" .\n") == 1
    status, body, _ = request(url, q, headers={"Accept": "text/turtle"})
    assert status == 200 and b"@prefix schema:" in body


def test_query_command_accepts_the_printed_endpoint_url(endpoint, capsys):
    from litkg.graph.cli import main

    _, url = endpoint
    assert main(["query", "papers", "--store", f"{url}/query", "--format", "csv"]) == 0
    assert "doi.org" in capsys.readouterr().out


def test_invalid_iri_parameter_is_one_line_error(seed_out, capsys):
    from litkg.graph.cli import main

    for bad in ("https://x y", "<x y>", 'http://x/"}'):
        assert main(["query", "similar_papers", "--store", str(seed_out / "store"), "--param", f"paper={bad}"]) == 1
        err = capsys.readouterr().err.strip()
        assert err.startswith("litkg: error:") and "\n" not in err and "not a valid IRI" in err
