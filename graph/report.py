"""``litkg analyze``: tables (CSV), pictures (PNG) and a Markdown report a reviewer reads first.

:func:`analyze` runs every projection and measure of :mod:`graph.analysis` on a
store and writes, into one folder::

    report.md                    the summary, with the pictures and top-10 tables inline
    cooccurrence.png             concept co-occurrence network coloured by community
    platform_effects.png         platform x benefit/risk heatmaps: asserted, hedged, negated kept apart
    trends.png                   papers per year, top concepts per year, Kleinberg bursts
    concepts.csv                 concept nodes: papers, community, centralities
    cooccurrence_edges.csv       concept pairs: shared papers and sentences
    communities.csv              community id, label (its top concepts), size, members
    bridging.csv                 concepts tying communities together (participation coefficient)
    platform_effects.csv         platform x effect: asserted, hedged, negated papers
    trends.csv, bursts.csv       papers per concept and year; bursts
    institutions.csv, countries.csv, country_links.csv   collaboration

Matplotlib runs on the Agg backend (no display needed).
"""
from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import networkx as nx

from litkg.graph import analysis as A
from litkg.graph.store import GraphStore

TYPE_COLOURS = {"platform": "#1f77b4", "benefit": "#2ca02c", "risk": "#d62728", "outcome": "#9467bd",
                "population": "#8c564b"}
OUTPUTS = ("report.md", "cooccurrence.png", "platform_effects.png", "trends.png", "concepts.csv",
           "cooccurrence_edges.csv", "communities.csv", "bridging.csv", "platform_effects.csv", "trends.csv",
           "bursts.csv", "institutions.csv", "countries.csv", "country_links.csv")


@dataclass
class AnalysisResult:
    """What :func:`analyze` found and wrote."""

    out_dir: Path
    files: list[Path] = field(default_factory=list)
    summary: dict = field(default_factory=dict)

    def lines(self) -> list[str]:
        s = self.summary
        return [f"papers: {s.get('papers', 0)} ({s.get('dated', 0)} dated)",
                f"concepts: {s.get('concepts', 0)} in {s.get('communities', 0)} communities",
                f"report: {self.out_dir / 'report.md'}",
                f"wrote: {len(self.files)} files in {self.out_dir}"]


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _write_csv(path: Path, rows: list[dict], columns: list[str] | None = None) -> Path:
    columns = columns or (list(rows[0]) if rows else [])
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: ("true" if v is True else "false" if v is False else v) for k, v in r.items()})
    return path


CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei",
             "Source Han Sans SC", "AR PL UMing CN", "Droid Sans Fallback")


def _font(lang: str) -> bool:
    """Pick a CJK-capable font for Chinese labels; False when none is installed (glyphs then show as boxes)."""
    if lang != "zh":
        return True
    import warnings

    from matplotlib import font_manager, rcParams

    names = {f.name for f in font_manager.fontManager.ttflist}
    for cand in CJK_FONTS:
        if cand in names:
            if rcParams["font.sans-serif"][:1] != [cand]:  # called once per picture: add it once
                rcParams["font.sans-serif"] = [cand] + [f for f in rcParams["font.sans-serif"] if f != cand]
            rcParams["font.family"] = "sans-serif"
            return True
    warnings.filterwarnings("ignore", message="Glyph .* missing from font")
    return False


# --------------------------------------------------------------------------- pictures

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


TYPE_MARKERS = {"platform": "s", "benefit": "^", "risk": "v", "outcome": "o", "population": "D"}


def _spread(pos: dict, min_dist: float, iterations: int = 200) -> dict:
    """Push apart nodes closer than ``min_dist`` (so their labels do not sit on each other)."""
    import numpy as np

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


