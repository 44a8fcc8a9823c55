"""Store → rows: the named queries' results as dicts, years and booleans parsed."""
from __future__ import annotations

from litkg.extract.identifiers import CANDIDATE, CONCEPT, ORG
from litkg.graph import analysis as A


def test_paper_rows_have_parsed_years(tiny):
    rows = sorted(A.paper_rows(tiny), key=lambda r: r["id"])
    assert [(r["id"], r["year"]) for r in rows] == [("p1", 2019), ("p2", 2020), ("p3", 2021)]
    assert {r["paper"] for r in rows} == {r["paper"] for r in A.query_rows(tiny, "papers")}


def test_mention_rows_leave_negated_out_unless_asked(tiny):
    rows = A.mention_rows(tiny)
    assert not any(r["negated"] for r in rows) and all(isinstance(r["year"], int) for r in rows)
    with_negated = A.mention_rows(tiny, include_negated=True)
    assert len(with_negated) == len(rows) + 1
    (neg,) = [r for r in with_negated if r["negated"]]
    assert neg["concept"] == CONCEPT + "risk/loneliness" and neg["hedged"] is False


def test_labels_fall_back_to_english(tiny):
    zh = A.concept_labels(tiny, "zh")
    assert zh[CONCEPT + "platform/facebook"] == "脸书"
    assert zh[CANDIDATE + "benefit/feeling-heard"] == "feeling heard"  # no Chinese label: the English one


def test_affiliations_roll_up_to_the_top_organisation(tiny):
    rows = A.affiliation_rows(tiny)
    dept = [r for r in rows if r["org"] == ORG + "oxford/psychiatry"]
    assert dept and dept[0]["root"] == ORG + "oxford" and dept[0]["country"] == "GB"
    assert dept[0]["root_label"] == "University of Oxford" and dept[0]["country_label"] == "United Kingdom"


def test_parsers():
    assert A.parse_year("2020") == 2020 and A.parse_year("") is None and A.parse_year("n.d.") is None
    assert A.parse_bool("true") and not A.parse_bool("false")
    assert A.iri_label(ORG + "oxford/psychiatry") == "psychiatry"
