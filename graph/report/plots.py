"""The pictures of ``litkg analyze``, drawn on :class:`matplotlib.figure.Figure` objects.

Each ``*_figure`` function returns a new Figure and never touches pyplot's
state or the backend, so a notebook keeps its inline backend: display the
figure (``display(fig)`` or as a cell's last value) or write it with
:func:`save_figure`. PNGs are rendered with Agg whatever the backend is.

:func:`cooccurrence_figure`     concept co-occurrence backbone: fill = community, shape = entity type
:func:`platform_effects_figure` platform x benefit/risk heatmaps: asserted, hedged, negated apart
:func:`trends_figure`           papers per year, top concepts per year, Kleinberg bursts
"""
from __future__ import annotations

import math
import warnings
from pathlib import Path

import networkx as nx
import numpy as np
from matplotlib import colormaps, font_manager, rcParams
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from litkg.graph.analysis.layout import community_colour

TYPE_COLOURS = {"platform": "#1f77b4", "benefit": "#2ca02c", "risk": "#d62728", "outcome": "#9467bd",
                "population": "#8c564b"}
TYPE_MARKERS = {"platform": "s", "benefit": "^", "risk": "v", "outcome": "o", "population": "D"}
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei",
             "Source Han Sans SC", "AR PL UMing CN", "Droid Sans Fallback")


def cjk_font(lang: str) -> bool:
    """Pick a CJK-capable font for Chinese labels; False when none is installed (glyphs then show as boxes).

    For ``lang="zh"`` the font goes first in ``rcParams["font.sans-serif"]``; other
    languages change nothing.

    Examples
    --------
    >>> cjk_font("en")
    True
    """
    if lang != "zh":
        return True
    names = {f.name for f in font_manager.fontManager.ttflist}
    for cand in CJK_FONTS:
        if cand in names:
            if rcParams["font.sans-serif"][:1] != [cand]:  # called once per picture: add it once
                rcParams["font.sans-serif"] = [cand] + [f for f in rcParams["font.sans-serif"] if f != cand]
            rcParams["font.family"] = "sans-serif"
            return True
    warnings.filterwarnings("ignore", message="Glyph .* missing from font")
    return False


def save_figure(fig: Figure, path: str | Path) -> Path:
    """Write ``fig`` to ``path`` (format from the suffix, PNG for the report), cropped to what is drawn.

    Examples
    --------
    >>> import tempfile, os
    >>> fig = Figure(); _ = fig.subplots().plot([1, 2])
    >>> p = save_figure(fig, os.path.join(tempfile.mkdtemp(), "f.png")); p.read_bytes()[:4]
    b'\\x89PNG'
    """
    fig.savefig(path, bbox_inches="tight")
    return Path(path)


def backbone(g: nx.Graph, max_nodes: int = 45, top_edges: int = 3, min_weight: int = 2) -> nx.Graph:
    """A legible subgraph for drawing: the ``max_nodes`` concepts in most papers, and for each of
    them its ``top_edges`` strongest ties of at least ``min_weight`` (the rest is what makes hairballs).

    Examples
    --------
    >>> g = nx.complete_graph(["a", "b", "c", "d"]); nx.set_edge_attributes(g, 2, "weight")
    >>> nx.set_node_attributes(g, 1, "papers")
    >>> backbone(g, top_edges=1).number_of_edges() <= 4
    True
    """
    keep = sorted(g, key=lambda n: (-g.nodes[n].get("papers", 0), str(n)))[:max_nodes]
    sub = g.subgraph(keep)
    h = nx.Graph()
    h.add_nodes_from((n, g.nodes[n]) for n in keep)
    for n in keep:
        ties = sorted(((d.get("weight", 1), m) for _, m, d in sub.edges(n, data=True)
                       if d.get("weight", 1) >= min_weight), reverse=True)[:top_edges]
        for w, m in ties:
            h.add_edge(n, m, weight=w)
    return h


def _spread(pos: dict, min_dist: float, iterations: int = 200) -> dict:
    """Push apart nodes closer than ``min_dist`` (so their labels do not sit on each other)."""
    keys = list(pos)
    xy = np.array([pos[k] for k in keys], dtype=float)
    for _ in range(iterations):
        diff = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt((diff ** 2).sum(-1)) + np.eye(len(keys))
        close = (dist < min_dist) & ~np.eye(len(keys), dtype=bool)
        if not close.any():
            break
        push = (diff / dist[..., None]) * ((min_dist - dist) * close)[..., None]
        xy += 0.5 * push.sum(1)
    return {k: tuple(v) for k, v in zip(keys, xy)}


