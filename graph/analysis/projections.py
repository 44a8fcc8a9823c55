"""networkx projections of the store: the graphs the measures, the report and the exporters work on.

:func:`paper_concept_graph` (paper–concept bipartite), :func:`concept_cooccurrence`
(weighted by papers or by sentences), :func:`platform_effect_table` and
:func:`platform_effect_graph` (platform × benefit/risk, asserted, hedged and
negated kept apart), :func:`collaboration_graph` (institutions or countries);
:func:`projection` picks one of them by the name ``litkg export --graph`` takes
(:data:`PROJECTIONS`).

Nodes have plain string ids and scalar attributes; ``years`` (papers per year)
is a plain dict, which the exporters turn into time spells and drop elsewhere.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import Iterable, Mapping

import networkx as nx

from litkg.extract.results import CONCEPT_TYPES
from litkg.graph.analysis.layout import DEFAULT_MIN_PAPERS, disambiguated_labels, paper_label
from litkg.graph.analysis.rows import (affiliation_rows, concept_labels, iri_label, is_candidate, mention_rows,
                                       paper_details, parse_bool, parse_year, query_rows)
from litkg.graph.errors import ExportError
from litkg.graph.store import GraphStore

EFFECT_TYPES = ("benefit", "risk")
PROJECTIONS = ("cooccurrence", "papers", "platform-effects", "institutions", "countries")
"""The projections by name, as ``litkg export --graph`` takes them."""


def paper_concept_graph(store: GraphStore, *, include_candidates: bool = True, include_institutions: bool = True,
                        lang: str = "en") -> nx.Graph:
    """The paper-centred (bipartite) graph: one node per paper, concept (incl. candidates) and institution.

    Nodes carry ``type`` (``paper`` or the entity type), ``label`` (papers: first
    author, year and short title, :func:`~litkg.graph.analysis.layout.paper_label`;
    their DOI or other identifier is the ``doi`` attribute, ``title`` the full title), ``papers``
    (number of papers mentioning the node; 1 for papers), ``year`` (papers'
    publication year, 0 when unknown or not a paper), ``bipartite`` (0 for
    papers, 1 for the rest) and ``years`` (papers per year). Edges join a
    paper to what it mentions, weighted by (non-negated) mention count.

    The order is canonical, a function of the graph alone (not of the store's
    query plan): the papers by IRI, then the concepts by IRI, each paper's edges
    by target (the query's rows sorted by paper, target, type, identifier and
    year; a pair met again keeps its place and takes the later row's
    attributes). ``graph.gexf`` is assembled in this order from per-graph rows
    (:mod:`litkg.graph.gexf_rows`).

    Examples
    --------
    >>> g = paper_concept_graph(GraphStore())   # an empty store gives an empty graph
    >>> g.number_of_nodes()
    0
    """
    labels = concept_labels(store, lang) if lang != "en" else {}
    details = paper_details(store)
    rows = [r for r in query_rows(store, "knowledge_graph_edges")
            if (include_candidates or not is_candidate(r["target"]))
            and (include_institutions or r["type"] != "institution")]
    rows.sort(key=lambda r: (r["paper"], r["target"], r["type"], r["paperId"], r["year"]))
    g = nx.Graph()
    for r in rows:  # papers first, by IRI; each from its first row
        paper = r["paper"]
        if paper not in g:
            year = parse_year(r["year"]) or 0
            info = details.get(paper, {})
            label = paper_label(info.get("author", ""), year, info.get("title", ""), info.get("authors", 1))
            g.add_node(paper, type="paper", label=label or r["paperId"], doi=r["paperId"],
                       title=info.get("title", ""), papers=1, year=year, bipartite=0, years={year: 1} if year else {})
    first: dict[str, dict] = {}
    for r in rows:
        first.setdefault(r["target"], r)
    for target in sorted(first):  # then the concepts, by IRI; each typed by its first row
        r = first[target]
        g.add_node(target, type=r["type"], label=labels.get(target) or r["label"] or iri_label(target), papers=0,
                   year=0, bipartite=1, years={})
    for r in rows:  # edges in the rows' order
        year = parse_year(r["year"]) or 0
        d = g.nodes[r["target"]]
        d["papers"] += 1
        if year:
            d["years"][year] = d["years"].get(year, 0) + 1
        g.add_edge(r["paper"], r["target"], weight=int(r["weight"]), type=r["type"], years={year: 1} if year else {})
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
        g.add_node(c, label=labels.get(c) or iri_label(c), type=ctype[c], candidate=is_candidate(c),
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
    for r in query_rows(store, "findings"):
        key = (r["platform"], r["effect"], r["findingType"])
        cells[key]["hedged" if parse_bool(r["hedged"]) else "asserted"].add(r["paper"])
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
        out.append({"platform": p, "platform_label": labels.get(p) or iri_label(p), "effect": e,
                    "effect_label": labels.get(e) or iri_label(e), "type": t, "candidate": is_candidate(e),
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


def projection(store: GraphStore, name: str = "cooccurrence", lang: str = "en", *,
               include_candidates: bool = False, min_papers: int = 1,
               weight: str = "papers") -> nx.Graph:
    """A projection of the store by name (one of :data:`PROJECTIONS`), without measures.

    ``cooccurrence`` concept co-occurrence (``weight``: papers or sentences);
    ``papers`` paper–concept–institution graph; ``platform-effects`` platform ×
    benefit/risk; ``institutions`` and ``countries`` collaboration. The graph
    attribute ``projection`` is set to ``name``. Labels that nodes of different
    types share get their type added (:func:`~litkg.graph.analysis.layout.disambiguated_labels`).
    :func:`annotated_projection`
    adds centralities and communities.

    Examples
    --------
    >>> g = projection(GraphStore(), "countries")
    >>> g.number_of_nodes(), g.graph["projection"]
    (0, 'countries')
    """
    if name == "cooccurrence":
        g = concept_cooccurrence(store, weight=weight, include_candidates=include_candidates,
                                 min_papers=min_papers, lang=lang)
    elif name == "papers":
        g = paper_concept_graph(store, include_candidates=include_candidates, lang=lang)
    elif name == "platform-effects":
        g = platform_effect_graph(store, lang=lang, include_candidates=include_candidates)
    elif name == "institutions":
        g = collaboration_graph(store, "institution")
    elif name == "countries":
        g = collaboration_graph(store, "country")
    else:
        raise ExportError(f"unknown projection {name!r}; choose one of {', '.join(PROJECTIONS)}")
    g.graph["projection"] = name
    nx.set_node_attributes(g, disambiguated_labels(g), "label")
    return g
