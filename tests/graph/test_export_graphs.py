"""Graph exports re-read: GEXF 1.3 (structure and networkx), GraphML, Gephi CSV, VOSviewer files and JSON.

Writers take a networkx graph and a path; the graphs come from
:func:`litkg.graph.analysis.annotated_projection`, as ``litkg export`` writes them."""
from __future__ import annotations

import csv
import doctest
import importlib
import copy
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from litkg.graph.analysis import PROJECTIONS, annotated_projection
from litkg.graph.errors import ExportError
from litkg.graph.export.gephi_csv import write_gephi_csv
from litkg.graph.export.gexf import GEXF_NS, VIZ_NS, write_gexf
from litkg.graph.export.graphs import GRAPH_FORMATS, WRITERS, default_output, output_paths, write_graph
from litkg.graph.export.vosviewer import write_vosviewer
from litkg.graph.store import GraphStore

G = f"{{{GEXF_NS}}}"
V = f"{{{VIZ_NS}}}"
XSD = Path("/work/shared/schemas/gexf-1.3/gexf.xsd")
GEXF_TYPES = {"integer", "long", "double", "float", "boolean", "string", "liststring", "anyURI", "date"}


@pytest.fixture(scope="module")
def seed(seed_store_dir) -> GraphStore:
    return GraphStore(seed_store_dir, read_only=True)


@pytest.fixture(scope="module")
def domain(domain_store_dir) -> GraphStore:
    return GraphStore(domain_store_dir, read_only=True)


@pytest.mark.parametrize("name", ["gexf", "graphs", "graphml", "gephi_csv", "vosviewer"])
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(f"litkg.graph.export.{name}"), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


def validate_xsd(path) -> None:
    """Validate against the official GEXF 1.3 XSD (lxml; skipped when lxml or the schema is absent).

    The official 1.3 XSD (generated from the RelaxNG) declares ``color``, ``position``
    and ``size`` in the GEXF namespace, while Gephi, networkx and graphology write and
    read them in the ``viz`` namespace (``http://gexf.net/1.3/viz``), as the file does: the
    ``viz:`` elements are moved into the GEXF namespace before validating, so their
    attributes (r/g/b ranges, float positions, sizes) are still checked by the XSD.
    """
    etree = pytest.importorskip("lxml.etree")
    if not XSD.exists():
        pytest.skip("the GEXF 1.3 XSD is not in /work/shared/schemas")
    doc = etree.parse(str(path))
    for el in doc.iter(V + "color", V + "position", V + "size", V + "thickness", V + "shape"):
        el.tag = G + etree.QName(el).localname
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(doc), schema.error_log.last_error


def check_gexf13(path, dynamic: bool) -> ET.Element:
    """The elements and attributes GEXF 1.3 requires (gexf.xsd, validated), and references that resolve."""
    validate_xsd(path)
    root = ET.parse(path).getroot()
    assert root.tag == G + "gexf" and root.get("version") == "1.3"
    (graph,) = root.findall(G + "graph")
    assert graph.get("defaultedgetype") in ("undirected", "directed", "mutual")
    assert graph.get("mode") == ("dynamic" if dynamic else "static")
    if dynamic:
        assert graph.get("timeformat") in ("date", "integer", "double", "dateTime")
    declared = {}
    for attrs in graph.findall(G + "attributes"):
        assert attrs.get("class") in ("node", "edge") and attrs.get("mode") in ("static", "dynamic")
        for a in attrs.findall(G + "attribute"):
            assert a.get("id") and a.get("title") and a.get("type") in GEXF_TYPES
            assert a.get("id") == a.get("title")  # readers that show the id (graphology) show the name
            declared[(attrs.get("class"), a.get("id"))] = a.get("type")
    children = [c.tag for c in graph]
    assert children.index(G + "nodes") < children.index(G + "edges")
    node_ids = set()
    for node in graph.find(G + "nodes"):
        assert node.tag == G + "node" and node.get("id") and node.get("id") not in node_ids
        node_ids.add(node.get("id"))
        for av in node.iter(G + "attvalue"):
            assert ("node", av.get("for")) in declared and av.get("value") is not None
        for spell in node.iter(G + "spell"):
            assert dynamic and spell.get("start") <= spell.get("end")
    edge_ids = set()
    for edge in graph.find(G + "edges"):
        assert edge.get("source") in node_ids and edge.get("target") in node_ids
        assert edge.get("id") not in edge_ids
        edge_ids.add(edge.get("id"))
        float(edge.get("weight", "1"))
        for av in edge.iter(G + "attvalue"):
            assert ("edge", av.get("for")) in declared
    return root


