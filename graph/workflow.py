"""The graph jobs behind ``litkg build``, as functions the notebooks call too.

:func:`build`: records → embedded store + ``graph.trig`` + ``graph.gexf``. It
streams the input, skips (and reports) bad records and repeats of a paper
already read (same id from two exports), through the extraction jobs of
:mod:`litkg.extract.jobs`; outputs are written atomically
(:mod:`litkg.extract.outputs`).
"""
from __future__ import annotations

import datetime as _dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from litkg.extract import identifiers as ids
from litkg.extract.jobs import ReadReport, progress, unique_papers
from litkg.extract.outputs import atomic_path, check_output
from litkg.extract.version import software_version


def record_run(store, run: str, version: str, vocabulary_version: str, inputs: list[str], started: str,
               ended: str) -> bool:
    """Write the run record into the runs graph, keeping the records of other runs.

    A run is identified by the software and vocabulary versions (see
    :func:`litkg.extract.identifiers.run_iri`). Its record is rewritten only when this build
    read an input the record does not list yet: then its inputs become the union
    and ``prov:endedAtTime`` this build's end, while ``prov:startedAtTime`` stays
    that of the first build. So re-building the same input leaves the store
    unchanged (isomorphic), and the record still names every input ever loaded.

    Returns:
        Whether the record was (re)written.
    """
    import pyoxigraph as ox

    from litkg.graph import quads as gb
    from litkg.graph.namespace import OX

    runs = ox.NamedNode(ids.RUN_GRAPH)
    rows = list(store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": runs}))
    mine = [r for r in rows if r["s"] == ox.NamedNode(run)]
    old_inputs = {r["o"].value for r in mine if r["p"] == OX.litkg.inputFile}
    if mine and set(inputs) <= old_inputs:
        return False
    old_start = [r["o"].value for r in mine if r["p"] == OX.prov.startedAtTime]
    others = [ox.Quad(r["s"], r["p"], r["o"], runs) for r in rows if r["s"] != ox.NamedNode(run)]
    quads = gb.run_quads(run, version, vocabulary_version, sorted(old_inputs | set(inputs)),
                         min(old_start + [started]), ended)
    store.replace_graph(ids.RUN_GRAPH, others + quads)
    return True


@dataclass
class BuildSummary:
    """What ``build`` wrote."""

    papers: int
    mentions: Counter
    triples: int
    out_dir: Path
    report: ReadReport
    store: str | None = None

    def lines(self) -> list[str]:
        by_type = ", ".join(f"{t} {n}" for t, n in sorted(self.mentions.items()))
        out = [f"papers: {self.papers}", f"mentions: {sum(self.mentions.values())} ({by_type})",
               f"triples: {self.triples}", f"store: {self.store or self.out_dir / 'store'}",
               f"wrote: {self.out_dir / 'graph.trig'}, {self.out_dir / 'graph.gexf'}"]
        if self.report.duplicates:
            out.append(f"duplicates skipped: {self.report.duplicates}")
        if self.report.rejected:
            out.append(f"rejected: {len(self.report.rejected)} (see {self.out_dir / 'rejects.jsonl'})")
        return out


def build(inputs: list[str | Path], out_dir: str | Path = "output", force: bool = False, strict: bool = False,
          open_extraction: bool = True, show_progress: bool | None = None, store_path: str | Path | None = None,
          exports: bool = True) -> BuildSummary:
    """Read, extract and load papers into the store; write ``graph.trig`` and ``graph.gexf``.

    Re-running on the same input changes nothing (each paper's named graph is
    replaced, not added to); new papers are added to an existing store.
    """
    from litkg.graph import quads as gb
    from litkg.graph.analysis import paper_concept_graph
    from litkg.graph.export.gexf import write_gexf
    from litkg.extract.pipeline import extract_papers
    from litkg.extract.vocabulary import load_vocabulary
    from litkg.graph.ontology import ontology_quads
    from litkg.graph.store import open_store

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    trig, gexf = out_dir / "graph.trig", out_dir / "graph.gexf"
    if exports:
        check_output([trig, gexf], force)
    store = open_store(store_path if store_path is not None else out_dir / "store")
    vocabulary = load_vocabulary()
    version = software_version()
    run = ids.run_iri(version, vocabulary.version)
    started = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
    store.replace_graph(ids.VOCABULARY_GRAPH, gb.vocabulary_quads(vocabulary))
    store.replace_graph(ids.ONTOLOGY_GRAPH, ontology_quads())
    report = ReadReport()
    mentions: Counter = Counter()
    papers = unique_papers(inputs, report, strict=strict)
    for ex in progress(extract_papers(papers, open_extraction=open_extraction), desc="build",
                       enabled=show_progress):
        store.replace_graph(gb.graph_iri(ex.paper), gb.paper_quads(ex, run))
        mentions.update(m.type for m in ex.mentions)
    ended = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
    record_run(store, run, version, vocabulary.version, [str(i) for i in inputs], started, ended)
    store.flush()
    report.write_rejects(out_dir / "rejects.jsonl")
    if exports:
        with atomic_path(trig) as tmp:
            store.dump(str(tmp), "trig")
        with atomic_path(gexf) as tmp:
            write_gexf(paper_concept_graph(store), tmp)
    return BuildSummary(report.papers, mentions, len(store), out_dir, report,
                        str(store_path) if store_path is not None else None)
