"""VOSviewer files (``litkg export --format vosviewer`` and ``vosviewer-json``).

:func:`write_vosviewer` writes the map and network text files
(``<stem>.map.txt``, ``<stem>.network.txt``: the export's naming, ``<stem>.<part>.<ext>``);
:func:`write_vosviewer_json` one JSON network (items, links, clusters). Clusters are
the nodes' ``community`` (numbered from 1, as in the report); items get the
nodes' layout position ``x``, ``y`` (computed when the graph has none).
"""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from litkg.graph.analysis.layout import MAX_LAYOUT_NODES, layout_positions
from litkg.graph.export.naming import part_paths


def vosviewer_paths(path: str | Path) -> list[Path]:
    """The map and network files :func:`write_vosviewer` writes for ``path``: a file name (its stem
    names both) or an existing directory (``graph.map.txt``, ``graph.network.txt`` in it).

    Examples
    --------
    >>> [p.name for p in vosviewer_paths("out/concepts.vosviewer")]
    ['concepts.map.txt', 'concepts.network.txt']
    """
    return part_paths(path, ("map.txt", "network.txt"))


def _vos_items(g: nx.Graph) -> tuple[dict[str, int], dict[str, tuple[float, float]]]:
    """Item ids 1..n and positions: the nodes' ``x``/``y`` (the analysis layout, as in the GEXF), else
    :func:`~litkg.graph.analysis.layout.layout_positions` for graphs up to :data:`MAX_LAYOUT_NODES` nodes.

    Without positions VOSviewer computes its own layout when it opens the map."""
    ids = {n: i + 1 for i, n in enumerate(sorted(g, key=str))}
    if g.number_of_nodes() and all("x" in d and "y" in d for _, d in g.nodes(data=True)):
        return ids, {n: (float(d["x"]), float(d["y"])) for n, d in g.nodes(data=True)}
    pos = layout_positions(g)
    return ids, {n: pos[str(n)] for n in g} if pos else {}


def _cluster(d: dict) -> int:
    """VOSviewer cluster of a node: its ``community`` (numbered from 1), 1 when it has none."""
    return max(int(d.get("community", 1)), 1)


def _avg_year(years) -> float:
    years = years or {}
    total = sum(years.values())
    return round(sum(y * c for y, c in years.items()) / total, 2) if total else 0.0


def _vos_label(text: str) -> str:
    text = " ".join(str(text).split())
    return f'"{text.replace(chr(34), chr(39))}"' if ("," in text or ";" in text or '"' in text) else text


def write_vosviewer(g: nx.Graph, path: str | Path) -> None:
    """Write ``g`` as a VOSviewer map file and network file named after ``path`` (see :func:`vosviewer_paths`).

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "g.txt"); write_vosviewer(nx.Graph([("a", "b")]), p)
    >>> open(vosviewer_paths(p)[1], encoding="utf-8").read()
    '1\\t2\\t1\\n'
    """
    map_path, net_path = vosviewer_paths(path)
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
                _cluster(d), g.degree(n), round(g.degree(n, weight="weight"), 4),
                d.get("papers", 0), _avg_year(d.get("years"))])) + "\n")
    with open(net_path, "w", encoding="utf-8", newline="") as fh:
        for u, v, d in g.edges(data=True):
            fh.write(f"{ids[u]}\t{ids[v]}\t{d.get('weight', 1)}\n")


def write_vosviewer_json(g: nx.Graph, path: str | Path) -> None:
    """Write ``g`` as one VOSviewer JSON network: items (with scores and weights), links and cluster labels.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "g.json"); write_vosviewer_json(nx.Graph([("a", "b")]), p)
    >>> len(json.load(open(p, encoding="utf-8"))["network"]["links"])
    1
    """
    ids, pos = _vos_items(g)
    items = []
    for n in sorted(g, key=lambda n: ids[n]):
        d = g.nodes[n]
        item = {"id": ids[n], "label": str(d.get("label", n)), "description": f"{d.get('type', '')}: {n}",
                "url": n if str(n).startswith("http") else ""}
        if pos:
            item.update(x=round(pos[n][0], 4), y=round(pos[n][1], 4))
        items.append({**item, "cluster": _cluster(d),
                      "weights": {"Links": g.degree(n), "Total link strength": g.degree(n, weight="weight"),
                                  "Papers": d.get("papers", 0)},
                      "scores": {"Avg. pub. year": _avg_year(d.get("years")),
                                 "Betweenness": round(d.get("betweenness", 0.0), 6)}})
    links = [{"source_id": ids[u], "target_id": ids[v], "strength": d.get("weight", 1)}
             for u, v, d in g.edges(data=True)]
    clusters = {}
    for _, d in g.nodes(data=True):
        if "community" in d:
            clusters[_cluster(d)] = d.get("community_label", "")
    doc = {"network": {"items": items, "links": links,
                       "clusters": [{"cluster": c, "label": lab} for c, lab in sorted(clusters.items())]}}
    Path(path).write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
