"""Concepts over time: papers per concept and year, and Kleinberg bursts.

Bursts are measured against the literature, not in raw counts: each year is a
batch of that year's papers (:func:`concept_trends` ``totals``) of which the
concept's papers are the relevant ones, so a concept whose papers grow only as
fast as the corpus has a steady share and never bursts; a burst means its share
of the year's papers rose (:func:`kleinberg_bursts`).
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Mapping, Sequence

from litkg.graph.analysis.rows import concept_labels, iri_label, is_candidate, mention_rows, paper_rows
from litkg.graph.store import GraphStore


def concept_trends(store: GraphStore, *, include_candidates: bool = False, min_papers: int = 1,
                   lang: str = "en", rows: list[dict] | None = None, labels: Mapping[str, str] | None = None,
                   papers: list[dict] | None = None) -> dict:
    """Papers per year for every concept, and papers per year overall.

    ``rows``, ``labels`` and ``papers``: pre-fetched :func:`mention_rows`, :func:`concept_labels`
    and :func:`paper_rows`.

    Returns
    -------
    dict
        ``{"years": [y0, ..., yN] (every year from first to last),
        "totals": {year: papers}, "undated": papers without a year,
        "concepts": {iri: {"label", "type", "papers", "counts": [papers per year in "years"]}}}``

    Examples
    --------
    >>> concept_trends(GraphStore())["years"]
    []
    """
    rows = rows if rows is not None else mention_rows(store)
    labels = labels if labels is not None else concept_labels(store, lang)
    papers_year: dict[str, int | None] = {}
    concept_papers: dict[str, set[str]] = defaultdict(set)
    ctype: dict[str, str] = {}
    for r in rows:
        papers_year[r["paper"]] = r["year"]
        if r["negated"] or (is_candidate(r["concept"]) and not include_candidates):
            continue
        concept_papers[r["concept"]].add(r["paper"])
        ctype.setdefault(r["concept"], r["type"])
    # every paper in the store counts in the yearly totals, even one without concept mentions
    for r in papers if papers is not None else paper_rows(store):
        papers_year.setdefault(r["paper"], r["year"])
    dated = [y for y in papers_year.values() if y]
    years = list(range(min(dated), max(dated) + 1)) if dated else []
    totals = {y: 0 for y in years}
    for y in dated:
        totals[y] += 1
    concepts = {}
    for c, ps in concept_papers.items():
        if len(ps) < min_papers:
            continue
        per = Counter(papers_year[p] for p in ps if papers_year[p])
        concepts[c] = {"label": labels.get(c) or iri_label(c), "type": ctype[c], "papers": len(ps),
                       "counts": [per.get(y, 0) for y in years]}
    return {"years": years, "totals": totals, "undated": sum(1 for y in papers_year.values() if not y),
            "concepts": concepts}


def kleinberg_bursts(counts: Sequence[int], totals: Sequence[int], s: float = 2.0,
                     gamma: float = 1.0) -> list[tuple[int, int, float]]:
    """Bursts in a series of batches with Kleinberg's two-state automaton (enumerated version).

    Batch ``t`` has ``totals[t]`` documents of which ``counts[t]`` are relevant.
    The base state emits relevant documents at the overall rate ``p0 = sum(counts)
    / sum(totals)``, the burst state at ``min(s * p0, 0.9999)``; entering the burst
    state costs ``gamma * ln(n)``. The cheapest state sequence (Viterbi) marks the bursts.

    Parameters
    ----------
    counts, totals : sequence of int
        Relevant and total documents per batch (same length).
    s : float
        Ratio of the burst rate to the base rate.
    gamma : float
        Difficulty of entering the burst state.

    Returns
    -------
    list of (start, end, weight)
        Batch indices (inclusive) of each burst and its weight (cost saved by
        the burst state over the base state in those batches).

    Examples
    --------
    >>> kleinberg_bursts([1, 1, 1, 9, 9, 1], [20, 20, 20, 20, 20, 20])
    [(3, 4, 6.88)]
    >>> kleinberg_bursts([2, 2, 2], [10, 10, 10])
    []
    """
    n = len(counts)
    if n != len(totals):
        raise ValueError("counts and totals must have the same length")
    r_sum, d_sum = sum(counts), sum(totals)
    if n == 0 or r_sum == 0 or d_sum == 0:
        return []
    p0 = r_sum / d_sum
    p = [p0, min(s * p0, 0.9999)]
    if p[1] <= p0:
        return []

    def cost(state: int, t: int) -> float:
        r, d = counts[t], totals[t]
        if d == 0:
            return 0.0
        return -(math.lgamma(d + 1) - math.lgamma(r + 1) - math.lgamma(d - r + 1)
                 + r * math.log(p[state]) + (d - r) * math.log(1 - p[state]))

    up = gamma * math.log(n) if n > 1 else gamma
    best = [0.0, math.inf]  # start in the base state
    back: list[list[int]] = []
    for t in range(n):
        new, ptr = [0.0, 0.0], [0, 0]
        for j in (0, 1):
            options = [best[i] + (up if j > i else 0.0) for i in (0, 1)]
            i = 0 if options[0] <= options[1] else 1
            new[j], ptr[j] = options[i] + cost(j, t), i
        best = new
        back.append(ptr)
    state = 0 if best[0] <= best[1] else 1
    states = [0] * n
    for t in range(n - 1, -1, -1):
        states[t] = state
        state = back[t][state]
    out = []
    t = 0
    while t < n:
        if states[t] == 1:
            start = t
            while t + 1 < n and states[t + 1] == 1:
                t += 1
            w = sum(cost(0, k) - cost(1, k) for k in range(start, t + 1))
            out.append((start, t, round(w, 2)))
        t += 1
    return out


def concept_bursts(trends: Mapping, s: float = 2.0, gamma: float = 1.0, min_papers: int = 3) -> list[dict]:
    """Kleinberg bursts of each linked concept over the years of :func:`concept_trends`, strongest first.

    Each year's batch is the corpus's papers of that year, so a burst is a rise in the
    concept's *share* of the papers (``share_in_burst`` against its overall ``share``),
    not the growth every concept shows in a growing literature.

    Examples
    --------
    >>> t = {"years": [2020, 2021, 2022], "totals": {2020: 20, 2021: 20, 2022: 20},
    ...      "concepts": {"c": {"label": "C", "type": "risk", "papers": 14, "counts": [1, 1, 12]}}}
    >>> [(b["label"], b["start"], b["end"]) for b in concept_bursts(t)]
    [('C', 2022, 2022)]
    """
    years = trends["years"]
    totals = [trends["totals"][y] for y in years]
    out = []
    for c, info in trends["concepts"].items():
        if info["papers"] < min_papers:
            continue
        share = round(sum(info["counts"]) / (sum(totals) or 1), 4)
        for a, b, w in kleinberg_bursts(info["counts"], totals, s=s, gamma=gamma):
            inside = sum(info["counts"][a:b + 1])
            out.append({"concept": c, "label": info["label"], "type": info["type"], "start": years[a],
                        "end": years[b], "weight": w, "papers_in_burst": inside, "papers": info["papers"],
                        "share_in_burst": round(inside / (sum(totals[a:b + 1]) or 1), 4), "share": share})
    out.sort(key=lambda r: (-r["weight"], r["label"]))
    return out

