"""Store benchmark: bulk-load rate and the latency of every named query, Oxigraph vs rdflib.

On ``../shared/corpus/bench/abstracts.jsonl`` (18,508 real abstracts):

1. extract and build quads (``litkg.graph.quads.paper_quads``) paper by paper until the
   graph holds at least ``--triples`` triples (default 1,000,000; all papers when
   the corpus gives fewer), plus the vocabulary and ontology graphs; the quads are
   cached as N-Quads under ``--work`` so that re-runs skip extraction;
2. bulk-load them into an on-disk Oxigraph store (``Store.bulk_extend``) and report
   triples/s;
3. load a slice of about ``--rdflib-triples`` (default 100,000) triples, whole
   papers plus the vocabulary and ontology, into rdflib's in-memory ``Dataset``
   (union default graph) in the same run, and report triples/s;
4. run every named query (``graph/queries/*.rq``) on both, parameters bound to
   frequent values of the data, and print a table of latencies (best of
   ``--repeat`` runs, results consumed). rdflib queries run in a forked child
   killed after ``--rdflib-timeout`` seconds (shown as ``>T``).

Usage::

    python benchmarks/bench_store.py [--work /tmp/litkg-bench] [--triples 1000000]

Prints figures; nothing here asserts, but it flags Oxigraph queries slower than 1 s.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from litkg.extract import identifiers as ids

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bench" / "abstracts.jsonl"


def build_quads(corpus: Path, cache: Path, target: int) -> tuple[int, float, int]:
    """Extract papers until ``target`` triples and cache the quads as N-Quads, one paper per block.

    Returns:
        Papers, seconds spent extracting and building, triples written.
    """
    from litkg.extract.pipeline import extract_papers
    from litkg.extract.readers import Rejected, read_papers
    from litkg.extract.vocabulary import load_vocabulary
    from litkg.graph import quads as gb

    vocabulary = load_vocabulary()
    run = ids.run_iri("bench", vocabulary.version)
    papers = (p for p in read_papers([corpus]) if not isinstance(p, Rejected))
    n_papers = n_triples = 0
    t = time.perf_counter()
    tmp = cache.with_suffix(".part")
    with open(tmp, "wb") as fh:
        for ex in extract_papers(papers):
            quads = gb.paper_quads(ex, run)
            fh.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
            n_papers += 1
            n_triples += len(quads)
            if n_papers % 500 == 0:
                rate = n_papers / (time.perf_counter() - t)
                print(f"  extracted {n_papers} papers, {n_triples} triples ({rate:.0f} papers/s)", file=sys.stderr)
            if n_triples >= target:
                break
    tmp.replace(cache)
    return n_papers, time.perf_counter() - t, n_triples


def extra_quads() -> list[ox.Quad]:
    """The vocabulary, ontology and runs graphs."""
    from litkg.extract.vocabulary import load_vocabulary
    from litkg.graph import quads as gb
    from litkg.graph.ontology import ontology_quads

    vocabulary = load_vocabulary()
    run = gb.run_quads(ids.run_iri("bench", vocabulary.version), "bench", vocabulary.version,
                       [str(DEFAULT_CORPUS)], "2000-01-01T00:00:00Z", "2000-01-01T00:00:00Z")
    return list(gb.vocabulary_quads(vocabulary)) + list(ontology_quads()) + run


def load_oxigraph(cache: Path, path: Path) -> tuple[int, float]:
    """Bulk-load the cached quads into a fresh on-disk store; (quads, seconds)."""
    from litkg.graph.store import GraphStore

    if path.exists():
        shutil.rmtree(path)
    quads = list(ox.parse(path=str(cache), format=ox.RdfFormat.N_QUADS)) + extra_quads()
    store = GraphStore(path)
    t = time.perf_counter()
    store.oxigraph.bulk_extend(quads)
    store.flush()
    seconds = time.perf_counter() - t
    n = len(store)
    del store
    return n, seconds


def rdflib_slice(cache: Path, limit: int):
    """Whole papers from the cache up to ``limit`` triples, plus vocabulary and ontology, as an rdflib Dataset."""
    import rdflib

    lines: list[bytes] = []
    graphs: set[bytes] = set()
    with open(cache, "rb") as fh:
        for line in fh:
            g = line.rsplit(b" ", 2)[-2]
            if g not in graphs and len(lines) >= limit:
                break
            graphs.add(g)
            lines.append(line)
    data = b"".join(lines) + ox.serialize(extra_quads(), format=ox.RdfFormat.N_QUADS)
    ds = rdflib.Dataset(default_union=True)
    t = time.perf_counter()
    ds.parse(data=data.decode("utf-8"), format="nquads")
    return ds, len(ds), time.perf_counter() - t, len(graphs)


def pick_params(store) -> dict[str, ox.NamedNode]:
    """Frequent values of the data to bind the queries' parameters to."""
    def first(q: str) -> ox.NamedNode | None:
        rows = list(store.query(q))
        return rows[0][0] if rows else None

    finding = list(store.query(
        "SELECT ?platform ?effect (COUNT(*) AS ?n) WHERE { ?f litkg:platform ?platform ; litkg:effect ?effect } "
        "GROUP BY ?platform ?effect ORDER BY DESC(?n) LIMIT 1"))
    params = {
        "platform": first("SELECT ?c (COUNT(*) AS ?n) WHERE { ?a litkg:entityType 'platform' ; oa:hasBody ?c } "
                          "GROUP BY ?c ORDER BY DESC(?n) LIMIT 1"),
        "concept": first("SELECT ?c (COUNT(*) AS ?n) WHERE { ?a litkg:entityType 'outcome' ; oa:hasBody ?c } "
                         "GROUP BY ?c ORDER BY DESC(?n) LIMIT 1"),
        "paper": first("SELECT ?p (COUNT(*) AS ?n) WHERE { ?p litkg:mentionsConcept ?c } "
                       "GROUP BY ?p ORDER BY DESC(?n) LIMIT 1"),
    }
    if finding:
        params["platform"], params["effect"] = finding[0][0], finding[0][1]
    return {k: v for k, v in params.items() if v is not None}


