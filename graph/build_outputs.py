"""``graph.trig`` of ``litkg build``, written as a stream and incrementally.

``graph.trig`` is the store's own TriG dump, byte for byte: the prefixes, then
one ``<graph> { ... }`` block per named graph in the store's order (the order
of its graph index, a function of the graph names alone). A block costs about
5-8 µs a quad to serialise (Oxigraph reads every long string back from the
store), so no block is serialised twice: the build serialises each batch's
graphs in background threads as soon as the batch is committed (a spool,
:class:`litkg.graph.loader.BlockSpool`), and keeps an index of the blocks
beside the file (``OUT/.litkg/trig-index.json``: each graph's offset and length,
the size and time of the file it describes, and the journal position it
reflects). :func:`write_trig` then assembles the file in the store's order from
the spool, from the previous file (graphs unchanged since, copied in runs) and,
for anything else, from the store (in threads for many graphs). Adding 100
papers to a 5,000-paper build serialises 100 graphs and copies the rest.
Memory stays that of a few blocks.

``graph.gexf`` is written by :mod:`litkg.graph.gexf_stream`.
"""
from __future__ import annotations

import json
import os
from collections import deque
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyoxigraph as ox

from litkg.extract.outputs import atomic_path
from litkg.graph.namespace import PREFIXES

TRIG_INDEX = Path(".litkg") / "trig-index.json"
_COPY = 1 << 20


_S = ox.NamedNode("urn:litkg:s")


def trig_header() -> bytes:
    """The prefix lines the store's TriG dump starts with (empty for an empty store)."""
    g = ox.NamedNode("urn:litkg:graph")
    data = ox.serialize([ox.Quad(_S, _S, _S, g)], format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    return data[:data.index(b"<urn:litkg:graph> {")]


def graph_block(store: ox.Store, graph: str, header: bytes) -> bytes:
    """The TriG block of one named graph, exactly as it stands in the store's dump.

    The graph's triples are dumped by Oxigraph itself (Turtle, the TriG block's
    body: the same statements, one tab less), without a Python object per quad
    and without holding the GIL; the block is that body indented under the
    graph's name line.
    """
    node = ox.NamedNode(graph)
    body = store.dump(None, format=ox.RdfFormat.TURTLE, from_graph=node, prefixes=PREFIXES)
    if not body or body == header:
        return b""
    if not body.startswith(header) or not body.endswith(b"\n"):
        raise ValueError(f"unexpected Turtle dump of {graph}")
    name = ox.serialize([ox.Quad(_S, _S, _S, node)], format=ox.RdfFormat.TRIG, prefixes=PREFIXES)[len(header):]
    name = name[:name.index(b"\n") + 1]
    return name + b"\t" + body[len(header):-1].replace(b"\n", b"\n\t") + b"\n}\n"


def _read_index(index_path: Path, trig: Path) -> tuple[dict[str, tuple[int, int]], object] | None:
    """The block index of ``trig`` and its stamp, when it still describes that file; else None."""
    try:
        data = json.loads(index_path.read_text(encoding="utf-8"))
        st = trig.stat()
        if data["size"] != st.st_size or data["mtime_ns"] != st.st_mtime_ns:
            return None
        return {g: (off, n) for g, off, n in data["graphs"]}, data.get("stamp")
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _copy_range(src, dst, offset: int, length: int) -> None:
    src.seek(offset)
    while length > 0:
        piece = src.read(min(_COPY, length))
        if not piece:
            raise OSError("graph.trig shorter than its index")
        dst.write(piece)
        length -= len(piece)


def _threaded_blocks(store: ox.Store, graphs: list[str], threads: int, step: int = 64) -> Iterator[bytes]:
    """The blocks of ``graphs``, in order, serialised by ``threads`` threads (a few steps ahead, no more)."""
    from concurrent.futures import ThreadPoolExecutor

    header = trig_header()
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="litkg-trig") as pool:
        pending: deque = deque()
        for i in range(0, len(graphs), step):
            pending.append(pool.submit(lambda gs: [graph_block(store, g, header) for g in gs], graphs[i:i + step]))
            if len(pending) > 2 * threads:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def write_trig(store, target: str | Path, index_path: str | Path, jobs: int = 1, stamp: object = None,
               changed_since: Callable[[object], set[str] | None] | None = None, always: Iterable[str] = (),
               spool=None) -> None:
    """Write the store as TriG at ``target`` (atomically), serialising only the blocks it lacks.

    Each graph's block comes from the first of: the spool of blocks this build
    serialised as it committed batches; the previous ``target``, when its
    index is valid and the graph unchanged since; serialising it now (in
    ``jobs`` processes when there are many).

    Args:
        store: A :class:`~litkg.graph.store.GraphStore` (others are dumped whole).
        target: ``graph.trig``.
        index_path: The block index kept beside it.
        jobs: Worker processes for serialising many graphs.
        stamp: Where the store's writes stand now (the build journal's
            :meth:`~litkg.graph.journal.BuildJournal.stamp`), kept in the index.
        changed_since: The graphs written since a stamp, or None when unknown; without it, or when
            it answers None, the previous file is not used.
        always: Graphs serialised anew in any case (those written outside the journal).
        spool: A :class:`~litkg.graph.loader.BlockSpool` of blocks serialised during the build.
    """
    from litkg.graph.store import GraphStore

    target, index_path = Path(target), Path(index_path)
    if not isinstance(store, GraphStore) or not store.default_graph_empty():
        index_path.unlink(missing_ok=True)
        with atomic_path(target) as tmp:
            store.dump(str(tmp), "trig")
        return
    order = store.graphs_in_order()
    old, changed, always = None, set(), set(always)
    found = _read_index(index_path, target) if changed_since is not None else None
    if found is not None and (since := changed_since(found[1])) is not None:
        old, changed = found[0], since
    spooled = spool.blocks if spool is not None else {}
    kinds = ["now" if g in always else "spool" if g in spooled else
             "old" if old is not None and g in old and g not in changed else "now" for g in order]
    now = [g for g, k in zip(order, kinds) if k == "now"]
    header = trig_header()
    if spool is not None:
        spool.wait()
    fresh = (_threaded_blocks(store.oxigraph, now, jobs) if jobs > 1 and len(now) > 200
             else (graph_block(store.oxigraph, g, header) for g in now))
    entries: list[tuple[str, int, int]] = []
    index_path.unlink(missing_ok=True)  # stale while the new file is written
    with atomic_path(target) as tmp, open(tmp, "wb") as out, \
            (open(target, "rb") if old is not None else open(os.devnull, "rb")) as src:
        pos = len(header) if order else 0
        out.write(header if order else b"")
        run_start = run_len = 0
        for g, kind in zip(order, kinds):
            if kind == "old":
                off, n = old[g]
                if run_len and run_start + run_len == off:
                    run_len += n
                else:
                    if run_len:
                        _copy_range(src, out, run_start, run_len)
                    run_start, run_len = off, n
            else:
                if run_len:
                    _copy_range(src, out, run_start, run_len)
                    run_len = 0
                block = spool.read(g) if kind == "spool" else next(fresh)
                out.write(block)
                n = len(block)
            entries.append((g, pos, n))
            pos += n
        if run_len:
            _copy_range(src, out, run_start, run_len)
    st = target.stat()
    with atomic_path(index_path) as tmp:
        tmp.write_text(json.dumps({"size": st.st_size, "mtime_ns": st.st_mtime_ns, "stamp": stamp,
                                   "graphs": entries}, separators=(",", ":")), encoding="utf-8")

