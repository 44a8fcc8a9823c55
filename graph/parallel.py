"""Extraction and quad building for ``litkg build``, in chunks: in process, or in worker processes (``--jobs N``).

The unit of work is a *chunk*, a few dozen papers: :func:`build_chunk` extracts
them and writes their named graphs as N-Quads (:func:`litkg.graph.quads.paper_nquads`),
returning a :class:`Chunk` that the store bulk-loads as it is. It is a plain
function of its arguments, so the same call runs in this process, in a worker
process or on a dask worker (:mod:`litkg.graph.distributed`), and gives the same bytes.

:func:`build_chunks` runs chunks and yields their results *in input order*,
with at most a few chunks in flight, so memory stays bounded by the window
whatever the input size, and the store, the journal and every output are the
same whatever ``jobs`` is. Each worker process builds its spaCy pipelines
once (the pool's initializer) and keeps them for every chunk it runs.
"""
from __future__ import annotations

import multiprocessing as mp
import threading
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from litkg.extract.records import Paper

#: papers per chunk of work sent to a worker
CHUNK_PAPERS = 32

_lock = threading.Lock()  # spaCy pipelines are not shared between threads of one worker


@dataclass
class Chunk:
    """What a chunk of papers gave: its graphs as N-Quads and, per paper, what the journal keeps.

    Attributes:
        entries: ``(key, fingerprint, mention counts by type)`` of each paper extracted, in input order.
        graphs: The named graph of each paper extracted, in input order.
        nquads: Every paper's graph as N-Quads (UTF-8).
        quads: Number of quads (lines) in ``nquads``.
        rejected: ``(paper, reason)`` of the papers extraction refused (a text too long for spaCy).
    """

    entries: list[tuple[str, str, dict[str, int]]] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)
    nquads: bytes = b""
    quads: int = 0
    rejected: list[tuple[Paper, str]] = field(default_factory=list)


def build_chunk(papers: list[tuple[Paper, str, str]], run: str, open_extraction: bool = True,
                model: str | None = None) -> Chunk:
    """Extract a chunk of papers and write their named graphs as N-Quads.

    Args:
        papers: ``(paper, key, fingerprint)`` triples, in input order.
        run: IRI of the build run (``prov:wasGeneratedBy`` of every annotation).
        open_extraction: Use the cue rules as well as the vocabulary.
        model: The trained tagger (see :func:`litkg.extract.pipeline.extract_papers`).
    """
    from litkg.extract.pipeline import extract_papers
    from litkg.graph.quads import graph_iri, paper_nquads

    out = Chunk()
    parts: list[str] = []
    keys = {id(p): (key, fp) for p, key, fp in papers}
    with _lock:
        extractions = list(extract_papers([p for p, _, _ in papers], open_extraction=open_extraction, model=model,
                                          on_reject=lambda paper, why: out.rejected.append((paper, why))))
    for ex in extractions:
        key, fp = keys[id(ex.paper)]
        lines = paper_nquads(ex, run)
        parts.extend(lines)
        out.quads += len(lines)
        out.entries.append((key, fp, dict(Counter(m.type for m in ex.mentions))))
        out.graphs.append(graph_iri(ex.paper))
    out.nquads = "".join(parts).encode("utf-8")
    return out


def _init_worker(open_extraction: bool, model: str | None) -> None:
    """Build the English pipeline once per worker process (others are built on first use, then kept)."""
    from litkg.extract.pipeline import default_pipeline

    default_pipeline("en", open_extraction, model)


def _context() -> mp.context.BaseContext:
    """Worker processes forked from a clean server process (spaCy imported once), else spawned."""
    try:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["litkg.extract.pipeline", "litkg.graph.quads"])
        return ctx
    except ValueError:
        return mp.get_context("spawn")


def chunked(items: Iterable, size: int = CHUNK_PAPERS) -> Iterator[list]:
    """Lists of ``size`` consecutive items (the last one shorter)."""
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def build_chunks(chunks: Iterable[list[tuple[Paper, str, str]]], run: str, open_extraction: bool = True,
                 model: str | None = None, jobs: int = 1, window: int | None = None) -> Iterator[Chunk]:
    """Run :func:`build_chunk` over ``chunks`` in ``jobs`` processes; yield the results in input order.

    Args:
        chunks: Lists of ``(paper, key, fingerprint)``, consumed lazily.
        run: The run IRI.
        open_extraction: Use the cue rules.
        model: The trained tagger.
        jobs: Worker processes; 1 runs everything in this process.
        window: Chunks in flight at most (default ``4 * jobs``): bounds memory.
    """
    if jobs <= 1:
        for chunk in chunks:
            yield build_chunk(chunk, run, open_extraction, model)
        return
    from concurrent.futures import ProcessPoolExecutor

    window = window or 4 * jobs
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=_init_worker,
                             initargs=(open_extraction, model)) as pool:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(pool.submit(build_chunk, chunk, run, open_extraction, model))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
