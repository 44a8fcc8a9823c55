"""GEXF 1.3 export for Gephi (static and dynamic), written with ``xml.etree``.

networkx writes GEXF 1.2draft and fails on list-valued or rdflib-term
attributes and on attributes whose type differs between nodes, so everything
is projected to plain string ids and one scalar type per attribute first
(:func:`sanitize`). The writer here emits GEXF 1.3 (``http://gexf.net/1.3``):
typed ``<attributes>`` declarations whose ids are the attribute names (JavaScript
readers such as graphology show the id), ``<attvalues>``, edge weights, the
``viz:`` colour (the node's ``community``, :func:`~litkg.graph.analysis.layout.community_colour`,
as in the report's pictures), size (by ``papers``) and position (the layout's
``x``/``y``, :func:`~litkg.graph.analysis.layout.layout_positions`) and, in
dynamic mode, one ``<spell>`` per run of consecutive years in which a node or
edge appears (its ``years`` attribute: papers per year), so Gephi's timeline
works. networkx reads the result back with ``nx.read_gexf``; :func:`write_gexf`
takes a graph and a path as ``nx.write_gexf`` does.
"""
from __future__ import annotations

import datetime as _dt
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Mapping

import networkx as nx

from litkg.graph.analysis.layout import community_colour, hex_rgb
from litkg.graph.errors import ExportError

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
#: attributes that never become GEXF attributes (structure, time or ``viz:`` position, written elsewhere)
RESERVED = {"label", "weight", "years", "x", "y"}
#: smallest and largest ``viz:size`` (a node in most papers gets the largest)
SIZE_RANGE = (4.0, 40.0)
_GEXF_TYPE = {bool: "boolean", int: "long", float: "double", str: "string"}


def _is_scalar(v: object) -> bool:
    return isinstance(v, (str, int, float, bool)) or v is None


def sanitize(g: nx.Graph) -> nx.Graph:
    """A copy of ``g`` with string ids and, per attribute name, one scalar type (bool, int, float or str).

    Mapping, list, tuple and set attributes (such as ``years``) are dropped;
    other non-scalar values become strings. Missing values are filled with the
    type's zero value so every node (edge) has every node (edge) attribute.

    Examples
    --------
    >>> g = nx.Graph(); g.add_node(1, papers=2, years={2020: 2}); g.add_node("b", papers=1.5)
    >>> sorted(sanitize(g).nodes(data=True))
    [('1', {'papers': 2.0}), ('b', {'papers': 1.5})]
    """
    out = g.__class__()
    out.graph.update({k: v for k, v in g.graph.items() if isinstance(v, (str, int, float))})

    def kinds(items):
        types: dict[str, type] = {}
        for _, d in items:
            for k, v in d.items():
                if isinstance(v, (Mapping, list, tuple, set, frozenset)) or v is None:
                    continue
                t = type(v)
                if t not in (str, int, float, bool):
                    t = str
                prev = types.get(k)
                if prev in (None, t):
                    types[k] = t
                elif {prev, t} <= {int, float, bool}:
                    types[k] = float if float in (prev, t) else int
                else:
                    types[k] = str
        return types

    node_types = kinds(g.nodes(data=True))
    edge_types = kinds(((u, v), d) for u, v, d in g.edges(data=True))
    zero = {str: "", int: 0, float: 0.0, bool: False}
    for n, d in g.nodes(data=True):
        out.add_node(str(n), **{k: _cast(d.get(k, zero[t]), t) for k, t in node_types.items()})
    for u, v, d in g.edges(data=True):
        out.add_edge(str(u), str(v), **{k: _cast(d.get(k, zero[t]), t) for k, t in edge_types.items()})
    return out


def _cast(value, t):
    if t is str:
        return value if isinstance(value, str) else ("" if value is None else str(value))
    try:
        return t(value)
    except (TypeError, ValueError):
        return t()


def year_runs(years: Mapping[int, object] | None) -> list[tuple[int, int]]:
    """Runs of consecutive years: ``{2015: 1, 2016: 2, 2019: 1}`` → ``[(2015, 2016), (2019, 2019)]``.

    Examples
    --------
    >>> year_runs({2015: 1, 2016: 2, 2019: 1})
    [(2015, 2016), (2019, 2019)]
    """
    ys = sorted(int(y) for y in (years or {}) if y)
    runs: list[tuple[int, int]] = []
    for y in ys:
        if runs and y == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], y)
        else:
            runs.append((y, y))
    return runs


def _time(year: int, end: bool, timeformat: str) -> str:
    if timeformat == "date":
        return f"{year:04d}-12-31" if end else f"{year:04d}-01-01"
    return str(year)


