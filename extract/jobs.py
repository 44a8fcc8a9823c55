"""The extraction jobs: read every input once, drop repeats, collect rejects, extract, write JSON Lines.

``litkg extract`` is :func:`extract_to_jsonl`; ``litkg build`` (in
:mod:`litkg.graph.workflow`) and ``litkg suggest`` read their papers through
:func:`unique_papers` too. Long jobs show :func:`progress`.
"""
from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, TextIO, TypeVar

from litkg.extract.outputs import atomic_write
from litkg.extract.readers import Rejected, read_papers
from litkg.extract.records import Paper

T = TypeVar("T")


@dataclass
class ReadReport:
    """What reading the inputs gave: counts, rejects and duplicates."""

    papers: int = 0
    duplicates: int = 0
    rejected: list[Rejected] = field(default_factory=list)

    def reject_paper(self, paper: Paper, reason: str) -> None:
        """Count a paper that was read but could not be extracted as a reject (``on_reject`` of
        :func:`~litkg.extract.pipeline.extract_papers`), so that papers and rejects still add up."""
        self.papers -= 1
        self.rejected.append(Rejected(paper.source or "-", f"paper {paper.id}", reason))

    def write_rejects(self, path: Path) -> None:
        """Write every rejected record with its reason as JSON Lines (atomically).

        With no rejects, a rejects file left by an earlier run is removed, so the
        file beside the output always speaks of the latest run.
        """
        if not self.rejected:
            Path(path).unlink(missing_ok=True)
            return
        with atomic_write(path) as fh:
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


def progress(iterable: Iterable[T], total: int | None = None, desc: str = "", enabled: bool | None = None,
             every: float = 30.0) -> Iterable[T]:
    """Show progress: a tqdm bar when stderr is a terminal, else a log line every ``every`` seconds.

    ``enabled=False`` shows nothing; ``None`` (the default) decides by the terminal.
    """
    if enabled is False:
        return iterable
    if enabled or sys.stderr.isatty():
        from tqdm import tqdm

        return tqdm(iterable, total=total, desc=desc, unit=" papers", file=sys.stderr)
    return _log_progress(iterable, desc, every)


def _log_progress(iterable: Iterable[T], desc: str, every: float) -> Iterator[T]:
    start = last = time.monotonic()
    n = 0
    for n, item in enumerate(iterable, 1):
        yield item
        now = time.monotonic()
        if now - last >= every:
            last = now
            print(f"litkg: {desc}: {n} records, {n / (now - start):.0f} records/s", file=sys.stderr, flush=True)


def extract_to_jsonl(inputs: list[str | Path], out: TextIO, strict: bool = False, open_extraction: bool = True,
                     report: ReadReport | None = None, show_progress: bool | None = None,
                     model: str | None = None) -> ReadReport:
    """Extract mentions from every paper of the inputs and write one JSON line per paper to ``out``."""
    from litkg.extract.pipeline import extract_papers
    from litkg.extract.results import extraction_json

    report = report or ReadReport()
    papers = unique_papers(inputs, report, strict=strict)
    for ex in progress(extract_papers(papers, open_extraction=open_extraction, on_reject=report.reject_paper,
                                      model=model),
                       desc="extract", enabled=show_progress):
        out.write(json.dumps(extraction_json(ex), ensure_ascii=False) + "\n")
    return report
