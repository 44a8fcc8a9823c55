"""``graph.gexf`` of ``litkg build``: the paper-concept graph written as a stream.

The file is, byte for byte, :func:`litkg.graph.export.gexf.write_gexf` of
:func:`litkg.graph.analysis.paper_concept_graph`; that path holds a networkx
graph, its sanitised copy and a whole XML tree (about 1.3 kB per edge: 180 MB
of Python objects at 10,000 papers). Here the XML text is written directly, in
the graph's canonical order (the papers by IRI, then the concepts by IRI; each
paper's edges by target), attributes as the writer declares and formats them:

* :func:`write_build_gexf` (``litkg build``) assembles it from the per-graph rows
  the build keeps (:mod:`litkg.graph.gexf_rows`), without querying the store:
  it reads the rows once for the concepts' counts and labels (held: memory in
  proportion to the concepts) and once more, paper by paper, to write the
  nodes and edges (held: a few integers per edge). Adding papers computes rows
  for the papers added only.
* :func:`write_paper_concept_gexf` writes it from the store's query rows (held,
  sorted), for any store.

Because the writer is maintained apart, :func:`streaming_matches` first writes a
small graph all three ways (once per process); if the bytes differ, the build
falls back to the writer itself, so ``graph.gexf`` is always what ``write_gexf`` writes.
"""
from __future__ import annotations

import datetime as _dt
from array import array
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator
from xml.sax.saxutils import escape

import pyoxigraph as ox

from litkg.extract import identifiers as ids
from litkg.graph.namespace import OX

_LO, _HI = 4.0, 40.0  # viz:size of the least and the most cited node (the writer's SIZE_RANGE)


_ATTR_ENTITIES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}


def _attr(text: str) -> str:
    """An XML attribute value escaped as ``xml.etree.ElementTree`` does (&, <, > and these entities)."""
    return escape(text, _ATTR_ENTITIES)


Record = tuple  # (paper IRI, details [title, first author, authors] or None, rows [[target, type, paperId, year, weight]])


def _paper_node(paper: str, details: list | None, rows: list) -> tuple[str, str, str, str, int]:
    """(id, label, doi, title, year) of a paper node: from its details and its first row, as networkx adds it."""
    from litkg.graph.analysis import parse_year
    from litkg.graph.analysis.layout import paper_label

    title, author, authors = details if details is not None else ("", "", 1)
    pid, year = rows[0][2], parse_year(rows[0][3]) or 0
    return paper, paper_label(author, year, title, authors) or pid, pid, title, year


def _write(path: str | Path, records: Callable[[], Iterator[Record]], counts: dict[str, int],
           labels: Callable[[str], str]) -> None:
    """Write the static GEXF 1.3 file of the paper-concept graph in its canonical order.

    Nodes: the papers by IRI, then the concepts by IRI; edges: each paper's, in its rows' order
    (a target met again keeps its place and takes the later row's weight and type). ``records()``
    gives the papers with rows, in IRI order (it is called once); ``counts`` the rows of each target.
    """
    from litkg.graph.analysis import iri_label

    concepts = sorted(counts)
    pos = {c: i for i, c in enumerate(concepts)}
    kinds: dict[str, str] = {}
    top = float(max(max(counts.values()), 1))
    paper_size = repr(round(_LO + (_HI - _LO) * (1.0 / top) ** 0.5, 2))
    e_target, e_weight, e_kind, e_paper = array("q"), array("q"), [], array("q")
    ids: list[str] = []
    with open(path, "w", encoding="utf-8", errors="xmlcharrefreplace", newline="\n") as out:
        out.write(_HEAD.replace("{date}", _dt.date.today().isoformat()))
        node = _NODE.format
        for paper, details, rows in records():
            iri, label, pid, title, year = _paper_node(paper, details, rows)
            out.write(node(_attr(iri), _attr(label), "paper", _attr(pid), _attr(title), 1, year, 0, paper_size))
            edges: dict[str, list] = {}
            for target, kind, _, _, weight in rows:
                kinds.setdefault(target, kind)
                edges[target] = [weight, kind]
            for target, (weight, kind) in edges.items():
                e_paper.append(len(ids))
                e_target.append(pos[target])
                e_weight.append(int(weight))
                e_kind.append(kind)
            ids.append(iri)
        for c in concepts:
            n = counts[c]
            size = repr(round(_LO + (_HI - _LO) * (max(float(n), 0.0) / top) ** 0.5, 2))
            out.write(node(_attr(c), _attr(labels(c) or iri_label(c)), _attr(kinds[c]), "", "", n, 0, 1, size))
        out.write("    </nodes>\n    <edges>\n")
        for n, (p, c, w, k) in enumerate(zip(e_paper, e_target, e_weight, e_kind)):
            out.write(f'      <edge id="{n}" source="{_attr(ids[p])}" target="{_attr(concepts[c])}" '
                      f'weight="{float(w)!r}">\n'
                      f'        <attvalues>\n          <attvalue for="relation" value="{_attr(k)}" />\n'
                      "        </attvalues>\n      </edge>\n")
        out.write("    </edges>\n  </graph>\n</gexf>")


