"""Named queries: documented, parameters bound (never formatted), answering on the seed and a real corpus."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from litkg.graph.errors import QueryError
from litkg.graph.query import describe, load_query, named_queries, required_params, run_query
from litkg.graph.store import GraphStore

MINE = ["hedged_findings", "finding_evidence", "institution_platforms", "concepts_by_year", "similar_papers",
        "candidate_concepts", "cooccurring_concepts", "countries_by_papers", "concept_links", "concept_details",
        "platform_papers", "runs", "ontology_terms"]
SEED_DOI = "https://doi.org/10.1017/S2045796015001067"
C = "https://w3id.org/litkg/concept/"


@pytest.fixture(scope="module")
def seed(seed_out) -> GraphStore:
    return GraphStore(seed_out / "store", read_only=True)


@pytest.fixture(scope="module")
def domain(domain_out) -> GraphStore:
    return GraphStore(domain_out / "store", read_only=True)


def rows_as_dicts(result) -> list[dict[str, str]]:
    header, rows = result
    return [dict(zip(header, r)) for r in rows]


def params_for(store: GraphStore, sparql: str) -> dict:
    """Bind every declared parameter to a value that occurs in the store."""
    first = rows_as_dicts(run_query(store, load_query("hedged_findings")))
    top = first[0] if first else {}
    values = {
        "platform": top.get("platform", C + "platform/facebook"),
        "effect": top.get("effect", C + "risk/misinformation"),
        "concept": top.get("platform", C + "platform/facebook"),
        "paper": rows_as_dicts(run_query(store, load_query("papers")))[0]["paper"],
    }
    return {p: ox.NamedNode(values[p]) for p in required_params(sparql)}


def test_at_least_ten_documented_queries():
    queries = named_queries()
    assert set(MINE) <= set(queries)
    for name in MINE:
        question = describe(queries[name])
        assert "?" in question and len(question) > 30, name
        text = queries[name].read_text(encoding="utf-8")
        for p in required_params(text):  # a bound variable must be projected (SEP-0007 substitution)
            assert f"?{p}" in text.split("WHERE")[0], (name, p)


@pytest.mark.parametrize("name", MINE)
def test_every_query_runs_on_the_seed(seed, name):
    sparql = load_query(name)
    header, rows = run_query(seed, sparql, params_for(seed, sparql))
    assert header


@pytest.mark.parametrize("name", MINE)
def test_every_query_runs_on_the_domain_corpus(domain, name):
    sparql = load_query(name)
    header, rows = run_query(domain, sparql, params_for(domain, sparql))
    if name not in ("finding_evidence",):
        assert rows, name


def test_ask_queries_give_a_bool(seed):
    assert run_query(seed, "ASK { ?p a schema:ScholarlyArticle }") is True
    assert run_query(seed, "ASK { ?p a schema:Nothing }") is False


def test_the_question_leaves_out_parameter_lines():
    question = describe(named_queries()["finding_evidence"])
    assert "param:" not in question and question.startswith("What is the evidence for one finding")


def test_missing_parameter_is_an_error(seed):
    with pytest.raises(QueryError, match="missing parameter"):
        run_query(seed, load_query("similar_papers"))


def test_seed_answers(seed):
    hedged = rows_as_dicts(run_query(seed, load_query("hedged_findings")))
    assert hedged and all(r["platformLabel"] and r["effectLabel"] for r in hedged)
    assert "Facebook" in {r["platformLabel"] for r in hedged}
    assert all(int(r["asserted"]) + int(r["hedgedFindings"]) >= 1 for r in hedged)
    top = hedged[0]
    ev = rows_as_dicts(run_query(seed, load_query("finding_evidence"),
                                 {"platform": ox.NamedNode(top["platform"]), "effect": ox.NamedNode(top["effect"])}))
    assert ev and all(r["paper"] == SEED_DOI for r in ev)
    assert all(r["platformText"] in r["sentence"] and r["effectText"] in r["sentence"] for r in ev)
    countries = rows_as_dicts(run_query(seed, load_query("countries_by_papers")))
    assert countries[0]["code"] == "US" and countries[0]["papers"] == "1"
    details = rows_as_dicts(run_query(seed, load_query("concept_details"),
                                      {"concept": ox.NamedNode(C + "platform/facebook")}))
    assert details[0]["label"] == "Facebook" and "http://www.wikidata.org/entity/Q355" in details[0]["exactMatch"]
    runs = rows_as_dicts(run_query(seed, load_query("runs")))
    assert len(runs) == 1 and runs[0]["inputs"].endswith("seed.txt") and int(runs[0]["annotations"]) > 50
    terms = rows_as_dicts(run_query(seed, load_query("ontology_terms")))
    assert any(r["term"].endswith("#Mention") and "http://www.w3.org/ns/oa#Annotation" in r["specialises"]
               for r in terms)


def test_parameter_values_are_bound_not_formatted(seed):
    # a literal full of SPARQL syntax is just a value that matches nothing
    evil = ox.Literal('x" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o . FILTER("')
    header, rows = run_query(seed, load_query("concept_details"), {"concept": evil})
    assert rows == [] or rows[0][header.index("papers")] in ("", "0")


def test_similar_papers_on_the_domain_corpus(domain):
    papers = rows_as_dicts(run_query(domain, load_query("papers")))
    target = max(papers, key=lambda r: int(r["mentions"]))["paper"]
    rows = rows_as_dicts(run_query(domain, load_query("similar_papers"), {"paper": ox.NamedNode(target)}))
    assert rows and all(r["other"] != target for r in rows)
    shared = [int(r["shared"]) for r in rows]
    assert shared == sorted(shared, reverse=True) and shared[0] >= 2


def test_every_mention_traces_from_concept_to_paper_to_characters(domain):
    """Concept -> annotation -> paper -> text field -> exact characters, for every annotation of a real corpus."""
    q = """SELECT ?a ?concept ?paper ?exact ?prefix ?suffix ?start ?end ?text WHERE {
      ?a a litkg:Mention ; oa:hasBody ?concept ; litkg:inPaper ?paper ; oa:hasTarget ?t .
      ?paper a schema:ScholarlyArticle .
      ?t oa:hasSource ?f ; oa:hasSelector ?q, ?p .
      ?f rdf:value ?text ; dcterms:isPartOf ?paper .
      ?q a oa:TextQuoteSelector ; oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix .
      ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end . }"""
    header, rows = run_query(domain, q)
    n_mentions = int(run_query(domain, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a litkg:Mention }")[1][0][0])
    assert n_mentions > 1000
    assert len({r[0] for r in rows}) == n_mentions
    for a, concept, paper, exact, prefix, suffix, start, end, text in rows:
        s, e = int(start), int(end)
        assert text[s:e] == exact, a
        assert text[:s].endswith(prefix) and text[e:].startswith(suffix), a
