"""Sentence-level findings (``litkg_relations``) on hand-written sentences."""
from __future__ import annotations

import pytest

from litkg.extract.components.relations import SpanFinding

LEXICON = [("platform", "apps"), ("platform", "forums"), ("population", "older adults"), ("outcome", "loneliness")]
CUES = [("benefit", "reduce loneliness"), ("risk", "cyberbullying")]


@pytest.fixture
def nlp(context_nlp):
    return context_nlp(LEXICON, CUES, relations=True)


def findings(nlp, text: str) -> list[tuple[str, str, str, list[str], bool]]:
    """``(kind, platform, effect, populations, hedged)`` of the findings of ``text``."""
    doc = nlp(text)
    assert all(isinstance(f, SpanFinding) for f in doc._.litkg_findings)
    return [(f.kind, f.platform.text, f.effect.text, [p.text for p in f.populations], f.hedged)
            for f in doc._.litkg_findings]


def test_a_platform_and_an_effect_in_one_sentence(nlp):
    assert findings(nlp, "Apps may reduce loneliness in older adults.") == [
        ("benefit", "Apps", "reduce loneliness", ["older adults"], True)]
    assert findings(nlp, "Forums expose users to cyberbullying.") == [("risk", "Forums", "cyberbullying", [], False)]


def test_one_finding_per_platform_and_effect(nlp):
    assert findings(nlp, "Apps and forums reduce loneliness.") == [
        ("benefit", "Apps", "reduce loneliness", [], False), ("benefit", "forums", "reduce loneliness", [], False)]


def test_no_finding_across_sentences_or_for_a_negated_effect(nlp):
    assert findings(nlp, "We built apps. They reduce loneliness.") == []
    assert findings(nlp, "Apps did not reduce loneliness.") == []
    assert findings(nlp, "Apps helped with loneliness.") == []  # an outcome is no effect


def test_finding_keeps_its_sentence(nlp):
    doc = nlp("We built apps. Apps reduce loneliness.")
    (f,) = doc._.litkg_findings
    assert f.sentence.text == "Apps reduce loneliness."
