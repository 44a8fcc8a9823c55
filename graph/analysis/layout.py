"""What every export and picture shares: node positions, community colours and readable labels.

:func:`layout_positions` (a seeded spring layout, the ``x``/``y`` that GEXF
``viz:position`` and VOSviewer maps carry), :func:`community_colour` (the same
colour for community *c* in the PNGs and in Gephi), :func:`disambiguated_labels`
("self-efficacy (benefit)" only where two concepts of different types share a
label) and :func:`paper_label` (a paper as a reader names it: first author, year, short title).
"""
from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

#: the default of ``--min-papers`` for ``litkg export`` and ``litkg analyze`` (concepts in at least N papers)
DEFAULT_MIN_PAPERS = 2
#: largest graph laid out (bigger ones get no positions: Gephi and VOSviewer lay them out)
MAX_LAYOUT_NODES = 2000
#: community colours, community 1 first (matplotlib's tab20, reordered: strong colours before their light twins)
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
           "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7",
           "#dbdb8d", "#9edae5")


def community_colour(community: int) -> str:
    """The hex colour of community ``community`` (numbered from 1; 0 or less: grey).

    Examples
    --------
    >>> community_colour(1), community_colour(21), community_colour(0)
    ('#1f77b4', '#1f77b4', '#999999')
    """
    if community < 1:
        return "#999999"
    return PALETTE[(community - 1) % len(PALETTE)]


def hex_rgb(colour: str) -> tuple[int, int, int]:
    """``"#1f77b4"`` → ``(31, 119, 180)``.

    Examples
    --------
    >>> hex_rgb("#1f77b4")
    (31, 119, 180)
    """
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def layout_positions(g: nx.Graph, seed: int = 42, scale: float = 1000.0,
                     iterations: int = 80) -> dict[str, tuple[float, float]]:
    """Seeded Fruchterman-Reingold positions (weighted by ``log(1 + weight)``) in ``[-scale, scale]``.

    networkx's dense algorithm, in numpy for every size (networkx switches to a slow
    sparse loop above 500 nodes; igraph imports pyplot). Empty for an empty graph or
    one over :data:`MAX_LAYOUT_NODES` nodes. The same graph and seed always give the
    same positions.

    Examples
    --------
    >>> pos = layout_positions(nx.Graph([("a", "b")]))
    >>> sorted(pos), all(abs(c) <= 1000 for xy in pos.values() for c in xy)
    (['a', 'b'], True)
    """
    import numpy as np

    n = g.number_of_nodes()
    if n == 0 or n > MAX_LAYOUT_NODES:
        return {}
    nodes = sorted(g, key=str)
    index = {v: i for i, v in enumerate(nodes)}
    adj = np.zeros((n, n), dtype=np.float32)
    for u, v, d in g.edges(data=True):
        if u != v:
            w = math.log1p(max(float(d.get("weight", 1) or 1), 0.0))
            adj[index[u], index[v]] = adj[index[v], index[u]] = w
    pos = np.random.default_rng(seed).uniform(-1, 1, (n, 2)).astype(np.float32)
    k = math.sqrt(1.0 / n)
    t = max(float(np.ptp(pos[:, 0])), float(np.ptp(pos[:, 1]))) * 0.1
    dt = t / (iterations + 1)
    k2, inv_k = np.float32(k * k), np.float32(1.0 / k)
    for _ in range(iterations):
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        dist2 = np.maximum(dx * dx + dy * dy, np.float32(1e-4))
        force = k2 / dist2 - adj * np.sqrt(dist2) * inv_k
        disp = np.stack([(dx * force).sum(1), (dy * force).sum(1)], axis=1)
        length = np.maximum(np.sqrt((disp ** 2).sum(1)), 0.01)
        pos += disp * (np.float32(t) / length)[:, None]
        t -= dt
    pos -= pos.mean(0)
    span = float(np.abs(pos).max()) or 1.0
    pos = pos / span * scale
    return {str(v): (round(float(x), 3), round(float(y), 3)) for v, (x, y) in zip(nodes, pos)}


def disambiguated_labels(g: nx.Graph) -> dict[str, str]:
    """Node → label, with `` (type)`` added where nodes of different types share a label (case-insensitively).

    Examples
    --------
    >>> g = nx.Graph(); g.add_node("a", label="self-efficacy", type="benefit")
    >>> g.add_node("b", label="Self-efficacy", type="outcome"); g.add_node("c", label="anxiety", type="risk")
    >>> disambiguated_labels(g)
    {'a': 'self-efficacy (benefit)', 'b': 'Self-efficacy (outcome)', 'c': 'anxiety'}
    """
    types: dict[str, set[str]] = defaultdict(set)
    for _, d in g.nodes(data=True):
        types[str(d.get("label", "")).casefold()].add(str(d.get("type", "")))
    out = {}
    for n, d in g.nodes(data=True):
        label = str(d.get("label", n))
        ambiguous = len(types[label.casefold()]) > 1 and d.get("type")
        out[n] = f"{label} ({d['type']})" if ambiguous else label
    return out


def paper_label(first_author: str, year: int | None, title: str, authors: int = 1, width: int = 40) -> str:
    """A paper as a reader names it: ``"Smith et al. 2020: Text messaging for…"``.

    ``first_author`` is a name ("Jane Smith" or "Smith, Jane": the family name is
    kept), ``authors`` the length of the author list ("et al." when over 1), the
    title is cut at a word before ``width`` characters.

    Examples
    --------
    >>> paper_label("Jane Smith", 2020, "Text messaging for depression in primary care: a randomised trial", 3)
    'Smith et al. 2020: Text messaging for depression in…'
    >>> paper_label("", None, "")
    ''
    """
    author = first_author.strip()
    if "," in author:
        author = author.split(",", 1)[0]
    elif author:
        author = author.split()[-1]
    if author and authors > 1:
        author += " et al."
    title = " ".join(title.split())
    if len(title) > width:
        title = title[:width].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    head = " ".join(p for p in (author, str(year) if year else "") if p)
    return f"{head}: {title}" if head and title else head or title
