"""The rows of ``graph.gexf``, per named graph, kept beside the build so the file is assembled without a store query.

``graph.gexf`` (:mod:`litkg.graph.gexf_stream`) is the paper-concept graph of
the ``knowledge_graph_edges`` query and the papers' details (title, first
author, number of authors). Every part of a row but a target's label comes
from the paper's own named graph, and the label is the least label of the
target over every graph that names it; so what each graph contributes can be
computed once, from that graph alone, and kept:

* an *entry* per graph (:func:`entries_from_quads`): for each paper with
  mentions, its details and its rows ``[target, type, paperId, year, weight]``
  (sorted), and for each mentioned target its least ``skos:prefLabel`` (English
  or untagged) and least ``schema:name`` in that graph;
* ``OUT/.litkg/gexf-rows.tsv`` (:class:`GexfRows`): the entries of the
  committed batches, one line each (``graph<TAB>entry as JSON``), appended and
  synced after each batch's store commit and before its journal line, a later
  line of a graph replacing an earlier one. It is started afresh with the
  journal (new code, vocabulary, model or store), on ``--rebuild``, or when
  its own format or code changed; a line cut short by a kill is cut off; it is
  compacted when superseded lines outnumber live ones.

An incremental build thus computes entries for the papers it adds, from the
N-Quads it loads (:func:`entries_from_nquads`), and the file is assembled by
reading the entries back. A graph the store holds and the file lacks (written
outside the journal, or before the file existed) is read from the store
(:func:`store_entry`) and added.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

from litkg.graph.namespace import OX

FORMAT = 1
ROWS = Path(".litkg") / "gexf-rows.tsv"

_RDF_TYPE = OX.rdf.type
_MENTION, _ARTICLE = OX.litkg.Mention, OX.schema.ScholarlyArticle
_P = {"negated": OX.litkg.negated, "inPaper": OX.litkg.inPaper, "body": OX.oa.hasBody,
      "etype": OX.litkg.entityType, "id": OX.dcterms.identifier, "year": OX.litkg.year,
      "title": OX.dcterms.title, "author": OX.schema.author, "position": OX.schema.position,
      "name": OX.schema.name, "pref": OX.skos.prefLabel}
_KEY = {p.value: k for k, p in _P.items()}
_XSD_BOOLEAN, _XSD_INTEGER = OX.xsd.boolean.value, OX.xsd.integer.value
#: the predicates an entry reads, as they stand in N-Quads lines
_NQ_PREDICATES = frozenset(f"<{p}>".encode() for p in [*_KEY, _RDF_TYPE.value])
_NQ_TYPES = frozenset(f"<{t.value}>".encode() for t in (_MENTION, _ARTICLE))


def _is(term, datatype: str) -> bool:
    return isinstance(term, ox.Literal) and term.datatype is not None and term.datatype.value == datatype


def entries_from_quads(quads: Iterable[ox.Quad], all_labels: bool = False) -> dict[str, dict]:
    """The entry of every named graph among ``quads`` (see the module docstring), as the queries would see it.

    Rows are the ``knowledge_graph_edges`` query's groups restricted to one graph:
    mentions typed ``litkg:Mention`` and not negated, counted per paper, target and
    type, joined with each identifier and (optionally) each year of the paper.
    Details are those of :func:`litkg.graph.analysis.rows.paper_details`.

    Args:
        quads: Quads of one or more named graphs (others are ignored).
        all_labels: Keep the labels of every subject, not only of the mentions' targets (for graphs
            such as the vocabulary, whose labels name targets of other graphs).
    """
    by_graph: dict[str, dict[str, dict]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for q in quads:
        g = q.graph_name
        if not isinstance(g, ox.NamedNode):
            continue
        if q.predicate == _RDF_TYPE:
            if q.object in (_MENTION, _ARTICLE):
                by_graph[g.value]["type"][q.subject.value].append(q.object)
            continue
        key = _KEY.get(q.predicate.value)
        if key is not None:
            by_graph[g.value][key][q.subject.value].append(q.object)
    return {g: _entry(t, all_labels) for g, t in by_graph.items()}


def _entry(t: dict[str, dict[str, list]], all_labels: bool) -> dict:
    """One graph's entry from its triples of interest, ``t[predicate key][subject] -> objects``."""
    counts: dict[str, dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    for a, kinds in t["type"].items():
        falses = sum(1 for n in t["negated"].get(a, ()) if _is(n, _XSD_BOOLEAN) and n.value in ("false", "0"))
        if _MENTION not in kinds or not falses:
            continue
        for paper in t["inPaper"].get(a, ()):
            for target in t["body"].get(a, ()):
                for kind in t["etype"].get(a, ()):
                    counts[paper.value][(target.value, kind.value)] += falses
    papers = []
    for paper in sorted(counts):
        ids = [i.value for i in t["id"].get(paper, ())]
        years = [y.value for y in t["year"].get(paper, ())] or [""]
        rows = sorted([target, kind, pid, year, n] for (target, kind), n in counts[paper].items()
                      for pid in ids for year in years)
        if rows:
            papers.append([paper, _details(t, paper), rows])
    subjects = (set(t["pref"]) | set(t["name"]) if all_labels
                else {b.value for bodies in t["body"].values() for b in bodies})
    labels = {}
    for s in sorted(subjects):
        l1 = [x.value for x in t["pref"].get(s, ()) if isinstance(x, ox.Literal) and (x.language or "") in ("", "en")]
        l2 = [x.value for x in t["name"].get(s, ()) if isinstance(x, ox.Literal)]
        if l1 or l2:
            labels[s] = [min(l1) if l1 else None, min(l2) if l2 else None]
    return {"p": papers, "l": labels}


def _details(t: dict[str, dict[str, list]], paper: str) -> list | None:
    """``[title, first author's name, number of authors]`` of a ``schema:ScholarlyArticle``, else None."""
    if _ARTICLE not in t["type"].get(paper, ()):
        return None
    titles = [x.value for x in t["title"].get(paper, ())]
    authors = {a.value for a in t["author"].get(paper, ())}
    firsts = [n.value for a in sorted(authors)
              if any(_is(p, _XSD_INTEGER) and p.value.strip().lstrip("+0") == "1" for p in t["position"].get(a, ()))
              for n in t["name"].get(a, ())]
    return [titles[0] if titles else "", firsts[0] if firsts else "", len(authors)]


def entries_from_nquads(nquads: bytes) -> dict[str, dict]:
    """:func:`entries_from_quads` of N-Quads text (a batch as it is bulk-loaded), parsing only the lines it reads."""
    keep = []
    for line in nquads.split(b"\n"):
        parts = line.split(b" ", 3)
        if len(parts) == 4 and parts[1] in _NQ_PREDICATES and (
                parts[1] != b"<" + _RDF_TYPE.value.encode() + b">" or parts[2] in _NQ_TYPES):
            keep.append(line)
    if not keep:
        return {}
    return entries_from_quads(ox.parse(b"\n".join(keep) + b"\n", format=ox.RdfFormat.N_QUADS))


def store_entry(store: ox.Store, graph: str, all_labels: bool = False) -> dict:
    """The entry of one named graph of ``store``, read from its quads."""
    g = ox.NamedNode(graph)
    quads = [q for p in (*_P.values(), _RDF_TYPE) for q in store.quads_for_pattern(None, p, None, g)]
    return entries_from_quads(quads, all_labels).get(graph, {"p": [], "l": {}})


def rows_digest() -> str:
    """A digest of the code that shapes an entry (this module), kept in the file's header."""
    return hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:20]