def cooccurrence_figure(g: nx.Graph, title: str = "", subtitle: str = "", max_nodes: int = 45,
                        lang: str = "en") -> Figure:
    """The co-occurrence backbone (see :func:`backbone`): fill = community, shape = entity type,
    size = papers, line width = shared papers. ``g`` needs ``community`` (and ``community_label``) set.

    Examples
    --------
    >>> cooccurrence_figure(nx.Graph()).axes[0].texts[0].get_text()
    'no concepts to draw'
    """
    cjk_font(lang)
    h = backbone(g, max_nodes=max_nodes)
    fig = Figure(figsize=(16, 12), dpi=110)
    ax = fig.subplots()
    ax.set_axis_off()
    if h.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no concepts to draw", ha="center", va="center", fontsize=14)
        return fig
    n = h.number_of_nodes()
    lay = h.copy()
    for _, _, d in lay.edges(data=True):
        d["lw"] = math.log1p(d["weight"])  # damp the hubs' pull so the periphery stays readable
    pos = nx.spring_layout(lay, weight="lw", k=3.0 / math.sqrt(n), iterations=500, seed=7)
    pos = _spread(pos, min_dist=0.19)
    comm = {x: h.nodes[x].get("community", 0) for x in h}
    max_w = max((d["weight"] for _, _, d in h.edges(data=True)), default=1)
    for u, v, d in h.edges(data=True):
        same = comm[u] == comm[v]
        ax.plot(*zip(pos[u], pos[v]), color=community_colour(comm[u]) if same else "#aaaaaa",
                alpha=0.55 if same else 0.35, linewidth=0.6 + 6.0 * d["weight"] / max_w, zorder=1)
    max_p = max(h.nodes[x].get("papers", 1) for x in h) or 1
    for t, marker in TYPE_MARKERS.items():
        xs = [x for x in h if h.nodes[x].get("type") == t]
        if not xs:
            continue
        ax.scatter([pos[x][0] for x in xs], [pos[x][1] for x in xs], marker=marker,
                   s=[90 + 2400 * h.nodes[x].get("papers", 1) / max_p for x in xs],
                   c=[community_colour(comm[x]) for x in xs], edgecolors="#333333", linewidths=0.8, zorder=2)
    ax.margins(0.06)
    ax.set_xlim(ax.get_xlim())  # fix the limits the labels are placed against
    ax.set_ylim(ax.get_ylim())
    place_labels(fig, ax, [(f"{h.nodes[x].get('label', x)} ({h.nodes[x].get('papers', 0)})", pos[x],
                            math.sqrt(90 + 2400 * h.nodes[x].get("papers", 1) / max_p) / 2)
                           for x in sorted(h, key=lambda x: (-h.nodes[x].get("papers", 0), str(x)))])
    labels = {}
    for x in g:
        c = g.nodes[x].get("community")
        if c is not None and c not in labels:
            labels[c] = g.nodes[x].get("community_label", str(c))
    handles = [Line2D([], [], marker="o", linestyle="", markersize=12, color=community_colour(c),
                      label=f"{c}: {lab}") for c, lab in sorted(labels.items()) if any(comm[x] == c for x in h)]
    leg1 = ax.legend(handles=handles, title="colour: community (its top concepts)", loc="upper left",
                     bbox_to_anchor=(1.0, 1.0), fontsize=10, title_fontsize=10, frameon=True)
    ax.add_artist(leg1)
    leg1.set_clip_on(False)  # add_artist clips it to the axes: unclipped, the figure's tight bounding box has it
    type_handles = [Line2D([], [], marker=m, linestyle="", markersize=10, markerfacecolor="white",
                           markeredgecolor="#333333", label=t) for t, m in TYPE_MARKERS.items()]
    ax.legend(handles=type_handles, title="shape: entity type", loc="lower left", bbox_to_anchor=(1.0, 0.0),
              fontsize=10, title_fontsize=10)
    ax.set_title((title or "Concept co-occurrence") + ("\n" + subtitle if subtitle else ""), fontsize=13)
    return fig


