"""Store → rows: the named queries' results as plain dicts, with years and booleans parsed.

Every projection and measure in :mod:`litkg.graph.analysis` starts from these
rows; the ``rows=``/``labels=``/``papers=`` parameters of the projections take
them pre-fetched, so a caller that needs several projections queries once.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from litkg.extract.identifiers import CANDIDATE, is_candidate  # noqa: F401  (is_candidate: re-exported)
from litkg.graph.query import load_query, run_query
from litkg.graph.store import GraphStore


def query_rows(store: GraphStore, name: str) -> list[dict[str, str]]:
    """The rows of the named query ``name`` (``graph/queries/NAME.rq``) as dicts keyed by variable.

    Examples
    --------
    >>> query_rows(GraphStore(), "papers")
    []
    """
    header, rows = run_query(store, load_query(name))
    return [dict(zip(header, r)) for r in rows]


def parse_year(value: str | int | None) -> int | None:
    """A year from a query cell; None when the cell is empty or not a number.

    Examples
    --------
    >>> parse_year("2019"), parse_year(""), parse_year(None)
    (2019, None, None)
    """
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def parse_bool(value: str) -> bool:
    """An ``xsd:boolean`` query cell as a bool.

    Examples
    --------
    >>> parse_bool("true"), parse_bool("1"), parse_bool("false")
    (True, True, False)
    """
    return value in ("true", "1")


def iri_label(iri: str) -> str:
    """A readable stand-in label: the IRI's last path segment with hyphens as spaces.

    Examples
    --------
    >>> iri_label("https://w3id.org/litkg/candidate/benefit/feeling-heard")
    'feeling heard'
    """
    return iri.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")


_SURFACE_FORMS = """
SELECT ?concept ?exact (COUNT(?a) AS ?n)
WHERE { ?a oa:hasBody ?concept ; oa:hasTarget/oa:hasSelector/oa:exact ?exact .
        FILTER(STRSTARTS(STR(?concept), "%s")) }
GROUP BY ?concept ?exact
""" % CANDIDATE


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def surface_forms(store: GraphStore) -> dict[str, str]:
    """Candidate concept → its most frequent spelling in the texts (``oa:exact`` of its mentions).

    Candidates' ``skos:prefLabel`` is lower-cased at extraction ("kakaotalk");
    the texts keep the product's own case ("KakaoTalk").

    Examples
    --------
    >>> surface_forms(GraphStore())
    {}
    """
    header, rows = run_query(store, _SURFACE_FORMS)
    counts: dict[str, Counter] = defaultdict(Counter)
    for concept, exact, n in rows:
        counts[concept][" ".join(exact.split())] += int(n)
    return {c: max(sorted(forms), key=lambda f: forms[f]) for c, forms in counts.items()}


def concept_labels(store: GraphStore, lang: str = "en") -> dict[str, str]:
    """Every concept's ``skos:prefLabel`` in ``lang``, falling back to English, then any label.

    A lower-case candidate label takes the case its texts spell it in
    (:func:`surface_forms`: "kakaotalk" → "KakaoTalk") when that spelling has the
    same words; vocabulary labels are kept as they are.

    Examples
    --------
    >>> concept_labels(GraphStore())
    {}
    """
    by: dict[str, dict[str, str]] = defaultdict(dict)
    for r in query_rows(store, "concept_labels"):
        by[r["concept"]].setdefault(r["lang"], r["label"])
    forms = surface_forms(store) if any(is_candidate(c) for c in by) else {}
    out = {}
    for concept, labels in by.items():
        label = labels.get(lang) or labels.get("en") or labels.get("") or next(iter(labels.values()))
        form = forms.get(concept)
        if (form and label == label.lower() and form[1:] != form[1:].lower()  # not just a sentence's capital
                and _norm(form) == _norm(label)):
            label = form
        out[concept] = label
    return out


def mention_rows(store: GraphStore, include_negated: bool = False) -> list[dict]:
    """One dict per concept mention (institutions left out): paper, year, concept, type, sentence, hedged, negated.

    Examples
    --------
    >>> mention_rows(GraphStore())
    []
    """
    out = []
    for r in query_rows(store, "concept_mentions"):
        negated = parse_bool(r["negated"])
        if negated and not include_negated:
            continue
        out.append({"paper": r["paper"], "year": parse_year(r["year"]), "concept": r["concept"], "type": r["type"],
                    "sentence": r["sentence"], "hedged": parse_bool(r["hedged"]), "negated": negated})
    return out


def paper_rows(store: GraphStore) -> list[dict]:
    """One dict per paper in the store (with or without mentions): paper (IRI), id, year (int or None), journal.

    Examples
    --------
    >>> paper_rows(GraphStore())
    []
    """
    return [{"paper": r["paper"], "id": r["id"], "year": parse_year(r["year"]), "journal": r["journal"]}
            for r in query_rows(store, "papers")]


_PAPER_DETAILS = """
SELECT ?paper (SAMPLE(?t) AS ?title) (SAMPLE(?first) AS ?author) (COUNT(DISTINCT ?a) AS ?authors)
WHERE {
  ?paper a schema:ScholarlyArticle .
  OPTIONAL { ?paper dcterms:title ?t }
  OPTIONAL { ?paper schema:author ?a }
  OPTIONAL { ?paper schema:author ?a1 . ?a1 schema:position 1 ; schema:name ?first }
}
GROUP BY ?paper
"""


def paper_details(store: GraphStore) -> dict[str, dict]:
    """Paper IRI → ``{"title", "author" (first author's name), "authors" (how many)}``.

    Examples
    --------
    >>> paper_details(GraphStore())
    {}
    """
    header, rows = run_query(store, _PAPER_DETAILS)
    out = {}
    for r in rows:
        d = dict(zip(header, r))
        out[d["paper"]] = {"title": d["title"] or "", "author": d["author"] or "",
                           "authors": int(d["authors"] or 0)}
    return out


def _places(store: GraphStore) -> tuple[dict[str, str], dict[str, str]]:
    """(place → country code, code → country name)."""
    kind, name, code, within = {}, {}, {}, {}
    for r in query_rows(store, "places"):
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
    for r in query_rows(store, "organisations"):
        if r["name"]:
            names.setdefault(r["org"], r["name"])
        if r["parent"]:
            parent.setdefault(r["org"], r["parent"])
    country_of, country_name = _places(store)
    org_country: dict[str, str] = {}
    seen_rows = query_rows(store, "paper_institutions")
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
        out.append({"paper": r["paper"], "year": parse_year(r["year"]), "org": r["org"], "root": top,
                    "root_label": names.get(top) or iri_label(top), "country": country,
                    "country_label": country_name.get(country, country)})
    return out