def draw_cooccurrence(g: nx.Graph, path: Path, title: str = "", subtitle: str = "", max_nodes: int = 45,
                      lang: str = "en") -> Path:
    """Draw the co-occurrence backbone (see :func:`backbone`): fill = community, shape = entity type,
    size = papers, line width = shared papers."""
    plt = _plt()
    _font(lang)
    from matplotlib.lines import Line2D

    h = backbone(g, max_nodes=max_nodes)
    fig, ax = plt.subplots(figsize=(16, 12), dpi=110)
    ax.set_axis_off()
    if h.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no concepts to draw", ha="center", va="center", fontsize=14)
        fig.savefig(path, bbox_inches="tight")
        plt.close(fig)
        return path
    n = h.number_of_nodes()
    lay = h.copy()
    for _, _, d in lay.edges(data=True):
        d["lw"] = math.log1p(d["weight"])  # damp the hubs' pull so the periphery stays readable
    pos = nx.spring_layout(lay, weight="lw", k=3.0 / math.sqrt(n), iterations=500, seed=7)
    pos = _spread(pos, min_dist=0.19)
    cmap = plt.get_cmap("Set2" if len({h.nodes[x].get("community", 0) for x in h}) <= 8 else "tab20")
    comm = {x: h.nodes[x].get("community", 0) for x in h}
    max_w = max((d["weight"] for _, _, d in h.edges(data=True)), default=1)
    for u, v, d in h.edges(data=True):
        same = comm[u] == comm[v]
        ax.plot(*zip(pos[u], pos[v]), color=cmap(comm[u] % cmap.N) if same else "#aaaaaa",
                alpha=0.55 if same else 0.35, linewidth=0.6 + 6.0 * d["weight"] / max_w, zorder=1)
    max_p = max(h.nodes[x].get("papers", 1) for x in h) or 1
    for t, marker in TYPE_MARKERS.items():
        xs = [x for x in h if h.nodes[x].get("type") == t]
        if not xs:
            continue
        ax.scatter([pos[x][0] for x in xs], [pos[x][1] for x in xs], marker=marker,
                   s=[90 + 2400 * h.nodes[x].get("papers", 1) / max_p for x in xs],
                   c=[cmap(comm[x] % cmap.N) for x in xs], edgecolors="#333333", linewidths=0.8, zorder=2)
    for x in h:
        d = h.nodes[x]
        r = math.sqrt(90 + 2400 * d.get("papers", 1) / max_p) / 2
        ax.annotate(f"{d.get('label', x)} ({d.get('papers', 0)})", pos[x], xytext=(0, r + 3),
                    textcoords="offset points", fontsize=10, ha="center", va="bottom", zorder=3,
                    bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.7})
    labels = {}
    for x in g:
        c = g.nodes[x].get("community")
        if c is not None and c not in labels:
            labels[c] = g.nodes[x].get("community_label", str(c))
    handles = [Line2D([], [], marker="o", linestyle="", markersize=12, color=cmap(c % cmap.N),
                      label=f"{c}: {lab}") for c, lab in sorted(labels.items()) if any(comm[x] == c for x in h)]
    leg1 = ax.legend(handles=handles, title="colour: community (its top concepts)", loc="upper left",
                     bbox_to_anchor=(1.0, 1.0), fontsize=10, title_fontsize=10, frameon=True)
    ax.add_artist(leg1)
    type_handles = [Line2D([], [], marker=m, linestyle="", markersize=10, markerfacecolor="white",
                           markeredgecolor="#333333", label=t) for t, m in TYPE_MARKERS.items()]
    ax.legend(handles=type_handles, title="shape: entity type", loc="lower left", bbox_to_anchor=(1.0, 0.0),
              fontsize=10, title_fontsize=10)
    ax.set_title((title or "Concept co-occurrence") + ("\n" + subtitle if subtitle else ""), fontsize=13)
    ax.margins(0.06)
    fig.savefig(path, bbox_inches="tight", bbox_extra_artists=[leg1])
    plt.close(fig)
    return path


def draw_platform_effects(table: list[dict], path: Path, max_effects: int = 18, max_platforms: int = 14,
                          include_candidates: bool = False, lang: str = "en") -> Path:
    """Heatmaps of platform × benefit/risk papers in three panels: asserted, hedged and negated."""
    plt = _plt()
    _font(lang)
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
    fig, axes = plt.subplots(len(panels), 1, figsize=(3.5 + 0.62 * max(len(effects), 1),
                                                      1.6 + len(panels) * (0.9 + 0.42 * max(len(platforms), 1))),
                             dpi=110, sharex=True, squeeze=False)
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
        ax.set_title(f"{panel}: papers with {'an' if panel == 'asserted' else 'a'} {panel} finding ({total} in all)", fontsize=11, loc="left")
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
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
    return path


