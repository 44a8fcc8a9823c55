"""The graph jobs behind ``litkg build``, as functions the notebooks call too.

:func:`build`: records → embedded store + ``graph.trig`` + ``graph.gexf``,
streaming end to end in batches. It reads the input lazily, skipping (and
reporting) bad records and repeats of a paper already read (same id from two
exports), through the extraction jobs of :mod:`litkg.extract.jobs`; extracts in
chunks (:mod:`litkg.graph.parallel`: in process or ``jobs`` worker processes;
:mod:`litkg.graph.distributed`: a dask cluster); commits each batch through
Oxigraph's bulk loader in a background thread (:mod:`litkg.graph.loader`) and
journals it (:mod:`litkg.graph.journal`), so a build resumes and adds papers
incrementally; writes the exports from the store as streams
(:mod:`litkg.graph.build_outputs`, :mod:`litkg.graph.gexf_stream`). Outputs are
written atomically (:mod:`litkg.extract.outputs`).
"""
from __future__ import annotations

import datetime as _dt
import sys
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
    reused: int = 0

    def lines(self) -> list[str]:
        by_type = ", ".join(f"{t} {n}" for t, n in sorted(self.mentions.items()))
        out = [f"papers: {self.papers}", f"mentions: {sum(self.mentions.values())} ({by_type})",
               f"triples: {self.triples}", f"store: {self.store or self.out_dir / 'store'}",
               f"wrote: {self.out_dir / 'graph.trig'}, {self.out_dir / 'graph.gexf'}"]
        if self.reused:
            out.append(f"unchanged: {self.reused} papers already in the store (not extracted again)")
        if self.report.duplicates:
            out.append(f"duplicates skipped: {self.report.duplicates}")
        if self.report.rejected:
            out.append(f"rejected: {len(self.report.rejected)} (see {self.out_dir / 'rejects.jsonl'})")
        return out


#: papers per store commit (one bulk load and one journal line each)
BATCH_PAPERS = 250


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


def _write_if_changed(store, graph: str, quads: list) -> bool:
    """Replace a named graph unless the store already holds exactly ``quads`` (a re-run then writes nothing)."""
    from litkg.graph.store import GraphStore

    if isinstance(store, GraphStore) and set(store.graph_quads(graph)) == set(quads):
        return False
    store.replace_graph(graph, quads)
    return True


def _release_memory(store) -> None:
    """Give back what loading held before the exports: the spaCy pipelines, the store's caches, freed heap.

    The exports' queries need memory in proportion to the graph; loading's
    leftovers (pipelines, RocksDB block caches filled while serialising
    blocks, heap pages of the bulk loader) would otherwise add to it.
    """
    import gc

    from litkg.graph.heap import trim
    from litkg.graph.store import GraphStore

    pipeline = sys.modules.get("litkg.extract.pipeline")
    if pipeline is not None:
        pipeline.default_pipeline.cache_clear()
    if isinstance(store, GraphStore) and store.path is not None:
        store.reopen()
    gc.collect()
    trim()  # glibc: return freed pages to the system


