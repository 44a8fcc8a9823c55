"""The Markdown of ``report.md``: a summary a reviewer reads first, then one section per analysis."""
from __future__ import annotations

from typing import Iterable

import networkx as nx


def md_table(rows: Iterable[dict], columns: list[str], headers: list[str] | None = None) -> str:
    """A Markdown table of ``columns`` of ``rows`` (floats with 3 decimals, ``|`` escaped); ``_(none)_`` when empty.

    Examples
    --------
    >>> print(md_table([{"a": 1, "b": 0.5}], ["a", "b"]), end="")
    | a | b |
    |---|---|
    | 1 | 0.500 |
    """
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


def report_text(s: dict, g: nx.Graph, concepts: list[dict], comm_rows: list[dict], bridges: list[dict],
                table: list[dict], trends: dict, bursts: list[dict], inst_rows: list[dict], country_rows: list[dict],
                links: list[dict], include_candidates: bool, min_papers: int, lang: str) -> str:
    """``report.md``: the summary ``s`` of :func:`~litkg.graph.report.job.analyze` and the top rows of its tables."""
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
        lines.append("- Bursts (concepts whose share of the year's papers rose well above their usual share, "
                     "i.e. rising faster than the literature): " + ", ".join(
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
              md_table(concepts[:12], ["label", "type", "papers", "community", "degree", "weighted_degree",
                                        "betweenness", "eigenvector"]),
              "### Communities", "", md_table(comm_rows, ["community", "label", "size"]),
              "### Bridging concepts", "",
              "Participation coefficient: 0 when all of a concept's ties stay in its community, "
              "near 1 when they spread evenly over communities.", "",
              md_table(bridges[:10], ["label", "type", "community", "participation", "communities_reached",
                                       "papers"])]
    lines += ["## Platforms × benefits and risks", "", "![platform x benefit/risk](platform_effects.png)", "",
              "Asserted and hedged counts come from findings (platform and effect in one sentence); negated counts "
              "sentences that mention the platform and negate the effect.", "",
              md_table(sorted(vocab, key=lambda r: -r["papers"])[:15],
                        ["platform_label", "type", "effect_label", "asserted", "hedged", "negated"],
                        ["platform", "type", "effect", "asserted", "hedged", "negated"])]
    lines += ["## Trends over the years", "", "![trends](trends.png)", "",
              "Bursts are measured against the papers of each year (a concept's share of them), so the growth "
              "of the whole literature is no burst.", "",
              md_table(bursts[:10], ["label", "type", "start", "end", "papers_in_burst", "papers", "share_in_burst",
                                     "share", "weight"])]
    lines += ["## Institutions and countries", "",
              md_table(inst_rows[:10], ["label", "country", "papers", "degree"]),
              md_table(country_rows[:10], ["id", "label", "papers", "degree"])]
    lines += ["## Files", "", "Tables (CSV): `concepts.csv`, `cooccurrence_edges.csv`, `communities.csv`, "
              "`bridging.csv`, `platform_effects.csv`, `trends.csv`, `bursts.csv`, `institutions.csv`, "
              "`countries.csv`, `country_links.csv`. For Gephi or VOSviewer: "
              "`litkg export --format gexf-dynamic|graphml|csv|vosviewer ...`.", ""]
    return "\n".join(lines)
