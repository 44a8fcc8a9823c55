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


_KEYWORDS = "SELECT|ASK|CONSTRUCT|DESCRIBE|PREFIX|BASE|WITH|INSERT|DELETE|LOAD|CLEAR|CREATE|DROP"
_SPARQL_START = re.compile(rf"\s*({_KEYWORDS})\b", re.I)


def looks_like_sparql(text: str) -> bool:
    """Whether a query argument is SPARQL text rather than a query name: it holds whitespace or braces, or
    starts with a SPARQL keyword or ``PREFIX``.

    >>> looks_like_sparql("SELEC ?x"), looks_like_sparql("ASK{}"), looks_like_sparql("platform_effects")
    (True, True, False)
    """
    return bool(re.search(r"[\s{}]", text) or _SPARQL_START.match(text))


def load_query(name_or_path: str) -> str:
    """The text of a named query, a ``.rq`` file, or the argument itself when it looks like SPARQL.

    SPARQL text is returned as it is, so a mistyped query gets the parser's message when it runs;
    a bare name that matches no named query is an error listing the named queries.

    Raises:
        QueryError: an unknown query name or a missing ``.rq`` file.
    """
    queries = named_queries()
    if name_or_path in queries:
        return queries[name_or_path].read_text(encoding="utf-8")
    p = Path(name_or_path)
    if _is_file(p) or (p.suffix in (".rq", ".sparql") and not re.search(r"[{}]", name_or_path)):
        if not p.exists():
            raise QueryError(f"{p}: no such query file")
        return p.read_text(encoding="utf-8")
    if looks_like_sparql(name_or_path):
        return name_or_path
    raise QueryError(f"unknown query {name_or_path!r}; named queries: {', '.join(queries) or 'none'}")


def _is_file(p: Path) -> bool:
    try:
        return p.is_file()
    except (OSError, ValueError):  # a long SPARQL text is no file name
        return False


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


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {_XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                                "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
                                "unsignedShort", "unsignedByte")}
_FLOATS = {_XSD + t for t in ("decimal", "float", "double")}


def typed_value(term) -> str | int | float | bool | None:
    """A Python value for a result term: ``int``, ``float`` or ``bool`` for literals of those XSD datatypes,
    ``None`` for unbound, else the string :func:`term_value` gives (IRIs, strings, dates, ill-typed numbers).

    >>> typed_value(ox.Literal("2", datatype=OX.xsd.integer)), typed_value(ox.Literal("true", datatype=OX.xsd.boolean))
    (2, True)
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt, text = term.datatype.value, term.value.strip()
        try:
            if dt in _INTEGERS:
                return int(text)
            if dt in _FLOATS and text.lower() not in ("nan", "inf", "-inf", "+inf", "infinity", "-infinity"):
                return float(text)
        except ValueError:
            return term.value
        if dt == _XSD + "boolean" and text in ("true", "false", "1", "0"):
            return text in ("true", "1")
    return term.value


def run_query(store: GraphStore, sparql: str, params: dict | None = None, typed: bool = False):
    """Run a SELECT or ASK query with bound parameters.

    Returns a ``bool`` for ASK; for SELECT the header (variable names) and the rows: strings
    (:func:`term_value`), or with ``typed`` the Python values of :func:`typed_value`.

    Raises:
        QueryError: a declared parameter is missing, or the query is neither SELECT nor ASK.
    """
    params = params or {}
    missing = [p for p in required_params(sparql) if p not in params]
    if missing:
        noun = "parameter" if len(missing) == 1 else "parameters"
        raise QueryError(f"missing {noun}: {', '.join(missing)} (give --param {missing[0]}=...)")
    result = store.query(sparql, params)
    if isinstance(result, (bool, ox.QueryBoolean)):  # pyoxigraph gives a QueryBoolean, not a bool
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        value = typed_value if typed else term_value
        header = [v.value for v in result.variables]
        rows = [[value(sol[v]) for v in header] for sol in result]
        return header, rows
    raise QueryError("only SELECT and ASK queries can be printed; use `litkg export` for graphs")


def format_result(result, fmt: str = "table") -> str:
    """Render a query result as an aligned table, CSV or JSON.

    JSON is a list of objects, one per row, keyed by variable name; its values are what the rows hold
    (typed with ``run_query(..., typed=True)``). ASK gives ``{"boolean": ...}`` in JSON, else true/false.
    """
    if isinstance(result, bool):
        return json.dumps({"boolean": result}) if fmt == "json" else str(result).lower()
    header, rows = result
    if fmt == "json":
        return json.dumps([dict(zip(header, r)) for r in rows], ensure_ascii=False, indent=1)
    rows = [[_text(c) for c in r] for r in rows]
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


def _text(cell) -> str:
    """A table or CSV cell as :func:`term_value` writes it, whether the rows are typed or not."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return str(cell).lower()
    return cell if isinstance(cell, str) else str(cell)


_SHORT = [(ids.CONCEPT, "concept:"), (ids.CANDIDATE, "candidate:"), (ids.ORG, "org:"), (ids.DOI, "doi:")]


def _shorten(value: str) -> str:
    for long, short in _SHORT:
        if value.startswith(long):
            return short + value[len(long):]
    return value
