"""Fixtures for the component tests: a small pipeline around ``litkg_context`` with hand-made spans."""
from __future__ import annotations

from typing import Callable, Iterable

import pytest
import spacy
from spacy.language import Language

import litkg.extract.components  # noqa: F401  (registers the factories)
from litkg.extract.identifiers import candidate_iri, concept_iri

Entries = Iterable[tuple[str, str]]


def _context_nlp(lexicon: Entries = (), cues: Entries = (), lang: str = "en", relations: bool = False) -> Language:
    """``spacy.blank(lang)`` with sentences, two span rulers standing in for the vocabulary and the cue rules,
    and ``litkg_context`` (and ``litkg_relations``).

    ``lexicon`` and ``cues`` are ``(type, phrase)`` pairs: vocabulary spans get a concept IRI, cue spans a
    candidate IRI, as the real components give them.
    """
    nlp = spacy.blank(lang)
    nlp.add_pipe("litkg_sentences")
    for name, key, entries, iri in (("lexicon", "litkg_lex", lexicon, lambda t, p: concept_iri(t, p.replace(" ", "-"))),
                                    ("cues", "litkg_cue", cues, candidate_iri)):
        entries = list(entries)
        if not entries:
            continue
        ruler = nlp.add_pipe("span_ruler", name=name, config={"spans_key": key, "phrase_matcher_attr": "LOWER"})
        ruler.add_patterns([{"label": type_, "pattern": phrase, "id": iri(type_, phrase)} for type_, phrase in entries])
    nlp.add_pipe("litkg_context")
    if relations:
        nlp.add_pipe("litkg_relations")
    return nlp


@pytest.fixture
def context_nlp() -> Callable[..., Language]:
    """A factory of small pipelines ending in ``litkg_context`` (see :func:`_context_nlp`)."""
    return _context_nlp
