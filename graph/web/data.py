"""What the pages show, read from the graph: a few SELECT queries with their parameters bound by substitution.

Every function takes a ``rows`` callable that runs one query with bindings and
returns its solutions as dictionaries of strings (:data:`Rows`). The endpoint
passes one that goes through its query runner (worker processes, time and size
limits); :func:`store_rows` runs on a store directly (tests, scripts). Named
queries (``graph/queries/*.rq``) are reused where they fit (``concept_details``,
``finding_evidence``); the other queries are here, each with a ``LIMIT`` so
that a page stays readable on a large graph.
"""
from __future__ import annotations

import json
from typing import Callable, Mapping

import pyoxigraph as ox

from litkg.graph.query import load_query, term_value

Bindings = Mapping[str, "ox.NamedNode | ox.Literal"]
Rows = Callable[[str, Bindings], list[dict[str, str]]]
MAX_ROWS = 500  # rows a page lists (one more is asked for, to tell that some were left out)

_LABEL = 'skos:prefLabel ?{v}Label FILTER(LANG(?{v}Label) = "en" || LANG(?{v}Label) = "")'

CONCEPT_EVIDENCE = f"""
SELECT ?concept ?paper ?title ?doi ?year ?type ?field ?exact ?start ?end ?sentence ?sentenceStart ?hedged ?negated
WHERE {{
  ?a oa:hasBody ?concept ; litkg:inPaper ?paper ; litkg:entityType ?type ; litkg:hedged ?hedged ;
     litkg:negated ?negated ; litkg:sentence ?s ; oa:hasTarget ?t .
  ?s rdf:value ?sentence ; litkg:start ?sentenceStart .
  ?t oa:hasSource/litkg:fieldName ?field ; oa:hasSelector ?q, ?p .
  ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end .
  OPTIONAL {{ ?paper dcterms:title ?title }}
  OPTIONAL {{ ?paper prism:doi ?doi }}
  OPTIONAL {{ ?paper litkg:year ?year }}
}}
ORDER BY DESC(?year) ?paper ?field ?start
LIMIT {MAX_ROWS + 1}
"""

CONCEPT_FINDINGS = f"""
SELECT ?concept ?platform ?platformLabel ?effect ?effectLabel ?type
       (COUNT(DISTINCT ?paper) AS ?papers) (SUM(IF(?hedged, 1, 0)) AS ?hedgedCount) (COUNT(?f) AS ?findings)
WHERE {{
  {{ ?f litkg:platform ?concept . BIND(?concept AS ?platform) ?f litkg:effect ?effect }}
  UNION
  {{ ?f litkg:effect ?concept . BIND(?concept AS ?effect) ?f litkg:platform ?platform }}
  ?f litkg:findingType ?type ; litkg:hedged ?hedged ; litkg:inPaper ?paper .
  OPTIONAL {{ ?platform {_LABEL.format(v="platform")} }}
  OPTIONAL {{ ?effect {_LABEL.format(v="effect")} }}
}}
GROUP BY ?concept ?platform ?platformLabel ?effect ?effectLabel ?type
ORDER BY DESC(?papers) ?platformLabel ?effectLabel
LIMIT {MAX_ROWS + 1}
"""

PAPER_INFO = """
SELECT ?paper ?title ?doi ?pmid ?year ?journal ?date ?author ?position
WHERE {
  ?paper a schema:ScholarlyArticle .
  OPTIONAL { ?paper dcterms:title ?title }
  OPTIONAL { ?paper prism:doi ?doi }
  OPTIONAL { ?paper fabio:hasPubMedId ?pmid }
  OPTIONAL { ?paper litkg:year ?year }
  OPTIONAL { ?paper prism:publicationName ?journal }
  OPTIONAL { ?paper dcterms:date ?date }
  OPTIONAL { ?paper schema:author ?a . ?a schema:name ?author ; schema:position ?position }
}
ORDER BY ?position
LIMIT 200
"""

PAPER_FIELDS = """
SELECT ?paper ?field ?text
WHERE { ?paper litkg:textField ?f . ?f litkg:fieldName ?field ; rdf:value ?text }
ORDER BY ?field
"""

