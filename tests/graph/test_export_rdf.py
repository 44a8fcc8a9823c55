"""RDF export (TriG, N-Quads, Turtle, JSON-LD) and deterministic, idempotent, incremental builds."""
from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from litkg.extract.records import Paper
from litkg.graph.cli import main
from litkg.graph.export.rdf import RDF_FORMATS, export_rdf
from litkg.graph.store import GraphStore
from litkg.graph.workflow import build

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed.txt"
TWO = ROOT / "tests" / "data" / "two_records.txt"
RUNS = "https://w3id.org/litkg/graph/runs"
RDFLIB = {"trig": "trig", "nquads": "nquads", "jsonld": "json-ld", "turtle": "turtle"}


def nquads(store_dir: Path, without_runs: bool = False) -> list[str]:
    lines = export_rdf(GraphStore(store_dir, read_only=True), "nquads").decode("utf-8").splitlines()
    return sorted(l for l in lines if not (without_runs and l.endswith(f"<{RUNS}> .")))


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_every_format_round_trips(seed_out, fmt):
    store = GraphStore(seed_out / "store", read_only=True)
    data = export_rdf(store, fmt)
    assert data == export_rdf(store, fmt)  # deterministic bytes
    reference = rdflib.Dataset()
    reference.parse(data=export_rdf(store, "nquads").decode(), format="nquads")
    if fmt == "turtle":
        g = rdflib.Graph().parse(data=data.decode(), format="turtle")
        union = rdflib.Graph()
        for s, p, o, _ in reference.quads((None, None, None, None)):
            union.add((s, p, o))
        assert isomorphic(g, union)
        return
    ds = rdflib.Dataset()
    ds.parse(data=data.decode(), format=RDFLIB[fmt])
    names = {str(g.identifier) for g in reference.graphs() if len(g)}
    assert names == {str(g.identifier) for g in ds.graphs() if len(g)}
    for name in names:
        assert isomorphic(ds.graph(rdflib.URIRef(name)), reference.graph(rdflib.URIRef(name))), name


def test_cli_export_to_stdout_and_file(seed_out, tmp_path, capsysbinary):
    store = str(seed_out / "store")
    assert main(["export", "--format", "nquads", "--store", store]) == 0
    out = capsysbinary.readouterr().out
    assert out == export_rdf(GraphStore(store, read_only=True), "nquads")
    target = tmp_path / "g.trig"
    assert main(["export", "--format", "trig", "--store", store, "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"@prefix")
    assert main(["export", "--format", "trig", "--store", store, "-o", str(target)]) == 1  # exists
    assert main(["export", "--format", "trig", "--store", store, "-o", str(target), "--force"]) == 0


@pytest.mark.parametrize("cmd", ["export", "serve"])
def test_new_commands_have_help(cmd, capsys):
    with pytest.raises(SystemExit) as e:
        main([cmd, "--help"])
    assert e.value.code == 0 and "--store" in capsys.readouterr().out


def test_same_input_same_bytes_and_rebuild_changes_nothing(seed_out, tmp_path):
    build([SEED], tmp_path, show_progress=False, exports=False)
    # two separate builds: identical apart from the run record's times
    assert nquads(tmp_path / "store", without_runs=True) == nquads(seed_out / "store", without_runs=True)
    first = nquads(tmp_path / "store")
    build([SEED], tmp_path, show_progress=False, exports=False)
    assert nquads(tmp_path / "store") == first  # re-building the same input: byte-identical store


def test_new_papers_add_and_a_changed_paper_replaces_its_graph(seed_out, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build([SEED], out, show_progress=False, exports=False)
    seed_only = set(nquads(out / "store", without_runs=True))
    build([TWO], out, show_progress=False, exports=False)
    both = set(nquads(out / "store", without_runs=True))
    assert seed_only < both  # added, nothing of the seed lost
    store = GraphStore(out / "store", read_only=True)
    runs = [r for r in nquads(out / "store") if "ontology#inputFile>" in r and r.endswith(f"<{RUNS}> .")]
    assert len(runs) == 2  # the run record lists both inputs
    n_graphs = len(store.graph_names())
    del store

    # the same paper, changed: its graph is replaced, not added to
    from litkg.extract import readers

    original = readers.read_papers

    def changed(paths, strict=False):
        for p in original(paths, strict=strict):
            if isinstance(p, Paper):
                p.title = "Revised title"
            yield p

    monkeypatch.setattr("litkg.extract.jobs.read_papers", changed)
    build([TWO], out, show_progress=False, exports=False)
    store = GraphStore(out / "store", read_only=True)
    assert len(store.graph_names()) == n_graphs
    after = set(nquads(out / "store", without_runs=True))
    assert seed_only <= after  # the seed's graph untouched
    titles = [r for r in after - seed_only if "/terms/title>" in r and "/graph/paper/" in r]
    assert len(titles) == 2 and all('"Revised title' in t for t in titles)


def test_jsonld_is_compacted_with_the_project_context(seed_out):
    """JSON-LD carries the prefixes as @context, compact IRIs and @type; it expands to the same quads
    (rdflib's JSON-LD parser; the round trip above compares every named graph)."""
    import json

    import pyoxigraph as ox

    from litkg.graph.namespace import PREFIXES

    store = GraphStore(seed_out / "store", read_only=True)
    data = export_rdf(store, "jsonld")
    doc = json.loads(data)
    assert doc["@context"] == PREFIXES and isinstance(doc["@graph"], list)
    text = data.decode("utf-8")
    types = [t for g in doc["@graph"] for n in g.get("@graph", [])
             for t in (n.get("@type") if isinstance(n.get("@type"), list) else [n.get("@type")])]
    assert "schema:ScholarlyArticle" in types and '"litkg:inPaper"' in text
    assert "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" not in text
    expanded = ox.serialize(list(store.quads()), format=ox.RdfFormat.JSON_LD)
    assert len(data) < 0.75 * len(expanded)
    ds = rdflib.Dataset()
    ds.parse(data=text, format="json-ld")
    assert len(set(ds.quads())) == len(nquads(seed_out / "store"))


def test_compact_jsonld_keeps_literals_and_blank_nodes():
    import json

    from litkg.graph.export.rdf import compact_jsonld

    nq = ('<https://schema.org/a> <https://schema.org/name> "A"@en <https://w3id.org/litkg/graph/x> .\n'
          '<https://schema.org/a> <https://w3id.org/litkg/ontology#year> '
          '"2020"^^<http://www.w3.org/2001/XMLSchema#integer> <https://w3id.org/litkg/graph/x> .\n'
          '<https://schema.org/a> <https://schema.org/author> _:b1 <https://w3id.org/litkg/graph/x> .\n'
          '_:b1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Person> '
          '<https://w3id.org/litkg/graph/x> .\n'
          '_:b1 <https://schema.org/name> "B" <https://w3id.org/litkg/graph/x> .\n')
    ref = rdflib.Dataset()
    ref.parse(data=nq, format="nquads")
    expanded = json.loads(ref.serialize(format="json-ld"))
    ds = rdflib.Dataset()
    ds.parse(data=json.dumps(compact_jsonld(expanded)), format="json-ld")
    g = rdflib.URIRef("https://w3id.org/litkg/graph/x")
    assert isomorphic(ds.graph(g), ref.graph(g))