@pytest.mark.parametrize("dynamic", [False, True])
def test_gexf13_structure_and_networkx_round_trip(seed, tmp_path, dynamic):
    g = annotated_projection(seed, "cooccurrence", include_candidates=True)
    path = tmp_path / "g.gexf"
    write_gexf(g, path, dynamic=dynamic)
    root = check_gexf13(path, dynamic)
    h = nx.read_gexf(path)
    assert h.number_of_nodes() == g.number_of_nodes() and h.number_of_edges() == g.number_of_edges()
    some = next(iter(g))
    for key in ("type", "label", "community", "betweenness", "papers"):
        assert key in h.nodes[some] or key == "label"
    assert h.nodes[some]["label"] == g.nodes[some]["label"]
    if dynamic:
        assert root.find(f"{G}graph/{G}nodes/{G}node/{G}spells/{G}spell") is not None


def test_gexf_carries_viz_colour_size_and_position(domain, tmp_path):
    """Community colour (as in the report's pictures), size by papers, the analysis layout's positions."""
    from litkg.graph.analysis import community_colour, hex_rgb

    g = annotated_projection(domain, "cooccurrence", min_papers=2)
    path = tmp_path / "viz.gexf"
    write_gexf(g, path)
    check_gexf13(path, dynamic=False)
    nodes = ET.parse(path).getroot().find(f"{G}graph/{G}nodes")
    sizes = {}
    for node in nodes:
        d = g.nodes[node.get("id")]
        colour, pos, size = node.find(V + "color"), node.find(V + "position"), node.find(V + "size")
        assert colour is not None and pos is not None and size is not None
        assert tuple(int(colour.get(c)) for c in "rgb") == hex_rgb(community_colour(d["community"]))
        assert (float(pos.get("x")), float(pos.get("y"))) == (d["x"], d["y"])
        sizes[d["papers"]] = float(size.get("value"))
    assert [sizes[p] for p in sorted(sizes)] == sorted(sizes.values()) and len(set(sizes.values())) > 1
    h = nx.read_gexf(path)  # networkx reads the viz namespace back
    some = next(iter(h))
    assert set(h.nodes[some]["viz"]) == {"color", "position", "size"}
    assert len({(d["x"], d["y"]) for _, d in g.nodes(data=True)}) == g.number_of_nodes()


def test_graphml_and_gexf_read_by_igraph(domain, tmp_path):
    igraph = pytest.importorskip("igraph")
    g = annotated_projection(domain, "papers")
    write_graph(g, tmp_path / "p.graphml", "graphml")
    ig = igraph.Graph.Read_GraphML(str(tmp_path / "p.graphml"))
    assert (ig.vcount(), ig.ecount()) == (g.number_of_nodes(), g.number_of_edges())
    assert "doi" in ig.vs.attributes() and "x" in ig.vs.attributes()


def test_gexf_handles_mixed_and_non_scalar_attributes(tmp_path):
    g = nx.Graph()
    g.add_node(1, score=1, tags=["a", "b"], ok=True, note=None)
    g.add_node("x", score=2.5, ok=False)
    g.add_edge(1, "x", weight=3, years={2020: 1})
    write_gexf(g, tmp_path / "m.gexf")
    h = nx.read_gexf(tmp_path / "m.gexf")
    assert set(h) == {"1", "x"} and h.nodes["1"]["score"] == 1.0 and "tags" not in h.nodes["1"]
    assert h.nodes["x"]["ok"] is False


def _counts(store, graph):
    g = annotated_projection(store, graph)
    return g, g.number_of_nodes(), g.number_of_edges()


