"""Guideline exclusions (``litkg.extract.components.exclusions``), run by ``litkg_context`` on hand-made sentences."""
from __future__ import annotations

import pytest

from litkg.extract.identifiers import concept_iri

LEXICON = [("outcome", "mental health"), ("platform", "online"), ("platform", "web-based"),
           ("population", "workers"), ("outcome", "burnout")]
CUES = [("platform", "smartphone-based")]


@pytest.fixture
def nlp(context_nlp):
    return context_nlp(LEXICON, CUES)


def found(nlp, text: str) -> dict[str, set[str]]:
    """``{type: mention texts}`` of ``text``."""
    doc = nlp(text)
    out: dict[str, set[str]] = {}
    for s in doc.spans["litkg"]:
        out.setdefault(s.label_, set()).add(s.text)
    return out


def test_a_construct_modifying_a_noun_is_no_outcome(nlp):
    assert "mental health" not in found(nlp, "Mental health apps are popular.").get("outcome", set())
    assert "mental health" not in found(nlp, "We studied mental health services.").get("outcome", set())
    assert "mental health" in found(nlp, "The program improved mental health.")["outcome"]
    assert "Mental health" in found(nlp, "Mental health improved.")["outcome"]


@pytest.mark.parametrize("text", [
    "Data were collected with a web-based questionnaire and an online survey.",
    "We ran online focus groups.",
    "We used smartphone-based assessments.",  # a cue span as well as a vocabulary one
])
def test_research_methods_are_no_platforms(nlp, text):
    assert not found(nlp, text).get("platform")


def test_a_channel_studied_is_a_platform(nlp):
    assert found(nlp, "Participants joined an online forum.")["platform"] == {"online"}
    assert found(nlp, "We tested a web-based program and a smartphone-based app.")["platform"] == {
        "web-based", "smartphone-based"}


@pytest.mark.parametrize("text, group", [
    ("Health care workers reported burnout.", "Health care workers"),
    ("We surveyed front-line workers in clinics.", "front-line workers"),
    ("Depressed workers reported burnout.", "Depressed workers"),
    ("Interventions support workers.", "workers"),  # a verb is no modifier
    ("Workers reported burnout.", "Workers"),
])
def test_a_population_takes_its_modifiers(nlp, text, group):
    assert found(nlp, text)["population"] == {group}


def test_a_widened_population_keeps_its_concept(nlp):
    doc = nlp("Health care workers reported burnout.")
    (pop,) = [s for s in doc.spans["litkg"] if s.label_ == "population"]
    assert pop.id_ == concept_iri("population", "workers")


def test_chinese_text_is_not_excluded(context_nlp):
    nlp = context_nlp([("outcome", "心理健康")], lang="zh")
    assert found(nlp, "心理健康应用很受欢迎。")["outcome"] == {"心理健康"}
