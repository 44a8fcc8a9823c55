"""Build benchmark: reading, extraction and ``litkg build`` end to end, against spaCy's bare tokenizer.

On the same texts (default: the first 10,000 records of ``../shared/corpus/bench/abstracts.jsonl``)
one run reports:

* records/s of reading, of extraction (in process) and of ``litkg build`` end to end
  (``--jobs 1`` and ``--jobs 2``, each a fresh output folder), with spaCy's bare
  English tokenizer over the same text fields as the yardstick (ratios: time / tokenizer time);
* peak RSS of ``litkg build`` at 10,000 and at 50,000 records (the 50,000 repeat the
  corpus with rewritten ids: for memory only, never for speed);
* the store: load rate (quads/s bulk-loaded in build-sized batches), bytes per quad,
  bytes against its TriG, and its size after re-running the same build;
* incremental: adding 100 records to a 5,000-record build, against the full build;
* fixed costs: ``litkg --help`` and ``litkg query`` on a small store.

Builds run as ``litkg build`` does by default, with the bundled trained tagger
(``--model bundled``), or with ``--model none`` as ``litkg build --fast`` (the rules
alone; then a 1,000-record ``--jobs 1``/``--jobs 2`` comparison with the tagger is
added, ``--tagger-records``). Peak RSS is the
build process's own (``wait4``); worker processes of ``--jobs`` are not in it.
Timings are wall-clock on whatever else the machine runs: the load average is
printed before and after, and CPU seconds beside the wall times.

Usage::

    python benchmarks/bench_build.py [--records 10000] [--big 50000] [--work /tmp/litkg-bench-build]
                                     [--skip-big] [--model bundled|none] [--report results.md]

Prints a Markdown table (also written to ``--report``); nothing here asserts.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bench" / "abstracts.jsonl"
LITKG = [sys.executable, "-m", "litkg.graph.cli"]


def machine() -> str:
    """nproc, CPU model, RAM, Python and library versions."""
    import pyoxigraph
    import spacy

    model = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                  if l.startswith("model name")), platform.processor() or "?") if Path("/proc/cpuinfo").exists() else "?"
    ram = next((int(l.split()[1]) // 1024 for l in Path("/proc/meminfo").read_text().splitlines()
                if l.startswith("MemTotal")), 0) if Path("/proc/meminfo").exists() else 0
    return (f"nproc {os.cpu_count()}, CPU {model}, RAM {ram / 1024:.1f} GiB; Python {platform.python_version()}, "
            f"pyoxigraph {pyoxigraph.__version__}, spaCy {spacy.__version__}")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def write_inputs(corpus: Path, work: Path, n: int, big: int, base: int) -> dict[str, Path]:
    """``n`` records; ``base`` records and the next 100; ``big`` records cycling the corpus with rewritten ids."""
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    out = {"main": work / f"r{n}.jsonl", "base": work / f"r{base}.jsonl", "add": work / "add100.jsonl",
           "big": work / f"r{big}.jsonl"}
    out["main"].write_text("".join(lines[:n]), encoding="utf-8")
    out["base"].write_text("".join(lines[:base]), encoding="utf-8")
    out["add"].write_text("".join(lines[base:base + 100]), encoding="utf-8")
    with open(out["big"], "w", encoding="utf-8") as fh:
        for i in range(big):
            k, line = divmod(i, len(lines))
            if k:
                r = json.loads(lines[line])
                r["id"] = f"{r.get('id')}-copy{k}"
                r["pmid"] = f"9{k:02d}{r['pmid']}" if r.get("pmid") else None
                r["doi"] = f"{r['doi']}.copy{k}" if r.get("doi") else None
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            else:
                fh.write(lines[line])
    return out


def timed(fn):
    """``(result, wall seconds, CPU seconds of this process)``."""
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    t = time.perf_counter()
    result = fn()
    wall = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    return result, wall, (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)


def run_cli(args: list[str], script: bool = True) -> float:
    """Wall seconds of ``litkg ARGS`` (the installed console script, as a user runs it)."""
    exe = shutil.which("litkg", path=str(Path(sys.executable).parent)) if script else None
    t = time.perf_counter()
    run = subprocess.run(([exe] if exe else LITKG) + args, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if run.returncode:
        raise SystemExit(f"litkg {' '.join(args)} failed:\n{run.stderr}")
    return wall


def run_build(args: list[str]) -> dict:
    """``litkg build`` with ``os.wait4`` for this very process's peak RSS and CPU."""
    t = time.perf_counter()
    proc = subprocess.Popen(LITKG + ["build"] + args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    out = proc.stdout.read().decode()
    proc.stdout.close()
    if status:
        raise SystemExit(f"litkg build {' '.join(args)} failed ({status})")
    triples = int(next(l.split()[1] for l in out.splitlines() if l.startswith("triples:")))
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss": ru.ru_maxrss / 1024, "triples": triples,
            "out": out}