class GexfRows:
    """``OUT/.litkg/gexf-rows.tsv``: the entries of the committed graphs (see the module docstring).

    Args:
        path: The file.
        settings: What the entries depend on (the journal's settings); another header starts the file afresh.
    """

    def __init__(self, path: str | Path, settings: dict) -> None:
        self.path = Path(path)
        self.header = {"gexf-rows": FORMAT, "code": rows_digest(), "settings": settings}
        self._fh = None

    def open(self, fresh: bool = False) -> None:
        """Open for appending; start afresh when ``fresh`` or when the header differs; cut off a cut line."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        good = 0 if fresh else self._valid_length()
        if good == 0:
            tmp = self.path.with_name(self.path.name + ".part")
            tmp.write_text(json.dumps(self.header, separators=(",", ":")) + "\n", encoding="utf-8")
            os.replace(tmp, self.path)
        elif self.path.stat().st_size > good:
            os.truncate(self.path, good)
        self._fh = open(self.path, "ab")

    def _valid_length(self) -> int:
        """Bytes of the file up to its last whole line, or 0 when its header is not this one's."""
        try:
            with open(self.path, "rb") as fh:
                if json.loads(fh.readline() or b"null") != self.header:
                    return 0
                fh.seek(0, os.SEEK_END)
                end = fh.tell()
                back = min(end, 1 << 16)
                while True:  # the last newline
                    fh.seek(end - back)
                    tail = fh.read(back)
                    cut = tail.rfind(b"\n")
                    if cut >= 0 or back == end:
                        return end - back + cut + 1 if cut >= 0 else 0
                    back = min(end, back * 4)
        except (OSError, ValueError):
            return 0

    def append(self, entries: dict[str, dict]) -> None:
        """Add the entries of a committed batch (one write, synced before returning)."""
        if not entries:
            return
        data = b"".join(g.encode("utf-8", "surrogatepass") + b"\t" + json.dumps(
            e, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass") + b"\n"
            for g, e in entries.items())
        self._fh.write(data)
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def index(self) -> dict[str, tuple[int, int]]:
        """Graph -> ``(offset, length)`` of its latest entry's JSON."""
        out: dict[str, tuple[int, int]] = {}
        if self._fh is not None:
            self._fh.flush()
        with open(self.path, "rb") as fh:
            pos = len(fh.readline())
            for line in fh:
                tab = line.find(b"\t")
                if line.endswith(b"\n") and tab > 0:
                    out[line[:tab].decode("utf-8", "surrogatepass")] = (pos + tab + 1, len(line) - tab - 2)
                pos += len(line)
        return out

    def entries(self, spans: Iterable[tuple[int, int]]) -> Iterator[dict]:
        """The entries at ``spans`` (from :meth:`index`), in that order."""
        with open(self.path, "rb") as fh:
            for off, n in spans:
                yield json.loads(os.pread(fh.fileno(), n, off))

    def compact(self, index: dict[str, tuple[int, int]], keep: set[str], slack: int = 1 << 20) -> None:
        """Rewrite the file with the latest entries of the graphs in ``keep`` when it is larger than twice
        those and ``slack`` bytes (atomically: a kill leaves the old file or the new one)."""
        live = sum(n for g, (_, n) in index.items() if g in keep)
        if self.path.stat().st_size <= 2 * live + slack:
            return
        self.close()
        tmp = self.path.with_name(self.path.name + ".part")
        with open(self.path, "rb") as src, open(tmp, "wb") as out:
            out.write(json.dumps(self.header, separators=(",", ":")).encode() + b"\n")
            for g, (off, n) in index.items():
                if g in keep:
                    out.write(g.encode("utf-8", "surrogatepass") + b"\t" + os.pread(src.fileno(), n, off) + b"\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, self.path)
        self._fh = open(self.path, "ab")

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
