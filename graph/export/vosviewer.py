"""VOSviewer files (``litkg export --format vosviewer`` and ``vosviewer-json``).

:func:`write_vosviewer` writes the map and network text files
(``<stem>_map.txt``, ``<stem>_network.txt``); :func:`write_vosviewer_json` one
JSON network (items, links, clusters). Clusters are the nodes' ``community`` + 1.
"""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

#: largest graph given x/y positions in VOSviewer files (networkx lays out bigger ones with scipy, slowly)
MAX_LAYOUT_NODES = 400


def vosviewer_paths(path: str | Path) -> list[Path]:
    """The map and network files :func:`write_vosviewer` writes for ``path``: a file name (its stem
    names both) or an existing directory (``graph_map.txt``, ``graph_network.txt`` in it).

    Examples
    --------
    >>> [p.name for p in vosviewer_paths("out/concepts")]
    ['concepts_map.txt', 'concepts_network.txt']
    """
    path = Path(path)
    folder, stem = (path, "graph") if path.is_dir() else (path.parent, path.name.split(".")[0])
    return [folder / f"{stem}_map.txt", folder / f"{stem}_network.txt"]


def _vos_items(g: nx.Graph) -> tuple[dict[str, int], dict[str, tuple[float, float]]]:
    """Item ids 1..n and, for graphs up to :data:`MAX_LAYOUT_NODES` nodes, spring-layout positions.

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
                d.get("community", 0) + 1, g.degree(n), round(g.degree(n, weight="weight"), 4),
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
    Path(path).write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
