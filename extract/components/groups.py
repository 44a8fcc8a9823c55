"""Group phrases: a group noun with the modifiers before it ("health care workers", "front-line workers").

Shared by the cue rules (populations they find) and the guideline exclusions of
``litkg_context`` (vocabulary populations widened over their modifiers).
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from litkg.extract.components.cue_lexicon import GROUP_ADJECTIVES, LEAD_TRIM, NOT_MODIFIER, STOP, VERB_RULE
from litkg.extract.components.words import hyphen_joins


def extend_group_left(doc: Doc, start: int, limit: int = 3) -> int:
    """Start of a group phrase with the modifiers before its noun: "health care workers", "front-line workers".

    Args:
        doc: A doc with sentence boundaries.
        start: Index of the group noun (or of the first word of the group phrase).
        limit: At most this many steps left over modifiers.

    >>> import spacy, litkg.extract.components
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("litkg_sentences")
    >>> doc = nlp("We surveyed front-line workers and primary care nurses.")
    >>> doc[extend_group_left(doc, 5):6].text, doc[extend_group_left(doc, 9):10].text
    ('front-line workers', 'primary care nurses')
    """
    floor = max(doc[start].sent.start, start - limit - 2)
    taken = 0
    while start > floor and taken < limit:
        prev = doc[start - 1]
        if start - 2 >= floor and hyphen_joins(doc, start - 1) and doc[start - 2].is_alpha:
            start -= 2  # "front-line", "full-time": a hyphen compound is one modifier
        elif _is_modifier(prev):
            start -= 1
        else:
            break
        taken += 1
    return start


def _is_modifier(tok: Token) -> bool:
    """A word that can sit before a group noun: "primary care", "older", "depressed", "front-line"."""
    low = tok.lower_
    if low in GROUP_ADJECTIVES or low.endswith(("-affected", "-related", "-income", "-line")):
        return True
    if low in NOT_MODIFIER or low in VERB_RULE or (low.endswith("s") and not low.endswith("ss")):
        return False  # verbs ("improve students") and plural nouns ("interventions provide employees")
    return (tok.is_alpha and not tok.is_stop and low not in STOP and low not in LEAD_TRIM
            and not low.endswith(("ly", "ing", "ed")))
