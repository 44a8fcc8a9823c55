"""Graph exports for Gephi, VOSviewer and other network tools (``litkg export --format ...``).

Every writer takes a networkx graph and a path, as networkx's own do
(``write_gexf(g, path)``; read GEXF and GraphML back with ``nx.read_gexf`` and
``nx.read_graphml``); :func:`write_graph` picks one by format name:

``gexf``            GEXF 1.3, static (one file): :func:`~litkg.graph.export.gexf.write_gexf`
``gexf-dynamic``    GEXF 1.3 with per-year spells on nodes and edges (Gephi's timeline)
``graphml``         GraphML (networkx's writer, sanitised): :func:`~litkg.graph.export.graphml.write_graphml`
``csv``             Gephi spreadsheet tables: ``<stem>.nodes.csv`` (Id, Label, Interval, ...)
                    and ``<stem>.edges.csv`` (Source, Target, Type, Id, Label, Weight, Interval, ...):
                    :func:`~litkg.graph.export.gephi_csv.write_gephi_csv`
``vosviewer``       VOSviewer map and network files: ``<stem>.map.txt`` and ``<stem>.network.txt``:
                    :func:`~litkg.graph.export.vosviewer.write_vosviewer`
``vosviewer-json``  VOSviewer JSON (network items, links, clusters)

Naming (:data:`NAMING`): one file is written where ``-o`` says; formats of two
files write ``<stem>.<part>.<ext>`` next to it, ``<stem>`` being the output's
name up to its first dot (``-o co.csv`` and ``-o co.vosviewer`` give
``co.nodes.csv``/``co.edges.csv`` and ``co.map.txt``/``co.network.txt``). Time
is whole calendar years as dates everywhere (GEXF spells and the CSV
``Interval``: ``2015-01-01``..``2015-12-31``); communities are numbered from 1
(report, GEXF, CSV, VOSviewer clusters alike).

The graph is usually a projection with communities and centralities set,
:func:`litkg.graph.analysis.annotated_projection`. Every node keeps a plain
string id (its IRI, or an ISO code for countries) and every attribute one
scalar type.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Callable

import networkx as nx

from litkg.graph.errors import ExportError
from litkg.graph.export.gephi_csv import csv_paths, write_gephi_csv
from litkg.graph.export.gexf import write_gexf
from litkg.graph.export.graphml import write_graphml
from litkg.graph.export.vosviewer import vosviewer_paths, write_vosviewer, write_vosviewer_json

GRAPH_FORMATS = ("gexf", "gexf-dynamic", "graphml", "csv", "vosviewer", "vosviewer-json")
WRITERS: dict[str, Callable[[nx.Graph, str | Path], None]] = {
    "gexf": partial(write_gexf, dynamic=False),
    "gexf-dynamic": partial(write_gexf, dynamic=True, timeformat="date"),
    "graphml": write_graphml,
    "csv": write_gephi_csv,
    "vosviewer": write_vosviewer,
    "vosviewer-json": write_vosviewer_json,
}
"""Format name → writer ``(g, path)``."""
NAMING = ("one file: the output as given; two files: <stem>.<part>.<ext> beside it (co.csv -> co.nodes.csv, "
          "co.edges.csv; co.vosviewer -> co.map.txt, co.network.txt); RDF: the output as given")
"""The output naming convention, as ``litkg export --help`` prints it."""
_SUFFIX = {"gexf": ".gexf", "gexf-dynamic": ".gexf", "graphml": ".graphml", "csv": ".csv", "vosviewer": ".txt",
           "vosviewer-json": ".json"}


def _check(fmt: str) -> None:
    if fmt not in GRAPH_FORMATS:
        raise ExportError(f"unknown graph format {fmt!r}; choose one of {', '.join(GRAPH_FORMATS)}")


def output_paths(fmt: str, output: str | Path) -> list[Path]:
    """The files :func:`write_graph` writes for ``fmt`` at ``output``.

    ``output`` is a file name (its stem names the companion files of ``csv`` and
    ``vosviewer``) or, for those two, an existing directory.

    Examples
    --------
    >>> [p.name for p in output_paths("csv", "out/graph.csv")]
    ['graph.nodes.csv', 'graph.edges.csv']
    >>> [p.name for p in output_paths("vosviewer", "out/concepts.vosviewer")]
    ['concepts.map.txt', 'concepts.network.txt']
    """
    _check(fmt)
    if fmt == "csv":
        return csv_paths(output)
    if fmt == "vosviewer":
        return vosviewer_paths(output)
    return [Path(output)]


def write_graph(g: nx.Graph, path: str | Path, fmt: str) -> list[Path]:
    """Write ``g`` at ``path`` in the graph format ``fmt`` (one of :data:`GRAPH_FORMATS`); return the files written.

    Folders are created. An unknown format, or a file that cannot be written,
    raises :class:`~litkg.graph.errors.ExportError`.

    Examples
    --------
    >>> import tempfile, os
    >>> g = nx.Graph([("a", "b")])
    >>> [p.name for p in write_graph(g, os.path.join(tempfile.mkdtemp(), "x.csv"), "csv")]
    ['x.nodes.csv', 'x.edges.csv']
    """
    paths = output_paths(fmt, path)
    try:
        for p in paths:
            p.parent.mkdir(parents=True, exist_ok=True)
        WRITERS[fmt](g, path if fmt in ("csv", "vosviewer") else paths[0])
    except OSError as e:
        raise ExportError(f"{e.filename or path}: cannot write {fmt}: {e.strerror or e}") from e
    return paths


def default_output(fmt: str, graph: str = "cooccurrence", folder: str | Path = "output") -> Path:
    """Where ``litkg export`` writes when no output is given: ``output/<graph>[-dynamic].<ext>``.

    Examples
    --------
    >>> str(default_output("gexf-dynamic"))
    'output/cooccurrence-dynamic.gexf'
    """
    _check(fmt)
    return Path(folder) / ((graph + ("-dynamic" if fmt == "gexf-dynamic" else "")) + _SUFFIX[fmt])