def place_labels(fig: Figure, ax, items: list[tuple[str, tuple[float, float], float]], keep: int = 12,
                 fontsize: int = 10) -> list:
    """Label points without overlaps: each label goes above, below, right or left of its point
    (``radius`` points away), the first place that overlaps no label already placed.

    ``items`` are ``(text, (x, y), radius)``, most important first. The first
    ``keep`` are always labelled (at their least crowded place); a later one that
    fits nowhere is left unlabelled. Returns the texts drawn.

    Examples
    --------
    >>> fig = Figure(); ax = fig.subplots(); _ = ax.set_xlim(0, 1), ax.set_ylim(0, 1)
    >>> len(place_labels(fig, ax, [("a", (0.5, 0.5), 5), ("b", (0.5, 0.5), 5)], keep=1))
    2
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    placed, texts = [], []
    for i, (text, xy, r) in enumerate(items):
        spots = [((0, r + 3), "center", "bottom"), ((0, -r - 3), "center", "top"),
                 ((r + 3, 0), "left", "center"), ((-r - 3, 0), "right", "center"),
                 ((r + 2, r + 2), "left", "bottom"), ((-r - 2, r + 2), "right", "bottom"),
                 ((r + 2, -r - 2), "left", "top"), ((-r - 2, -r - 2), "right", "top")]
        best = None
        for offset, ha, va in spots:
            t = ax.annotate(text, xy, xytext=offset, textcoords="offset points", fontsize=fontsize, ha=ha, va=va,
                            zorder=3, bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.75})
            box = t.get_window_extent(renderer).expanded(1.02, 1.08)
            clash = sum(box.overlaps(b) for b in placed)
            if best is None or clash < best[0]:
                if best is not None:
                    best[1].remove()
                best = (clash, t, box)
            else:
                t.remove()
            if clash == 0:
                break
        clash, t, box = best
        if clash and i >= keep:
            t.remove()
            continue
        placed.append(box)
        texts.append(t)
    return texts


def platform_effects_figure(table: list[dict], max_effects: int = 18, max_platforms: int = 14,
                            include_candidates: bool = False, lang: str = "en") -> Figure:
    """Heatmaps of platform × benefit/risk papers (rows of
    :func:`~litkg.graph.analysis.platform_effect_table`) in three panels: asserted, hedged and negated.

    Examples
    --------
    >>> [ax.get_title(loc="left")[:8] for ax in platform_effects_figure([]).axes]
    ['asserted', 'hedged: ']
    """
    cjk_font(lang)
    rows = [r for r in table if include_candidates or not r["candidate"]]
    plat_total: dict[str, int] = {}
    eff_total: dict[tuple[str, str], int] = {}
    plabel, elabel = {}, {}
    for r in rows:
        plat_total[r["platform"]] = plat_total.get(r["platform"], 0) + r["papers"]
        key = (r["type"], r["effect"])
        eff_total[key] = eff_total.get(key, 0) + r["papers"]
        plabel[r["platform"]], elabel[r["effect"]] = r["platform_label"], r["effect_label"]
    platforms = sorted(plat_total, key=lambda p: (-plat_total[p], plabel[p]))[:max_platforms]
    top = sorted(eff_total, key=lambda k: (-eff_total[k], elabel[k[1]]))[:max_effects]
    effects = sorted(top, key=lambda k: (k[0] != "benefit", -eff_total[k], elabel[k[1]]))
    cell = {(r["platform"], r["effect"]): r for r in rows}
    panels = [p for p in ("asserted", "hedged", "negated") if p != "negated" or any(r["negated"] for r in rows)]
    missing = [p for p in ("asserted", "hedged", "negated") if p not in panels]
    vmax = max([max(r[p] for p in panels) for r in rows] or [1])
    fig = Figure(figsize=(3.5 + 0.62 * max(len(effects), 1),
                          1.6 + len(panels) * (0.9 + 0.42 * max(len(platforms), 1))), dpi=110)
    axes = fig.subplots(len(panels), 1, sharex=True, squeeze=False)
    axes = axes[:, 0]
    for ax, panel in zip(axes, panels):
        m = [[cell.get((p, e), {}).get(panel, 0) for _, e in effects] for p in platforms]
        ax.imshow(m if m and m[0] else [[0]], cmap={"negated": "Reds", "hedged": "Oranges"}.get(panel, "Blues"),
                  vmin=0, vmax=vmax, aspect="auto")
        for i, row in enumerate(m):
            for j, v in enumerate(row):
                if v:
                    ax.text(j, i, str(v), ha="center", va="center", fontsize=11,
                            color="white" if v > vmax * 0.6 else "black")
        nb = sum(1 for t, _ in effects if t == "benefit")
        if 0 < nb < len(effects):
            ax.axvline(nb - 0.5, color="black", linewidth=1.5)
        total = sum(map(sum, m)) if m else 0
        article = "an" if panel == "asserted" else "a"
        ax.set_title(f"{panel}: papers with {article} {panel} finding ({total} in all)", fontsize=11, loc="left")
        ax.set_yticks(range(len(platforms)))
        ax.set_yticklabels([plabel[p] for p in platforms], fontsize=10)
    ax = axes[-1]
    ax.set_xticks(range(len(effects)))
    ax.set_xticklabels([elabel[e] for _, e in effects], rotation=50, ha="right", fontsize=10)
    for tick, (t, _) in zip(ax.get_xticklabels(), effects):
        tick.set_color(TYPE_COLOURS.get(t, "black"))
    note = f" (no {' or '.join(missing)} findings)" if missing else ""
    fig.suptitle("Platforms x the benefits (green) and risks (red) they are said to bring" + note, fontsize=12)
    fig.tight_layout()
    return fig


def trends_figure(trends: dict, bursts: list[dict], top: int = 8, lang: str = "en") -> Figure:
    """Papers per year; the ``top`` concepts' papers per year; the bursts as bars on a timeline
    (from :func:`~litkg.graph.analysis.concept_trends` and :func:`~litkg.graph.analysis.concept_bursts`).

    Examples
    --------
    >>> trends_figure({"years": [], "totals": {}, "concepts": {}}, []).axes[0].texts[0].get_text()
    'no dated papers'
    """
    cjk_font(lang)
    years = trends["years"]
    fig = Figure(figsize=(12, 12), dpi=110)
    axes = fig.subplots(3, 1, sharex=True, gridspec_kw={"height_ratios": [1, 2.2, 1.6]})
    if not years:
        for ax in axes:
            ax.text(0.5, 0.5, "no dated papers", ha="center", va="center", transform=ax.transAxes)
        return fig
    totals = [trends["totals"][y] for y in years]
    axes[0].bar(years, totals, color="#777777")
    axes[0].set_ylabel("papers")
    axes[0].set_title(f"Papers per year ({trends.get('undated', 0)} undated papers not shown)", fontsize=11)
    concepts = sorted(trends["concepts"].items(), key=lambda kv: (-kv[1]["papers"], kv[1]["label"]))[:top]
    cmap = colormaps["tab10"]
    for i, (_, info) in enumerate(concepts):
        axes[1].plot(years, info["counts"], marker="o", markersize=4, linewidth=2, color=cmap(i % 10),
                     label=f"{info['label']} ({info['papers']})")
    axes[1].set_ylabel("papers mentioning the concept")
    axes[1].legend(fontsize=9, ncol=2, loc="upper left", title=f"top {len(concepts)} concepts (papers)")
    axes[1].set_title("Most mentioned linked concepts per year", fontsize=11)
    shown = bursts[:12]
    for i, b in enumerate(shown):
        col = TYPE_COLOURS.get(b["type"], "#333333")
        axes[2].barh(i, b["end"] - b["start"] + 0.8, left=b["start"] - 0.4, color=col, alpha=0.75)
        text = f"{b['label']} ({b['papers_in_burst']}/{b['papers']} papers)"
        right, left = years[-1] - b["end"], b["start"] - years[0]  # the label goes where there is room
        if max(right, left) < 4:
            axes[2].text(b["start"] - 0.3, i, text, va="center", ha="left", fontsize=9)  # on the bar
        elif right >= left:
            axes[2].text(b["end"] + 0.5, i, text, va="center", ha="left", fontsize=9)
        else:
            axes[2].text(b["start"] - 0.5, i, text, va="center", ha="right", fontsize=9)
    axes[2].set_yticks([])
    axes[2].set_ylim(-0.8, max(len(shown), 1) - 0.2)
    axes[2].invert_yaxis()
    axes[2].set_title("Bursts (Kleinberg, s=2, gamma=1): years a concept's share of the papers rose "
                      "(faster than the literature)", fontsize=11)
    types = [t for t in TYPE_COLOURS if any(b["type"] == t for b in shown)]
    if types:
        axes[2].legend(handles=[Patch(color=TYPE_COLOURS[t], alpha=0.75, label=t) for t in types],
                       title="entity type", fontsize=9, title_fontsize=9, loc="upper left",
                       bbox_to_anchor=(1.0, 1.0))
    if not shown:
        axes[2].text(0.5, 0.5, "no bursts detected", ha="center", va="center", transform=axes[2].transAxes)
    axes[2].set_xlim(years[0] - 0.8, years[-1] + 0.8)
    axes[2].set_xticks(years)
    axes[2].tick_params(axis="x", rotation=45)
    fig.tight_layout()
    return fig
