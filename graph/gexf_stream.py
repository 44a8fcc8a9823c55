"""``graph.gexf`` of ``litkg build``: the paper-concept graph written as a stream.

The file is, byte for byte, :func:`litkg.graph.export.gexf.write_gexf` of
:func:`litkg.graph.analysis.paper_concept_graph`; that path holds a networkx
graph, its sanitised copy and a whole XML tree (about 1.3 kB per edge: 180 MB
of Python objects at 10,000 papers). :func:`write_paper_concept_gexf` reads the
same query rows as they come and keeps only what the file needs, in plain
lists and arrays (30 MB at 10,000 papers), writing the XML text directly.

Nodes and edges come out in networkx's orders (nodes as first added; each edge
from its earlier node, in the order it was first added), attributes as the
writer declares and formats them. Because that writer is maintained apart,
:func:`streaming_matches` first writes a small graph both ways (once per
process); if the bytes differ, the build falls back to the writer itself, so
``graph.gexf`` is always what ``write_gexf`` writes.
"""
from __future__ import annotations

import datetime as _dt
from array import array
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import pyoxigraph as ox

from litkg.extract import identifiers as ids
from litkg.graph.namespace import OX

_LO, _HI = 4.0, 40.0  # viz:size of the least and the most cited node (the writer's SIZE_RANGE)


_ATTR_ENTITIES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}


def _attr(text: str) -> str:
    """An XML attribute value escaped as ``xml.etree.ElementTree`` does (&, <, > and these entities)."""
    return escape(text, _ATTR_ENTITIES)


class _Projection:
    """The paper-concept graph as plain arrays, built from ``knowledge_graph_edges`` rows as networkx would."""

    def __init__(self, details: dict[str, dict]) -> None:
        self.details = details  # paper IRI -> title, first author, number of authors
        self.pos: dict[str, int] = {}
        self.ids: list[str] = []
        self.labels: list[str] = []
        self.dois: list[str] = []
        self.titles: list[str] = []
        self.kinds: list[str] = []
        self.papers, self.years, self.part = array("q"), array("q"), bytearray()
        self.edge_of: dict[int, int] = {}
        self.low, self.high, self.weight = array("q"), array("q"), array("q")
        self.edge_kind: list[str] = []

    def node(self, iri: str, kind: str, label: str, year: int, part: int, doi: str = "", title: str = "") -> int:
        i = self.pos.get(iri)
        if i is None:
            i = self.pos[iri] = len(self.ids)
            self.ids.append(iri)
            self.labels.append(label)
            self.dois.append(doi)
            self.titles.append(title)
            self.kinds.append(kind)
            self.papers.append(1 if part == 0 else 0)
            self.years.append(year)
            self.part.append(part)
        return i

    def add(self, paper: str, paper_id: str, year: int, target: str, kind: str, label: str, weight: int) -> None:
        """One row: as :func:`~litkg.graph.analysis.paper_concept_graph` adds it to its networkx graph."""
        from litkg.graph.analysis import iri_label
        from litkg.graph.analysis.layout import paper_label

        a = self.pos.get(paper)
        if a is None:
            info = self.details.get(paper, {})
            title = info.get("title", "")
            name = paper_label(info.get("author", ""), year, title, info.get("authors", 1)) or paper_id
            a = self.node(paper, "paper", name, year, 0, paper_id, title)
        b = self.node(target, kind, label or iri_label(target), 0, 1)
        self.papers[b] += 1
        lo, hi = (a, b) if a <= b else (b, a)
        key = (lo << 32) | hi
        e = self.edge_of.get(key)
        if e is None:
            self.edge_of[key] = len(self.edge_kind)
            self.low.append(lo)
            self.high.append(hi)
            self.weight.append(weight)
            self.edge_kind.append(kind)
        else:  # networkx's add_edge on an edge it has: attributes updated, place kept
            self.weight[e] = weight
            self.edge_kind[e] = kind

    def write(self, path: str | Path) -> None:
        """Write the static GEXF 1.3 file (the caller has checked that there is a node)."""
        self.edge_of.clear()
        order = sorted(range(len(self.edge_kind)), key=lambda e: (self.low[e], e))
        top = float(max(self.papers))
        ids = self.ids
        with open(path, "w", encoding="utf-8", errors="xmlcharrefreplace", newline="\n") as out:
            out.write("<?xml version='1.0' encoding='utf-8'?>\n"
                      '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" '
                      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="1.3" '
                      'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd">\n'
                      f'  <meta lastmodifieddate="{_dt.date.today().isoformat()}">\n'
                      "    <creator>litkg</creator>\n    <description>litkg graph</description>\n  </meta>\n"
                      '  <graph defaultedgetype="undirected" mode="static">\n'
                      '    <attributes class="node" mode="static">\n'
                      '      <attribute id="type" title="type" type="string" />\n'
                      '      <attribute id="doi" title="doi" type="string" />\n'
                      '      <attribute id="title" title="title" type="string" />\n'
                      '      <attribute id="papers" title="papers" type="long" />\n'
                      '      <attribute id="year" title="year" type="long" />\n'
                      '      <attribute id="bipartite" title="bipartite" type="long" />\n'
                      "    </attributes>\n"
                      '    <attributes class="edge" mode="static">\n'
                      '      <attribute id="relation" title="relation" type="string" />\n'
                      "    </attributes>\n    <nodes>\n")
            for i, iri in enumerate(ids):
                size = round(_LO + (_HI - _LO) * (max(float(self.papers[i]), 0.0) / top) ** 0.5, 2)
                out.write(f'      <node id="{_attr(iri)}" label="{_attr(self.labels[i])}">\n        <attvalues>\n'
                          f'          <attvalue for="type" value="{_attr(self.kinds[i])}" />\n'
                          f'          <attvalue for="doi" value="{_attr(self.dois[i])}" />\n'
                          f'          <attvalue for="title" value="{_attr(self.titles[i])}" />\n'
                          f'          <attvalue for="papers" value="{self.papers[i]}" />\n'
                          f'          <attvalue for="year" value="{self.years[i]}" />\n'
                          f'          <attvalue for="bipartite" value="{self.part[i]}" />\n'
                          f'        </attvalues>\n        <viz:size value="{size!r}" />\n      </node>\n')
            out.write("    </nodes>\n    <edges>\n")
            for n, e in enumerate(order):
                out.write(f'      <edge id="{n}" source="{_attr(ids[self.low[e]])}" '
                          f'target="{_attr(ids[self.high[e]])}" weight="{float(self.weight[e])!r}">\n'
                          f'        <attvalues>\n          <attvalue for="relation" value="{_attr(self.edge_kind[e])}" />\n'
                          "        </attvalues>\n      </edge>\n")
            out.write("    </edges>\n  </graph>\n</gexf>")


