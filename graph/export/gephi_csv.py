"""Gephi's spreadsheet import: a nodes table and an edges table (``litkg export --format csv``).

``<stem>.nodes.csv`` has Id, Label, Interval and one column per node attribute;
``<stem>.edges.csv`` has Source, Target, Type, Id, Label, Weight, Interval and
one column per edge attribute. Interval is Gephi's time-interval syntax for the
``years`` attribute (papers per year), so the timeline works after import; its
bounds are dates, whole calendar years as in the dynamic GEXF's spells
(``<[2015-01-01,2016-12-31]>``).
"""
from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

from litkg.graph.export.gexf import _time, sanitize, year_runs
from litkg.graph.export.naming import part_paths


def csv_paths(path: str | Path) -> list[Path]:
    """The nodes and edges files :func:`write_gephi_csv` writes for ``path``: a file name (its stem
    names both) or an existing directory (``graph.nodes.csv``, ``graph.edges.csv`` in it).

    Examples
    --------
    >>> [p.name for p in csv_paths("out/graph.csv")]
    ['graph.nodes.csv', 'graph.edges.csv']
    """
    return part_paths(path, ("nodes.csv", "edges.csv"))


def interval(years, timeformat: str = "date") -> str:
    """Gephi's spreadsheet time-interval syntax for papers per year, in the dynamic GEXF's ``timeformat``.

    Examples
    --------
    >>> interval({2015: 1, 2016: 3, 2019: 1})
    '<[2015-01-01,2016-12-31];[2019-01-01,2019-12-31]>'
    >>> interval({2015: 1}, "integer"), interval({})
    ('<[2015,2015]>', '')
    """
    runs = year_runs(years)
    return "<" + ";".join(f"[{_time(a, False, timeformat)},{_time(b, True, timeformat)}]"
                          for a, b in runs) + ">" if runs else ""


def _cell(value):
    return ("true" if value else "false") if isinstance(value, bool) else value


def write_gephi_csv(g: nx.Graph, path: str | Path) -> None:
    """Write ``g`` as Gephi's nodes and edges tables, named after ``path`` (see :func:`csv_paths`).

    Gephi reads an edge column named Type as the edge direction, so an edge
    attribute ``type`` is written as ``relation``.

    Examples
    --------
    >>> import tempfile, os
    >>> g = nx.Graph(); g.add_edge("a", "b", weight=2, type="benefit", years={2020: 1})
    >>> p = os.path.join(tempfile.mkdtemp(), "g.csv"); write_gephi_csv(g, p)
    >>> open(csv_paths(p)[1], encoding="utf-8").readline().strip()
    'Source,Target,Type,Id,Label,Weight,Interval,relation'
    """
    nodes_path, edges_path = csv_paths(path)
    years_n = {str(n): d.get("years") for n, d in g.nodes(data=True)}
    years_e = {(str(u), str(v)): d.get("years") for u, v, d in g.edges(data=True)}
    h = sanitize(g)
    node_keys = sorted({k for _, d in h.nodes(data=True) for k in d} - {"label"})
    with open(nodes_path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Id", "Label", "Interval"] + node_keys)
        for n, d in h.nodes(data=True):
            w.writerow([n, d.get("label", n), interval(years_n.get(n))] + [_cell(d[k]) for k in node_keys])
    edge_keys = sorted({k for _, _, d in h.edges(data=True) for k in d} - {"weight", "label"})
    etype = "Directed" if g.is_directed() else "Undirected"
    with open(edges_path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Source", "Target", "Type", "Id", "Label", "Weight", "Interval"]
                   + ["relation" if k == "type" else k for k in edge_keys])
        for i, (u, v, d) in enumerate(h.edges(data=True)):
            w.writerow([u, v, etype, i, d.get("label", ""), d.get("weight", 1), interval(years_e.get((u, v)))]
                       + [_cell(d[k]) for k in edge_keys])
