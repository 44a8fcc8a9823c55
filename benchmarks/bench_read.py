"""Reading speed and memory of the readers, and the speed of affiliation parsing.

Measures, on ``../shared/corpus/bench/abstracts.jsonl`` (18,508 records):

* records/s of :func:`litkg.extract.readers.jsonl.read`, against a baseline measured in the
  same run: a bare ``json.loads`` loop over the same lines (the floor any JSON Lines
  reader pays);
* peak RSS (``ru_maxrss``) of a fresh process reading the file once and reading the
  file concatenated 4 times, against a process that only imports the reader, to show
  that memory does not grow with the input;
* for reference, records/s of the other readers on their corpus files.

And, on the hand-annotated affiliation strings of ``tests/data/affiliations_gold.jsonl`` (repeated, no
corpus needed): strings/s of the uncached affiliation parser (``_parse``, behind the cache of
``parse_affiliation``), against a baseline measured in the same run: normalise, split on commas and
semicolons and look each part up in a set (the floor any affiliation splitter pays). The ratio is what
to compare between machines and commits (the test suite used to assert a bare 500 strings/s here, a
timing that a loaded machine could fail).

Usage::

    python benchmarks/bench_read.py [--corpus ../shared/corpus] [--repeat 3] [--part all|readers|affiliations]

Prints figures only; nothing here asserts a time.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parents[1]

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
AFFILIATIONS_GOLD = ROOT / "tests" / "data" / "affiliations_gold.jsonl"
OTHER_FORMATS = {
    "medline": "medline/*",
    "pubmed_xml": "pubmed-xml/*",
    "ris": "ris/*",
    "pubmed_text": "plaintext/*",
}


def best_time(fn: Callable[[], int], repeat: int) -> tuple[float, int]:
    """Best wall time of ``repeat`` runs of ``fn`` and the count it returned."""
    best, count = float("inf"), 0
    for _ in range(repeat):
        t = time.perf_counter()
        count = fn()
        best = min(best, time.perf_counter() - t)
    return best, count


def count_reader(module_name: str, paths: Iterable[Path]) -> int:
    """Read every record of ``paths`` with a reader module and return how many there were."""
    import importlib

    reader = importlib.import_module(f"litkg.extract.readers.{module_name}")
    return sum(1 for p in paths for _ in reader.read(p))


def baseline_json(path: Path) -> int:
    """The floor: decode each line with ``json.loads`` and drop it."""
    n = 0
    with path.open("rb") as fh:
        for line in fh:
            if line.strip():
                json.loads(line)
                n += 1
    return n


def child(mode: str, path: str) -> None:
    """Run in a subprocess: read (or not) and print ``count peak``.

    ``peak`` is ``ru_maxrss`` in KiB, or for ``trace`` the tracemalloc peak (KiB) of
    the Python objects allocated while reading.
    """
    from litkg.extract.readers import jsonl

    n = 0
    if mode in ("read", "trace"):
        if mode == "trace":
            import tracemalloc

            tracemalloc.start()
        for _ in jsonl.read(path):
            n += 1
        if mode == "trace":
            print(n, tracemalloc.get_traced_memory()[1] // 1024)
            return
    elif mode == "json":
        n = baseline_json(Path(path))
    print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def peak(mode: str, path: Path) -> tuple[int, int]:
    """Run :func:`child` in a fresh interpreter; returns ``(records, KiB)``."""
    out = subprocess.run([sys.executable, __file__, "--child", mode, str(path)],
                         check=True, capture_output=True, text=True).stdout.split()
    return int(out[0]), int(out[1])


def memory(bench: Path) -> None:
    """Peak memory reading the file once and 4 times over (run before the parent grows:
    a forked child starts its ``ru_maxrss`` from the parent's)."""
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "abstracts_x4.jsonl"
        with big.open("wb") as out:
            for _ in range(4):
                with bench.open("rb") as src:
                    shutil.copyfileobj(src, out)
        size1, size4 = bench.stat().st_size, big.stat().st_size
        _, rss_import = peak("none", bench)
        n1, rss1 = peak("read", bench)
        n4, rss4 = peak("read", big)
        _, rss_json1 = peak("json", bench)
        _, rss_json4 = peak("json", big)
        _, heap1 = peak("trace", bench)
        _, heap4 = peak("trace", big)
    print("Peak RSS (ru_maxrss, a fresh process each):")
    print(f"  import only                          : {rss_import / 1024:6.1f} MiB")
    print(f"  baseline json.loads loop, 1x / 4x    : {rss_json1 / 1024:6.1f} / {rss_json4 / 1024:.1f} MiB")
    print(f"  jsonl.read 1x ({size1 / 2**20:5.1f} MiB, {n1} rec): {rss1 / 1024:6.1f} MiB")
    print(f"  jsonl.read 4x ({size4 / 2**20:5.1f} MiB, {n4} rec): {rss4 / 1024:6.1f} MiB")
    print(f"  ratio 4x / 1x                        : {rss4 / rss1:6.2f}  (baseline loop: {rss_json4 / rss_json1:.2f})")
    print(f"  tracemalloc peak while reading 1x/4x : {heap1} / {heap4} KiB")


_SPLIT = re.compile(r"[,;]")


def baseline_affiliations(texts: list[str], known: frozenset[str]) -> int:
    """The floor of affiliation parsing: normalise, split into parts, strip and look each part up."""
    hits = 0
    for text in texts:
        for part in _SPLIT.split(unicodedata.normalize("NFKC", text)):
            hits += part.strip().casefold() in known
    return hits


def uncached_affiliation_parser() -> Callable[[str], list]:
    """The affiliation parser without its cache (``_parse``, wherever the package keeps it)."""
    try:
        from litkg.extract.affiliations.parse import _parse
    except ImportError:  # the single-module layout
        from litkg.extract.affiliations import _parse
    return _parse


def affiliations(repeat: int, copies: int = 3) -> None:
    """Strings/s of uncached affiliation parsing, and the ratio to the baseline of the same run."""
    from litkg.extract.affiliations import parse_affiliation

    with AFFILIATIONS_GOLD.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    texts = [row["text"] for row in rows] * copies
    known = frozenset(u.casefold() for row in rows for u in row["units"] + [row["city"] or "", row["region"] or ""])
    parse = uncached_affiliation_parser()
    parse_affiliation("warm-up, Boston, MA, USA")  # loads the gazetteers: not part of the timing

    def run_parse() -> int:
        return sum(len(parse(t)) for t in texts)

    inner = 100  # the baseline takes about a millisecond: time it over many passes, so clock noise stays small
    base_t, _ = best_time(lambda: baseline_affiliations(texts * inner, known), repeat)
    base_t /= inner
    parse_t, n_affs = best_time(run_parse, repeat)
    n = len(texts)
    print(f"Affiliation parsing, {AFFILIATIONS_GOLD.name} x{copies}: {n} strings, {n_affs} affiliations, "
          f"best of {repeat}")
    print(f"  baseline split + look-up : {n / base_t:10,.0f} strings/s  ({base_t:.4f} s)")
    print(f"  uncached _parse          : {n / parse_t:10,.0f} strings/s  ({parse_t:.3f} s)"
          f"  = {parse_t / base_t:.0f}x the baseline's time")


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--part", choices=["all", "readers", "affiliations"], default="all",
                    help="what to measure (default: all)")
    ap.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(*args.child)
        return
    if args.part == "affiliations":
        affiliations(args.repeat)
        return
    bench = args.corpus / "bench" / "abstracts.jsonl"
    if not bench.exists():
        if args.part == "readers":
            sys.exit(f"benchmark file not found: {bench}")
        print(f"benchmark file not found: {bench}; measuring affiliation parsing only", file=sys.stderr)
        affiliations(args.repeat)
        return

    memory(bench)
    base_t, base_n = best_time(lambda: baseline_json(bench), args.repeat)
    read_t, read_n = best_time(lambda: count_reader("jsonl", [bench]), args.repeat)
    assert base_n == read_n, (base_n, read_n)
    print(f"JSON Lines, {bench.name}: {read_n} records, best of {args.repeat}")
    print(f"  baseline json.loads loop : {base_n / base_t:10,.0f} records/s  ({base_t:.3f} s)")
    print(f"  readers.jsonl.read       : {read_n / read_t:10,.0f} records/s  ({read_t:.3f} s)"
          f"  = {read_t / base_t:.2f}x the baseline's time")

    print("Other readers on their corpus files (best of "
          f"{args.repeat}; small files, so fixed costs weigh more):")
    for module_name, pattern in OTHER_FORMATS.items():
        paths = sorted(args.corpus.glob(pattern))
        if not paths:
            continue
        t, n = best_time(lambda: count_reader(module_name, paths), args.repeat)
        mib = sum(p.stat().st_size for p in paths) / 2**20
        print(f"  {module_name:12s}: {n:6d} records, {mib:5.1f} MiB on disk, {n / t:8,.0f} records/s")
    if args.part == "all":
        affiliations(args.repeat)


if __name__ == "__main__":
    main()