def build(inputs: list[str | Path], out_dir: str | Path = "output", force: bool = False, strict: bool = False,
          open_extraction: bool = True, show_progress: bool | None = None, store_path: str | Path | None = None,
          exports: bool = True, jobs: int = 1, batch_size: int = BATCH_PAPERS, resume: bool = False,
          rebuild: bool = False, dask: str | None = None, model: str | None = None) -> BuildSummary:
    """Read, extract and load papers into the store; write ``graph.trig`` and ``graph.gexf``.

    Streams end to end: papers are read lazily, extracted in chunks (in this
    process, in ``jobs`` worker processes, or on a dask cluster) and committed
    to the store ``batch_size`` at a time through Oxigraph's bulk loader; the
    exports are written from the store as streams (:mod:`litkg.graph.build_outputs`).
    Memory is bounded by a batch, whatever the input size, and the graph is the
    same whatever ``jobs`` or ``dask`` is.

    Incremental: the build journal (:mod:`litkg.graph.journal`) lists the papers
    the store holds; a paper already there, from the same record, with the same
    code and vocabulary, is not extracted again (``rebuild=True`` extracts every
    paper anyway). Re-running on the same input thus changes nothing (the store
    keeps its size); new papers are added; a changed record replaces its
    paper's named graph, never adds to it. ``graph.trig`` is rewritten by
    copying the blocks of unchanged graphs.

    Args:
        inputs: Record files.
        out_dir: Output folder (``store/``, ``graph.trig``, ``graph.gexf``, ``rejects.jsonl``, ``.litkg/``).
        force: Overwrite existing exports.
        strict: Stop at the first bad record.
        open_extraction: Use the cue rules as well as the vocabulary.
        show_progress: Progress on stderr (None: when it is a terminal).
        store_path: Store directory or ``http(s)://`` address (default ``out_dir/store``).
        exports: Write ``graph.trig`` and ``graph.gexf``.
        jobs: Worker processes for extraction, and threads serialising TriG blocks; with ``dask="local"``,
            the local cluster's workers.
        batch_size: Papers per store commit (and journal line): memory and resume granularity.
        resume: Continue the build in ``out_dir`` that was interrupted (same inputs): its exports may be
            overwritten and its run keeps its start time.
        rebuild: Extract every paper, even those the store already holds unchanged.
        dask: A dask.distributed scheduler address, or ``"local"``: extract on that cluster.
        model: The trained tagger: ``"bundled"``, a model directory, or None for the rules alone
            (see :func:`litkg.extract.pipeline.extract_papers`).

    Raises:
        LitkgError: nothing to resume, or ``resume`` with other inputs.
        OutputExistsError: the exports exist and neither ``force`` nor ``resume`` is given.
    """
    from litkg.extract.errors import LitkgError
    from litkg.extract.vocabulary import load_vocabulary
    from litkg.graph import quads as gb
    from litkg.graph.build_outputs import TRIG_INDEX, trig_header, write_trig
    from litkg.graph.gexf_rows import ROWS, GexfRows
    from litkg.graph.gexf_stream import write_build_gexf, write_paper_concept_gexf
    from litkg.graph.heap import tune_allocator
    from litkg.graph.journal import JOURNAL, BuildJournal, code_digest
    from litkg.graph.loader import spool_for
    from litkg.graph.ontology import ontology_quads
    from litkg.graph.store import GraphStore, open_store

    tune_allocator()  # before the store's and the loader's threads: a heap that does not grow with the input
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    trig, gexf = out_dir / "graph.trig", out_dir / "graph.gexf"
    inputs_text = [str(i) for i in inputs]
    if exports and not resume:
        check_output([trig, gexf], force)
    vocabulary = load_vocabulary()
    version = software_version()
    run = ids.run_iri(version, vocabulary.version)
    store = open_store(store_path if store_path is not None else out_dir / "store")
    journal = spool = rows = None
    try:
        if isinstance(store, GraphStore) and store.path is not None:
            settings = {"software": version, "vocabulary": vocabulary.version, "code": code_digest(model),
                        "open_extraction": open_extraction, "model": None if model is None else str(model),
                        "store": store.identity()}
            journal = BuildJournal(out_dir / JOURNAL, settings)
        started = _now()
        if resume:
            if journal is None or journal.interrupted is None:
                raise LitkgError(f"{out_dir}: no interrupted build to resume (its journal shows none)")
            if sorted(journal.interrupted.get("inputs", [])) != sorted(inputs_text):
                raise LitkgError(f"--resume: the interrupted build read "
                                 f"{', '.join(journal.interrupted['inputs'])}; give the same inputs")
            started = journal.interrupted.get("started", started)
        if journal is not None:
            rows = GexfRows(out_dir / ROWS, settings)
            rows.open(fresh=rebuild or not journal.valid)  # started afresh with the journal
            journal.start(inputs_text, started, force or resume)
        spool = spool_for(store, out_dir / JOURNAL.parent, trig_header(), threads=jobs) if exports else None
        _write_if_changed(store, ids.VOCABULARY_GRAPH, list(gb.vocabulary_quads(vocabulary)))
        _write_if_changed(store, ids.ONTOLOGY_GRAPH, list(ontology_quads()))
        report = ReadReport()
        mentions: Counter = Counter()
        reused = _load_papers(store, journal, inputs, report, mentions, run, strict=strict,
                              open_extraction=open_extraction, show_progress=show_progress, jobs=jobs,
                              batch_size=batch_size, rebuild=rebuild, dask=dask, model=model, spool=spool,
                              rows=rows)
        ended = _now()
        record_run(store, run, version, vocabulary.version, inputs_text, started, ended)
        store.flush()
        report.write_rejects(out_dir / "rejects.jsonl")
        triples = len(store)
        if exports:
            if spool is not None:
                spool.wait()
            _release_memory(store)  # the exports' queries start from an empty heap and fresh caches
            fixed = {ids.VOCABULARY_GRAPH, ids.ONTOLOGY_GRAPH, ids.RUN_GRAPH}
            write_trig(store, trig, out_dir / TRIG_INDEX, jobs=jobs, stamp=journal.stamp() if journal else None,
                       changed_since=lambda s: (journal.graphs_since(s) if journal else None), always=fixed,
                       spool=spool)
            with atomic_path(gexf) as tmp:
                if rows is not None and store.default_graph_empty():
                    write_build_gexf(store, rows, tmp, fixed)
                else:
                    write_paper_concept_gexf(store, tmp)
        if journal is not None:
            journal.finish(ended)
    finally:
        if spool is not None:
            spool.close()
        if journal is not None:
            journal.close()
        if rows is not None:
            rows.close()
        store.close()
    return BuildSummary(report.papers, mentions, triples, out_dir, report,
                        str(store_path) if store_path is not None else None, reused=reused)


