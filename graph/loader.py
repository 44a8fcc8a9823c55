"""Committing batches to the store in the background, and keeping their TriG blocks for the export.

:class:`BatchLoader` takes the results of extraction (:class:`~litkg.graph.parallel.Chunk`)
batch by batch and, in a thread of its own, replaces the batch's graphs in the
store through the bulk loader, keeps its ``graph.gexf`` rows (:mod:`litkg.graph.gexf_rows`),
journals the batch (:mod:`litkg.graph.journal`) and, when the build writes ``graph.trig``, serialises the batch's graphs into
a spool of TriG blocks (:class:`BlockSpool`). Oxigraph releases the GIL while it
loads and serialises, so this overlaps with extraction in the main thread (or
in the worker processes); at most ``depth`` batches wait, which bounds memory.
The batches are committed in the order they are given, each one whole before
the next; an error stops the loader and is raised again by :meth:`BatchLoader.submit`
or :meth:`BatchLoader.close`.
"""
from __future__ import annotations

import os
import queue
import threading
from collections import Counter, deque
from pathlib import Path

import pyoxigraph as ox


class BlockSpool:
    """TriG blocks of graphs serialised during a build, appended to one file, found again by graph name.

    :meth:`add` hands the serialisation to ``threads`` threads (Oxigraph serialises
    without the GIL, so they run beside extraction and loading) and returns at
    once, unless ``2 * threads`` batches already wait; :meth:`wait` waits for all.

    Args:
        path: The spool file (removed by :meth:`close`).
        header: The TriG prefix lines (:func:`litkg.graph.build_outputs.trig_header`).
        threads: Serialising threads.
    """

    def __init__(self, path: str | Path, header: bytes, threads: int = 1) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.header = header
        self.blocks: dict[str, tuple[int, int]] = {}
        self._fh = open(self.path, "w+b")
        self._end = 0
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=max(1, threads), thread_name_prefix="litkg-trig")
        self._pending: deque = deque()
        self._limit = 2 * max(1, threads)

    def add(self, store: ox.Store, graphs: list[str]) -> None:
        """Serialise ``graphs`` from ``store`` in the background (a graph added again replaces its block)."""
        while len(self._pending) >= self._limit:
            self._pending.popleft().result()
        self._pending.append(self._pool.submit(self._dump, store, list(graphs)))

    def _dump(self, store: ox.Store, graphs: list[str]) -> None:
        from litkg.graph.build_outputs import graph_block

        blocks = [(g, graph_block(store, g, self.header)) for g in graphs]
        with self._lock:
            for g, block in blocks:
                os.pwrite(self._fh.fileno(), block, self._end)
                self.blocks[g] = (self._end, len(block))
                self._end += len(block)

    def wait(self) -> None:
        """Wait until every block handed to :meth:`add` is in the spool (raising a serialisation error)."""
        while self._pending:
            self._pending.popleft().result()

    def read(self, graph: str) -> bytes:
        offset, length = self.blocks[graph]
        return os.pread(self._fh.fileno(), length, offset) if length else b""

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._fh.close()
        self.path.unlink(missing_ok=True)


class BatchLoader:
    """Commit batches of chunks to the store in a background thread (see the module docstring).

    What the committed batches held is counted in :attr:`mentions` (by type),
    :attr:`quads` and :attr:`rejected` (papers extraction refused), to be read
    after :meth:`close`.

    Args:
        store: The store (embedded or remote).
        journal: The build journal, or None.
        spool: Where to keep the batches' TriG blocks, or None.
        depth: Batches waiting at most.
        rows: The build's :class:`~litkg.graph.gexf_rows.GexfRows`, or None: each batch's ``graph.gexf``
            rows are added to it after the store commit and before the journal line.
    """

    def __init__(self, store, journal=None, spool: BlockSpool | None = None, depth: int = 2, rows=None) -> None:
        self.store, self.journal, self.spool, self.rows = store, journal, spool, rows
        self.mentions: Counter = Counter()
        self.quads = 0
        self.rejected: list = []
        self._queue: queue.Queue = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="litkg-loader", daemon=True)
        self._thread.start()

    def submit(self, chunks: list) -> None:
        """Queue a batch (a list of chunks) for commit; blocks while ``depth`` batches wait."""
        self._raise()
        if chunks:
            self._queue.put(chunks)

    def close(self) -> None:
        """Wait for every queued batch to be committed; raise the loader's error if it had one."""
        self._queue.put(None)
        self._thread.join()
        self._raise()

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        while True:
            chunks = self._queue.get()
            if chunks is None:
                return
            if self._error is not None:
                continue  # drain: the main thread learns of the error at its next submit or close
            try:
                self._commit(chunks)
            except BaseException as e:  # noqa: BLE001  (handed to the main thread)
                self._error = e

    def _commit(self, chunks: list) -> None:
        graphs = [g for c in chunks for g in c.graphs]
        nquads = b"".join(c.nquads for c in chunks)
        self.store.load_batch(nquads, replace=graphs)
        if self.rows is not None:
            from litkg.graph.gexf_rows import entries_from_nquads

            found = entries_from_nquads(nquads)
            self.rows.append({g: found.get(g, {"p": [], "l": {}}) for g in graphs})
        del nquads
        entries = [e for c in chunks for e in c.entries]
        if self.journal is not None:
            self.journal.commit(entries, graphs)
        for _, _, counts in entries:
            self.mentions.update(counts)
        self.rejected.extend(r for c in chunks for r in c.rejected)
        self.quads += sum(c.quads for c in chunks)
        if self.spool is not None:
            self.spool.add(self.store.oxigraph, graphs)


def spool_for(store, folder: Path, header: bytes, threads: int = 1) -> BlockSpool | None:
    """A block spool in ``folder`` for an embedded store, else None (a remote store is dumped whole)."""
    from litkg.graph.store import GraphStore

    if not isinstance(store, GraphStore):
        return None
    for stale in folder.glob("trig-blocks.*.part"):  # left by a killed build (this one holds the store's lock)
        stale.unlink(missing_ok=True)
    return BlockSpool(folder / f"trig-blocks.{os.getpid()}.part", header, threads)