def folder_bytes(folder: Path, suffix: str | None = None) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file() and (suffix is None or p.suffix == suffix))


def bench(a: argparse.Namespace) -> list[tuple[str, str, str]]:
    """Run everything; rows of (measure, value, target/remark)."""
    from litkg.extract.jobs import ReadReport, unique_papers
    from litkg.extract.pipeline import default_pipeline, extract_papers

    work = Path(a.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    files = write_inputs(Path(a.corpus), work, a.records, a.big, a.incremental)
    model = None if a.model == "none" else a.model
    flags = ["--fast"] if model is None else ["--model", model]
    rows: list[tuple[str, str, str]] = []
    n = a.records

    papers, t_read, c_read = timed(lambda: list(unique_papers([files["main"]], ReadReport())))
    texts = [t for p in papers for f, _, t in p.text_fields() if not f.startswith("affiliation[")]
    import spacy

    nlp = spacy.blank("en")
    _, t_tok, c_tok = timed(lambda: sum(1 for _ in nlp.tokenizer.pipe(texts)))
    default_pipeline("en", True, model)
    _, t_ext, c_ext = timed(lambda: sum(1 for _ in extract_papers(papers, model=model)))
    del papers, texts
    rows += [("tokenizer (spaCy blank en, same texts)", f"{n / t_tok:,.0f} rec/s ({t_tok:.1f} s, CPU {c_tok:.1f} s)",
              "yardstick = 1x"),
             ("read", f"{n / t_read:,.0f} rec/s ({t_read / t_tok:.2f}x)", ""),
             (f"extract, in process ({'rules' if model is None else model})",
              f"{n / t_ext:,.0f} rec/s ({t_ext / t_tok:.2f}x; CPU {c_ext / c_tok:.2f}x)", "")]

    b1 = run_build([str(files["main"]), "--out", str(work / "b1"), *flags])
    store, trig = work / "b1" / "store", work / "b1" / "graph.trig"
    store_bytes, trig_bytes = folder_bytes(store), trig.stat().st_size
    rows.append((f"build {n:,}, --jobs 1, end to end", f"{n / b1['wall']:,.0f} rec/s ({b1['wall']:.1f} s, "
                 f"{b1['wall'] / t_tok:.2f}x tokenizer; CPU {b1['cpu']:.1f} s = {b1['cpu'] / c_tok:.2f}x)",
                 "target <= 3x tokenizer"))
    b2 = run_build([str(files["main"]), "--out", str(work / "b2"), "--jobs", "2", *flags])
    rows.append((f"build {n:,}, --jobs 2, end to end", f"{n / b2['wall']:,.0f} rec/s ({b2['wall']:.1f} s, "
                 f"{b2['wall'] / t_tok:.2f}x tokenizer); speed-up {b1['wall'] / b2['wall']:.2f}x",
                 "target speed-up >= 1.6x"))
    rows.append((f"peak RSS, build {n:,} (--jobs 1)", f"{b1['rss']:.0f} MiB", ""))

    sst_before = folder_bytes(store, ".sst")
    rerun = run_build([str(files["main"]), "--out", str(work / "b1"), "--force", *flags])
    rows.append(("store bytes per quad", f"{store_bytes / b1['triples']:.0f} B ({b1['triples']:,} quads, "
                 f"{store_bytes / 2**20:.0f} MiB; TriG {trig_bytes / 2**20:.0f} MiB: store = "
                 f"{store_bytes / trig_bytes:.2f}x TriG)", "target store <= 2x TriG"))
    rows.append(("re-run of the same build", f"{rerun['wall']:.1f} s; store {folder_bytes(store) - store_bytes:+,d} B "
                 f"(sorted tables {folder_bytes(store, '.sst') - sst_before:+,d} B), logs "
                 f"{folder_bytes(store, '.log'):,} B", "target: no growth"))

    rows.append(("store load (bulk, 250-paper batches)", load_rate(store, work), ""))

    full = run_build([str(files["base"]), "--out", str(work / "inc"), *flags])
    add = run_build([str(files["add"]), "--out", str(work / "inc"), "--force", *flags])
    rows.append((f"add 100 records to a {a.incremental:,}-record build", f"{add['wall']:.1f} s vs "
                 f"{full['wall']:.1f} s for the full build = {add['wall'] / full['wall']:.1%} (CPU {add['cpu']:.1f} s "
                 f"vs {full['cpu']:.1f} s = {add['cpu'] / full['cpu']:.1%})", "target < 10%"))

    if a.tagger_records and model is None:
        sample = work / f"r{a.tagger_records}.jsonl"
        sample.write_text("".join(files["main"].read_text(encoding="utf-8").splitlines(keepends=True)
                                  [:a.tagger_records]), encoding="utf-8")
        t1 = run_build([str(sample), "--out", str(work / "t1"), "--model", "bundled"])
        t2 = run_build([str(sample), "--out", str(work / "t2"), "--model", "bundled", "--jobs", "2"])
        rows.append((f"build {a.tagger_records:,} with the trained tagger (--model bundled)",
                     f"--jobs 1: {a.tagger_records / t1['wall']:,.0f} rec/s; --jobs 2: "
                     f"{a.tagger_records / t2['wall']:,.0f} rec/s; speed-up {t1['wall'] / t2['wall']:.2f}x",
                     "extraction-bound: where --jobs pays"))

    if not a.skip_big:
        big = run_build([str(files["big"]), "--out", str(work / "big"), *flags])
        rows.append((f"peak RSS, build {a.big:,} (--jobs 1)", f"{big['rss']:.0f} MiB = {big['rss'] / b1['rss']:.2f}x "
                     f"the {n:,} build ({a.big / big['wall']:,.0f} rec/s; {big['wall']:.0f} s, CPU {big['cpu']:.0f} s)",
                     "target <= 1.3x and < 1 GiB"))

    seed = work / "seed"
    run_cli(["build", str(ROOT / "examples" / "seed.txt"), "--out", str(seed), "--fast"], script=False)
    t_help = min(run_cli(["--help"]) for _ in range(5))
    t_query = min(run_cli(["query", "papers", "--store", str(seed / "store")]) for _ in range(5))
    rows += [("litkg --help", f"{t_help:.2f} s", "target < 0.3 s"),
             ("litkg query papers (seed store)", f"{t_query:.2f} s", "target < 0.5 s")]
    return rows


def load_rate(store: Path, work: Path) -> str:
    """Bulk-load the build's quads (as N-Quads) into a fresh store in batches of about 250 papers (a build's)."""
    import pyoxigraph as ox

    src = ox.Store.read_only(str(store))
    nq = work / "all.nq"
    src.dump(str(nq), format=ox.RdfFormat.N_QUADS)
    graphs = sum(1 for _ in src.named_graphs())
    del src
    lines = nq.read_bytes().splitlines(keepends=True)
    nq.unlink()
    step = max(1, len(lines) * 250 // max(graphs, 1))
    fresh = ox.Store(str(work / "load-test"))
    _, wall, _ = timed(lambda: [fresh.bulk_load(b"".join(lines[i:i + step]), format=ox.RdfFormat.N_QUADS)
                                for i in range(0, len(lines), step)])
    del fresh
    shutil.rmtree(work / "load-test", ignore_errors=True)
    return f"{len(lines) / wall:,.0f} quads/s ({len(lines):,} quads in {wall:.1f} s)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--records", type=int, default=10_000, help="records for the speed figures (default 10,000)")
    ap.add_argument("--big", type=int, default=50_000, help="records for the second peak-RSS figure (default 50,000)")
    ap.add_argument("--skip-big", action="store_true", help="skip the big build")
    ap.add_argument("--incremental", type=int, default=5_000, help="records of the build 100 are added to")
    ap.add_argument("--tagger-records", type=int, default=1_000,
                    help="records for the --jobs 1/2 comparison with the trained tagger (0: skip)")
    ap.add_argument("--model", default="bundled",
                    help="bundled (the trained tagger, litkg build's default) or none (the rules, --fast)")
    ap.add_argument("--work", default="/tmp/litkg-bench-build")
    ap.add_argument("--report", help="also write the table to this Markdown file")
    a = ap.parse_args()
    head = [f"machine: {machine()}", f"load average before: {load()}"]
    print("\n".join(head), flush=True)
    rows = bench(a)
    table = ["| measure | result | target |", "| --- | --- | --- |"] + [f"| {m} | {r} | {t} |" for m, r, t in rows]
    text = "\n".join(head + [f"load average after: {load()}", ""] + table)
    print("\n".join([f"load average after: {load()}", ""] + table))
    if a.report:
        Path(a.report).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