def draw_trends(trends: dict, bursts: list[dict], path: Path, top: int = 8, lang: str = "en") -> Path:
    """Papers per year; the ``top`` concepts' papers per year; the bursts as bars on a timeline."""
    plt = _plt()
    _font(lang)
    years = trends["years"]
    fig, axes = plt.subplots(3, 1, figsize=(12, 12), dpi=110, sharex=True,
                             gridspec_kw={"height_ratios": [1, 2.2, 1.6]})
    if not years:
        for ax in axes:
            ax.text(0.5, 0.5, "no dated papers", ha="center", va="center", transform=ax.transAxes)
        fig.savefig(path, bbox_inches="tight")
        plt.close(fig)
        return path
    totals = [trends["totals"][y] for y in years]
    axes[0].bar(years, totals, color="#777777")
    axes[0].set_ylabel("papers")
    axes[0].set_title(f"Papers per year ({trends.get('undated', 0)} undated papers not shown)", fontsize=11)
    concepts = sorted(trends["concepts"].items(), key=lambda kv: (-kv[1]["papers"], kv[1]["label"]))[:top]
    cmap = plt.get_cmap("tab10")
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
        axes[2].text(b["end"] + 0.5, i, f"{b['label']} ({b['papers_in_burst']}/{b['papers']} papers)",
                     va="center", fontsize=9)
    axes[2].set_yticks([])
    axes[2].set_ylim(-0.8, max(len(shown), 1) - 0.2)
    axes[2].invert_yaxis()
    axes[2].set_title("Bursts (Kleinberg, s=2, gamma=1): years a concept is mentioned unusually often; "
                      "colour = entity type", fontsize=11)
    if not shown:
        axes[2].text(0.5, 0.5, "no bursts detected", ha="center", va="center", transform=axes[2].transAxes)
    axes[2].set_xlim(years[0] - 0.8, years[-1] + 4.5)
    axes[2].set_xticks(years)
    axes[2].tick_params(axis="x", rotation=45)
    fig.tight_layout()
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
    return path


# --------------------------------------------------------------------------- the job