PAPER_MENTIONS = f"""
SELECT ?paper ?concept ?conceptLabel ?type ?field ?exact ?start ?end ?hedged ?negated
WHERE {{
  ?a litkg:inPaper ?paper ; oa:hasBody ?concept ; litkg:entityType ?type ; litkg:hedged ?hedged ;
     litkg:negated ?negated ; oa:hasTarget ?t .
  ?t oa:hasSource/litkg:fieldName ?field ; oa:hasSelector ?q, ?p .
  ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end .
  OPTIONAL {{ ?concept {_LABEL.format(v="concept")} }}
}}
ORDER BY ?field ?start
LIMIT {4 * MAX_ROWS}
"""

FINDING_CONTEXT = f"""
SELECT DISTINCT ?platform ?platformLabel ?effect ?effectLabel ?paper ?title ?doi ?year
WHERE {{
  ?f a litkg:Finding ; litkg:platform ?platform ; litkg:effect ?effect ; litkg:inPaper ?paper .
  OPTIONAL {{ ?platform {_LABEL.format(v="platform")} }}
  OPTIONAL {{ ?effect {_LABEL.format(v="effect")} }}
  OPTIONAL {{ ?paper dcterms:title ?title }}
  OPTIONAL {{ ?paper prism:doi ?doi }}
  OPTIONAL {{ ?paper litkg:year ?year }}
}}
LIMIT {4 * MAX_ROWS}
"""


def solutions(body: bytes) -> list[dict[str, str]]:
    """The solutions of a SPARQL JSON result as dictionaries of strings (unbound variables left out)."""
    data = json.loads(body)
    return [{k: v["value"] for k, v in b.items()} for b in data.get("results", {}).get("bindings", [])]


def store_rows(store) -> Rows:
    """A :data:`Rows` runner over a :class:`~litkg.graph.store.GraphStore` (no worker, no time limit)."""

    def rows(sparql: str, bindings: Bindings) -> list[dict[str, str]]:
        result = store.query(sparql, dict(bindings))
        names = [v.value for v in result.variables]
        return [{n: term_value(sol[n]) for n in names if sol[n] is not None} for sol in result]

    return rows


def concept(iri: ox.NamedNode, rows: Rows) -> dict:
    """A concept's details (``concept_details``), its mentions with their sentences, and its findings."""
    bound = {"concept": iri}
    details = rows(load_query("concept_details"), bound)
    mentions = rows(CONCEPT_EVIDENCE, bound)
    findings = rows(CONCEPT_FINDINGS, bound)
    return {"iri": iri.value, "details": details[0] if details else {},
            "mentions": mentions[:MAX_ROWS], "more": len(mentions) > MAX_ROWS,
            "findings": findings[:MAX_ROWS]}


def _findings(bound: Bindings, rows: Rows) -> dict:
    """Findings (``finding_evidence`` with some of its variables bound) with the labels and papers they name."""
    evidence = rows(load_query("finding_evidence").rstrip() + f"\nLIMIT {MAX_ROWS + 1}\n", bound)
    context = rows(FINDING_CONTEXT, bound)
    labels = {r[k]: r[k + "Label"] for r in context for k in ("platform", "effect") if r.get(k + "Label")}
    return {"findings": evidence[:MAX_ROWS], "more": len(evidence) > MAX_ROWS, "labels": labels,
            "papers": {r["paper"]: r for r in context}}


def paper(iri: ox.NamedNode, rows: Rows) -> dict:
    """A paper's metadata and authors, text fields, mentions and findings."""
    bound = {"paper": iri}
    info = rows(PAPER_INFO, bound)
    authors = [r["author"] for r in info if r.get("author")]
    return {"iri": iri.value, "info": info[0] if info else {}, "authors": authors,
            "fields": rows(PAPER_FIELDS, bound), "mentions": rows(PAPER_MENTIONS, bound), **_findings(bound, rows)}


def platform(iri: ox.NamedNode, rows: Rows) -> dict:
    """A platform's details and findings: each with its evidence sentence, effect and paper."""
    details = rows(load_query("concept_details"), {"concept": iri})
    return {"iri": iri.value, "details": details[0] if details else {}, **_findings({"platform": iri}, rows)}
