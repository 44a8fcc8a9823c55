"""Graph exports for Gephi, VOSviewer and other network tools (``litkg export --format ...``).

One projection of the store (:data:`PROJECTIONS`: concept co-occurrence by
default) is annotated with communities and centralities and written as

``gexf``            GEXF 1.3, static (one file)
``gexf-dynamic``    GEXF 1.3 with per-year spells on nodes and edges (Gephi's timeline)
``graphml``         GraphML (networkx's writer, sanitised)
``csv``             Gephi spreadsheet tables: ``<stem>.nodes.csv`` (Id, Label, Interval, ...)
                    and ``<stem>.edges.csv`` (Source, Target, Type, Id, Label, Weight, Interval, ...)
``vosviewer``       VOSviewer map and network files: ``<stem>_map.txt`` and ``<stem>_network.txt``
``vosviewer-json``  VOSviewer JSON (network items, links, clusters)

Every node keeps a plain string id (its IRI, or an ISO code for countries) and
every attribute one scalar type; labels are in the language asked for.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Callable

import networkx as nx

from litkg.graph.errors import ExportError
from litkg.graph import analysis as A
from litkg.graph.export.gexf import sanitize, write_gexf, year_runs
from litkg.graph.store import GraphStore

GRAPH_FORMATS = ("gexf", "gexf-dynamic", "graphml", "csv", "vosviewer", "vosviewer-json")
PROJECTIONS = ("cooccurrence", "papers", "platform-effects", "institutions", "countries")
#: largest graph given x/y positions in VOSviewer files (networkx lays out bigger ones only with scipy)
MAX_LAYOUT_NODES = 400
_SUFFIX = {"gexf": ".gexf", "gexf-dynamic": ".gexf", "graphml": ".graphml", "csv": ".csv", "vosviewer": ".txt",
           "vosviewer-json": ".json"}


def projection(store: GraphStore, name: str = "cooccurrence", lang: str = "en", *,
               include_candidates: bool = False, min_papers: int = 1, weight: str = "papers") -> nx.Graph:
    """A named projection of the store with communities and centralities set (what the exporters write).

    ``cooccurrence`` concept co-occurrence (``weight``: papers or sentences);
    ``papers`` paper–concept–institution graph; ``platform-effects`` platform ×
    benefit/risk; ``institutions`` and ``countries`` collaboration.

    Examples
    --------
    >>> projection(GraphStore(), "countries").number_of_nodes()
    0
    """
    if name == "cooccurrence":
        g = A.concept_cooccurrence(store, weight=weight, include_candidates=include_candidates,
                                   min_papers=min_papers, lang=lang)
    elif name == "papers":
        g = A.paper_concept_graph(store, include_candidates=include_candidates, lang=lang)
    elif name == "platform-effects":
        g = A.platform_effect_graph(store, lang=lang, include_candidates=include_candidates)
    elif name == "institutions":
        g = A.collaboration_graph(store, "institution")
    elif name == "countries":
        g = A.collaboration_graph(store, "country")
    else:
        raise ExportError(f"unknown projection {name!r}; choose one of {', '.join(PROJECTIONS)}")
    g.graph["projection"] = name
    return A.annotate(g)


def output_paths(fmt: str, output: str | Path) -> list[Path]:
    """The files :func:`export_graph` writes for ``fmt`` at ``output``.

    ``output`` is a file name (its stem names the companion files of ``csv`` and
    ``vosviewer``) or, for those two, an existing directory.

    Examples
    --------
    >>> [p.name for p in output_paths("csv", "out/graph.csv")]
    ['graph.nodes.csv', 'graph.edges.csv']
    >>> [p.name for p in output_paths("vosviewer", "out/concepts")]
    ['concepts_map.txt', 'concepts_network.txt']
    """
    if fmt not in GRAPH_FORMATS:
        raise ExportError(f"unknown graph format {fmt!r}; choose one of {', '.join(GRAPH_FORMATS)}")
    output = Path(output)
    if fmt in ("csv", "vosviewer"):
        folder, stem = (output, "graph") if output.is_dir() else (output.parent, output.name.split(".")[0])
        if fmt == "csv":
            return [folder / f"{stem}.nodes.csv", folder / f"{stem}.edges.csv"]
        return [folder / f"{stem}_map.txt", folder / f"{stem}_network.txt"]
    return [output]


def export_graph(store: GraphStore, fmt: str, output: str | Path, lang: str = "en", *,
                 graph: str = "cooccurrence", include_candidates: bool = False, min_papers: int = 1,
                 g: nx.Graph | None = None) -> list[Path]:
    """Write one projection of ``store`` in a graph format; return the files written.

    Parameters
    ----------
    store : GraphStore
        The graph.
    fmt : str
        One of :data:`GRAPH_FORMATS`.
    output : str or Path
        Output file (see :func:`output_paths` for the multi-file formats).
    lang : {"en", "zh"}
        Language of the labels.
    graph : str
        One of :data:`PROJECTIONS`.
    include_candidates, min_papers
        Passed to the projection (see :func:`graph.analysis.concept_cooccurrence`).
    g : networkx.Graph, optional
        Write this (annotated) graph instead of projecting the store.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> [p.name for p in export_graph(GraphStore(), "csv", os.path.join(d, "x.csv"))]
    ['x.nodes.csv', 'x.edges.csv']
    """
    paths = output_paths(fmt, output)
    if g is None:
        g = projection(store, graph, lang, include_candidates=include_candidates, min_papers=min_papers)
    for p in paths:
        p.parent.mkdir(parents=True, exist_ok=True)
    WRITERS[fmt](g, paths)
    return paths


# --------------------------------------------------------------------------- writers

def _gexf(g: nx.Graph, paths: list[Path]) -> None:
    write_gexf(g, paths[0], dynamic=False)


def _gexf_dynamic(g: nx.Graph, paths: list[Path]) -> None:
    write_gexf(g, paths[0], dynamic=True, timeformat="date")


def _graphml(g: nx.Graph, paths: list[Path]) -> None:
    nx.write_graphml(sanitize(g), str(paths[0]), encoding="utf-8")


def interval(years) -> str:
    """Gephi's spreadsheet time-interval syntax for papers per year: ``<[2015,2016];[2019,2019]>``.

    Examples
    --------
    >>> interval({2015: 1, 2016: 3, 2019: 1})
    '<[2015,2016];[2019,2019]>'
    >>> interval({})
    ''
    """
    runs = year_runs(years)
    return "<" + ";".join(f"[{a},{b}]" for a, b in runs) + ">" if runs else ""


def _cell(value):
    return ("true" if value else "false") if isinstance(value, bool) else value


def _csv(g: nx.Graph, paths: list[Path]) -> None:
    nodes_path, edges_path = paths
    years_n = {str(n): d.get("years") for n, d in g.nodes(data=True)}
    years_e = {(str(u), str(v)): d.get("years") for u, v, d in g.edges(data=True)}
    h = sanitize(g)
    node_keys = sorted({k for _, d in h.nodes(data=True) for k in d} - {"label"})
    with open(nodes_path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Id", "Label", "Interval"] + node_keys)
        for n, d in h.nodes(data=True):
            w.writerow([n, d.get("label", n), interval(years_n.get(n))] + [_cell(d[k]) for k in node_keys])
    # Gephi reads "Type" as the edge direction: an edge attribute named type is written as "relation"
    edge_keys = sorted({k for _, _, d in h.edges(data=True) for k in d} - {"weight", "label"})
    etype = "Directed" if g.is_directed() else "Undirected"
    with open(edges_path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Source", "Target", "Type", "Id", "Label", "Weight", "Interval"]
                   + ["relation" if k == "type" else k for k in edge_keys])
        for i, (u, v, d) in enumerate(h.edges(data=True)):
            w.writerow([u, v, etype, i, d.get("label", ""), d.get("weight", 1), interval(years_e.get((u, v)))]
                       + [_cell(d[k]) for k in edge_keys])


def _vos_items(g: nx.Graph) -> tuple[dict[str, int], dict[str, tuple[float, float]]]:
    """Item ids 1..n and, for graphs small enough to lay out without scipy, spring-layout positions.

    Without positions VOSviewer computes its own layout when it opens the map."""
    ids = {n: i + 1 for i, n in enumerate(sorted(g, key=str))}
    pos = nx.spring_layout(g, seed=42, weight="weight") if 0 < g.number_of_nodes() <= MAX_LAYOUT_NODES else {}
    return ids, {n: (float(x), float(y)) for n, (x, y) in pos.items()}


def _avg_year(years) -> float:
    years = years or {}
    total = sum(years.values())
    return round(sum(y * c for y, c in years.items()) / total, 2) if total else 0.0


def _vos_label(text: str) -> str:
    text = " ".join(str(text).split())
    return f'"{text.replace(chr(34), chr(39))}"' if ("," in text or ";" in text or '"' in text) else text


def _vosviewer(g: nx.Graph, paths: list[Path]) -> None:
    map_path, net_path = paths
    ids, pos = _vos_items(g)
    with open(map_path, "w", encoding="utf-8", newline="") as fh:
        xy = ["x", "y"] if pos else []
        fh.write("\t".join(["id", "label", "description"] + xy + ["cluster", "weight<Links>",
                            "weight<Total link strength>", "weight<Papers>", "score<Avg. pub. year>"]) + "\n")
        for n in sorted(g, key=lambda n: ids[n]):
            d = g.nodes[n]
            coords = [round(c, 4) for c in pos[n]] if pos else []
            fh.write("\t".join(map(str, [ids[n], _vos_label(d.get("label", n)),
                                          _vos_label(f"{d.get('type', '')}: {n}")] + coords + [
                d.get("community", 0) + 1, g.degree(n), round(g.degree(n, weight="weight"), 4),
                d.get("papers", 0), _avg_year(d.get("years"))])) + "\n")
    with open(net_path, "w", encoding="utf-8", newline="") as fh:
        for u, v, d in g.edges(data=True):
            fh.write(f"{ids[u]}\t{ids[v]}\t{d.get('weight', 1)}\n")


def _vosviewer_json(g: nx.Graph, paths: list[Path]) -> None:
    ids, pos = _vos_items(g)
    items = []
    for n in sorted(g, key=lambda n: ids[n]):
        d = g.nodes[n]
        item = {"id": ids[n], "label": str(d.get("label", n)), "description": f"{d.get('type', '')}: {n}",
                "url": n if str(n).startswith("http") else ""}
        if pos:
            item.update(x=round(pos[n][0], 4), y=round(pos[n][1], 4))
        items.append({**item, "cluster": d.get("community", 0) + 1,
                      "weights": {"Links": g.degree(n), "Total link strength": g.degree(n, weight="weight"),
                                  "Papers": d.get("papers", 0)},
                      "scores": {"Avg. pub. year": _avg_year(d.get("years")),
                                 "Betweenness": round(d.get("betweenness", 0.0), 6)}})
    links = [{"source_id": ids[u], "target_id": ids[v], "strength": d.get("weight", 1)}
             for u, v, d in g.edges(data=True)]
    clusters = {}
    for _, d in g.nodes(data=True):
        if "community" in d:
            clusters[d["community"] + 1] = d.get("community_label", "")
    doc = {"network": {"items": items, "links": links,
                       "clusters": [{"cluster": c, "label": lab} for c, lab in sorted(clusters.items())]}}
    paths[0].write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")


WRITERS: dict[str, Callable[[nx.Graph, list[Path]], None]] = {
    "gexf": _gexf, "gexf-dynamic": _gexf_dynamic, "graphml": _graphml, "csv": _csv, "vosviewer": _vosviewer,
    "vosviewer-json": _vosviewer_json,
}


def default_output(fmt: str, graph: str = "cooccurrence", folder: str | Path = "output") -> Path:
    """Where ``litkg export`` writes when no output is given: ``output/<graph>[-dynamic].<ext>``.

    Examples
    --------
    >>> str(default_output("gexf-dynamic"))
    'output/cooccurrence-dynamic.gexf'
    """
    stem = graph + ("-dynamic" if fmt == "gexf-dynamic" else "")
    return Path(folder) / (stem + _SUFFIX[fmt])
