"""Named queries: documented, parameters bound (never formatted), answering on the seed and a real corpus.

Every named query (graph/queries/*.rq, as `litkg queries` lists them) has an entry in ``SEED_ROWS`` below:
the rows it must give on the seed paper (examples/seed.txt), as facts a reader can check against the
seed's text. A new query without an entry fails ``test_every_named_query_has_seed_expectations``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pyoxigraph as ox
import pytest

from litkg.graph.cli import main
from litkg.graph.errors import QueryError
from litkg.graph.query import (describe, format_result, load_query, looks_like_sparql, named_queries,
                               required_params, run_query, typed_value)
from litkg.graph.store import GraphStore

MINE = ["hedged_findings", "finding_evidence", "institution_platforms", "concepts_by_year", "similar_papers",
        "candidate_concepts", "cooccurring_concepts", "countries_by_papers", "concept_links", "concept_details",
        "platform_papers", "runs", "ontology_terms"]
SEED_DOI = "https://doi.org/10.1017/S2045796015001067"
SEED_TEXT = (Path(__file__).resolve().parents[2] / "examples" / "seed.txt").read_text(encoding="utf-8")
C = "https://w3id.org/litkg/concept/"
ORG = "https://w3id.org/litkg/org/"
FACEBOOK = C + "platform/facebook"
XSD = "http://www.w3.org/2001/XMLSchema#"
# the platforms the seed names: "social media, including Facebook, Twitter or YouTube", "online communities",
# "online peer networks"; and its three risks: "exposure to misleading information, facing hostile or
# derogatory comments from others, or feeling more uncertain about one's health condition"
SEED_PLATFORMS = {C + "platform/" + p for p in ("facebook", "twitter", "youtube", "social-media", "online-community",
                                                "online-peer-network")}
SEED_RISKS = {C + "risk/" + r for r in ("misinformation", "hostile-comments", "health-uncertainty")}
# the three affiliations of the seed (Dartmouth, Lebanon, New Hampshire, USA)
SEED_ORGS = {ORG + "health-promotion-research-center-dartmouth": ("Health Promotion Research Center at Dartmouth", ""),
             ORG + "geisel-school-med-dartmouth": ("Geisel School of Medicine at Dartmouth", ""),
             ORG + "geisel-school-med-dartmouth/department-psychiatry": ("Department of Psychiatry",
                                                                           ORG + "geisel-school-med-dartmouth")}
LEBANON_NH = "https://sws.geonames.org/5088597/"


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


# ---------------------------------------------------------------------------- every query, rows on the seed

# parameter values for the queries that declare ``# param:`` lines
SEED_PARAMS = {
    "concept_details": {"concept": FACEBOOK},
    "cooccurring_concepts": {"concept": FACEBOOK},
    "evidence": {"concept": FACEBOOK},
    # "Within online communities, individuals with serious mental illness could challenge stigma ..."
    "finding_evidence": {"platform": C + "platform/online-community", "effect": C + "benefit/stigma-challenge"},
    "platform_papers": {"platform": FACEBOOK},
    "similar_papers": {"paper": SEED_DOI},
}
SEED_ROWS: dict[str, Callable[[list[dict[str, str]]], None]] = {}


def seed_rows(name: str):
    """Register the check of the rows query ``name`` gives on the seed."""
    def register(check):
        SEED_ROWS[name] = check
        return check
    return register


def pick(rows: list[dict[str, str]], **where: str) -> list[dict[str, str]]:
    return [r for r in rows if all(r[k] == v for k, v in where.items())]


@seed_rows("papers")
def _papers(rows):
    (r,) = rows
    assert (r["paper"], r["id"], r["year"], r["journal"]) == (
        SEED_DOI, "doi:10.1017/S2045796015001067", "2016", "Epidemiol Psychiatr Sci")
    assert int(r["mentions"]) > 50


@seed_rows("platform_effects")
def _platform_effects(rows):
    triples = {(r["platformLabel"], r["type"], r["effectLabel"]) for r in rows}
    # "... social media, including Facebook, Twitter or YouTube ..." / "report benefits ... from greater social
    # connectedness, feelings of group belonging" / "Unforeseen risks may include exposure to misleading information"
    assert {("Facebook", "benefit", "social connectedness"), ("YouTube", "benefit", "sense of belonging"),
            ("Twitter", "risk", "exposure to misleading information"),
            ("social media", "risk", "hostile or derogatory comments")} <= triples
    assert {r["platform"] for r in rows} == SEED_PLATFORMS
    assert {r["effect"] for r in rows if r["type"] == "risk"} == SEED_RISKS
    assert all(r["papers"] == "1" and r["type"] in ("benefit", "risk") for r in rows)


@seed_rows("findings")
def _findings(rows):
    assert rows and all(r["paper"] == SEED_DOI and r["year"] == "2016" for r in rows)
    found = {(r["platform"], r["effect"], r["findingType"], r["hedged"]) for r in rows}
    # "to share their illness experiences" (asserted); "could challenge stigma" (hedged)
    assert (C + "platform/twitter", C + "benefit/sharing-experiences", "benefit", "false") in found
    assert (C + "platform/online-community", C + "benefit/stigma-challenge", "benefit", "true") in found
    assert {r["platform"] for r in rows} <= SEED_PLATFORMS


@seed_rows("hedged_findings")
def _hedged_findings(rows):
    assert all(r["papers"] == "1" and int(r["asserted"]) + int(r["hedgedFindings"]) >= 1 for r in rows)
    # "could challenge stigma", in the abstract and in its Chinese translation: hedged twice, never asserted
    (stigma,) = pick(rows, platformLabel="online communities", effectLabel="challenging stigma")
    assert (stigma["type"], stigma["asserted"], stigma["hedgedFindings"]) == ("benefit", "0", "2")
    (share,) = pick(rows, platformLabel="Facebook", effectLabel="sharing personal stories")
    assert int(share["asserted"]) >= 1 and share["hedgedFindings"] == "0"


@seed_rows("finding_evidence")
def _finding_evidence(rows):
    assert {r["field"] for r in rows} == {"abstract", "translation[zh]"}
    for r in rows:
        assert (r["paper"], r["type"], r["hedged"]) == (SEED_DOI, "benefit", "true")
        s0 = int(r["sentenceStart"])
        assert r["sentence"][int(r["platformStart"]) - s0:].startswith(r["platformText"])
        assert r["sentence"][int(r["effectStart"]) - s0:int(r["effectEnd"]) - s0] == r["effectText"]
    (en,) = pick(rows, field="abstract")
    assert en["sentence"].startswith("Within online communities, individuals with serious mental illness could "
                                     "challenge stigma")
    assert (en["platformText"], en["effectText"]) == ("online communities", "challenge stigma")


@seed_rows("evidence")
def _evidence(rows):
    # Facebook, once in the abstract's first sentence and once in its Chinese translation
    assert [(r["field"], r["exact"], r["start"], r["end"]) for r in rows] == [
        ("abstract", "Facebook", "95", "103"), ("translation[zh]", "Facebook", "28", "36")]
    for r in rows:
        assert (r["concept"], r["paper"], r["hedged"], r["negated"]) == (FACEBOOK, SEED_DOI, "false", "false")
        assert r["sentence"][int(r["start"]):int(r["end"])] == "Facebook"  # first sentence of its field
    assert rows[0]["sentence"].startswith("People with serious mental illness are increasingly turning to popular "
                                          "social media, including Facebook, Twitter or YouTube")


@seed_rows("concept_details")
def _concept_details(rows):
    (r,) = rows
    assert (r["concept"], r["scheme"], r["label"], r["labelZh"]) == (FACEBOOK, C + "platform", "Facebook", "脸书")
    assert r["broader"] == C + "platform/social-media"
    assert "http://www.wikidata.org/entity/Q355" in r["exactMatch"]
    assert (r["papers"], r["mentions"]) == ("1", "2")  # the abstract and the translation


@seed_rows("concept_labels")
def _concept_labels(rows):
    labels = {(r["concept"], r["lang"], r["label"]) for r in rows}
    assert {(FACEBOOK, "en", "Facebook"), (FACEBOOK, "zh", "脸书"),
            (C + "benefit/social-connectedness", "en", "social connectedness")} <= labels


@seed_rows("concept_links")
def _concept_links(rows):
    by = {r["concept"]: r for r in rows}
    assert (by[FACEBOOK]["wikidata"], by[FACEBOOK]["papers"]) == ("http://www.wikidata.org/entity/Q355", "1")
    assert by[C + "platform/twitter"]["wikidata"] == "http://www.wikidata.org/entity/Q918"
    assert by[C + "platform/social-media"]["mesh"] == "http://id.nlm.nih.gov/mesh/D061108"
    assert by[C + "platform/instagram"]["papers"] in ("", "0")  # in the vocabulary, not in the seed


@seed_rows("concept_mentions")
def _concept_mentions(rows):
    assert all(r["paper"] == SEED_DOI and r["year"] == "2016" for r in rows)
    assert all(r["negated"] == "false" for r in rows)  # the seed negates nothing
    assert {r["concept"] for r in rows if r["type"] == "platform"} == SEED_PLATFORMS
    # "Unforeseen risks may include exposure to misleading information": hedged, abstract and translation
    misinfo = pick(rows, concept=C + "risk/misinformation")
    assert len(misinfo) == 2 and all(r["hedged"] == "true" for r in misinfo)
    assert {r["sentence"].split("/field/")[1].split("/")[0] for r in misinfo} == {"abstract", "translation%5Bzh%5D"}


@seed_rows("concepts_by_year")
def _concepts_by_year(rows):
    assert {r["year"] for r in rows} == {"2016"} and all(r["papers"] == "1" for r in rows)
    assert {r["concept"] for r in rows if r["type"] == "platform"} == SEED_PLATFORMS
    assert {r["concept"] for r in rows if r["type"] == "risk"} == SEED_RISKS


@seed_rows("cooccurring_concepts")
def _cooccurring_concepts(rows):
    assert all(r["concept"] == FACEBOOK and r["other"] != FACEBOOK for r in rows)
    by = {r["label"]: r for r in rows}
    for label in ("Twitter", "YouTube", "social media"):  # the same sentence, in English and in Chinese
        assert (by[label]["type"], by[label]["sentences"], by[label]["papers"]) == ("platform", "2", "1")


@seed_rows("countries_by_papers")
def _countries_by_papers(rows):
    assert rows == [{"country": "https://w3id.org/litkg/place/us", "name": "United States", "code": "US",
                     "papers": "1", "institutions": "3"}]


@seed_rows("organisations")
def _organisations(rows):
    assert {r["org"]: (r["name"], r["parent"]) for r in rows} == SEED_ORGS


@seed_rows("paper_institutions")
def _paper_institutions(rows):
    assert {r["org"]: (r["name"], r["parent"]) for r in rows} == SEED_ORGS
    assert all((r["paper"], r["year"], r["place"]) == (SEED_DOI, "2016", LEBANON_NH) for r in rows)


@seed_rows("institution_platforms")
def _institution_platforms(rows):
    assert {r["institution"] for r in rows} <= set(SEED_ORGS)
    assert {r["platform"] for r in rows} == SEED_PLATFORMS
    assert pick(rows, name="Geisel School of Medicine at Dartmouth", platformLabel="Facebook")[0]["papers"] == "1"


@seed_rows("places")
def _places(rows):
    facts = {(r["place"], r["p"].rsplit("/", 1)[-1], r["o"]) for r in rows}
    us, nh = "https://w3id.org/litkg/place/us", "https://w3id.org/litkg/place/us-nh"
    assert {(LEBANON_NH, "name", "Lebanon"), (LEBANON_NH, "containedInPlace", nh),
            (nh, "identifier", "US-NH"), (nh, "name", "New Hampshire"), (nh, "containedInPlace", us),
            (us, "identifier", "US"), (us, "name", "United States")} <= facts


@seed_rows("knowledge_graph_edges")
def _knowledge_graph_edges(rows):
    assert all((r["paper"], r["paperId"], r["year"]) == (SEED_DOI, "doi:10.1017/S2045796015001067", "2016")
               for r in rows)
    by = {r["target"]: r for r in rows}
    assert (by[FACEBOOK]["type"], by[FACEBOOK]["label"], by[FACEBOOK]["weight"]) == ("platform", "Facebook", "2")
    assert {t for t, r in by.items() if r["type"] == "institution"} == set(SEED_ORGS)
    assert {t for t, r in by.items() if r["type"] == "platform"} == SEED_PLATFORMS


@seed_rows("platform_papers")
def _platform_papers(rows):
    (r,) = rows
    assert (r["platform"], r["paper"], r["year"]) == (FACEBOOK, SEED_DOI, "2016")
    assert "sharing personal stories" in r["effects"].split("; ")


@seed_rows("similar_papers")
def _similar_papers(rows):
    assert rows == []  # the seed store holds one paper: nothing to be similar to


@seed_rows("candidate_concepts")
def _candidate_concepts(rows):
    assert rows
    flat = " ".join(SEED_TEXT.split()).lower()
    for r in rows:  # each candidate is a phrase of the seed, found by the cue rules, in its one paper
        assert r["concept"].startswith(f"https://w3id.org/litkg/candidate/{r['type']}/"), r
        assert r["label"].lower() in flat and r["papers"] == "1" and int(r["mentions"]) >= 1, r
    assert "support and empower people with serious mental illness" in {r["label"] for r in rows}


@seed_rows("runs")
def _runs(rows):
    (r,) = rows
    assert r["inputs"].endswith("seed.txt") and int(r["annotations"]) > 50
    assert r["started"] <= r["ended"] and r["softwareVersion"] and r["vocabularyVersion"]


@seed_rows("ontology_terms")
def _ontology_terms(rows):
    by = {r["term"].rsplit("#", 1)[-1]: r for r in rows}
    assert "http://www.w3.org/ns/oa#Annotation" in by["Mention"]["specialises"]
    assert "http://www.w3.org/ns/prov#Activity" in by["Run"]["specialises"]
    assert {"Mention", "Finding", "Run", "Sentence", "TextField", "Candidate"} <= set(by)


def test_every_named_query_has_seed_expectations():
    assert set(SEED_ROWS) == set(named_queries()), "add the rows a new query gives on the seed to SEED_ROWS"
    for name, path in named_queries().items():
        assert set(required_params(path.read_text(encoding="utf-8"))) == set(SEED_PARAMS.get(name, {})), name


def test_litkg_queries_lists_every_named_query(capsys):
    assert main(["queries"]) == 0
    out = capsys.readouterr().out
    listed = [line.split()[0] for line in out.splitlines() if line and not line.startswith(" ")]
    assert listed == sorted(named_queries())
    assert "similar_papers  [--param paper=...]" in out


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_query_gives_the_seed_rows(seed, name):
    sparql = load_query(name)
    params = {k: ox.NamedNode(v) for k, v in SEED_PARAMS.get(name, {}).items()}
    header, rows = run_query(seed, sparql, params)
    assert header
    SEED_ROWS[name]([dict(zip(header, r)) for r in rows])


@pytest.mark.parametrize("name", sorted(named_queries()))
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


def test_typed_rows_keep_numbers_and_booleans(seed):
    q = ("SELECT (COUNT(*) AS ?n) (1.5 AS ?f) (true AS ?b) ?u "
         "WHERE { ?s ?p ?o OPTIONAL { ?s <urn:x:none> ?u } } GROUP BY ?u")
    header, (row,) = run_query(seed, q, typed=True)
    n, f, b, u = row
    assert type(n) is int and n > 0 and f == 1.5 and b is True and u is None
    assert run_query(seed, q)[1] == [[str(n), "1.5", "true", ""]]  # untyped rows: strings, as before
    assert format_result(run_query(seed, q, typed=True), "csv") == format_result(run_query(seed, q), "csv")


@pytest.mark.parametrize("term, value", [
    (ox.Literal("07", datatype=ox.NamedNode(XSD + "nonNegativeInteger")), 7),
    (ox.Literal("2.50", datatype=ox.NamedNode(XSD + "decimal")), 2.5),
    (ox.Literal("1", datatype=ox.NamedNode(XSD + "boolean")), True),
    (ox.Literal("NaN", datatype=ox.NamedNode(XSD + "double")), "NaN"),  # JSON has no NaN
    (ox.Literal("2020-01-01", datatype=ox.NamedNode(XSD + "date")), "2020-01-01"),
    (ox.Literal("12"), "12"),  # a plain string stays a string
    (ox.NamedNode("https://example.org/x"), "https://example.org/x"),
])
def test_typed_value(term, value):
    got = typed_value(term)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize("text", ["SELEC ?x", "PREFIX x: <urn:x:> SELEC ?x", "ask{}", "select", "CONSTRUCT"])
def test_text_that_looks_like_sparql_is_sparql(text):
    assert looks_like_sparql(text) and load_query(text) == text


def test_a_bare_unknown_name_is_an_unknown_query():
    assert not looks_like_sparql("platform_efects")
    with pytest.raises(QueryError, match="unknown query 'platform_efects'; named queries: .*platform_effects"):
        load_query("platform_efects")
    with pytest.raises(QueryError, match="no such query file"):
        load_query("missing.rq")
