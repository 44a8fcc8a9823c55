"""``litkg build --dask``: extraction on a dask.distributed cluster, loading on this machine.

The input is read here (reading is cheap: about a twentieth of extraction) and
cut into partitions of :data:`~litkg.graph.parallel.CHUNK_PAPERS` papers; each
partition is sent to the cluster, where a worker runs
:func:`litkg.graph.parallel.build_chunk` on it: extraction with the worker's own
spaCy pipelines (built on its first partition, then kept) and the partition's
named graphs written as N-Quads. The N-Quads partitions come back in input
order and the store bulk-loads them here, batch by batch, exactly as for
``--jobs``: the graph is the same as a one-process build.

Workers need litkg installed (same version) and nothing else: no shared file
system, no access to the store. ``--dask local`` starts a
:class:`~dask.distributed.LocalCluster` of ``--jobs`` worker processes on
127.0.0.1 (one thread each) for the time of the build.

Requires the optional extra: ``pip install 'litkg[dask]'``.
"""
from __future__ import annotations

import contextlib
import os
from collections import deque
from typing import Iterable, Iterator

from litkg.extract.errors import LitkgError
from litkg.extract.records import Paper
from litkg.graph.parallel import Chunk, build_chunk


@contextlib.contextmanager
def dask_client(address: str, workers: int | None = None):
    """A dask.distributed client of the scheduler at ``address``, or of a local cluster for ``"local"``.

    Raises:
        LitkgError: dask.distributed is not installed or the scheduler cannot be reached.
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:
        raise LitkgError("--dask needs dask.distributed: pip install 'litkg[dask]'") from e
    if address == "local":
        n = workers if workers and workers > 1 else (os.cpu_count() or 1)
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout="30s")
    except (OSError, TimeoutError) as e:
        raise LitkgError(f"cannot reach the dask scheduler at {address}: {e}") from e
    with client:
        yield client


def dask_chunks(client, chunks: Iterable[list[tuple[Paper, str, str]]], run: str, open_extraction: bool = True,
                model: str | None = None, window: int | None = None) -> Iterator[Chunk]:
    """Run :func:`~litkg.graph.parallel.build_chunk` on the cluster; yield the results in input order.

    Args:
        client: A ``dask.distributed.Client``.
        chunks: Lists of ``(paper, key, fingerprint)``, consumed lazily.
        run: The run IRI.
        open_extraction: Use the cue rules.
        model: The trained tagger: ``"bundled"`` (the one each worker's litkg ships) or a directory the
            workers can read.
        window: Partitions in flight at most (default: four per worker thread), which bounds memory here.
    """
    threads = sum(client.nthreads().values()) or 1
    window = window or 4 * threads
    pending: deque = deque()
    try:
        for chunk in chunks:
            pending.append(client.submit(build_chunk, chunk, run, open_extraction, model, pure=False))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for fut in pending:
            fut.cancel()
