"""Writing output files safely: never over existing output without ``--force``, never half-written.

Every file litkg writes goes through :func:`atomic_path` or :func:`atomic_write`:
the content is written to a temporary file in the same folder, flushed to disk
(``fsync``) and renamed over the target in one step, so a run killed at any
moment leaves either the old file or the complete new one, never a truncated
one, and a leftover temporary file never blocks the next run.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import IO, Iterable, Iterator

from litkg.extract.errors import OutputExistsError

TMP_SUFFIX = ".part"


def check_output(paths: Iterable[str | Path], force: bool) -> None:
    """Refuse to overwrite existing output unless ``force``.

    Raises:
        OutputExistsError: the first path that exists, when ``force`` is false.
    """
    existing = [Path(p) for p in paths if Path(p).exists()]
    if existing and not force:
        raise OutputExistsError(f"{existing[0]} exists; use --force to overwrite")


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a folder be opened
        _fsync_path(folder)


def _remove_stale(target: Path) -> None:
    """Remove temporary files of ``target`` left by writers that were killed (their process is gone)."""
    for old in target.parent.glob(f".{target.name}.*{TMP_SUFFIX}"):
        pid = old.name[len(target.name) + 2:-len(TMP_SUFFIX)]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                old.unlink()
        except OSError:
            pass  # alive, or not ours to ask about: leave it


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """A temporary path beside ``target`` to write to; renamed over ``target`` when the block succeeds.

    For writers that take a path (a store dump, an XML writer). On an error the
    temporary file is removed and ``target`` is left as it was.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with atomic_path(folder / "a.txt") as tmp:
    ...     _ = tmp.write_text("done")
    >>> (folder / "a.txt").read_text(), sorted(p.name for p in folder.iterdir())
    ('done', ['a.txt'])
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(target)
    tmp = target.with_name(f".{target.name}.{os.getpid()}{TMP_SUFFIX}")
    try:
        yield tmp
        _fsync_path(tmp)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


@contextlib.contextmanager
def atomic_write(target: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside ``target`` for writing; it replaces ``target`` when the block succeeds."""
    with atomic_path(target) as tmp:
        with open(tmp, mode, encoding=None if "b" in mode else encoding) as fh:
            yield fh
