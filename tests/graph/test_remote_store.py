"""RemoteStore against a real `oxigraph serve` process on 127.0.0.1 (Graph Store Protocol + SPARQL Protocol)."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from litkg.graph.errors import StoreError
from litkg.graph.export.rdf import export_rdf
from litkg.graph.query import load_query, run_query
from litkg.graph.store import GraphStore, RemoteStore, open_store, remote_endpoints
from litkg.graph.workflow import build

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed.txt"


def oxigraph_binary() -> str | None:
    here = Path(sys.executable).with_name("oxigraph")
    return str(here) if here.exists() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed")
    port = free_port()
    data = tmp_path_factory.mktemp("oxigraph-server")
    proc = subprocess.Popen([binary, "serve", "--location", str(data), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 20
    while True:
        try:
            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("oxigraph serve did not start")
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def remote_build(server, tmp_path_factory):
    out = tmp_path_factory.mktemp("remote-out")
    summary = build([SEED], out, show_progress=False, store_path=server, exports=False)
    return server, summary


def test_endpoints_of_known_servers():
    assert remote_endpoints("http://h:7878") == ("http://h:7878/query", "http://h:7878/store")
    assert remote_endpoints("http://h:3030/ds/sparql") == ("http://h:3030/ds/sparql", "http://h:3030/ds/data")
    assert remote_endpoints("http://h:7200/repositories/x") == (
        "http://h:7200/repositories/x", "http://h:7200/repositories/x/rdf-graphs/service")
    assert isinstance(open_store("http://h:7878"), RemoteStore)


def test_build_into_a_remote_store_matches_the_embedded_one(remote_build, seed_out):
    url, summary = remote_build
    remote = open_store(url, read_only=True)
    local = GraphStore(seed_out / "store", read_only=True)
    assert len(remote) == summary.triples
    assert remote.graph_names() == local.graph_names()
    # same paper graph, quad for quad
    paper_graphs = [g for g in local.graph_names() if "/graph/paper/" in g]
    r_nq = sorted(l for l in export_rdf(remote, "nquads").decode().splitlines() if "/graph/paper/" in l)
    l_nq = sorted(l for l in export_rdf(local, "nquads").decode().splitlines() if "/graph/paper/" in l)
    assert len(paper_graphs) == 1 and r_nq == l_nq


def test_named_queries_give_the_same_answers_remote_and_local(remote_build, seed_out):
    url, _ = remote_build
    remote, local = open_store(url, read_only=True), GraphStore(seed_out / "store", read_only=True)
    for name in ("platform_effects", "papers", "hedged_findings", "countries_by_papers", "candidate_concepts"):
        assert sorted(run_query(remote, load_query(name))[1]) == sorted(run_query(local, load_query(name))[1]), name
    fb = {"concept": ox.NamedNode("https://w3id.org/litkg/concept/platform/facebook")}
    assert run_query(remote, load_query("evidence"), fb)[1] == run_query(local, load_query("evidence"), fb)[1]
    assert bool(remote.query("ASK { ?s a schema:ScholarlyArticle }")) is True
    assert bool(remote.query("ASK { ?s a schema:Nothing }")) is False
    assert run_query(remote, "ASK { ?s a schema:ScholarlyArticle }") is True
    triples = list(remote.query("CONSTRUCT { ?p a schema:ScholarlyArticle } WHERE { ?p a schema:ScholarlyArticle }"))
    assert [t.subject.value for t in triples] == ["https://doi.org/10.1017/S2045796015001067"]


def test_bindings_are_escaped_terms_in_a_values_clause(remote_build):
    url, _ = remote_build
    remote = open_store(url, read_only=True)
    evil = ox.Literal('x" } } ; DROP ALL ; SELECT * { ?s ?p ?o FILTER("\n\\')
    header, rows = run_query(remote, "SELECT ?exact ?a WHERE { ?a oa:exact ?exact }", {"exact": evil})
    assert rows == []
    assert len(remote) > 1000  # nothing dropped
    exact = ox.Literal("Facebook")
    header, rows = run_query(remote, "SELECT ?exact (COUNT(*) AS ?n) WHERE { ?q oa:exact ?exact } GROUP BY ?exact",
                             {"exact": exact})
    assert rows and rows[0][0] == "Facebook" and int(rows[0][1]) >= 1
    with pytest.raises(StoreError):
        remote.query("SELECT ?x WHERE { ?x ?p ?o }", {"not a name": exact})


def test_rebuild_is_idempotent_and_read_only_refuses_writes(remote_build, tmp_path):
    url, summary = remote_build
    before = sorted(export_rdf(open_store(url), "nquads").decode().splitlines())
    build([SEED], tmp_path, show_progress=False, store_path=url, exports=False)
    after = sorted(export_rdf(open_store(url), "nquads").decode().splitlines())
    assert before == after
    with pytest.raises(StoreError, match="read-only"):
        open_store(url, read_only=True).replace_graph("https://example.org/g", [])


def test_unreachable_store_is_a_store_error():
    store = RemoteStore(f"http://127.0.0.1:{free_port()}/query", timeout=2)
    with pytest.raises(StoreError, match="cannot reach"):
        len(store)