def _fmt(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def gexf_tree(g: nx.Graph, dynamic: bool = False, timeformat: str = "date", description: str = "",
              creator: str = "litkg") -> ET.ElementTree:
    """The GEXF 1.3 document of ``g`` as an ElementTree (see :func:`write_gexf`)."""
    if timeformat not in ("date", "integer"):
        raise ExportError(f"timeformat must be 'date' or 'integer', not {timeformat!r}")
    years_of_node = {str(n): d.get("years") or {} for n, d in g.nodes(data=True)}
    years_of_edge = {(str(u), str(v)): d.get("years") or {} for u, v, d in g.edges(data=True)}
    h = sanitize(g)
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", VIZ_NS)
    ET.register_namespace("xsi", XSI_NS)
    q = lambda tag: f"{{{GEXF_NS}}}{tag}"  # noqa: E731
    root = ET.Element(q("gexf"), {"version": "1.3", f"{{{XSI_NS}}}schemaLocation": SCHEMA_LOCATION})
    meta = ET.SubElement(root, q("meta"), {"lastmodifieddate": _dt.date.today().isoformat()})
    ET.SubElement(meta, q("creator")).text = creator
    ET.SubElement(meta, q("description")).text = description or str(g.graph.get("projection", "litkg graph"))
    gattrs = {"defaultedgetype": "directed" if g.is_directed() else "undirected",
              "mode": "dynamic" if dynamic else "static"}
    if dynamic:
        gattrs["timeformat"] = timeformat
        gattrs["timerepresentation"] = "interval"
        all_years = [y for ys in years_of_node.values() for y in ys if y]
        if all_years:
            gattrs["start"] = _time(min(all_years), False, timeformat)
            gattrs["end"] = _time(max(all_years), True, timeformat)
    graph = ET.SubElement(root, q("graph"), gattrs)

    def declare(cls: str, items) -> dict[str, str]:
        # Gephi's edge table reserves "Type" (directed/undirected): an edge attribute type is titled "relation"
        titles = {"type": "relation"} if cls == "edge" else {}
        types: dict[str, type] = {}
        for _, d in items:
            for k, v in d.items():
                if k not in RESERVED:
                    types.setdefault(k, type(v))
        ids = {}
        if types:
            el = ET.SubElement(graph, q("attributes"), {"class": cls, "mode": "static"})
            for k, t in types.items():
                ids[k] = titles.get(k, k)  # the id is the name: readers that show ids show the name
                ET.SubElement(el, q("attribute"), {"id": ids[k], "title": ids[k], "type": _GEXF_TYPE[t]})
        return ids

    node_ids = declare("node", h.nodes(data=True))
    edge_ids = declare("edge", [((u, v), d) for u, v, d in h.edges(data=True)])

    def attvalues(parent: ET.Element, d: Mapping, ids: Mapping[str, str]) -> None:
        if not ids:
            return
        avs = ET.SubElement(parent, q("attvalues"))
        for k, aid in ids.items():
            ET.SubElement(avs, q("attvalue"), {"for": aid, "value": _fmt(d[k])})

    def spells(parent: ET.Element, years: Mapping) -> None:
        runs = year_runs(years)
        if not runs:
            return
        el = ET.SubElement(parent, q("spells"))
        for a, b in runs:
            ET.SubElement(el, q("spell"), {"start": _time(a, False, timeformat), "end": _time(b, True, timeformat)})

    max_papers = max((float(d.get("papers", 0) or 0) for _, d in h.nodes(data=True)), default=0.0)
    v = lambda tag: f"{{{VIZ_NS}}}{tag}"  # noqa: E731

    def viz(parent: ET.Element, d: Mapping) -> None:
        if "community" in d:
            r, g_, b = hex_rgb(community_colour(int(d["community"])))
            ET.SubElement(parent, v("color"), {"r": str(r), "g": str(g_), "b": str(b)})
        if "x" in d and "y" in d:
            ET.SubElement(parent, v("position"), {"x": _fmt(float(d["x"])), "y": _fmt(float(d["y"])), "z": "0.0"})
        if "papers" in d and max_papers > 0:
            lo, hi = SIZE_RANGE
            size = lo + (hi - lo) * (max(float(d["papers"]), 0.0) / max_papers) ** 0.5
            ET.SubElement(parent, v("size"), {"value": _fmt(round(size, 2))})

    nodes = ET.SubElement(graph, q("nodes"))
    for n, d in h.nodes(data=True):
        el = ET.SubElement(nodes, q("node"), {"id": n, "label": str(d.get("label", n))})
        attvalues(el, d, node_ids)
        if dynamic:
            spells(el, years_of_node.get(n))
        viz(el, d)
    edges = ET.SubElement(graph, q("edges"))
    for i, (u, v, d) in enumerate(h.edges(data=True)):
        attrs = {"id": str(i), "source": u, "target": v}
        if "weight" in d:
            attrs["weight"] = _fmt(float(d["weight"]))
        if "label" in d:
            attrs["label"] = str(d["label"])
        el = ET.SubElement(edges, q("edge"), attrs)
        attvalues(el, d, edge_ids)
        if dynamic:
            spells(el, years_of_edge.get((u, v)) or years_of_edge.get((v, u)))
    ET.indent(root, space="  ")
    return ET.ElementTree(root)


def write_gexf(g: nx.Graph, path: str | Path, dynamic: bool = False, timeformat: str = "date",
               description: str = "") -> None:
    """Write ``g`` as GEXF 1.3 for Gephi.

    Parameters
    ----------
    g : networkx.Graph
        Any graph; ids become strings, attributes one scalar type each
        (:func:`sanitize`), ``label`` and ``weight`` become the GEXF node label and edge weight;
        ``community``, ``papers`` and ``x``/``y`` also give the ``viz:`` colour, size and position.
    path : str or Path
        Output file.
    dynamic : bool
        Write ``mode="dynamic"`` with one spell per run of consecutive years of each
        node's and edge's ``years`` attribute (papers per year).
    timeformat : {"date", "integer"}
        Spells as whole calendar years (``2015-01-01``..``2015-12-31``) or as integers.

    Examples
    --------
    >>> import tempfile, os
    >>> g = nx.Graph(); g.add_edge("a", "b", weight=2, years={2020: 1}); g.nodes["a"]["years"] = {2020: 1}
    >>> p = os.path.join(tempfile.mkdtemp(), "g.gexf"); write_gexf(g, p, dynamic=True)
    >>> h = nx.read_gexf(p); h.number_of_edges(), h.edges["a", "b"]["weight"]
    (1, 2.0)
    """
    tree = gexf_tree(g, dynamic=dynamic, timeformat=timeformat, description=description)
    tree.write(str(path), encoding="utf-8", xml_declaration=True)
