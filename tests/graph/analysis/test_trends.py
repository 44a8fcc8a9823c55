"""Concepts over time: papers per concept and year, Kleinberg bursts."""
from __future__ import annotations

import pytest

from litkg.extract.identifiers import CONCEPT
from litkg.graph import analysis as A
from litkg.graph.query import run_query


def test_trends_and_bursts(tiny):
    t = A.concept_trends(tiny)
    assert t["years"] == [2019, 2020, 2021] and t["totals"] == {2019: 1, 2020: 1, 2021: 1}
    assert t["concepts"][CONCEPT + "platform/facebook"]["counts"] == [1, 1, 1]
    # a concept that takes off in the last two years bursts there, a steady one never does
    years = list(range(2010, 2022))
    totals = [20] * len(years)
    assert A.kleinberg_bursts([1] * 10 + [12, 14], totals) == [(10, 11, A.kleinberg_bursts([1] * 10 + [12, 14],
                                                                                           totals)[0][2])]
    assert A.kleinberg_bursts([2] * 12, totals) == []
    with pytest.raises(ValueError):
        A.kleinberg_bursts([1, 2], [3])


def test_trends_take_prefetched_rows(tiny):
    rows, papers = A.mention_rows(tiny), A.paper_rows(tiny)
    assert A.concept_trends(tiny, rows=rows, papers=papers, labels=A.concept_labels(tiny)) == A.concept_trends(tiny)


def test_trends_cover_every_dated_paper(domain):
    t = A.concept_trends(domain)
    header, rows = run_query(domain, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a schema:ScholarlyArticle ; "
                                     "litkg:year ?y }")
    assert sum(t["totals"].values()) == int(rows[0][0])
    assert t["years"] == list(range(t["years"][0], t["years"][-1] + 1))



def test_bursts_are_measured_against_the_papers_of_each_year():
    """On a growing literature a concept that only grows with it does not burst; one whose share rises does."""
    totals = [2, 4, 8, 16, 32, 64, 128]
    assert A.kleinberg_bursts([0, 1, 1, 2, 4, 8, 16], totals) == []  # a steady 1/8 of each year's papers
    assert A.kleinberg_bursts([0, 1, 1, 2, 4, 8, 16], [200] * 7)  # the same counts in a flat literature burst
    years = list(range(2019, 2026))
    steady = {"label": "S", "type": "risk", "papers": 32, "counts": [0, 1, 1, 2, 4, 8, 16]}
    rising = {"label": "R", "type": "risk", "papers": 37, "counts": [0, 0, 1, 2, 16, 6, 12]}
    t = {"years": years, "totals": dict(zip(years, totals)), "concepts": {"s": steady, "r": rising}}
    bursts = A.concept_bursts(t)
    assert [(b["label"], b["start"], b["end"]) for b in bursts] == [("R", 2023, 2023)]
    assert bursts[0]["share_in_burst"] == 0.5 and bursts[0]["share_in_burst"] > bursts[0]["share"]
