"""The jobs behind the CLI commands, as functions the notebooks call too.

``extract_to_jsonl``: records → one JSON object per paper with its mentions.
``build``: records → embedded store + ``graph.trig`` + ``graph.gexf``.
Both stream the input, skip (and report) bad records, and skip repeats of a
paper already read (same id from two exports).
"""
from __future__ import annotations

import datetime as _dt
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable, Iterator, TextIO

from litkg.extract import identifiers as ids
from litkg.extract.errors import OutputExistsError
from litkg.extract.pipeline import extract_papers
from litkg.extract.results import extraction_json
from litkg.extract.readers import Rejected, read_papers
from litkg.extract.records import Paper
from litkg.extract.vocabulary import load_vocabulary


def software_version() -> str:
    try:
        return metadata.version("litkg")
    except metadata.PackageNotFoundError:
        return "0+unknown"


@dataclass
class ReadReport:
    """What reading the inputs gave: counts, rejects and duplicates."""

    papers: int = 0
    duplicates: int = 0
    rejected: list[Rejected] = field(default_factory=list)

    def write_rejects(self, path: Path) -> None:
        """Write every rejected record with its reason as JSON Lines.

        With no rejects, a rejects file left by an earlier run is removed, so the
        file beside the output always speaks of the latest run.
        """
        if not self.rejected:
            path.unlink(missing_ok=True)
            return
        with open(path, "w", encoding="utf-8") as fh:
            for r in self.rejected:
                fh.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")


def unique_papers(paths: Iterable[str | Path], report: ReadReport, strict: bool = False,
                  on_reject: Callable[[Rejected], None] | None = None) -> Iterator[Paper]:
    """Read papers from every input, dropping repeats of the same id and collecting rejects."""
    seen: set[str] = set()
    for item in read_papers(paths, strict=strict):
        if isinstance(item, Rejected):
            report.rejected.append(item)
            if on_reject:
                on_reject(item)
            continue
        key = item.id.lower()
        if key in seen:
            report.duplicates += 1
            continue
        seen.add(key)
        report.papers += 1
        yield item


def progress(iterable, total: int | None = None, desc: str = "", enabled: bool | None = None):
    """Wrap ``iterable`` in a tqdm bar when stderr is a terminal."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=desc, unit=" papers", file=sys.stderr)


def extract_to_jsonl(inputs: list[str | Path], out: TextIO, strict: bool = False, open_extraction: bool = True,
                     report: ReadReport | None = None, show_progress: bool | None = None) -> ReadReport:
    """Extract mentions from every paper of the inputs and write one JSON line per paper to ``out``."""
    report = report or ReadReport()
    papers = unique_papers(inputs, report, strict=strict)
    for ex in progress(extract_papers(papers, open_extraction=open_extraction), desc="extract",
                       enabled=show_progress):
        out.write(json.dumps(extraction_json(ex), ensure_ascii=False) + "\n")
    return report


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
    from litkg.extract.identifiers import RUN_GRAPH
    from litkg.graph.namespace import LITKG

    rows = list(store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": ox.NamedNode(RUN_GRAPH)}))
    mine = [r for r in rows if r["s"] == ox.NamedNode(run)]
    old_inputs = {r["o"].value for r in mine if r["p"] == ox.NamedNode(LITKG.inputFile)}
    if mine and set(inputs) <= old_inputs:
        return False
    old_start = [r["o"].value for r in mine if r["p"].value == "http://www.w3.org/ns/prov#startedAtTime"]
    others = [ox.Quad(r["s"], r["p"], r["o"], ox.NamedNode(RUN_GRAPH)) for r in rows if r["s"] != ox.NamedNode(run)]
    quads = gb.run_quads(run, version, vocabulary_version, sorted(old_inputs | set(inputs)),
                         min(old_start + [started]), ended)
    store.replace_graph(RUN_GRAPH, others + quads)
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


def check_output(paths: Iterable[Path], force: bool) -> None:
    """Refuse to overwrite existing output unless ``force``."""
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        raise OutputExistsError(f"{existing[0]} exists; use --force to overwrite")


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
    from litkg.extract.identifiers import ONTOLOGY_GRAPH, VOCABULARY_GRAPH
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
    store.replace_graph(VOCABULARY_GRAPH, gb.vocabulary_quads(vocabulary))
    store.replace_graph(ONTOLOGY_GRAPH, ontology_quads())
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
        store.dump(str(trig), "trig")
        write_gexf(paper_concept_graph(store), gexf)
    return BuildSummary(report.papers, mentions, len(store), out_dir, report,
                        str(store_path) if store_path is not None else None)
