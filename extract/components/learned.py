"""The ``litkg_learned`` component: spans found by the trained tagger, added to the cue spans.

It runs after the vocabulary and the cue rules (whose spans are its features)
and before ``litkg_context``, which resolves learned, cue and vocabulary spans
together, flags hedging and negation and applies the guideline exclusions, so
every contract of a mention holds for learned ones too. A learned span that
coincides with a vocabulary label keeps that concept; any other becomes a
candidate concept (:func:`~litkg.extract.identifiers.candidate_iri`).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from litkg.extract.identifiers import candidate_iri
from litkg.extract.learn.features import CUE_KEY, LEXICON_KEY, doc_features
from litkg.extract.learn.model import load_model

MAX_TOKENS = 5000  # a longer text is tagged by the rules alone (CRF time grows with length; abstracts are far shorter)


@Language.factory("litkg_learned", default_config={"model": None})
def make_learned(nlp: Language, name: str, model: str | None) -> "Learned":
    """spaCy factory for :class:`Learned` (``model``: a model directory; ``None``: the bundled one)."""
    return Learned(model)


class Learned:
    """Add the tagger's spans to ``doc.spans["litkg_cue"]``."""

    def __init__(self, model: str | None = None) -> None:
        self.model = load_model(model)

    def __call__(self, doc: Doc) -> Doc:
        """Tag ``doc`` and append the new spans to the cue spans."""
        if not len(doc) or len(doc) > MAX_TOKENS:
            return doc
        lexicon = {(s.start, s.end, s.label_): s.id_ for s in doc.spans[LEXICON_KEY]} if LEXICON_KEY in doc.spans else {}
        cues = list(doc.spans[CUE_KEY]) if CUE_KEY in doc.spans else []
        have = {(s.start, s.end, s.label_) for s in cues} | set(lexicon)
        for type_, start, end in self.model.spans(doc_features(doc)):
            if (start, end, type_) in have:
                continue
            span = doc[start:end]
            if not any(ch.isalnum() for ch in span.text):
                continue
            cues.append(Span(doc, start, end, label=type_, span_id=candidate_iri(type_, span.text)))
        doc.spans[CUE_KEY] = cues
        return doc
