"""Named SPARQL queries (``graph/queries/*.rq``), parameter binding and result formatting."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from litkg.extract import identifiers as ids
from litkg.graph.errors import QueryError
from litkg.graph.namespace import OX
from litkg.graph.store import GraphStore

QUERY_DIR = Path(__file__).with_name("queries")


def named_queries() -> dict[str, Path]:
    """Every bundled query by name (file stem)."""
    return {p.stem: p for p in sorted(QUERY_DIR.glob("*.rq"))}


def describe(path: Path) -> str:
    """The question a query answers: its leading ``#`` comment lines."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if not _PARAM.match(line):
            lines.append(line.lstrip("# ").rstrip())
    return " ".join(l for l in lines if l)


def load_query(name_or_path: str) -> str:
    """The text of a named query, a ``.rq`` file, or the argument itself when it is SPARQL."""
    queries = named_queries()
    if name_or_path in queries:
        return queries[name_or_path].read_text(encoding="utf-8")
    p = Path(name_or_path)
    if p.suffix in (".rq", ".sparql") or (p.exists() and p.is_file()):
        if not p.exists():
            raise QueryError(f"{p}: no such query file")
        return p.read_text(encoding="utf-8")
    if re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", name_or_path, re.I):
        return name_or_path
    raise QueryError(f"unknown query {name_or_path!r}; named queries: {', '.join(queries) or 'none'}")


def parse_params(pairs: Iterable[str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """``key=value`` pairs to SPARQL bindings: values in ``<...>`` or starting with http(s) are IRIs,
    integers are typed, anything else is a plain literal."""
    out: dict[str, ox.NamedNode | ox.Literal] = {}
    for pair in pairs:
        if "=" not in pair:
            raise QueryError(f"parameter {pair!r} is not key=value")
        key, value = pair.split("=", 1)
        key = key.strip().lstrip("?$")
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            raise QueryError(f"parameter name {key!r} is not a SPARQL variable name")
        if (value.startswith("<") and value.endswith(">")) or re.match(r"https?://", value):
            iri = value[1:-1] if value.startswith("<") else value
            try:
                out[key] = ox.NamedNode(iri)
            except ValueError as e:
                raise QueryError(f"parameter {key}: {iri!r} is not a valid IRI ({e})") from None
        elif re.fullmatch(r"-?\d+", value):
            out[key] = ox.Literal(value, datatype=OX.xsd.integer)
        else:
            out[key] = ox.Literal(value)
    return out


_PARAM = re.compile(r"^#\s*param:\s*\??(\w+)", re.M)


def required_params(sparql: str) -> list[str]:
    """Parameters a query declares with ``# param: name`` comment lines."""
    return _PARAM.findall(sparql)


def term_value(term) -> str:
    """A plain string for a result term (IRI or literal value; empty for unbound)."""
    if term is None:
        return ""
    return term.value


def run_query(store: GraphStore, sparql: str, params: dict | None = None) -> tuple[list[str], list[list[str]]] | bool:
    """Run a SELECT (→ header and rows of strings) or ASK (→ bool) query with bound parameters."""
    params = params or {}
    missing = [p for p in required_params(sparql) if p not in params]
    if missing:
        raise QueryError(f"missing parameter(s): {', '.join(missing)} (give --param {missing[0]}=...)")
    result = store.query(sparql, params)
    if isinstance(result, (bool, ox.QueryBoolean)):  # pyoxigraph gives a QueryBoolean, not a bool
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        header = [v.value for v in result.variables]
        rows = [[term_value(sol[v]) for v in header] for sol in result]
        return header, rows
    raise QueryError("only SELECT and ASK queries can be printed; use `litkg export` for graphs")


def format_result(result, fmt: str = "table") -> str:
    """Render a query result as an aligned table, CSV or JSON."""
    if isinstance(result, bool):
        return json.dumps({"boolean": result}) if fmt == "json" else str(result).lower()
    header, rows = result
    if fmt == "json":
        return json.dumps([dict(zip(header, r)) for r in rows], ensure_ascii=False, indent=1)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
        return buf.getvalue().rstrip("\n")
    short = [[_shorten(c) for c in r] for r in rows]
    widths = [max([len(h)] + [min(len(r[i]), 60) for r in short]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)),
             "  ".join("-" * w for w in widths)]
    for r in short:
        lines.append("  ".join((c if len(c) <= 60 else c[:57] + "...").ljust(w) for c, w in zip(r, widths)))
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


_SHORT = [(ids.CONCEPT, "concept:"), (ids.CANDIDATE, "candidate:"), (ids.ORG, "org:"), (ids.DOI, "doi:")]


def _shorten(value: str) -> str:
    for long, short in _SHORT:
        if value.startswith(long):
            return short + value[len(long):]
    return value
