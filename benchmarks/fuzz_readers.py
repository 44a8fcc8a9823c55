"""A long fuzz run of the readers and the affiliation parser: how many inputs, how many records, how many crashes.

Runs the hypothesis strategies of ``tests/extract/test_fuzz_readers.py`` (mutated real records from
``../shared/corpus``, records made up from each format's fields, random bytes) with many more examples
than the test suite does, without stopping at the first failure: every exception other than a reject
(or :class:`InputError` in strict mode) and every broken property counts as a crash, and the first input
of each distinct crash is saved to ``--crashes`` for a regression test.

Usage::

    python benchmarks/fuzz_readers.py [--examples 2000] [--formats jsonl,medline,...] [--extract]
                                      [--corpus ../shared/corpus] [--crashes /tmp/litkg-fuzz-crashes]

``--extract`` also runs extraction (``extract_papers``) over every paper that was read. Prints one line
per reader (inputs fuzzed, records read, papers, rejects, crashes) and exits 1 when a crash was found.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "extract"))

import test_fuzz_readers as fz  # noqa: E402  (the strategies live with the tests)
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from litkg.extract.readers import Rejected  # noqa: E402


@dataclass
class Tally:
    """What one fuzzed target gave."""

    inputs: int = 0
    papers: int = 0
    rejects: int = 0
    crashes: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def line(self, name: str) -> str:
        return (f"{name:<16} inputs {self.inputs:>6}  records {self.papers + self.rejects:>7}  "
                f"papers {self.papers:>6}  rejects {self.rejects:>6}  crashes {sum(self.crashes.values()):>3} "
                f"({len(self.crashes)} distinct)  {self.seconds:6.1f} s")


def _signature(e: BaseException) -> str:
    """Exception type and the innermost frame of litkg code: one crash, however many inputs hit it."""
    frames = [f for f in traceback.extract_tb(e.__traceback__) if "litkg" in f.filename or "/extract/" in f.filename
              or "/graph/" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(e).__name__} at {where}: {str(e)[:120]}"


def _run(strategy: st.SearchStrategy, examples: int, body: Callable[[object], tuple[int, int]], tally: Tally,
         save: Callable[[str, object], None]) -> None:
    """Draw ``examples`` inputs from ``strategy`` and run ``body`` on each, counting instead of failing."""

    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def one(value: object) -> None:
        tally.inputs += 1
        try:
            papers, rejects = body(value)
            tally.papers += papers
            tally.rejects += rejects
        except Exception as e:  # noqa: BLE001  (counting crashes is the point)
            sig = _signature(e)
            if sig not in tally.crashes:
                save(sig, value)
            tally.crashes[sig] += 1

    start = time.perf_counter()
    one()
    tally.seconds += time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--examples", type=int, default=2000, help="inputs per strategy and reader (default 2000)")
    ap.add_argument("--formats", default=",".join(fz.FORMATS), help="readers to fuzz, comma-separated")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus", help="the real samples")
    ap.add_argument("--crashes", type=Path, default=Path(tempfile.gettempdir()) / "litkg-fuzz-crashes",
                    help="folder for the first input of each distinct crash")
    ap.add_argument("--extract", action="store_true", help="also extract from every paper read")
    a = ap.parse_args(argv)
    shared = a.corpus.parent
    a.crashes.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="litkg-fuzz-"))
    extract = None
    if a.extract:
        from litkg.extract.pipeline import extract_papers

        extract = extract_papers

    def save(name: str) -> Callable[[str, object], None]:
        def write(sig: str, value: object) -> None:
            n = len(list(a.crashes.glob(f"{name}-*.txt")))
            data = value if isinstance(value, bytes) else str(value).encode("utf-8", "surrogatepass")
            (a.crashes / f"{name}-{n}.bin").write_bytes(data)
            (a.crashes / f"{name}-{n}.txt").write_text(sig + "\n")
        return write

    def reader_body(fmt: str) -> Callable[[object], tuple[int, int]]:
        def body(value: object) -> tuple[int, int]:
            data = value if isinstance(value, bytes) else str(value).encode("utf-8", "surrogatepass")
            path = scratch / f"input.{fmt}"
            path.write_bytes(data)
            items = fz.read_all_ways(fmt, path)
            papers = [i for i in items if not isinstance(i, Rejected)]
            if extract is not None and papers:
                for ex in extract(papers, open_extraction=True, on_reject=lambda p, why: None):
                    assert ex.paper is not None
            return len(papers), len(items) - len(papers)
        return body

    tallies: dict[str, Tally] = {}
    print(f"fuzzing {a.examples} inputs per strategy; real samples from {a.corpus}", flush=True)
    for fmt in [f for f in a.formats.split(",") if f]:
        tally = tallies[fmt] = Tally()
        seed = fz.sample(fmt, shared)
        strategies = [fz.GENERATED[fmt]] + ([fz.mutated(seed)] if seed is not None else [])
        for strategy in strategies:
            _run(strategy, a.examples, reader_body(fmt), tally, save(fmt))
        print(tally.line(fmt), flush=True)
    tally = tallies["detection"] = Tally()
    _run(st.binary(max_size=4000), a.examples, reader_body("jsonl"), tally, save("detection"))
    print(tally.line("random bytes"), flush=True)

    seeds = fz.affiliation_samples(shared)
    affs = fz.AFFILIATION_TEXT | st.text(max_size=400)
    if seeds:
        affs = affs | st.sampled_from(seeds).flatmap(lambda s: fz.mutated(s.encode("utf-8"))).map(
            lambda b: b.decode("utf-8", "replace"))
    tally = tallies["affiliations"] = Tally()
    _run(affs, a.examples * 2, lambda text: (fz.check_affiliation(text), (1, 0))[1], tally, save("affiliation"))
    print(tally.line("affiliations"), flush=True)

    crashes = sum(sum(t.crashes.values()) for t in tallies.values())
    for name, t in tallies.items():
        for sig, n in t.crashes.most_common():
            print(f"  crash [{name}] x{n}: {sig}")
    print(f"total: {sum(t.inputs for t in tallies.values())} inputs, "
          f"{sum(t.papers + t.rejects for t in tallies.values())} records, {crashes} crashes"
          + (f" (first inputs in {a.crashes})" if crashes else ""))
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