def _load_papers(store, journal, inputs, report: ReadReport, mentions: Counter, run: str, *, strict: bool,
                 open_extraction: bool, show_progress: bool | None, jobs: int, batch_size: int, rebuild: bool,
                 dask: str | None, model: str | None, spool, rows=None) -> int:
    """Read the inputs, extract the papers the store lacks, commit them batch by batch; return the papers reused.

    The main thread reads and fingerprints papers and gathers extraction results
    (its own, or its workers'); a :class:`~litkg.graph.loader.BatchLoader` thread
    commits each batch (bulk load, journal line, TriG blocks) meanwhile.
    """
    from contextlib import nullcontext

    from litkg.graph.journal import paper_fingerprint, paper_key
    from litkg.graph.loader import BatchLoader
    from litkg.graph.parallel import build_chunks, chunked
    from litkg.graph.quads import graph_iri

    reused = 0

    def todo():
        nonlocal reused
        for paper in progress(unique_papers(inputs, report, strict=strict), desc="build", enabled=show_progress):
            key, fp = paper_key(paper), paper_fingerprint(paper)
            counts = None if rebuild or journal is None else journal.committed(key, fp)
            if counts is not None and store.contains_graph(graph_iri(paper)):
                mentions.update(counts)
                reused += 1
                continue
            yield paper, key, fp

    if dask:
        from litkg.graph.distributed import dask_chunks, dask_client

        client_cm = dask_client(dask, jobs)
    else:
        client_cm = nullcontext(None)
    loader = BatchLoader(store, journal, spool, rows=rows)
    try:
        with client_cm as client:
            chunks = chunked(todo())
            results = (dask_chunks(client, chunks, run, open_extraction, model) if client is not None
                       else build_chunks(chunks, run, open_extraction, model, jobs=jobs))
            batch: list = []
            n = 0
            for chunk in results:
                batch.append(chunk)
                n += len(chunk.entries) + len(chunk.rejected)
                if n >= batch_size:
                    loader.submit(batch)
                    batch, n = [], 0
            loader.submit(batch)
    except BaseException:
        try:
            loader.close()  # what was handed over is committed and journalled: a resume starts after it
        except Exception:  # noqa: BLE001  (the first error is the one to report)
            pass
        raise
    loader.close()
    mentions.update(loader.mentions)
    for paper, why in loader.rejected:
        report.reject_paper(paper, why)
    return reused
