"""RDF exports of the store: TriG, N-Quads, Turtle and JSON-LD.

Quad formats (TriG, N-Quads, JSON-LD) keep the named graphs (one per paper,
plus the vocabulary, ontology and runs graphs); Turtle writes the union of all
graphs, each triple once. Output is sorted, so the same store always gives
the same bytes. JSON-LD is compacted with the project's ``@context`` (the
prefixes of :data:`~litkg.graph.namespace.PREFIXES`: ``"litkg:year"``,
``"@type": "schema:ScholarlyArticle"``), about half the size of expanded JSON-LD;
any JSON-LD processor expands it back to the same quads.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from litkg.graph.errors import StoreError
from litkg.graph.namespace import PREFIXES
from litkg.graph.store import FORMATS, QUAD_FORMATS

RDF_FORMATS: dict[str, ox.RdfFormat] = {k: FORMATS[k] for k in ("trig", "nquads", "turtle", "jsonld")}
"""Format name (as ``litkg export --format`` takes it) → pyoxigraph format."""

_PREFIXED = {"trig", "turtle"}
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def jsonld_context() -> dict[str, str]:
    """The ``@context`` of the JSON-LD export: prefix → namespace IRI (:data:`~litkg.graph.namespace.PREFIXES`).

    Examples
    --------
    >>> jsonld_context()["schema"]
    'https://schema.org/'
    """
    return dict(PREFIXES)


def _compactor(context: dict[str, str]):
    """A function IRI → compact IRI (``prefix:suffix``, longest namespace first) or the IRI unchanged."""
    spaces = sorted(((iri, p) for p, iri in context.items()), key=lambda t: -len(t[0]))
    terms = set(context)

    def compact(iri: str) -> str:
        for ns, p in spaces:
            if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith("//"):
                return f"{p}:{iri[len(ns):]}"
        if iri.split(":", 1)[0] in terms:  # would read as a compact IRI: cannot be written compactly
            raise StoreError(f"IRI {iri!r} starts with a JSON-LD prefix of the context")
        return iri
    return compact


def compact_jsonld(expanded: list, context: dict[str, str] | None = None) -> dict:
    """Expanded JSON-LD (a list of node objects, named graphs included) compacted with ``context``.

    IRIs become compact IRIs, ``rdf:type`` becomes ``@type``, plain string
    literals plain strings and one-element lists their element; typed and
    language-tagged literals keep their value objects, so expanding the result
    gives exactly the quads of ``expanded``.

    Examples
    --------
    >>> doc = [{"@id": "https://schema.org/x", "https://schema.org/name": [{"@value": "X"}],
    ...         "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": [{"@id": "https://schema.org/Thing"}]}]
    >>> compact_jsonld(doc, {"schema": "https://schema.org/"})["@graph"]
    [{'@id': 'schema:x', 'schema:name': 'X', '@type': 'schema:Thing'}]
    """
    context = jsonld_context() if context is None else context
    compact = _compactor(context)

    def one(values: list):
        return values[0] if len(values) == 1 else values

    def value(v):
        if not isinstance(v, dict):
            return v
        if set(v) == {"@value"} and isinstance(v["@value"], str):
            return v["@value"]
        if "@value" in v:
            return {**v, "@type": compact(v["@type"])} if "@type" in v else v
        if set(v) == {"@id"}:
            return {"@id": compact(v["@id"])}
        return node(v)

    def node(n: dict) -> dict:
        out: dict = {}
        for k, vs in n.items():
            if k == "@id":
                out[k] = compact(vs)
            elif k == "@graph":
                out[k] = [node(x) for x in vs]
            elif k == "@type":
                out[k] = one([compact(t) for t in vs])
            elif k.startswith("@"):
                out[k] = vs
            elif k == _RDF_TYPE and all(set(v) == {"@id"} and not v["@id"].startswith("_:") for v in vs):
                out["@type"] = one([compact(v["@id"]) for v in vs])
            else:
                out[compact(k)] = one([value(v) for v in vs])
        return out

    return {"@context": context, "@graph": [node(n) for n in expanded]}


def store_quads(store) -> list[ox.Quad]:
    """Every quad of a :class:`~graph.store.GraphStore` or :class:`~graph.store.RemoteStore`, sorted."""
    quads = list(store.quads())
    quads.sort(key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    return quads


def export_rdf(store, fmt: str, output: str | Path | BinaryIO | None = None) -> bytes | None:
    """Serialize the whole store as RDF.

    Args:
        store: The store to export (embedded or remote).
        fmt: ``trig``, ``nquads``, ``turtle`` or ``jsonld``.
        output: A path, a binary file, ``"-"`` for standard output, or ``None`` to return bytes.

    Returns:
        The serialization when ``output`` is ``None``, else ``None``.

    Raises:
        StoreError: an unknown format or an unreadable store.

    Examples:
        >>> from litkg.graph.store import GraphStore
        >>> export_rdf(GraphStore(), "nquads")
        b''
    """
    if fmt not in RDF_FORMATS:
        raise StoreError(f"unknown RDF format {fmt!r}; choose from {', '.join(RDF_FORMATS)}")
    quads = store_quads(store)
    prefixes = PREFIXES if fmt in _PREFIXED else None
    if fmt in QUAD_FORMATS:
        items: list = quads
    else:
        seen: set[ox.Triple] = set()
        items = []
        for q in quads:
            t = ox.Triple(q.subject, q.predicate, q.object)
            if t not in seen:
                seen.add(t)
                items.append(t)
        items.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    if output == "-":
        output = sys.stdout.buffer
    if isinstance(output, Path):
        output = str(output)
    if fmt == "jsonld":
        doc = compact_jsonld(json.loads(ox.serialize(items, format=RDF_FORMATS[fmt]) or b"[]"))
        data = (json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        if output is None:
            return data
        if isinstance(output, str):
            Path(output).write_bytes(data)
        else:
            output.write(data)
        return None
    data = ox.serialize(items, output, format=RDF_FORMATS[fmt], prefixes=prefixes)
    if output is None:
        return data if data is not None else b""
    return None
