"""networkx projections of the graph and the measures computed on them.

Functions take the store (or a graph) first and return networkx graphs with
plain string node ids and scalar attributes, or plain dicts and lists.

Projections
    :func:`paper_concept_graph` (paper–concept bipartite), :func:`concept_cooccurrence`
    (weighted by papers or by sentences), :func:`platform_effect_table` and
    :func:`platform_effect_graph` (platform × benefit/risk, asserted, hedged and
    negated kept apart), :func:`collaboration_graph` (institutions or countries).
Measures
    :func:`add_centrality`, :func:`detect_communities`, :func:`community_labels`,
    :func:`bridging_concepts`, :func:`concept_trends`, :func:`kleinberg_bursts`,
    :func:`concept_bursts`.

Graph attributes that are not scalars (``years``: papers per year) are plain
dicts; the exporters turn them into time spells and drop them elsewhere.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from itertools import combinations
from typing import Iterable, Mapping, Sequence

import networkx as nx

from litkg.extract.identifiers import CANDIDATE
from litkg.graph.query import load_query, run_query
from litkg.graph.store import GraphStore

EFFECT_TYPES = ("benefit", "risk")
CONCEPT_TYPES = ("platform", "benefit", "risk", "outcome", "population")


# --------------------------------------------------------------------------- store → rows

def _rows(store: GraphStore, name: str) -> list[dict[str, str]]:
    header, rows = run_query(store, load_query(name))
    return [dict(zip(header, r)) for r in rows]


def _year(value: str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _bool(value: str) -> bool:
    return value in ("true", "1")


def is_candidate(iri: str) -> bool:
    """Whether ``iri`` is a candidate concept (found by the cue rules, not in the vocabulary).

    Examples
    --------
    >>> is_candidate("https://w3id.org/litkg/candidate/benefit/feeling-heard")
    True
    >>> is_candidate("https://w3id.org/litkg/concept/platform/facebook")
    False
    """
    return iri.startswith(CANDIDATE)


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")


def concept_labels(store: GraphStore, lang: str = "en") -> dict[str, str]:
    """Every concept's ``skos:prefLabel`` in ``lang``, falling back to English, then any label.

    Examples
    --------
    >>> concept_labels(GraphStore())
    {}
    """
    by: dict[str, dict[str, str]] = defaultdict(dict)
    for r in _rows(store, "concept_labels"):
        by[r["concept"]].setdefault(r["lang"], r["label"])
    out = {}
    for concept, labels in by.items():
        out[concept] = labels.get(lang) or labels.get("en") or labels.get("") or next(iter(labels.values()))
    return out


def mention_rows(store: GraphStore, include_negated: bool = False) -> list[dict]:
    """One dict per concept mention (institutions left out): paper, year, concept, type, sentence, hedged, negated.

    Examples
    --------
    >>> mention_rows(GraphStore())
    []
    """
    out = []
    for r in _rows(store, "concept_mentions"):
        negated = _bool(r["negated"])
        if negated and not include_negated:
            continue
        out.append({"paper": r["paper"], "year": _year(r["year"]), "concept": r["concept"], "type": r["type"],
                    "sentence": r["sentence"], "hedged": _bool(r["hedged"]), "negated": negated})
    return out


# --------------------------------------------------------------------------- projections

def paper_concept_graph(store: GraphStore, *, include_candidates: bool = True, include_institutions: bool = True,
                        lang: str = "en") -> nx.Graph:
    """The paper-centred (bipartite) graph: one node per paper, concept (incl. candidates) and institution.

    Nodes carry ``type`` (``paper`` or the entity type), ``label``, ``papers``
    (number of papers mentioning the node; 1 for papers), ``year`` (papers'
    publication year, 0 when unknown or not a paper), ``bipartite`` (0 for
    papers, 1 for the rest) and ``years`` (papers per year). Edges join a
    paper to what it mentions, weighted by (non-negated) mention count.

    Examples
    --------
    >>> g = paper_concept_graph(GraphStore())   # an empty store gives an empty graph
    >>> g.number_of_nodes()
    0
    """
    labels = concept_labels(store, lang) if lang != "en" else {}
    g = nx.Graph()
    for r in _rows(store, "knowledge_graph_edges"):
        paper, target = r["paper"], r["target"]
        if not include_candidates and is_candidate(target):
            continue
        if not include_institutions and r["type"] == "institution":
            continue
        year = _year(r["year"]) or 0
        if paper not in g:
            g.add_node(paper, type="paper", label=r["paperId"], papers=1, year=year, bipartite=0,
                       years={year: 1} if year else {})
        if target not in g:
            g.add_node(target, type=r["type"], label=labels.get(target) or r["label"] or _tail(target), papers=0,
                       year=0, bipartite=1, years={})
        d = g.nodes[target]
        d["papers"] += 1
        if year:
            d["years"][year] = d["years"].get(year, 0) + 1
        g.add_edge(paper, target, weight=int(r["weight"]), type=r["type"], years={year: 1} if year else {})
    return g


def concept_cooccurrence(store: GraphStore, *, weight: str = "papers", include_candidates: bool = False,
                         min_papers: int = 1, types: Iterable[str] | None = None, lang: str = "en",
                         include_negated: bool = False, rows: list[dict] | None = None,
                         labels: Mapping[str, str] | None = None) -> nx.Graph:
    """Concepts joined when the same paper (or sentence) mentions both.

    Parameters
    ----------
    store : GraphStore
        The graph.
    weight : {"papers", "sentences"}
        What the edges' ``weight`` counts: papers that mention both concepts, or
        sentences that do. Both counts are kept as ``papers`` and ``sentences``.
    include_candidates : bool
        Keep candidate concepts (noisy phrases the cue rules found).
    min_papers : int
        Keep concepts mentioned by at least this many papers.
    types : iterable of str, optional
        Entity types to keep (default: platform, benefit, risk, outcome, population).
    lang : str
        Language of the ``label`` attribute (``en`` or ``zh``).
    include_negated : bool
        Count negated mentions too (default: they never count).
    rows : list of dict, optional
        Pre-fetched :func:`mention_rows` (to avoid querying twice).
    labels : dict, optional
        Pre-fetched :func:`concept_labels` in ``lang``.

    Returns
    -------
    networkx.Graph
        Nodes: concept IRIs with ``label``, ``type``, ``candidate``, ``papers``,
        ``mentions``, ``first_year``, ``last_year`` and ``years`` (papers per year).
        Edges: ``weight``, ``papers``, ``sentences`` and ``years``.

    Examples
    --------
    >>> concept_cooccurrence(GraphStore()).number_of_nodes()
    0
    """
    if weight not in ("papers", "sentences"):
        raise ValueError(f"weight must be 'papers' or 'sentences', not {weight!r}")
    keep_types = set(types or CONCEPT_TYPES)
    rows = rows if rows is not None else mention_rows(store, include_negated=include_negated)
    rows = [r for r in rows if r["type"] in keep_types and (include_negated or not r["negated"])
            and (include_candidates or not is_candidate(r["concept"]))]
    paper_year: dict[str, int | None] = {}
    by_paper: dict[str, set[str]] = defaultdict(set)
    by_sentence: dict[str, set[str]] = defaultdict(set)
    mentions: Counter = Counter()
    ctype: dict[str, str] = {}
    for r in rows:
        paper_year[r["paper"]] = r["year"]
        by_paper[r["paper"]].add(r["concept"])
        by_sentence[r["sentence"]].add(r["concept"])
        mentions[r["concept"]] += 1
        ctype.setdefault(r["concept"], r["type"])
    papers_of: dict[str, set[str]] = defaultdict(set)
    for paper, concepts in by_paper.items():
        for c in concepts:
            papers_of[c].add(paper)
    keep = {c for c, ps in papers_of.items() if len(ps) >= min_papers}
    labels = labels if labels is not None else concept_labels(store, lang)
    g = nx.Graph(projection="concept co-occurrence", weight=weight)
    for c in sorted(keep):
        years = Counter(paper_year[p] for p in papers_of[c] if paper_year[p])
        g.add_node(c, label=labels.get(c) or _tail(c), type=ctype[c], candidate=is_candidate(c),
                   papers=len(papers_of[c]), mentions=mentions[c], first_year=min(years, default=0),
                   last_year=max(years, default=0), years=dict(sorted(years.items())))
    for paper, concepts in by_paper.items():
        year = paper_year[paper]
        for a, b in combinations(sorted(concepts & keep), 2):
            if not g.has_edge(a, b):
                g.add_edge(a, b, papers=0, sentences=0, years={})
            d = g.edges[a, b]
            d["papers"] += 1
            if year:
                d["years"][year] = d["years"].get(year, 0) + 1
    for concepts in by_sentence.values():
        for a, b in combinations(sorted(concepts & keep), 2):
            g.edges[a, b]["sentences"] += 1
    for a, b, d in g.edges(data=True):
        d["weight"] = d[weight]
        d["years"] = dict(sorted(d["years"].items()))
    if weight == "sentences":
        g.remove_edges_from([(a, b) for a, b, d in g.edges(data=True) if d["weight"] == 0])
    return g


def platform_effect_table(store: GraphStore, lang: str = "en", rows: list[dict] | None = None,
                          labels: Mapping[str, str] | None = None) -> list[dict]:
    """Platform × benefit/risk pairs with the papers that assert, hedge or negate them, kept apart.

    ``asserted`` and ``hedged`` count papers with a ``litkg:Finding`` (platform and
    effect in one sentence) that is plain or hedged; ``negated`` counts papers
    where a sentence mentions the platform and negates the benefit or risk
    (negated effects never become findings). A paper may count in more than one column.
    ``rows`` and ``labels``: pre-fetched :func:`mention_rows` (with negated ones) and :func:`concept_labels`.

    Examples
    --------
    >>> platform_effect_table(GraphStore())
    []
    """
    labels = labels if labels is not None else concept_labels(store, lang)
    cells: dict[tuple[str, str, str], dict[str, set]] = defaultdict(lambda: {"asserted": set(), "hedged": set(),
                                                                              "negated": set()})
    for r in _rows(store, "findings"):
        key = (r["platform"], r["effect"], r["findingType"])
        cells[key]["hedged" if _bool(r["hedged"]) else "asserted"].add(r["paper"])
    rows = rows if rows is not None else mention_rows(store, include_negated=True)
    by_sentence: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_sentence[r["sentence"]].append(r)
    for ms in by_sentence.values():
        platforms = {m["concept"] for m in ms if m["type"] == "platform" and not m["negated"]}
        for m in ms:
            if m["negated"] and m["type"] in EFFECT_TYPES:
                for p in platforms:
                    cells[(p, m["concept"], m["type"])]["negated"].add(m["paper"])
    out = []
    for (p, e, t), c in cells.items():
        out.append({"platform": p, "platform_label": labels.get(p) or _tail(p), "effect": e,
                    "effect_label": labels.get(e) or _tail(e), "type": t, "candidate": is_candidate(e),
                    "asserted": len(c["asserted"]), "hedged": len(c["hedged"]), "negated": len(c["negated"]),
                    "papers": len(c["asserted"] | c["hedged"] | c["negated"])})
    out.sort(key=lambda r: (r["platform_label"].lower(), r["type"], -r["papers"], r["effect_label"].lower()))
    return out


def platform_effect_graph(store: GraphStore, lang: str = "en", include_candidates: bool = True,
                          table: list[dict] | None = None) -> nx.Graph:
    """Bipartite platform–effect graph from :func:`platform_effect_table`.

    Edges carry ``asserted``, ``hedged``, ``negated`` (papers), ``type``
    (benefit or risk) and ``weight`` = asserted + hedged papers.

    Examples
    --------
    >>> platform_effect_graph(GraphStore()).number_of_edges()
    0
    """
    table = table if table is not None else platform_effect_table(store, lang)
    g = nx.Graph(projection="platform-effect")
    for r in table:
        if r["candidate"] and not include_candidates:
            continue
        g.add_node(r["platform"], label=r["platform_label"], type="platform", candidate=False, bipartite=0)
        g.add_node(r["effect"], label=r["effect_label"], type=r["type"], candidate=r["candidate"], bipartite=1)
        g.add_edge(r["platform"], r["effect"], type=r["type"], asserted=r["asserted"], hedged=r["hedged"],
                   negated=r["negated"], weight=r["asserted"] + r["hedged"])
    for n in g:
        g.nodes[n]["papers"] = int(sum(d["asserted"] + d["hedged"] for _, _, d in g.edges(n, data=True)))
    return g


def _places(store: GraphStore) -> tuple[dict[str, str], dict[str, str]]:
    """(place → country code, code → country name)."""
    kind, name, code, within = {}, {}, {}, {}
    for r in _rows(store, "places"):
        p = r["p"].rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        if p == "type" and r["o"].endswith("Country"):
            kind[r["place"]] = "country"
        elif p == "name":
            name.setdefault(r["place"], r["o"])
        elif p == "identifier":
            code.setdefault(r["place"], r["o"])
        elif p == "containedInPlace":
            within.setdefault(r["place"], r["o"])
    country_of: dict[str, str] = {}
    for place in set(name) | set(within) | set(kind):
        seen, cur = set(), place
        while cur and cur not in seen:
            seen.add(cur)
            if kind.get(cur) == "country" and cur in code:
                country_of[place] = code[cur].upper()
                break
            cur = within.get(cur)
    country_name = {code[p].upper(): name.get(p, code[p]) for p in kind if p in code}
    return country_of, country_name


def affiliation_rows(store: GraphStore) -> list[dict]:
    """One dict per paper–institution link: paper, year, org, root (top-level organisation), root_label,
    country (ISO code) and country_label.

    Examples
    --------
    >>> affiliation_rows(GraphStore())
    []
    """
    names, parent = {}, {}
    for r in _rows(store, "organisations"):
        if r["name"]:
            names.setdefault(r["org"], r["name"])
        if r["parent"]:
            parent.setdefault(r["org"], r["parent"])
    country_of, country_name = _places(store)
    org_country: dict[str, str] = {}
    seen_rows = _rows(store, "paper_institutions")
    for r in seen_rows:
        if r["place"] and r["place"] in country_of:
            org_country.setdefault(r["org"], country_of[r["place"]])

    def root(org: str) -> str:
        seen = set()
        while org in parent and org not in seen:
            seen.add(org)
            org = parent[org]
        return org

    out, done = [], set()
    for r in seen_rows:
        key = (r["paper"], r["org"])
        if key in done:
            continue
        done.add(key)
        top = root(r["org"])
        country = org_country.get(r["org"]) or org_country.get(top, "")
        out.append({"paper": r["paper"], "year": _year(r["year"]), "org": r["org"], "root": top,
                    "root_label": names.get(top) or _tail(top), "country": country,
                    "country_label": country_name.get(country, country)})
    return out


def collaboration_graph(store: GraphStore, level: str = "institution", rows: list[dict] | None = None) -> nx.Graph:
    """Institutions (top-level organisations) or countries joined when they share a paper.

    Nodes carry ``label``, ``type`` (``institution`` or ``country``), ``papers``,
    ``years`` (and ``country`` for institutions); edges ``weight`` (shared papers)
    and ``years``.

    Examples
    --------
    >>> collaboration_graph(GraphStore(), level="country").number_of_nodes()
    0
    """
    if level not in ("institution", "country"):
        raise ValueError(f"level must be 'institution' or 'country', not {level!r}")
    rows = rows if rows is not None else affiliation_rows(store)
    members: dict[str, set[str]] = defaultdict(set)
    year_of: dict[str, int | None] = {}
    label: dict[str, str] = {}
    country: dict[str, str] = {}
    for r in rows:
        year_of[r["paper"]] = r["year"]
        if level == "institution":
            node = r["root"]
            label[node] = r["root_label"]
            if r["country"]:
                country.setdefault(node, r["country"])
        else:
            if not r["country"]:
                continue
            node = r["country"]
            label[node] = r["country_label"]
        members[r["paper"]].add(node)
    g = nx.Graph(projection=f"{level} collaboration")
    for paper, nodes in members.items():
        year = year_of[paper]
        for n in sorted(nodes):
            if n not in g:
                g.add_node(n, label=label[n], type=level, papers=0, years={},
                           **({"country": country.get(n, "")} if level == "institution" else {}))
            d = g.nodes[n]
            d["papers"] += 1
            if year:
                d["years"][year] = d["years"].get(year, 0) + 1
        for a, b in combinations(sorted(nodes), 2):
            if not g.has_edge(a, b):
                g.add_edge(a, b, weight=0, years={})
            d = g.edges[a, b]
            d["weight"] += 1
            if year:
                d["years"][year] = d["years"].get(year, 0) + 1
    return g


# --------------------------------------------------------------------------- measures

#: above this many nodes betweenness is estimated from this many sampled sources (seeded)
BETWEENNESS_SAMPLE = 300


def add_centrality(g: nx.Graph, weight: str = "weight") -> nx.Graph:
    """Set ``degree``, ``weighted_degree``, ``betweenness`` and ``eigenvector`` on every node; return ``g``.

    Betweenness treats ``1 / weight`` as the length of an edge (a strong tie is a
    short path). Eigenvector centrality is computed per connected component and
    scaled by the component's share of nodes, so isolated pairs do not score 1.
    On graphs larger than :data:`BETWEENNESS_SAMPLE` nodes betweenness is
    estimated from that many sampled source nodes (seeded, so repeatable).

    Examples
    --------
    >>> g = add_centrality(nx.path_graph(["a", "b", "c"]))
    >>> g.nodes["b"]["degree"], round(g.nodes["b"]["betweenness"], 2)
    (2, 1.0)
    """
    for n in g:
        g.nodes[n]["degree"] = g.degree(n)
        g.nodes[n]["weighted_degree"] = float(g.degree(n, weight=weight))
    if g.number_of_nodes() == 0:
        return g
    h = g.copy()
    for _, _, d in h.edges(data=True):
        w = d.get(weight, 1) or 1
        d["_distance"] = 1.0 / float(w)
    k = BETWEENNESS_SAMPLE if h.number_of_nodes() > BETWEENNESS_SAMPLE else None
    bc = nx.betweenness_centrality(h, k=k, weight="_distance", normalized=True, seed=42)
    ev: dict = {}
    n_total = g.number_of_nodes()
    for comp in nx.connected_components(g):
        sub = g.subgraph(comp)
        if len(comp) < 3:
            ev.update({n: 0.0 for n in comp})
            continue
        vals = _eigenvector(sub, weight)
        share = len(comp) / n_total
        ev.update({n: v * share for n, v in vals.items()})
    for n in g:
        g.nodes[n]["betweenness"] = float(bc.get(n, 0.0))
        g.nodes[n]["eigenvector"] = float(ev.get(n, 0.0))
    return g


def _eigenvector(g: nx.Graph, weight: str) -> dict:
    """Eigenvector centrality of a connected graph: exact (numpy ``eigh``) up to 3000 nodes, else power iteration."""
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy comes with matplotlib
        np = None
    if np is not None and g.number_of_nodes() <= 3000:
        nodes = list(g)
        _, vecs = np.linalg.eigh(nx.to_numpy_array(g, nodelist=nodes, weight=weight))
        x = np.abs(vecs[:, -1])
        x = x / (np.linalg.norm(x) or 1.0)
        return {n: float(v) for n, v in zip(nodes, x)}
    try:
        return nx.eigenvector_centrality(g, weight=weight, max_iter=1000)
    except (nx.PowerIterationFailedConvergence, nx.NetworkXException):
        return {n: 0.0 for n in g}


def centrality_table(g: nx.Graph, top: int | None = None, by: str = "weighted_degree") -> list[dict]:
    """Nodes with their measures as rows, highest ``by`` first (calls :func:`add_centrality` when needed).

    Examples
    --------
    >>> [r["id"] for r in centrality_table(nx.star_graph(3), top=1)]
    [0]
    """
    if g.number_of_nodes() and "betweenness" not in next(iter(g.nodes.values())):
        add_centrality(g)
    rows = [{"id": n, "label": d.get("label", str(n)), "type": d.get("type", ""), "papers": d.get("papers", 0),
             "community": d.get("community", -1), "degree": d["degree"], "weighted_degree": d["weighted_degree"],
             "betweenness": round(d["betweenness"], 6), "eigenvector": round(d["eigenvector"], 6)}
            for n, d in g.nodes(data=True)]
    rows.sort(key=lambda r: (-r[by], str(r["label"])))
    return rows[:top] if top else rows


def detect_communities(g: nx.Graph, weight: str = "weight", resolution: float = 1.0, seed: int = 42) -> dict[str, int]:
    """Louvain communities (networkx), numbered 0, 1, ... from the largest; sets ``community`` on each node.

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> part = detect_communities(g)
    >>> part["a"] == part["b"] != part["y"]
    True
    """
    if g.number_of_nodes() == 0:
        return {}
    comms = nx.community.louvain_communities(g, weight=weight, resolution=resolution, seed=seed)
    comms = sorted(comms, key=lambda c: (-len(c), min(map(str, c))))
    part = {n: i for i, c in enumerate(comms) for n in c}
    nx.set_node_attributes(g, part, "community")
    return part


def community_labels(g: nx.Graph, partition: Mapping[str, int] | None = None, top: int = 3,
                     by: str = "papers") -> dict[int, str]:
    """A label per community: its ``top`` concepts by ``by`` (paper count), joined with `` · ``.

    Examples
    --------
    >>> g = nx.Graph([("a", "b")]); nx.set_node_attributes(g, {"a": 3, "b": 1}, "papers")
    >>> community_labels(g, {"a": 0, "b": 0}, top=1)
    {0: 'a'}
    """
    partition = partition if partition is not None else nx.get_node_attributes(g, "community")
    members: dict[int, list[str]] = defaultdict(list)
    for n, c in partition.items():
        members[c].append(n)
    out = {}
    for c, ns in sorted(members.items()):
        ns.sort(key=lambda n: (-g.nodes[n].get(by, 0), -g.degree(n, weight="weight"), str(n)))
        out[c] = " · ".join(str(g.nodes[n].get("label", n)) for n in ns[:top])
    return out


def bridging_concepts(g: nx.Graph, partition: Mapping[str, int] | None = None, top: int = 10,
                      weight: str = "weight") -> list[dict]:
    """Concepts whose ties spread across communities (participation coefficient), most bridging first.

    The participation coefficient of a node is ``1 - sum_c (k_c / k)^2`` where
    ``k_c`` is its weighted degree into community ``c``: 0 when all its ties stay in
    one community, near 1 when they spread evenly. Ties are broken by betweenness.

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("x", "y"), ("y", "c")])
    >>> bridging_concepts(g, {"a": 0, "b": 0, "c": 0, "x": 1, "y": 1}, top=1)[0]["id"]
    'c'
    """
    partition = partition if partition is not None else nx.get_node_attributes(g, "community")
    if g.number_of_nodes() and "betweenness" not in next(iter(g.nodes.values())):
        add_centrality(g)
    out = []
    for n in g:
        into: Counter = Counter()
        for _, m, d in g.edges(n, data=True):
            into[partition.get(m, -1)] += d.get(weight, 1)
        k = sum(into.values())
        if not k:
            continue
        pc = 1.0 - sum((v / k) ** 2 for v in into.values())
        others = sorted(c for c in into if c != partition.get(n))
        if not others:
            continue
        out.append({"id": n, "label": g.nodes[n].get("label", n), "type": g.nodes[n].get("type", ""),
                    "community": partition.get(n, -1), "participation": round(pc, 4),
                    "communities_reached": len(others), "betweenness": round(g.nodes[n].get("betweenness", 0.0), 6),
                    "papers": g.nodes[n].get("papers", 0)})
    out.sort(key=lambda r: (-r["participation"], -r["betweenness"], str(r["label"])))
    return out[:top]


# --------------------------------------------------------------------------- trends and bursts

def concept_trends(store: GraphStore, *, include_candidates: bool = False, min_papers: int = 1,
                   lang: str = "en", rows: list[dict] | None = None, labels: Mapping[str, str] | None = None,
                   papers: list[dict] | None = None) -> dict:
    """Papers per year for every concept, and papers per year overall.

    ``rows``, ``labels`` and ``papers``: pre-fetched :func:`mention_rows`, :func:`concept_labels`
    and rows of the ``papers`` query.

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
    for r in papers if papers is not None else _rows(store, "papers"):
        papers_year.setdefault(r["paper"], _year(r["year"]))
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
        concepts[c] = {"label": labels.get(c) or _tail(c), "type": ctype[c], "papers": len(ps),
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
        for a, b, w in kleinberg_bursts(info["counts"], totals, s=s, gamma=gamma):
            out.append({"concept": c, "label": info["label"], "type": info["type"], "start": years[a],
                        "end": years[b], "weight": w, "papers_in_burst": sum(info["counts"][a:b + 1]),
                        "papers": info["papers"]})
    out.sort(key=lambda r: (-r["weight"], r["label"]))
    return out


def analyse_concepts(store: GraphStore, *, weight: str = "papers", include_candidates: bool = False,
                     min_papers: int = 1, lang: str = "en", seed: int = 42) -> nx.Graph:
    """The concept co-occurrence graph with communities (``community``, ``community_label``) and centralities set.

    Examples
    --------
    >>> analyse_concepts(GraphStore()).number_of_nodes()
    0
    """
    g = concept_cooccurrence(store, weight=weight, include_candidates=include_candidates, min_papers=min_papers,
                             lang=lang)
    return annotate(g, seed=seed)


def annotate(g: nx.Graph, seed: int = 42) -> nx.Graph:
    """Add centralities, Louvain communities and community labels to any projection; return ``g``.

    Examples
    --------
    >>> g = annotate(nx.Graph([("a", "b")]))
    >>> g.nodes["a"]["community"], g.nodes["a"]["community_label"]
    (0, 'a · b')
    """
    add_centrality(g)
    part = detect_communities(g, seed=seed)
    labels = community_labels(g, part)
    for n, c in part.items():
        g.nodes[n]["community_label"] = labels[c]
    g.graph["communities"] = len(labels)
    return g
