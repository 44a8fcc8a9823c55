"""The thin ``litkg`` command: each subcommand validates its arguments and calls a library function.

Errors become one line on stderr and a non-zero exit status, never a traceback:
1 for an error, 2 for bad usage, 3 when some input records were skipped.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from litkg.extract.errors import LitkgError
from litkg.graph.cli_args import count, inputs_args as _inputs

EXIT_ERROR, EXIT_USAGE, EXIT_SKIPPED = 1, 2, 3


def _model(a: argparse.Namespace) -> str | None:
    """The ``model`` argument of the extraction functions: ``None`` for --fast, else --model (default: bundled)."""
    from litkg.extract.pipeline import BUNDLED_MODEL

    if a.fast:
        return None
    return a.model or BUNDLED_MODEL


def _report_rejects(report) -> int:
    for r in report.rejected:
        print(f"litkg: skipped {r.message()}", file=sys.stderr)
    if report.rejected:
        print(f"litkg: {count(report.papers, 'paper')} read, {len(report.rejected)} skipped", file=sys.stderr)
        return EXIT_SKIPPED
    return 0


def cmd_extract(a: argparse.Namespace) -> int:
    from litkg.extract.jobs import ReadReport, extract_to_jsonl
    from litkg.extract.outputs import atomic_write, check_output

    report = ReadReport()
    if a.output and a.output != "-":
        out = Path(a.output)
        check_output([out], a.force)
        with atomic_write(out) as fh:
            extract_to_jsonl(a.inputs, fh, strict=a.strict, open_extraction=a.open_extraction, report=report,
                             model=_model(a))
        report.write_rejects(out.with_name(out.stem + ".rejects.jsonl"))
    else:
        extract_to_jsonl(a.inputs, sys.stdout, strict=a.strict, open_extraction=a.open_extraction, report=report,
                         show_progress=False, model=_model(a))
    return _report_rejects(report)


def cmd_build(a: argparse.Namespace) -> int:
    from litkg.graph.workflow import build

    summary = build(a.inputs, a.out, force=a.force, strict=a.strict, open_extraction=a.open_extraction,
                    store_path=a.store, model=_model(a), jobs=a.jobs, batch_size=a.batch_size, resume=a.resume,
                    rebuild=a.rebuild, dask=a.dask)
    for line in summary.lines():
        print(line)
    return _report_rejects(summary.report)


def cmd_query(a: argparse.Namespace) -> int:
    from litkg.graph.query import format_result, load_query, parse_params, run_query
    from litkg.graph.store import open_store

    sparql = load_query(a.query)
    store = open_store(a.store, read_only=True)
    print(format_result(run_query(store, sparql, parse_params(a.param), typed=a.format == "json"), a.format))
    return 0


def cmd_queries(a: argparse.Namespace) -> int:
    from litkg.graph.query import describe, named_queries, required_params

    for name, path in named_queries().items():
        params = required_params(path.read_text(encoding="utf-8"))
        extra = f"  [--param {' '.join(p + '=...' for p in params)}]" if params else ""
        print(f"{name}{extra}\n    {describe(path)}")
    return 0


RDF_EXPORT_FORMATS = ("trig", "nquads", "turtle", "jsonld")
GRAPH_EXPORT_FORMATS = ("gexf", "gexf-dynamic", "graphml", "csv", "vosviewer", "vosviewer-json")
DEFAULT_MIN_PAPERS = 2  # = litkg.graph.analysis.DEFAULT_MIN_PAPERS (not imported here: networkx loads slowly)


def cmd_export(a: argparse.Namespace) -> int:
    from litkg.graph.store import open_store
    from litkg.extract.outputs import check_output

    out = a.output if a.output and a.output != "-" else None
    if a.format in GRAPH_EXPORT_FORMATS:
        return _export_graph(a, out)
    if out:
        check_output([Path(out)], a.force)
    store = open_store(a.store, read_only=True)
    if a.format in RDF_EXPORT_FORMATS:
        from litkg.graph.export.rdf import export_rdf

        if out:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(out).with_name(Path(out).name + ".part")
            export_rdf(store, a.format, tmp)
            tmp.replace(out)
            print(f"wrote: {out}")
        else:
            export_rdf(store, a.format, "-")
        return 0
    raise LitkgError(f"export format {a.format!r} is not available in this version")


def _export_graph(a: argparse.Namespace, out: str | None) -> int:
    from litkg.graph.analysis import annotated_projection
    from litkg.graph.export.graphs import default_output, output_paths, write_graph
    from litkg.graph.store import open_store
    from litkg.extract.outputs import check_output

    target = Path(out) if out else default_output(a.format, a.graph)
    check_output(output_paths(a.format, target), a.force)
    store = open_store(a.store, read_only=True)
    g = annotated_projection(store, a.graph, a.lang, include_candidates=a.include_candidates,
                             min_papers=a.min_papers)
    for path in write_graph(g, target, a.format):
        print(f"wrote: {path}")
    return 0


def cmd_analyze(a: argparse.Namespace) -> int:
    from litkg.graph.report import OUTPUTS, analyze
    from litkg.graph.store import open_store
    from litkg.extract.outputs import check_output

    out = Path(a.out)
    check_output([out / name for name in OUTPUTS], a.force)
    result = analyze(open_store(a.store, read_only=True), out, lang=a.lang,
                     include_candidates=a.include_candidates, min_papers=a.min_papers)
    for line in result.lines():
        print(line)
    return 0


def cmd_serve(a: argparse.Namespace) -> int:
    from litkg.graph.serve import serve
    from litkg.graph.store import open_store

    serve(open_store(a.store, read_only=True), host=a.host, port=a.port, timeout=a.timeout,
          max_bytes=a.max_bytes, max_queries=a.max_queries, verbose=a.verbose, max_connections=a.max_connections,
          idle_timeout=a.idle_timeout, allow_service=a.allow_service)
    return 0


def cmd_evaluate(a: argparse.Namespace) -> int:
    from litkg.extract.evaluate import evaluate, format_scores

    scores = evaluate(a.gold, a.inputs, open_extraction=a.open_extraction,
                      types=a.types.split(",") if a.types else None, model=_model(a))
    print(format_scores(scores, as_json=a.json))
    return 0


def cmd_train(a: argparse.Namespace) -> int:
    from litkg.extract.learn.train import train
    from litkg.extract.outputs import check_output

    check_output([Path(a.out)], a.force)
    r = train(a.gold, a.inputs, a.out, threshold=a.threshold, limit=a.limit, progress=True)
    print(f"papers: {r.papers}, texts: {r.texts}, spans: " + ", ".join(f"{t} {n}" for t, n in r.spans.items()))
    if r.unmatched:
        print(f"gold strings not found in their paper's title or abstract: {r.unmatched}")
    print(f"wrote: {a.out}")
    if r.missing_papers:
        print(f"litkg: {count(len(r.missing_papers), 'gold paper')} not in the inputs, e.g. {r.missing_papers[0]}",
              file=sys.stderr)
        return EXIT_SKIPPED
    return 0


def _store_arg(p: argparse.ArgumentParser) -> None:
    from litkg.graph.cli_args import DEFAULT_STORE, STORE_HELP

    p.add_argument("--store", default=DEFAULT_STORE, metavar="PATH_OR_URL", help=STORE_HELP)


def cmd_suggest(a: argparse.Namespace) -> int:
    from litkg.extract.pipeline import extract_papers
    from litkg.extract.suggest import rank_candidates, to_turtle
    from litkg.extract.jobs import ReadReport, progress, unique_papers

    report = ReadReport()
    exs = progress(extract_papers(unique_papers(a.inputs, report, strict=a.strict), institutions=False),
                   desc="suggest")
    ranked = rank_candidates(exs, min_papers=a.min_papers, types=set(a.type) if a.type else None)[: a.top]
    print(to_turtle(ranked))
    return _report_rejects(report)


def make_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="litkg", description="Turn a scientific literature into a knowledge graph.")
    ap.add_argument("--version", action="version", version=f"litkg {_version()}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("extract", help="extract typed, concept-linked mentions as JSON Lines",
                       description="One JSON object per paper: id, title, mentions (type, text, start, end, field, "
                                   "lang, concept, sentence, hedged, negated) and findings.")
    _inputs(p)
    p.add_argument("-o", "--output", help="output .jsonl (default: standard output)")
    p.add_argument("--force", action="store_true", help="overwrite the output file (default: refuse)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("build", help="build the graph: store, graph.trig and graph.gexf",
                       description="Read, extract and load into an embedded Oxigraph store under OUT/store; write "
                                   "OUT/graph.trig (one named graph per paper) and OUT/graph.gexf.")
    _inputs(p)
    p.add_argument("--out", default="output", help="output directory (default: output/)")
    p.add_argument("--force", action="store_true", help="overwrite graph.trig and graph.gexf (default: refuse)")
    p.add_argument("--store", default=None, metavar="PATH_OR_URL",
                   help="store directory or http(s):// SPARQL store to load into (default: OUT/store)")
    p.add_argument("--jobs", type=_positive, default=1, metavar="N",
                   help="extract in N worker processes (default: 1); the graph is the same for any N")
    p.add_argument("--dask", metavar="SCHEDULER", help="extract on a dask.distributed cluster: a scheduler "
                   "address (tcp://host:8786) or 'local' for a local cluster of --jobs workers (default: no cluster)")
    p.add_argument("--resume", action="store_true",
                   help="continue the interrupted build in OUT (same inputs): committed papers are kept (default: off)")
    p.add_argument("--rebuild", action="store_true",
                   help="extract every paper again, even those the store already holds unchanged (default: off)")
    p.add_argument("--batch-size", type=_positive, default=250, metavar="N",
                   help="papers per store commit and journal entry (default: 250; memory grows with it)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("query", help="run a named query, a .rq file or a SPARQL string",
                       description="Run SPARQL over the store. Named queries: see `litkg queries`. After "
                                   "`litkg build --out X`, give --store X (the build folder) or X/store.")
    p.add_argument("query", metavar="SPARQL_OR_FILE", help="query name, .rq file or SPARQL text (anything with "
                   "spaces or braces, or starting with a SPARQL keyword or PREFIX, is parsed as SPARQL)")
    _store_arg(p)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="table (default), csv, or json: a list of objects, one per row, with numbers and booleans "
                        "typed from their XSD datatypes and null for unbound; ASK gives {\"boolean\": ...}")
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                   help="bind a query variable (repeatable; default: none); IRIs as http(s)://... or <...>")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("queries", help="list the named queries and the questions they answer",
                       description="List the queries bundled with litkg: each name, the --param values it needs "
                                   "and the question it answers. Run one with `litkg query NAME`.")
    p.set_defaults(func=cmd_queries)

    p = sub.add_parser("export", help="export the graph: RDF (trig, nquads, turtle, jsonld) or for Gephi",
                       description="Write the whole graph in one format to a file or standard output. RDF formats "
                                   "keep the named graphs (TriG, N-Quads, JSON-LD compacted with the project's "
                                   "prefixes) or merge them (Turtle). Graph formats write a projection with its "
                                   "communities (numbered from 1, as in `litkg analyze`), layout and colours. "
                                   "Output names: one file is written where -o says; csv and vosviewer write "
                                   "<stem>.<part>.<ext> beside it (-o co.csv: co.nodes.csv, co.edges.csv; "
                                   "-o co.vosviewer: co.map.txt, co.network.txt). Every file written is printed as "
                                   "'wrote: PATH'. Times are calendar years as dates (2015-01-01..2015-12-31) in "
                                   "GEXF spells and CSV intervals alike.")
    p.add_argument("--format", required=True, choices=RDF_EXPORT_FORMATS + GRAPH_EXPORT_FORMATS,
                   help="required: an RDF format (trig, nquads, turtle, jsonld) or a graph format for Gephi/VOSviewer")
    _store_arg(p)
    p.add_argument("-o", "--output", help="output file (default: standard output; graph formats: GRAPH.EXT in the "
                                            "store's build folder; csv and vosviewer write two files named after it)")
    p.add_argument("--lang", default="en", choices=["en", "zh"], help="label language for graph formats (default: en)")
    p.add_argument("--graph", default="cooccurrence",
                   choices=["cooccurrence", "papers", "platform-effects", "institutions", "countries"],
                   help="graph formats: which projection (default: concept co-occurrence)")
    p.add_argument("--include-candidates", action="store_true",
                   help="graph formats: keep candidate concepts (noisy; default: vocabulary concepts only)")
    p.add_argument("--min-papers", type=int, default=DEFAULT_MIN_PAPERS,
                   help=f"graph formats: concepts in at least N papers (default: {DEFAULT_MIN_PAPERS}, as analyze)")
    p.add_argument("--force", action="store_true", help="overwrite the output file (default: refuse)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("analyze", help="tables, pictures and a report on the graph (co-occurrence, communities, "
                                       "platform x benefit/risk, trends)",
                       description="Write OUT/report.md (read it first), PNG pictures (co-occurrence network by "
                                   "community, platform x benefit/risk heatmap, concept trends with bursts) and "
                                   "CSV tables.")
    _store_arg(p)
    p.add_argument("--out", help="output directory (default: analysis/ in the store's build folder)")
    p.add_argument("--lang", default="en", choices=["en", "zh"], help="label language (default: en)")
    p.add_argument("--include-candidates", action="store_true", help="keep candidate concepts (default: exclude)")
    p.add_argument("--min-papers", type=int, default=DEFAULT_MIN_PAPERS,
                   help=f"concepts in at least N papers (default: {DEFAULT_MIN_PAPERS}, as export)")
    p.add_argument("--force", action="store_true", help="overwrite earlier analysis files (default: refuse)")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("serve", help="serve the graph as a read-only SPARQL endpoint",
                       description="A read-only SPARQL 1.1 Protocol endpoint at http://HOST:PORT/query (GET and "
                                   "POST; updates refused). Results as SPARQL JSON, XML, CSV or TSV by Accept.")
    _store_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, loopback only)")
    p.add_argument("--port", type=int, default=7879, help="port (default: 7879; 0 picks a free one)")
    p.add_argument("--timeout", type=float, default=30.0, help="query time limit in seconds (default: 30)")
    p.add_argument("--max-bytes", type=int, default=50_000_000,
                   help="largest result to send, in bytes (default: 50000000)")
    p.add_argument("--max-queries", type=int, default=4,
                   help="queries run at once, each in its own worker process (default: 4)")
    p.add_argument("--max-connections", type=int, default=64, help="connections served at once (default: 64)")
    p.add_argument("--idle-timeout", type=float, default=10.0,
                   help="seconds a client may take to send its request (default: 10)")
    p.add_argument("--allow-service", action="store_true",
                   help="let queries federate with SERVICE (default: refused; the server then fetches nothing)")
    p.add_argument("--verbose", action="store_true", help="log every request on stderr (default: off)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("suggest", help="list the most frequent candidate concepts as SKOS Turtle to paste",
                       description="Run the cue rules over a corpus and print the candidate concepts found in the "
                                   "most papers as ready-to-paste SKOS entries for extract/vocab/<type>.ttl.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="record files to scan (formats as for extract)")
    p.add_argument("--top", type=int, default=30, help="how many candidates (default: 30)")
    p.add_argument("--min-papers", type=int, default=2, help="found in at least this many papers (default: 2)")
    p.add_argument("--type", action="append", choices=["platform", "benefit", "risk", "outcome", "population"],
                   help="only this entity type (repeatable; default: all)")
    p.add_argument("--strict", action="store_true", help="stop at the first bad record (default: skip it)")
    p.set_defaults(func=cmd_suggest)

    p = sub.add_parser("evaluate", help="score extraction against a gold file (as shared/tools/score.py does)",
                       description="Extract the INPUT records and score the mentions against GOLD.jsonl "
                                   "({id, entities: {type: [strings]}}): precision, recall and F1 per type and "
                                   "micro-averaged, with the matching rules of shared/tools/score.py.")
    p.add_argument("gold", metavar="GOLD.jsonl", help="annotated papers: {id, entities: {type: [strings]}}")
    _inputs(p)
    p.add_argument("--types", help="comma-separated entity types (default: all six)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON (default: a table)")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("train", help="train the tagger on a gold file (to adapt litkg to another field)",
                       description="Learn a tagger from annotated abstracts (GOLD.jsonl: {id, entities: {type: "
                                   "[strings]}} as the guidelines define; INPUT: the records holding their texts) "
                                   "and write it to MODEL_DIR, for --model on extract, build and evaluate.")
    p.add_argument("gold", metavar="GOLD.jsonl", help="annotated papers: {id, entities: {type: [strings]}}")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="record files holding the gold papers' texts")
    p.add_argument("--out", required=True, metavar="MODEL_DIR", help="the model directory to write")
    p.add_argument("--limit", type=int, help="train on the first N gold papers only (learning curves; default: all)")
    p.add_argument("--threshold", type=float, default=0.35,
                   help="a token joins a span when the tagger gives it at least this probability (default: 0.35)")
    p.add_argument("--force", action="store_true", help="replace an existing model directory (default: refuse)")
    p.set_defaults(func=cmd_train)
    return ap


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return n


def _version() -> str:
    from litkg.extract.version import software_version

    return software_version()


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``litkg`` console script."""
    parser = make_parser()
    a = parser.parse_args(argv)
    if not getattr(a, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        from litkg.graph.cli_args import prepare

        return a.func(prepare(a, GRAPH_EXPORT_FORMATS))
    except LitkgError as e:  # InputError included: it names the file and record
        print(f"litkg: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("litkg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as e:
        print(f"litkg: error: {e.filename or ''}{': ' if e.filename else ''}{e.strerror or e}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
