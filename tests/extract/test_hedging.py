"""Hedging and negation (``litkg.extract.components.hedging``), run by ``litkg_context`` on hand-written sentences."""
from __future__ import annotations

import pytest

LEXICON = [("outcome", "loneliness"), ("platform", "apps"), ("outcome", "孤独")]
CUES = [("benefit", "reduce loneliness")]


def flags(nlp, text: str) -> dict[str, tuple[bool, bool]]:
    """``{span text: (hedged, negated)}`` of the mentions of ``text``."""
    doc = nlp(text)
    return {s.text: (s._.hedged, s._.negated) for s in doc.spans["litkg"]}


@pytest.fixture
def nlp(context_nlp):
    return context_nlp(LEXICON, CUES)


@pytest.mark.parametrize("text, expected", [
    ("Apps reduce loneliness.", (False, False)),
    ("Apps may reduce loneliness.", (True, False)),
    ("It is unclear whether apps lower loneliness.", (True, False)),
    ("The app did not lower loneliness.", (False, True)),
    ("Participants without loneliness were excluded.", (False, True)),
    ("Loneliness did not improve.", (False, True)),  # after the mention
    ("Loneliness, however, was not measured.", (False, False)),  # a clause break after the mention
])
def test_outcome_flags(nlp, text, expected):
    found = flags(nlp, text)
    assert found[next(k for k in found if k.lower() == "loneliness")] == expected


def test_negation_needs_a_near_cue_in_the_same_clause(nlp):
    # six words at most between the cue and the mention
    far = "No participant in the large and diverse sample reported loneliness."
    assert flags(nlp, far)["loneliness"] == (False, False)
    assert flags(nlp, "No participant reported loneliness.")["loneliness"] == (False, True)
    # a clause break ends the cue's reach
    assert flags(nlp, "Not all sites took part, but loneliness fell.")["loneliness"] == (False, False)


def test_cues_stay_in_their_sentence(nlp):
    assert flags(nlp, "Apps may help. Loneliness fell.")["Loneliness"] == (False, False)
    assert flags(nlp, "Apps may help; loneliness fell.")["loneliness"] == (False, False)


def test_negated_benefit_is_dropped_and_its_outcome_flagged(nlp):
    assert "reduce loneliness" in flags(nlp, "Apps reduce loneliness.")
    found = flags(nlp, "Apps did not reduce loneliness.")
    assert "reduce loneliness" not in found
    assert found["loneliness"] == (False, True)
    assert flags(nlp, "Apps may reduce loneliness.")["reduce loneliness"] == (True, False)


def test_chinese_cues(context_nlp):
    nlp = context_nlp(LEXICON, lang="zh")
    assert flags(nlp, "应用减少了孤独。")["孤独"] == (False, False)
    assert flags(nlp, "应用可能减少孤独。")["孤独"] == (True, False)
    assert flags(nlp, "应用没有减少孤独。")["孤独"] == (False, True)
    # the comma ends the negation's reach
    assert flags(nlp, "应用没有缺点，减少了孤独。")["孤独"] == (False, False)
