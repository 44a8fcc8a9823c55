"""Overlap resolution (``litkg.extract.components.resolve``), run by ``litkg_context`` on hand-written sentences.

Vocabulary spans carry a concept IRI and cue spans a candidate IRI, as the real
components give them (see the ``context_nlp`` fixture).
"""
from __future__ import annotations

from litkg.extract.components.resolve import resolve
from litkg.extract.identifiers import is_candidate


def mentions(nlp, text: str) -> list[tuple[str, str, bool]]:
    """``(text, type, candidate)`` of the resolved mentions of ``text``, in order."""
    doc = nlp(text)
    return [(s.text, s.label_, is_candidate(s.id_)) for s in doc.spans["litkg"]]


def test_vocabulary_beats_a_candidate_of_the_same_words(context_nlp):
    nlp = context_nlp(lexicon=[("outcome", "loneliness")], cues=[("outcome", "loneliness")])
    assert mentions(nlp, "We measured loneliness.") == [("loneliness", "outcome", False)]


def test_vocabulary_beats_an_overlapping_candidate(context_nlp):
    nlp = context_nlp(lexicon=[("platform", "social media")], cues=[("platform", "media use")])
    assert mentions(nlp, "Social media use rose.") == [("Social media", "platform", False)]


def test_cue_item_with_twice_the_content_words_beats_the_vocabulary(context_nlp):
    nlp = context_nlp(lexicon=[("benefit", "cost-effective")],
                      cues=[("benefit", "efficient cost-effective approach"), ("benefit", "cost-effective option")])
    assert mentions(nlp, "It is an efficient cost-effective approach.") == [
        ("efficient cost-effective approach", "benefit", True)]
    # three content words against two: not enough
    assert mentions(nlp, "It is a cost-effective option.") == [("cost-effective", "benefit", False)]


def test_of_two_candidates_the_longer_wins(context_nlp):
    nlp = context_nlp(cues=[("risk", "unwanted contact"), ("risk", "unwanted contact from strangers")])
    assert mentions(nlp, "Risks include unwanted contact from strangers.") == [
        ("unwanted contact from strangers", "risk", True)]


def test_types_resolve_apart(context_nlp):
    nlp = context_nlp(lexicon=[("outcome", "loneliness")], cues=[("benefit", "reduce loneliness")])
    assert mentions(nlp, "Apps reduce loneliness.") == [("reduce loneliness", "benefit", True),
                                                        ("loneliness", "outcome", False)]


def test_a_risk_inside_a_benefit_is_dropped(context_nlp):
    nlp = context_nlp(lexicon=[("risk", "stigma"), ("benefit", "peer support")], cues=[("benefit", "challenge stigma"),
                                                                                      ("risk", "loss of peer support")])
    assert mentions(nlp, "Forums can challenge stigma.") == [("challenge stigma", "benefit", True)]
    assert mentions(nlp, "Stigma persists.") == [("Stigma", "risk", False)]
    # and a benefit inside a risk
    assert mentions(nlp, "Users feared loss of peer support.") == [("loss of peer support", "risk", True)]


def test_a_condition_inside_a_population_is_no_outcome(context_nlp):
    nlp = context_nlp(lexicon=[("outcome", "depression")], cues=[("population", "adults with depression")])
    assert mentions(nlp, "We recruited adults with depression.") == [("adults with depression", "population", True)]
    assert mentions(nlp, "Depression fell.") == [("Depression", "outcome", False)]


def test_resolve_sorts_by_position(context_nlp):
    nlp = context_nlp(lexicon=[("platform", "apps"), ("outcome", "sleep")], cues=[("benefit", "better sleep")])
    doc = nlp.make_doc("Apps gave better sleep.")
    for _, proc in nlp.pipeline[:-1]:  # everything but litkg_context
        doc = proc(doc)
    out = resolve(list(doc.spans["litkg_lex"]), list(doc.spans["litkg_cue"]))
    assert [(s.text, s.label_) for s in out] == [("Apps", "platform"), ("better sleep", "benefit"),
                                                 ("sleep", "outcome")]