_HEAD = ("<?xml version='1.0' encoding='utf-8'?>\n"
         '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="1.3" '
         'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd">\n'
         '  <meta lastmodifieddate="{date}">\n'
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
_NODE = ('      <node id="{}" label="{}">\n        <attvalues>\n'
         '          <attvalue for="type" value="{}" />\n'
         '          <attvalue for="doi" value="{}" />\n'
         '          <attvalue for="title" value="{}" />\n'
         '          <attvalue for="papers" value="{}" />\n'
         '          <attvalue for="year" value="{}" />\n'
         '          <attvalue for="bipartite" value="{}" />\n'
         '        </attvalues>\n        <viz:size value="{}" />\n      </node>\n')


def _stream(store, path: str | Path) -> bool:
    """Write the file from the store's query rows (held, sorted); False (nothing written) when the graph is empty."""
    from litkg.graph.analysis.rows import paper_details
    from litkg.graph.query import load_query

    value = lambda t: "" if t is None else t.value  # noqa: E731  (run_query's cells)
    by_paper: dict[str, list] = defaultdict(list)
    labels: dict[str, str] = {}
    counts: Counter = Counter()
    for sol in store.query(load_query("knowledge_graph_edges")):
        target = value(sol["target"])
        by_paper[value(sol["paper"])].append([target, value(sol["type"]), value(sol["paperId"]),
                                              value(sol["year"]), int(value(sol["weight"]))])
        labels[target] = value(sol["label"])
        counts[target] += 1
    if not by_paper:
        return False
    details = {p: [d["title"], d["author"], d["authors"]] for p, d in paper_details(store).items()}
    _write(path, lambda: ((p, details.get(p), sorted(by_paper[p])) for p in sorted(by_paper)), counts,
           labels.get)
    return True


def _assemble(path: str | Path, keys: Iterable, entries: Callable[[Iterable], Iterator[dict]],
              extra_labels: Iterable[dict] = ()) -> bool | None:
    """Write the file from per-graph entries (:mod:`litkg.graph.gexf_rows`) read twice through ``entries``.

    Returns:
        False when the graph is empty (nothing written), None when a paper stands in two graphs
        (the entries cannot tell its rows apart: nothing written), else True.
    """
    keys = list(keys)
    counts: Counter = Counter()
    best: dict[str, list] = {}  # target -> [least prefLabel, least name] over every graph
    where: list[tuple[str, int, int]] = []  # (paper, key number, paper number in its entry)

    def merge(found: dict) -> None:
        for s, (l1, l2) in found.items():
            old = best.get(s)
            if old is None:
                best[s] = [l1, l2]
            else:
                old[0] = l1 if old[0] is None or (l1 is not None and l1 < old[0]) else old[0]
                old[1] = l2 if old[1] is None or (l2 is not None and l2 < old[1]) else old[1]

    for k, entry in enumerate(entries(keys)):
        for i, (paper, _, rows) in enumerate(entry["p"]):
            where.append((paper, k, i))
            counts.update(r[0] for r in rows)
        merge(entry["l"])
    for found in extra_labels:
        merge(found)
    if not where:
        return False
    where.sort()
    if any(a[0] == b[0] for a, b in zip(where, where[1:])):
        return None
    labels = {t: (l1 if l1 is not None else l2) for t, (l1, l2) in best.items() if t in counts}
    best.clear()

    def records() -> Iterator[Record]:
        for (paper, _, i), entry in zip(where, entries(keys[k] for _, k, _ in where)):
            yield tuple(entry["p"][i])

    _write(path, records, counts, labels.get)
    return True


def _writer(store, path: str | Path) -> None:
    """The writer the file stands for: ``write_gexf(paper_concept_graph(store), path)``."""
    from litkg.graph.analysis import paper_concept_graph
    from litkg.graph.export.gexf import write_gexf

    write_gexf(paper_concept_graph(store), path)


def _sample_store():
    """A small store with what the paper-concept graph reads: papers in two graphs (one with two papers),
    shared and repeated concepts, labels needing escapes or named in another graph (a vocabulary, a paper
    where the concept is negated), names that differ between graphs, a paper without a year or details."""
    from litkg.graph.store import GraphStore

    L, OA, DCT, SKOS, SCHEMA = OX.litkg, OX.oa, OX.dcterms, OX.skos, OX.schema
    g1, g2, voc = (ox.NamedNode(ids.graph_iri(x)) for x in ("sample", "sample-2", "sample-vocabulary"))
    n = lambda s: ox.NamedNode("https://example.org/" + s)  # noqa: E731
    quads = [ox.Quad(n("p1"), OX.rdf.type, SCHEMA.ScholarlyArticle, g1),
             ox.Quad(n("p1"), DCT.title, ox.Literal("A <title> & more", language="en"), g1)]
    for i, name in ((2, "Bo"), (1, "Ann O'Neil")):
        quads += [ox.Quad(n("p1"), SCHEMA.author, n(f"p1-a{i}"), g1), ox.Quad(n(f"p1-a{i}"), SCHEMA.name,
                  ox.Literal(name), g1), ox.Quad(n(f"p1-a{i}"), SCHEMA.position, ox.Literal(str(i),
                  datatype=OX.xsd.integer), g1)]
    for paper, pid, year, g in (("p1", 'doi:1 & "one"', "2019", g1), ("p2", "pmid:2", None, g1),
                                ("p0", "pmid:0", "2020", g2)):
        quads.append(ox.Quad(n(paper), DCT.identifier, ox.Literal(pid), g))
        if year:
            quads.append(ox.Quad(n(paper), L.year, ox.Literal(year, datatype=OX.xsd.integer), g))
    mentions = [("a1", "p1", "c1", "benefit", False), ("a2", "p1", "c1", "benefit", False),
                ("a3", "p1", "c2", "risk", False), ("a4", "p2", "c1", "benefit", False),
                ("a5", "p2", "o1", "institution", False), ("a6", "p2", "c3", "outcome", True),
                ("a7", "p2", "c2", "risk", False), ("a8", "p0", "o1", "institution", False),
                ("a9", "p0", "c3", "outcome", False), ("a10", "p0", "c1", "risk", False)]
    for a, paper, target, kind, negated in mentions:
        g = g2 if paper == "p0" else g1
        quads += [ox.Quad(n(a), OX.rdf.type, L.Mention, g), ox.Quad(n(a), L.inPaper, n(paper), g),
                  ox.Quad(n(a), OA.hasBody, n(target), g), ox.Quad(n(a), L.entityType, ox.Literal(kind), g),
                  ox.Quad(n(a), L.negated, ox.Literal("true" if negated else "false", datatype=OX.xsd.boolean), g)]
    quads += [ox.Quad(n("c1"), SKOS.prefLabel, ox.Literal("<peer> support\t\n", language="en"), g1),
              ox.Quad(n("c3"), SKOS.prefLabel, ox.Literal("an outcome", language="en"), g1),
              ox.Quad(n("c2"), SKOS.prefLabel, ox.Literal("harm", language="en"), voc),
              ox.Quad(n("c2"), SKOS.prefLabel, ox.Literal("Schaden", language="de"), voc),
              ox.Quad(n("o1"), SCHEMA.name, ox.Literal("Dept. of X"), g1),
              ox.Quad(n("o1"), SCHEMA.name, ox.Literal("Department of X"), g2)]
    store = GraphStore()
    store.oxigraph.extend(quads)
    return store


def _from_entries(store, path: str | Path) -> bool | None:
    """:func:`_assemble` of every graph's entry read from the store (held in memory: for the check)."""
    from litkg.graph.gexf_rows import store_entry

    found = {g: store_entry(store.oxigraph, g) for g in store.graph_names()}
    return _assemble(path, found, lambda keys: (found[k] for k in keys),
                     [store_entry(store.oxigraph, g, all_labels=True)["l"] for g in found])


@lru_cache(maxsize=1)
def streaming_matches() -> bool:
    """Whether the streaming writers (from the query rows, and from per-graph entries) give the bytes of
    ``write_gexf(paper_concept_graph(...))`` (checked once)."""
    import tempfile

    store = _sample_store()
    with tempfile.TemporaryDirectory() as tmp:
        a, b, c = Path(tmp) / "stream.gexf", Path(tmp) / "writer.gexf", Path(tmp) / "entries.gexf"
        try:
            _writer(store, b)
            return bool(_stream(store, a) and _from_entries(store, c)
                        and a.read_bytes() == b.read_bytes() == c.read_bytes())
        except Exception:  # noqa: BLE001  (any doubt: use the writer itself)
            return False


def write_paper_concept_gexf(store, path: str | Path) -> None:
    """Write ``write_gexf(paper_concept_graph(store), path)``, streaming when that gives the same bytes."""
    if not (streaming_matches() and _stream(store, path)):
        _writer(store, path)


def write_build_gexf(store, rows, path: str | Path, fixed: Iterable[str] = ()) -> None:
    """Write ``graph.gexf`` of a build from its rows file (:class:`~litkg.graph.gexf_rows.GexfRows`).

    The entries of the graphs the store holds are read back from the file; a graph the file
    lacks is read from the store and added to it; the graphs ``fixed`` (written outside the journal:
    vocabulary, ontology, runs) are read from the store for their labels each time. The file is
    compacted when it has grown past twice its live entries. Falls back to
    :func:`write_paper_concept_gexf` when the streaming writers do not match the writer, or when
    a paper stands in two graphs.

    Args:
        store: The build's :class:`~litkg.graph.store.GraphStore`.
        rows: Its open :class:`~litkg.graph.gexf_rows.GexfRows`.
        path: Where to write.
        fixed: Graphs read from the store every time.
    """
    from litkg.graph.gexf_rows import store_entry

    if not streaming_matches():
        _writer(store, path)
        return
    fixed = set(fixed)
    names = [g for g in store.graph_names()]
    index = rows.index()
    missing = [g for g in names if g not in index and g not in fixed]
    for i in range(0, len(missing), 500):
        rows.append({g: store_entry(store.oxigraph, g, all_labels=True) for g in missing[i:i + 500]})
    if missing:
        index = rows.index()
    live = {g: index[g] for g in names if g not in fixed}
    extra = [store_entry(store.oxigraph, g, all_labels=True)["l"] for g in names if g in fixed]
    done = _assemble(path, list(live.values()), rows.entries, extra)
    if done is None:
        write_paper_concept_gexf(store, path)
    elif not done:
        _writer(store, path)
    rows.compact(index, set(live))
