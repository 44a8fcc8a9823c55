"""Query worker processes for the endpoint: a query that runs too long is killed, a crash costs one request.

Each worker opens the on-disk store read-only and answers one
:class:`~litkg.graph.sparql_exec.Job` at a time. When a query passes its time
limit the worker is killed at once (its CPU and its slot come back) and a fresh
one is started in the background; when the parser or evaluator crashes the
process (a stack overflow, a segmentation fault), the request gets an error and
the server goes on.
"""
from __future__ import annotations

import multiprocessing as mp
import queue
import threading
from multiprocessing.connection import Connection

from litkg.graph.sparql_exec import Job, TooLarge, run_job


class Busy(Exception):
    """Every worker is taken."""


class TimedOut(Exception):
    """The query passed its time limit; its worker was killed."""


class Crashed(Exception):
    """The worker died while answering (a crash in the parser or evaluator)."""


class QueryFailed(Exception):
    """The query was refused or failed; ``kind`` is ``bad`` (a client error), ``too_large`` or ``error``."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def _worker_main(conn: Connection, store_path: str) -> None:
    from litkg.extract.errors import LitkgError
    from litkg.graph.store import GraphStore

    store = GraphStore(store_path, read_only=True)
    conn.send(("ready",))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", *run_job(store, job)))
        except TooLarge:
            conn.send(("too_large", ""))
        except (SyntaxError, ValueError, LitkgError) as e:
            conn.send(("bad", str(e)))
        except Exception as e:  # noqa: BLE001 - reported to the client as a 500
            conn.send(("error", f"{type(e).__name__}: {e}"))


class _Worker:
    def __init__(self, ctx, store_path: str) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, store_path), daemon=True,
                                   name="litkg-sparql-worker")
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> bool:
        try:
            return self.conn.poll(timeout) and self.conn.recv() == ("ready",)
        except (EOFError, OSError):
            return False

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """``size`` worker processes over the store at ``store_path``.

    Args:
        store_path: The on-disk store (opened read-only by each worker).
        size: Queries that may run at once.
        start_timeout: Seconds a new worker may take to open the store.
    """

    def __init__(self, store_path: str, size: int, start_timeout: float = 60.0) -> None:
        self.store_path = str(store_path)
        self.start_timeout = start_timeout
        self._ctx = mp.get_context("spawn")  # no fork of a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        workers = [_Worker(self._ctx, self.store_path) for _ in range(size)]
        for w in workers:
            if not w.wait_ready(start_timeout):
                for other in workers:
                    other.kill()
                raise RuntimeError(f"{self.store_path}: a query worker could not open the store")
            self._idle.put(w)

    def _replace(self, dead: _Worker) -> None:
        dead.kill()

        def start() -> None:
            while not self._closed:
                w = _Worker(self._ctx, self.store_path)
                if w.wait_ready(self.start_timeout):
                    self._idle.put(w)
                    return
                w.kill()

        threading.Thread(target=start, name="litkg-worker-restart", daemon=True).start()

    def run(self, job: Job, timeout: float, wait: float = 1.0) -> tuple[int, bytes, str]:
        """Answer ``job`` within ``timeout`` seconds.

        Raises:
            Busy: no worker became free within ``wait`` seconds.
            TimedOut, Crashed, QueryFailed: as their names say.
        """
        try:
            w = self._idle.get(timeout=wait)
        except queue.Empty:
            raise Busy() from None
        healthy = False
        try:
            w.conn.send(job)
            if not w.conn.poll(timeout):
                raise TimedOut()
            reply = w.conn.recv()
            healthy = True
        except (EOFError, OSError, BrokenPipeError):
            raise Crashed() from None
        finally:
            if healthy:
                self._idle.put(w)
            else:
                self._replace(w)
        if reply[0] == "ok":
            return reply[1], reply[2], reply[3]
        raise QueryFailed(reply[0], reply[1])

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                return