@pytest.mark.parametrize("graph", PROJECTIONS)
def test_every_format_rereads_with_the_projection_counts(domain, tmp_path, graph):
    g, n, m = _counts(domain, graph)
    assert n > 0 and m > 0
    for fmt in GRAPH_FORMATS:
        paths = write_graph(g, tmp_path / f"{graph}.{fmt}", fmt)
        assert all(p.exists() for p in paths)
        if fmt in ("gexf", "gexf-dynamic"):
            check_gexf13(paths[0], dynamic=fmt == "gexf-dynamic")
            h = nx.read_gexf(paths[0])
            assert (h.number_of_nodes(), h.number_of_edges()) == (n, m)
        elif fmt == "graphml":
            h = nx.read_graphml(paths[0])
            assert (h.number_of_nodes(), h.number_of_edges()) == (n, m)
            assert all(isinstance(d.get("papers", 0), (int, float)) for _, d in h.nodes(data=True))
        elif fmt == "csv":
            with open(paths[0], encoding="utf-8") as fh:
                nodes = list(csv.reader(fh))
            with open(paths[1], encoding="utf-8") as fh:
                edges = list(csv.reader(fh))
            assert nodes[0][:3] == ["Id", "Label", "Interval"]
            assert edges[0][:7] == ["Source", "Target", "Type", "Id", "Label", "Weight", "Interval"]
            assert "type" not in [c.lower() for c in edges[0][7:]]  # no second Type column for Gephi to confuse
            assert len(nodes) - 1 == n and len(edges) - 1 == m
            ids = {r[0] for r in nodes[1:]}
            for r in edges[1:]:
                assert r[0] in ids and r[1] in ids and r[2] == "Undirected" and float(r[5]) > 0
                day = r"\d{4}-\d{2}-\d{2}"  # the same dates as the dynamic GEXF's spells
                assert r[6] == "" or re.fullmatch(rf"<\[{day},{day}\](;\[{day},{day}\])*>", r[6])
        elif fmt == "vosviewer":
            lines = paths[0].read_text(encoding="utf-8").splitlines()
            header = lines[0].split("\t")
            assert header[:2] == ["id", "label"] and "cluster" in header
            assert all(re.fullmatch(r"(weight|score)<[^>]+>", h) for h in header if "<" in h)
            rows = [l.split("\t") for l in lines[1:]]
            assert len(rows) == n and all(len(r) == len(header) for r in rows)
            ids = {int(r[0]) for r in rows}
            assert ids == set(range(1, n + 1))
            cl = header.index("cluster")
            assert all(1 <= int(r[cl]) <= 1000 for r in rows)
            by_id = {int(r[0]): r for r in rows}  # clusters are the communities; x, y the layout's positions
            for node, i in zip(sorted(g, key=str), range(1, n + 1)):
                assert int(by_id[i][cl]) == g.nodes[node]["community"]
                if "x" in g.nodes[node]:
                    xs = header.index("x")
                    assert abs(float(by_id[i][xs]) - g.nodes[node]["x"]) < 1e-3
            net = [l.split("\t") for l in paths[1].read_text(encoding="utf-8").splitlines()]
            assert len(net) == m and all(len(r) == 3 and int(r[0]) in ids and int(r[1]) in ids and float(r[2]) > 0
                                         for r in net)
        elif fmt == "vosviewer-json":
            doc = json.loads(paths[0].read_text(encoding="utf-8"))
            items, links = doc["network"]["items"], doc["network"]["links"]
            assert len(items) == n and len(links) == m
            ids = {i["id"] for i in items}
            assert all(l["source_id"] in ids and l["target_id"] in ids and l["strength"] >= 0 for l in links)
            assert all(1 <= i["cluster"] <= 1000 and "label" in i for i in items)


def test_labels_in_the_language_asked_for(seed, tmp_path):
    (path,) = write_graph(annotated_projection(seed, lang="zh"), tmp_path / "zh.gexf", "gexf")
    labels = [d["label"] for _, d in nx.read_gexf(path).nodes(data=True)]
    assert any(re.search(r"[\u4e00-\u9fff]", lab) for lab in labels)
    (path,) = write_graph(annotated_projection(seed, lang="en"), tmp_path / "en.gexf", "gexf")
    assert not any(re.search(r"[\u4e00-\u9fff]", d["label"]) for _, d in nx.read_gexf(path).nodes(data=True))