def _stream(store, path: str | Path) -> bool:
    """Write the file from the query rows; False (nothing written) when the graph is empty."""
    from litkg.graph.analysis import parse_year
    from litkg.graph.analysis.rows import paper_details
    from litkg.graph.query import load_query

    value = lambda t: "" if t is None else t.value  # noqa: E731  (run_query's cells)
    proj = _Projection(paper_details(store))
    for sol in store.query(load_query("knowledge_graph_edges")):
        proj.add(value(sol["paper"]), value(sol["paperId"]), parse_year(value(sol["year"])) or 0,
                 value(sol["target"]), value(sol["type"]), value(sol["label"]), int(value(sol["weight"])))
    if not proj.ids:
        return False
    proj.write(path)
    return True


def _writer(store, path: str | Path) -> None:
    """The writer the file stands for: ``write_gexf(paper_concept_graph(store), path)``."""
    from litkg.graph.analysis import paper_concept_graph
    from litkg.graph.export.gexf import write_gexf

    write_gexf(paper_concept_graph(store), path)


def _sample_store():
    """A small store with what the paper-concept graph reads: two papers, shared and repeated concepts,
    labels needing escapes, a paper without a year, a negated mention."""
    from litkg.graph.store import GraphStore

    L, OA, DCT, SKOS, SCHEMA = OX.litkg, OX.oa, OX.dcterms, OX.skos, OX.schema
    g = ox.NamedNode(ids.graph_iri("sample"))
    n = lambda s: ox.NamedNode("https://example.org/" + s)  # noqa: E731
    quads = []
    for paper, pid, year in (("p1", 'doi:1 & "one"', "2019"), ("p2", "pmid:2", None)):
        quads.append(ox.Quad(n(paper), DCT.identifier, ox.Literal(pid), g))
        if year:
            quads.append(ox.Quad(n(paper), L.year, ox.Literal(year, datatype=OX.xsd.integer), g))
    mentions = [("a1", "p1", "c1", "benefit", False), ("a2", "p1", "c1", "benefit", False),
                ("a3", "p1", "c2", "risk", False), ("a4", "p2", "c1", "benefit", False),
                ("a5", "p2", "o1", "institution", False), ("a6", "p2", "c3", "outcome", True),
                ("a7", "p2", "c2", "risk", False)]
    for a, paper, target, kind, negated in mentions:
        quads += [ox.Quad(n(a), OX.rdf.type, L.Mention, g), ox.Quad(n(a), L.inPaper, n(paper), g),
                  ox.Quad(n(a), OA.hasBody, n(target), g), ox.Quad(n(a), L.entityType, ox.Literal(kind), g),
                  ox.Quad(n(a), L.negated, ox.Literal("true" if negated else "false", datatype=OX.xsd.boolean), g)]
    quads += [ox.Quad(n("c1"), SKOS.prefLabel, ox.Literal("<peer> support\t\n", language="en"), g),
              ox.Quad(n("o1"), SCHEMA.name, ox.Literal("Dept. of X"), g)]
    store = GraphStore()
    store.oxigraph.extend(quads)
    return store


@lru_cache(maxsize=1)
def streaming_matches() -> bool:
    """Whether the streaming writer gives the bytes of ``write_gexf(paper_concept_graph(...))`` (checked once)."""
    import tempfile

    store = _sample_store()
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "stream.gexf", Path(tmp) / "writer.gexf"
        try:
            _writer(store, b)
            return _stream(store, a) and a.read_bytes() == b.read_bytes()
        except Exception:  # noqa: BLE001  (any doubt: use the writer itself)
            return False


def write_paper_concept_gexf(store, path: str | Path) -> None:
    """Write ``write_gexf(paper_concept_graph(store), path)``, streaming when that gives the same bytes."""
    if not (streaming_matches() and _stream(store, path)):
        _writer(store, path)
