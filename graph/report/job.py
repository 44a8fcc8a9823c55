"""``litkg analyze``: every projection and measure of :mod:`litkg.graph.analysis` on a store, written into one folder::

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

The pictures come from :mod:`~litkg.graph.report.plots` (matplotlib figures,
no pyplot, the caller's backend untouched), the Markdown from
:mod:`~litkg.graph.report.markdown`.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from litkg.graph import analysis as A
from litkg.graph.report.markdown import report_text
from litkg.graph.report.plots import (cjk_font, cooccurrence_figure, platform_effects_figure, save_figure,
                                      trends_figure)
from litkg.graph.store import GraphStore

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


def write_csv(path: Path, rows: list[dict], columns: list[str] | None = None) -> Path:
    """Write ``rows`` as CSV with ``columns`` (default: the first row's keys), booleans as ``true``/``false``.

    Examples
    --------
    >>> import tempfile, os
    >>> p = write_csv(Path(tempfile.mkdtemp()) / "t.csv", [{"a": True, "b": 2}])
    >>> p.read_text(encoding="utf-8").splitlines()
    ['a,b', 'true,2']
    """
    columns = columns or (list(rows[0]) if rows else [])
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: ("true" if v is True else "false" if v is False else v) for k, v in r.items()})
    return path


def analyze(store: GraphStore, out_dir: str | Path, *, lang: str = "en", include_candidates: bool = False,
            min_papers: int = A.DEFAULT_MIN_PAPERS, seed: int = 42) -> AnalysisResult:
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
        Keep concepts mentioned by at least this many papers (the default is ``litkg export``'s too,
        so the report's communities are the GEXF's and VOSviewer's, numbered alike from 1).

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
    papers_rows = A.paper_rows(store)
    g = A.concept_cooccurrence(store, include_candidates=include_candidates, min_papers=min_papers, lang=lang,
                               rows=rows, labels=labels)
    nx.set_node_attributes(g, A.disambiguated_labels(g), "label")  # as A.projection does for the exports
    for name, values in A.annotations(g, seed=seed).items():
        nx.set_node_attributes(g, values, name)
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
    dated = [r["year"] for r in papers_rows if r["year"]]

    # tables
    files.append(write_csv(out / "concepts.csv", concepts))
    files.append(write_csv(out / "cooccurrence_edges.csv", [
        {"source": u, "source_label": g.nodes[u]["label"], "target": v, "target_label": g.nodes[v]["label"],
         "papers": d["papers"], "sentences": d["sentences"]}
        for u, v, d in sorted(g.edges(data=True), key=lambda e: -e[2]["papers"])],
        ["source", "source_label", "target", "target_label", "papers", "sentences"]))
    comm_rows = []
    for c, lab in sorted(comm_labels.items()):
        members = sorted((n for n in g if g.nodes[n]["community"] == c), key=lambda n: -g.nodes[n]["papers"])
        comm_rows.append({"community": c, "label": lab, "size": len(members),
                          "members": "; ".join(g.nodes[n]["label"] for n in members)})
    files.append(write_csv(out / "communities.csv", comm_rows, ["community", "label", "size", "members"]))
    files.append(write_csv(out / "bridging.csv", bridges,
                           ["id", "label", "type", "community", "participation", "communities_reached",
                            "betweenness", "papers"]))
    files.append(write_csv(out / "platform_effects.csv", table,
                           ["platform", "platform_label", "type", "effect", "effect_label", "candidate",
                            "asserted", "hedged", "negated", "papers"]))
    trend_rows = [{"concept": c, "label": info["label"], "type": info["type"], "year": y, "papers": n,
                   "year_papers": trends["totals"][y], "share": round(n / (trends["totals"][y] or 1), 4)}
                  for c, info in sorted(trends["concepts"].items(), key=lambda kv: -kv[1]["papers"])
                  for y, n in zip(trends["years"], info["counts"]) if n]
    files.append(write_csv(out / "trends.csv", trend_rows, ["concept", "label", "type", "year", "papers",
                                                            "year_papers", "share"]))
    files.append(write_csv(out / "bursts.csv", bursts, ["concept", "label", "type", "start", "end", "weight",
                                                        "papers_in_burst", "papers", "share_in_burst", "share"]))
    inst_rows = A.centrality_table(inst, by="papers")
    for r in inst_rows:
        r["country"] = inst.nodes[r["id"]].get("country", "")
    files.append(write_csv(out / "institutions.csv", inst_rows,
                           ["id", "label", "country", "papers", "degree", "weighted_degree", "betweenness"]))
    country_rows = A.centrality_table(countries, by="papers")
    files.append(write_csv(out / "countries.csv", country_rows,
                           ["id", "label", "papers", "degree", "weighted_degree", "betweenness"]))
    links = sorted(({"a": u, "b": v, "papers": d["weight"]} for u, v, d in countries.edges(data=True)),
                   key=lambda r: (-r["papers"], r["a"], r["b"]))
    files.append(write_csv(out / "country_links.csv", links, ["a", "b", "papers"]))

    # pictures
    what = "vocabulary and candidate concepts" if include_candidates else "vocabulary concepts"
    files.append(save_figure(cooccurrence_figure(
        g, lang=lang,
        title=f"Concept co-occurrence in {n_papers} papers ({what} in >= {min_papers} papers)",
        subtitle="the 45 most frequent concepts, each with its 3 strongest ties (>= 2 shared papers); "
                 "label: concept (papers)"), out / "cooccurrence.png"))
    files.append(save_figure(platform_effects_figure(table, include_candidates=include_candidates, lang=lang),
                             out / "platform_effects.png"))
    files.append(save_figure(trends_figure(trends, bursts, lang=lang), out / "trends.png"))

    summary = {"papers": n_papers, "dated": len(dated), "first_year": min(dated, default=0),
               "last_year": max(dated, default=0), "concepts": g.number_of_nodes(), "links": g.number_of_edges(),
               "communities": len(comm_labels), "findings": sum(r["asserted"] + r["hedged"] for r in table),
               "institutions": inst.number_of_nodes(), "countries": countries.number_of_nodes()}
    if lang == "zh" and not cjk_font(lang):
        summary["font_note"] = ("No CJK font is installed (e.g. fonts-noto-cjk), so the Chinese labels in the "
                                "pictures show as boxes; the tables and this report have them.")
    report = report_text(summary, g, concepts, comm_rows, bridges, table, trends, bursts, inst_rows, country_rows,
                         links, include_candidates, min_papers, lang)
    (out / "report.md").write_text(report, encoding="utf-8")
    files.insert(0, out / "report.md")
    return AnalysisResult(out, files, summary)