def time_oxigraph(store, sparql: str, bindings: dict, repeat: int) -> tuple[float, int]:
    """Best time of ``repeat`` runs (results consumed) and the number of rows."""
    from litkg.graph.query import run_query

    times, rows = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        res = run_query(store, sparql, bindings)
        times.append(time.perf_counter() - t)
        rows = len(res[1]) if isinstance(res, tuple) else 1
    return min(times), rows


def _rdflib_child(ds, sparql: str, bindings: dict, conn) -> None:
    import rdflib

    from litkg.graph.namespace import PREFIXES

    init = {k: (rdflib.URIRef(v.value) if isinstance(v, ox.NamedNode) else rdflib.Literal(v.value))
            for k, v in bindings.items()}
    t = time.perf_counter()
    rows = len(list(ds.query(sparql, initNs=PREFIXES, initBindings=init)))
    conn.send((time.perf_counter() - t, rows))


def time_rdflib(ds, sparql: str, bindings: dict, timeout: float) -> tuple[float | None, int | None]:
    """One run in a forked child (so it can be stopped); ``(None, None)`` past ``timeout``."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_rdflib_child, args=(ds, sparql, bindings, child))
    proc.start()
    if parent.poll(timeout):
        seconds, rows = parent.recv()
    else:
        seconds, rows = None, None
    proc.kill()
    proc.join()
    return seconds, rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--work", type=Path, default=Path("/tmp/litkg-bench"), help="cache and store directory")
    ap.add_argument("--triples", type=int, default=1_000_000, help="least triples in the Oxigraph store")
    ap.add_argument("--rdflib-triples", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rdflib-timeout", type=float, default=120.0)
    ap.add_argument("--rebuild", action="store_true", help="re-extract even when the cache exists")
    ap.add_argument("--skip-rdflib", action="store_true")
    a = ap.parse_args(argv)

    from litkg.graph.query import named_queries, required_params
    from litkg.graph.store import GraphStore

    if not a.corpus.exists():
        print(f"corpus not found: {a.corpus}", file=sys.stderr)
        return 1
    a.work.mkdir(parents=True, exist_ok=True)
    cache = a.work / f"bench-{a.triples}.nq"
    if a.rebuild or not cache.exists():
        n_papers, secs, n_triples = build_quads(a.corpus, cache, a.triples)
        print(f"extract + build: {n_papers} papers, {n_triples} triples in {secs:.1f} s "
              f"({n_papers / secs:.0f} papers/s)")
    else:
        print(f"using cached quads {cache}")

    n, secs = load_oxigraph(cache, a.work / "store")
    print(f"Oxigraph bulk_extend (on disk): {n} quads in {secs:.2f} s = {n / secs:,.0f} quads/s")
    store = GraphStore(a.work / "store", read_only=True)
    params = pick_params(store)
    print("parameters:", {k: v.value for k, v in params.items()})

    ds = None
    if not a.skip_rdflib:
        ds, rn, rsecs, rpapers = rdflib_slice(cache, a.rdflib_triples)
        print(f"rdflib Dataset.parse (in memory): {rn} triples ({rpapers} papers + vocabulary + ontology) "
              f"in {rsecs:.2f} s = {rn / rsecs:,.0f} triples/s")

    print()
    header = f"{'query':26s} {'oxigraph s':>11s} {'rows':>6s}   {'rdflib s':>9s} {'rows':>6s}"
    print(header)
    print("-" * len(header))
    slow, ox_times = [], []
    for name, path in named_queries().items():
        sparql = path.read_text(encoding="utf-8")
        need = required_params(sparql)
        if any(p not in params for p in need):
            print(f"{name:26s} (no value for {', '.join(p for p in need if p not in params)})")
            continue
        bindings = {p: params[p] for p in need}
        osecs, orows = time_oxigraph(store, sparql, bindings, a.repeat)
        ox_times.append(osecs)
        if osecs >= 1.0:
            slow.append(name)
        rtxt = "-"
        rrows = ""
        if ds is not None:
            rsecs_q, rr = time_rdflib(ds, sparql, bindings, a.rdflib_timeout)
            rtxt = f">{a.rdflib_timeout:g}" if rsecs_q is None else f"{rsecs_q:.3f}"
            rrows = "" if rr is None else str(rr)
        print(f"{name:26s} {osecs:11.3f} {orows:6d}   {rtxt:>9s} {rrows:>6s}", flush=True)
    print()
    print(f"Oxigraph: {len(ox_times)} queries on {n} quads, median {statistics.median(ox_times):.3f} s, "
          f"max {max(ox_times):.3f} s; slower than 1 s: {', '.join(slow) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