def _md_table(rows: Iterable[dict], columns: list[str], headers: list[str] | None = None) -> str:
    rows = list(rows)
    if not rows:
        return "_(none)_\n"
    headers = headers or columns
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    for r in rows:
        cells = []
        for c in columns:
            v = r.get(c, "")
            v = f"{v:.3f}" if isinstance(v, float) else str(v)
            cells.append(v.replace("|", "\\|"))
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def analyze(store: GraphStore, out_dir: str | Path, *, lang: str = "en", include_candidates: bool = False,
            min_papers: int = 2, seed: int = 42) -> AnalysisResult:
    """Run the analyses on ``store`` and write tables, pictures and ``report.md`` into ``out_dir``.

    Parameters
    ----------
    store : GraphStore
        The graph (embedded or remote store).
    out_dir : str or Path
        Folder for the outputs (created; existing files are replaced: the CLI checks ``--force``).
    lang : {"en", "zh"}
        Language of the concept labels.
    include_candidates : bool
        Keep candidate concepts in the co-occurrence analysis (default: vocabulary concepts only).
    min_papers : int
        Keep concepts mentioned by at least this many papers.

    Examples
    --------
    >>> import tempfile
    >>> r = analyze(GraphStore(), tempfile.mkdtemp())
    >>> (r.out_dir / "report.md").exists(), r.summary["papers"]
    (True, 0)
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    rows = A.mention_rows(store, include_negated=True)
    labels = A.concept_labels(store, lang)
    papers_rows = A._rows(store, "papers")
    g = A.concept_cooccurrence(store, include_candidates=include_candidates, min_papers=min_papers, lang=lang,
                               rows=rows, labels=labels)
    A.annotate(g, seed=seed)
    comm_labels = {g.nodes[n]["community"]: g.nodes[n]["community_label"] for n in g}
    concepts = A.centrality_table(g)
    bridges = A.bridging_concepts(g, top=15)
    table = A.platform_effect_table(store, lang=lang, rows=rows, labels=labels)
    trends = A.concept_trends(store, include_candidates=include_candidates, min_papers=min_papers, lang=lang,
                              rows=rows, labels=labels, papers=papers_rows)
    bursts = A.concept_bursts(trends)
    aff = A.affiliation_rows(store)
    inst = A.collaboration_graph(store, "institution", rows=aff)
    countries = A.collaboration_graph(store, "country", rows=aff)
    n_papers = len({r["paper"] for r in papers_rows})
    dated = [A._year(r["year"]) for r in papers_rows if A._year(r["year"])]

    # tables
    files.append(_write_csv(out / "concepts.csv", concepts))
    files.append(_write_csv(out / "cooccurrence_edges.csv", [
        {"source": u, "source_label": g.nodes[u]["label"], "target": v, "target_label": g.nodes[v]["label"],
         "papers": d["papers"], "sentences": d["sentences"]}
        for u, v, d in sorted(g.edges(data=True), key=lambda e: -e[2]["papers"])],
        ["source", "source_label", "target", "target_label", "papers", "sentences"]))
    comm_rows = []
    for c, lab in sorted(comm_labels.items()):
        members = sorted((n for n in g if g.nodes[n]["community"] == c), key=lambda n: -g.nodes[n]["papers"])
        comm_rows.append({"community": c, "label": lab, "size": len(members),
                          "members": "; ".join(g.nodes[n]["label"] for n in members)})
    files.append(_write_csv(out / "communities.csv", comm_rows, ["community", "label", "size", "members"]))
    files.append(_write_csv(out / "bridging.csv", bridges,
                            ["id", "label", "type", "community", "participation", "communities_reached",
                             "betweenness", "papers"]))
    files.append(_write_csv(out / "platform_effects.csv", table,
                            ["platform", "platform_label", "type", "effect", "effect_label", "candidate",
                             "asserted", "hedged", "negated", "papers"]))
    trend_rows = [{"concept": c, "label": info["label"], "type": info["type"], "year": y, "papers": n,
                   "year_papers": trends["totals"][y]}
                  for c, info in sorted(trends["concepts"].items(), key=lambda kv: -kv[1]["papers"])
                  for y, n in zip(trends["years"], info["counts"]) if n]
    files.append(_write_csv(out / "trends.csv", trend_rows, ["concept", "label", "type", "year", "papers",
                                                             "year_papers"]))
    files.append(_write_csv(out / "bursts.csv", bursts, ["concept", "label", "type", "start", "end", "weight",
                                                         "papers_in_burst", "papers"]))
    A.add_centrality(inst)
    inst_rows = A.centrality_table(inst, by="papers")
    for r in inst_rows:
        r["country"] = inst.nodes[r["id"]].get("country", "")
    files.append(_write_csv(out / "institutions.csv", inst_rows,
                            ["id", "label", "country", "papers", "degree", "weighted_degree", "betweenness"]))
    A.add_centrality(countries)
    country_rows = A.centrality_table(countries, by="papers")
    files.append(_write_csv(out / "countries.csv", country_rows,
                            ["id", "label", "papers", "degree", "weighted_degree", "betweenness"]))
    links = sorted(({"a": u, "b": v, "papers": d["weight"]} for u, v, d in countries.edges(data=True)),
                   key=lambda r: (-r["papers"], r["a"], r["b"]))
    files.append(_write_csv(out / "country_links.csv", links, ["a", "b", "papers"]))

    # pictures
    what = "vocabulary and candidate concepts" if include_candidates else "vocabulary concepts"
    files.append(draw_cooccurrence(
        g, out / "cooccurrence.png", lang=lang,
        title=f"Concept co-occurrence in {n_papers} papers ({what} in >= {min_papers} papers)",
        subtitle="the 45 most frequent concepts, each with its 3 strongest ties (>= 2 shared papers); "
                 "label: concept (papers)"))
    files.append(draw_platform_effects(table, out / "platform_effects.png", include_candidates=include_candidates,
                                       lang=lang))
    files.append(draw_trends(trends, bursts, out / "trends.png", lang=lang))

    summary = {"papers": n_papers, "dated": len(dated), "first_year": min(dated, default=0),
               "last_year": max(dated, default=0), "concepts": g.number_of_nodes(), "links": g.number_of_edges(),
               "communities": len(comm_labels), "findings": sum(r["asserted"] + r["hedged"] for r in table),
               "institutions": inst.number_of_nodes(), "countries": countries.number_of_nodes()}
    if lang == "zh" and not _font(lang):
        summary["font_note"] = ("No CJK font is installed (e.g. fonts-noto-cjk), so the Chinese labels in the "
                                "pictures show as boxes; the tables and this report have them.")
    report = _report_text(summary, g, concepts, comm_rows, bridges, table, trends, bursts, inst_rows, country_rows,
                          links, include_candidates, min_papers, lang)
    (out / "report.md").write_text(report, encoding="utf-8")
    files.insert(0, out / "report.md")
    return AnalysisResult(out, files, summary)


def _report_text(s, g, concepts, comm_rows, bridges, table, trends, bursts, inst_rows, country_rows, links,
                 include_candidates, min_papers, lang) -> str:
    vocab = [r for r in table if not r["candidate"]]
    asserted = sum(r["asserted"] for r in vocab)
    hedged = sum(r["hedged"] for r in vocab)
    negated = sum(r["negated"] for r in vocab)
    risks = sorted((r for r in vocab if r["type"] == "risk"), key=lambda r: (-r["papers"], r["platform_label"]))
    benefits = sorted((r for r in vocab if r["type"] == "benefit"), key=lambda r: (-r["papers"], r["platform_label"]))
    lines = ["# litkg analysis report", ""]
    lines += [f"**{s['papers']} papers** ({s['dated']} with a year, {s['first_year']}–{s['last_year']}); "
              f"**{s['concepts']} concepts** ({'incl.' if include_candidates else 'excluding'} candidate concepts, "
              f"each in ≥ {min_papers} papers) joined by {s['links']} co-occurrence links in "
              f"**{s['communities']} communities**; {s['institutions']} institutions in {s['countries']} countries. "
              f"Labels: `{lang}`.", ""]
    if s.get("font_note"):
        lines += [f"> {s['font_note']}", ""]
    lines += ["## What a reviewer should know first", ""]
    if concepts:
        c0 = concepts[0]
        lines.append(f"- The most connected concept is **{c0['label']}** ({c0['papers']} papers, ties to "
                     f"{c0['degree']} of the other {len(concepts) - 1} concepts).")
    for r in comm_rows[:6]:
        lines.append(f"- Community {r['community']} (**{r['label']}**) groups {r['size']} concepts.")
    if bridges:
        lines.append("- Concepts bridging communities: " + ", ".join(
            f"**{b['label']}** (reaches {b['communities_reached']} other communities)" for b in bridges[:5]) + ".")
    lines.append(f"- Platform–benefit/risk findings (vocabulary concepts): {asserted} asserted and {hedged} hedged "
                 f"paper-links; {negated} where the sentence negates the benefit or risk. These are kept apart in "
                 f"the heatmap and in `platform_effects.csv`.")
    if benefits:
        lines.append("- Most reported benefits: " + ", ".join(
            f"{r['platform_label']} → {r['effect_label']} ({r['papers']})" for r in benefits[:5]) + ".")
    if risks:
        lines.append("- Most reported risks: " + ", ".join(
            f"{r['platform_label']} → {r['effect_label']} ({r['papers']})" for r in risks[:5]) + ".")
    if bursts:
        lines.append("- Bursts (concepts mentioned unusually often for a while): " + ", ".join(
            f"**{b['label']}** {b['start']}–{b['end']}" for b in bursts[:5]) + ".")
    if country_rows:
        lines.append("- Countries with most papers: " + ", ".join(
            f"{r['label']} ({r['papers']})" for r in country_rows[:6]) + (
            "; strongest collaboration: " + ", ".join(f"{l['a']}–{l['b']} ({l['papers']})" for l in links[:3])
            if links else "") + ".")
    lines += ["", "Caveats: concepts come from rule-based extraction (vocabulary and cue rules, no trained model); "
              "a co-occurrence means two concepts are mentioned in the same paper, not that one causes the other; "
              "negated mentions never count as links; years with few papers make trends noisy.", ""]
    lines += ["## Concept co-occurrence", "", "![concept co-occurrence](cooccurrence.png)", "",
              "Node size: papers; colour: community; shape: entity type. Only the strongest ties are drawn; "
              "`cooccurrence_edges.csv` has them all.", "",
              _md_table(concepts[:12], ["label", "type", "papers", "community", "degree", "weighted_degree",
                                        "betweenness", "eigenvector"]),
              "### Communities", "", _md_table(comm_rows, ["community", "label", "size"]),
              "### Bridging concepts", "",
              "Participation coefficient: 0 when all of a concept's ties stay in its community, "
              "near 1 when they spread evenly over communities.", "",
              _md_table(bridges[:10], ["label", "type", "community", "participation", "communities_reached",
                                       "papers"])]
    lines += ["## Platforms × benefits and risks", "", "![platform x benefit/risk](platform_effects.png)", "",
              "Asserted and hedged counts come from findings (platform and effect in one sentence); negated counts "
              "sentences that mention the platform and negate the effect.", "",
              _md_table(sorted(vocab, key=lambda r: -r["papers"])[:15],
                        ["platform_label", "type", "effect_label", "asserted", "hedged", "negated"],
                        ["platform", "type", "effect", "asserted", "hedged", "negated"])]
    lines += ["## Trends over the years", "", "![trends](trends.png)", "",
              _md_table(bursts[:10], ["label", "type", "start", "end", "papers_in_burst", "papers", "weight"])]
    lines += ["## Institutions and countries", "",
              _md_table(inst_rows[:10], ["label", "country", "papers", "degree"]),
              _md_table(country_rows[:10], ["id", "label", "papers", "degree"])]
    lines += ["## Files", "", "Tables (CSV): `concepts.csv`, `cooccurrence_edges.csv`, `communities.csv`, "
              "`bridging.csv`, `platform_effects.csv`, `trends.csv`, `bursts.csv`, `institutions.csv`, "
              "`countries.csv`, `country_links.csv`. For Gephi or VOSviewer: "
              "`litkg export --format gexf-dynamic|graphml|csv|vosviewer ...`.", ""]
    return "\n".join(lines)
