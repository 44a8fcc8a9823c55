"""The thin ``litkg`` command: each subcommand validates its arguments and calls a library function.

Errors become one line on stderr and a non-zero exit status, never a traceback:
1 for an error, 2 for bad usage, 3 when some input records were skipped.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extract.errors import InputError, LitkgError

EXIT_ERROR, EXIT_USAGE, EXIT_SKIPPED = 1, 2, 3


def _inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="record files: plain-text abstracts, MEDLINE/.nbib, PubMed XML(.gz), RIS, JSON Lines")
    p.add_argument("--strict", action="store_true", help="stop at the first bad record instead of skipping it")
    p.add_argument("--no-open", dest="open_extraction", action="store_false",
                   help="vocabulary only: switch off the cue rules that find candidate concepts")


def _report_rejects(report) -> int:
    for r in report.rejected:
        print(f"litkg: skipped {r.message()}", file=sys.stderr)
    if report.rejected:
        print(f"litkg: {report.papers} papers read, {len(report.rejected)} skipped", file=sys.stderr)
        return EXIT_SKIPPED
    return 0


def cmd_extract(a: argparse.Namespace) -> int:
    from graph.workflow import ReadReport, check_output, extract_to_jsonl

    report = ReadReport()
    if a.output and a.output != "-":
        out = Path(a.output)
        check_output([out], a.force)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".part")
        with open(tmp, "w", encoding="utf-8") as fh:
            extract_to_jsonl(a.inputs, fh, strict=a.strict, open_extraction=a.open_extraction, report=report)
        tmp.replace(out)
        rejects = out.with_name(out.stem + ".rejects.jsonl")
        if report.rejected:
            report.write_rejects(rejects)
        elif rejects.exists():
            rejects.unlink()
    else:
        extract_to_jsonl(a.inputs, sys.stdout, strict=a.strict, open_extraction=a.open_extraction, report=report,
                         show_progress=False)
    return _report_rejects(report)


def cmd_build(a: argparse.Namespace) -> int:
    from graph.workflow import build

    summary = build(a.inputs, a.out, force=a.force, strict=a.strict, open_extraction=a.open_extraction)
    for line in summary.lines():
        print(line)
    return _report_rejects(summary.report)


def cmd_query(a: argparse.Namespace) -> int:
    from graph.query import format_result, load_query, parse_params, run_query
    from graph.store import GraphStore

    sparql = load_query(a.query)
    store = GraphStore(a.store, read_only=True)
    print(format_result(run_query(store, sparql, parse_params(a.param)), a.format))
    return 0


def cmd_queries(a: argparse.Namespace) -> int:
    from graph.query import describe, named_queries, required_params

    for name, path in named_queries().items():
        params = required_params(path.read_text(encoding="utf-8"))
        extra = f"  [--param {' '.join(p + '=...' for p in params)}]" if params else ""
        print(f"{name}{extra}\n    {describe(path)}")
    return 0


def cmd_evaluate(a: argparse.Namespace) -> int:
    from extract.evaluate import evaluate, format_scores

    scores = evaluate(a.gold, a.inputs, open_extraction=a.open_extraction, types=a.types.split(",") if a.types else None)
    print(format_scores(scores, as_json=a.json))
    return 0


def make_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="litkg", description="Turn a scientific literature into a knowledge graph.")
    ap.add_argument("--version", action="version", version=f"litkg {_version()}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("extract", help="extract typed, concept-linked mentions as JSON Lines",
                       description="One JSON object per paper: id, title, mentions (type, text, start, end, field, "
                                   "lang, concept, sentence, hedged, negated) and findings.")
    _inputs(p)
    p.add_argument("-o", "--output", help="output .jsonl (default: standard output)")
    p.add_argument("--force", action="store_true", help="overwrite the output file")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("build", help="build the graph: store, graph.trig and graph.gexf",
                       description="Read, extract and load into an embedded Oxigraph store under OUT/store; write "
                                   "OUT/graph.trig (one named graph per paper) and OUT/graph.gexf.")
    _inputs(p)
    p.add_argument("--out", default="output", help="output directory (default: output/)")
    p.add_argument("--force", action="store_true", help="overwrite graph.trig and graph.gexf")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("query", help="run a named query, a .rq file or a SPARQL string",
                       description="Run SPARQL over the store. Named queries: see `litkg queries`.")
    p.add_argument("query", metavar="SPARQL_OR_FILE", help="query name, .rq file or SPARQL text")
    p.add_argument("--store", default="output/store", help="store directory (default: output/store)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                   help="bind a query variable (repeatable); IRIs as http(s)://... or <...>")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("queries", help="list the named queries and the questions they answer")
    p.set_defaults(func=cmd_queries)

    p = sub.add_parser("evaluate", help="score extraction against a gold file (as shared/tools/score.py does)")
    p.add_argument("gold", metavar="GOLD.jsonl")
    _inputs(p)
    p.add_argument("--types", help="comma-separated entity types (default: all six)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.set_defaults(func=cmd_evaluate)
    return ap


def _version() -> str:
    from graph.workflow import software_version

    return software_version()


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``litkg`` console script."""
    parser = make_parser()
    a = parser.parse_args(argv)
    if not getattr(a, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return a.func(a)
    except InputError as e:
        print(f"litkg: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except LitkgError as e:
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
