"""`litkg suggest`: candidate concepts ranked by papers, printed as SKOS Turtle that parses."""
from __future__ import annotations

import rdflib

from litkg.extract.pipeline import extract_papers
from litkg.extract.records import Paper
from litkg.extract.suggest import rank_candidates, to_turtle


def test_rank_and_turtle():
    papers = [Paper(id=f"t:{i}", abstract=f"Risks may include unwanted contact from strangers and item {i} leaks.")
              for i in range(3)]
    papers.append(Paper(id="t:9", abstract="Benefits included feeling less judged by strangers."))
    ranked = rank_candidates(extract_papers(papers, institutions=False), min_papers=2)
    assert ranked[0].label == "unwanted contact from strangers" and ranked[0].papers == 3
    assert all(s.papers >= 2 for s in ranked)
    g = rdflib.Graph().parse(data=to_turtle(ranked), format="turtle")
    labels = {str(o) for o in g.objects(None, rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))}
    assert "unwanted contact from strangers" in labels