def test_output_paths():
    # one convention: <stem>.<part>.<ext>, the stem being the output's name up to its first dot
    assert [p.name for p in output_paths("vosviewer", "x/graph.txt")] == ["graph.map.txt", "graph.network.txt"]
    assert [p.name for p in output_paths("vosviewer", "x/co.vosviewer")] == ["co.map.txt", "co.network.txt"]
    assert [p.name for p in output_paths("gexf-dynamic", "x/g.gexf")] == ["g.gexf"]
    assert [p.name for p in output_paths("csv", "x/g.csv")] == ["g.nodes.csv", "g.edges.csv"]
    assert str(default_output("vosviewer-json", "countries")) == "output/countries.json"


def test_writers_take_a_graph_and_a_path(tmp_path):
    g = nx.Graph()
    g.add_edge("a", "b", weight=2, years={2020: 1})
    assert set(WRITERS) == set(GRAPH_FORMATS)
    for fmt, writer in WRITERS.items():
        path = tmp_path / fmt / default_output(fmt, "g").name
        path.parent.mkdir()
        assert writer(g, path) is None
        assert all(p.exists() for p in output_paths(fmt, path)), fmt
    write_gephi_csv(g, tmp_path / "csv")  # a directory: graph.nodes.csv and graph.edges.csv in it
    assert (tmp_path / "csv" / "graph.nodes.csv").exists()
    write_vosviewer(g, tmp_path / "vos.txt")
    assert (tmp_path / "vos.map.txt").exists() and (tmp_path / "vos.network.txt").exists()


def test_export_errors(tmp_path):
    g = nx.Graph([("a", "b")])
    with pytest.raises(ExportError, match="unknown graph format"):
        write_graph(g, tmp_path / "g.xyz", "pajek")
    with pytest.raises(ExportError, match="unknown graph format"):
        output_paths("pajek", tmp_path / "g.net")
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(ExportError, match="cannot write"):
        write_graph(g, tmp_path / "file" / "g.gexf", "gexf")
    with pytest.raises(ExportError, match="timeformat"):
        write_gexf(g, tmp_path / "g.gexf", dynamic=True, timeformat="week")


def test_export_command(seed_store_dir, tmp_path, capsys):
    from litkg.graph.cli import main

    out = tmp_path / "dyn.gexf"
    args = ["export", "--format", "gexf-dynamic", "--store", str(seed_store_dir), "-o", str(out), "--min-papers", "1"]
    assert main(args) == 0 and nx.read_gexf(out).number_of_nodes() > 0
    assert f"wrote: {out}" in capsys.readouterr().out
    assert main(args) == 1 and "--force" in capsys.readouterr().err
    assert main(args + ["--force", "--graph", "papers", "--include-candidates"]) == 0
    assert main(["export", "--format", "csv", "--store", str(seed_store_dir), "-o", str(tmp_path / "t.csv")]) == 0
    assert (tmp_path / "t.nodes.csv").exists() and (tmp_path / "t.edges.csv").exists()
    assert main(["export", "--format", "vosviewer", "--store", str(seed_store_dir), "-o", str(tmp_path / "t.vos")]) == 0
    assert (tmp_path / "t.map.txt").exists() and (tmp_path / "t.network.txt").exists()
    capsys.readouterr()
    assert main(["export", "--format", "turtle", "--store", str(seed_store_dir), "-o", str(tmp_path / "g.ttl")]) == 0
    assert f"wrote: {tmp_path / 'g.ttl'}" in capsys.readouterr().out  # RDF exports say what they wrote too


def test_build_still_writes_a_gephi_gexf(seed_build):
    out, _ = seed_build  # the session's build of the seed, exports included (tests/conftest.py)
    check_gexf13(out / "graph.gexf", dynamic=False)
    assert nx.read_gexf(out / "graph.gexf").number_of_nodes() > 10
