"""Extraction on the rule pipeline: offsets, concepts, hedging, negation, Chinese parity."""
from __future__ import annotations

from pathlib import Path

import pytest

from litkg.extract.pipeline import build_pipeline, extract_papers
from litkg.extract.readers import read_papers
from litkg.extract.records import Paper
from litkg.extract.results import Finding
from litkg.extract.identifiers import CANDIDATE as CANDIDATE_BASE
from litkg.extract.vocabulary import load_vocabulary

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed.txt"
TYPES = {"platform", "benefit", "risk", "outcome", "population", "institution"}


@pytest.fixture(scope="module")
def seed_extraction():
    (ex,) = list(extract_papers(read_papers([SEED])))
    return ex


def test_offsets_slice_back(seed_extraction):
    ex = seed_extraction
    assert len(ex.mentions) > 40
    for m in ex.mentions:
        assert m.type in TYPES
        assert ex.paper.field_text(m.field)[m.start:m.end] == m.text
        field = ex.paper.field_text(m.field)
        assert field[m.sentence_start:m.sentence_end] == m.sentence
        assert m.sentence_start <= m.start and m.end <= m.sentence_end


def test_seed_concepts(seed_extraction):
    concepts = {(m.type, m.concept.rsplit("/", 1)[-1]) for m in seed_extraction.mentions if m.lang == "en"}
    for expected in [("platform", "facebook"), ("platform", "twitter"), ("platform", "youtube"),
                     ("platform", "social-media"), ("platform", "online-community"),
                     ("benefit", "social-connectedness"), ("benefit", "empowerment"),
                     ("risk", "misinformation"), ("outcome", "recovery"), ("outcome", "employment"),
                     ("population", "serious-mental-illness")]:
        assert expected in concepts


def test_institutions_from_affiliations(seed_extraction):
    inst = [m for m in seed_extraction.mentions if m.type == "institution"]
    assert sorted(m.text for m in inst) == ["Department of Psychiatry", "Geisel School of Medicine at Dartmouth",
                                            "Health Promotion Research Center at Dartmouth"]
    assert all(m.field.startswith("affiliation[") for m in inst)


def test_risks_are_hedged(seed_extraction):
    risks = [m for m in seed_extraction.mentions if m.type == "risk" and m.lang == "en"]
    assert risks and all(m.hedged for m in risks)  # "Unforeseen risks may include ..."
    conn = [m for m in seed_extraction.mentions if m.concept.endswith("/social-connectedness") and m.lang == "en"]
    assert conn and not conn[0].hedged  # "People ... report benefits from ..."


def test_chinese_translation_agrees_with_english(seed_extraction):
    def concepts(lang):
        return {m.concept for m in seed_extraction.mentions
                if m.lang == lang and m.type != "institution" and not m.concept.startswith(CANDIDATE_BASE)}

    en, zh = concepts("en"), concepts("zh")
    assert all(m.field == "translation[zh]" for m in seed_extraction.mentions if m.lang == "zh")
    jaccard = len(en & zh) / len(en | zh)
    assert jaccard >= 0.7, (sorted(en - zh), sorted(zh - en))


def _extract(text: str):
    (ex,) = list(extract_papers([Paper(id="t:1", abstract=text)], institutions=False))
    return ex.mentions


def test_negated_benefit_is_not_a_benefit():
    ms = _extract("The app did not reduce loneliness. Participants reported reduced loneliness.")
    benefits = [m for m in ms if m.type == "benefit"]
    assert [m.sentence for m in benefits] == ["Participants reported reduced loneliness."]
    outcomes = [m for m in ms if m.type == "outcome"]
    assert any(m.negated for m in outcomes) and any(not m.negated for m in outcomes)


def test_cue_rules_find_candidates_and_split_lists():
    ms = _extract("Risks may include exposure to graphic imagery, unwanted contact from strangers, "
                  "or loss of sleep.")
    risks = {m.text for m in ms if m.type == "risk"}
    assert "exposure to graphic imagery" in risks
    assert "unwanted contact from strangers" in risks
    assert any(m.candidate for m in ms if m.type == "risk")


def test_pipeline_components():
    assert build_pipeline("en").pipe_names == ["litkg_sentences", "litkg_lexicon", "litkg_cues", "litkg_context",
                                               "litkg_relations"]
    assert build_pipeline("zh").pipe_names == ["litkg_sentences", "litkg_lexicon", "litkg_context", "litkg_relations"]


def test_findings_point_at_mentions():
    (ex,) = list(extract_papers([Paper(id="t:1", abstract="Apps reduced loneliness among older adults.")],
                                institutions=False))
    (f,) = ex.findings
    assert isinstance(f, Finding)
    assert (f.kind, f.platform.text, f.effect.text, [p.text for p in f.populations], f.hedged) == (
        "benefit", "Apps", "reduced loneliness", ["older adults"], False)
    assert f.platform in ex.mentions and f.effect in ex.mentions and f.populations[0] in ex.mentions


def test_open_extraction_can_be_switched_off():
    nlp = build_pipeline("en", open_extraction=False)
    assert "litkg_cues" not in nlp.pipe_names
    doc = nlp("Benefits included feeling less judged by strangers.")
    assert not list(doc.spans["litkg"])


def test_vocabulary_has_links_and_chinese_labels():
    v = load_vocabulary()
    fb = v.concepts["https://w3id.org/litkg/concept/platform/facebook"]
    assert "http://www.wikidata.org/entity/Q355" in fb.exact_match
    sm = v.concepts["https://w3id.org/litkg/concept/platform/social-media"]
    assert "http://id.nlm.nih.gov/mesh/D061108" in sm.exact_match and sm.pref["zh"] == "社交媒体"
    for c in v.concepts.values():
        assert "en" in c.pref and "zh" in c.pref, c.iri
