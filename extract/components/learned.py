"""The ``litkg_learned`` component: spans found by the trained tagger, added to the cue spans.

It runs after the vocabulary and the cue rules (whose spans are its features)
and before ``litkg_context``, which resolves learned, cue and vocabulary spans
together, flags hedging and negation and applies the guideline exclusions, so
every contract of a mention holds for learned ones too. A learned span that
coincides with a vocabulary label keeps that concept; any other becomes a
candidate concept (:func:`~litkg.extract.identifiers.candidate_iri`). Under
``nlp.pipe`` the documents of a batch are tagged together (the model runs one
forward-backward pass per group of documents of similar length).
"""
from __future__ import annotations

from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from litkg.extract.identifiers import candidate_iri
from litkg.extract.learn.features import CUE_KEY, LEXICON_KEY
from litkg.extract.learn.model import load_model

MAX_TOKENS = 5000  # a longer text is tagged by the rules alone (CRF time grows with length; abstracts are far shorter)
BATCH = 256  # documents handed to the model at once (nlp.pipe's own batch size)


@Language.factory("litkg_learned", default_config={"model": None})
def make_learned(nlp: Language, name: str, model: str | None) -> "Learned":
    """spaCy factory for :class:`Learned` (``model``: a model directory; ``None``: the bundled one)."""
    return Learned(model)


class Learned:
    """Add the tagger's spans to ``doc.spans["litkg_cue"]``."""

    def __init__(self, model: str | None = None) -> None:
        self.model = load_model(model)

    def __call__(self, doc: Doc) -> Doc:
        """Tag one document."""
        self._tag([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = BATCH) -> Iterator[Doc]:
        """Tag documents in batches (what ``nlp.pipe`` calls)."""
        for batch in minibatch(docs, size=batch_size):
            self._tag(batch)
            yield from batch

    def _tag(self, docs: list[Doc]) -> None:
        todo = [doc for doc in docs if 0 < len(doc) <= MAX_TOKENS]
        for doc, spans in zip(todo, self.model.spans_of(todo)):
            _add(doc, spans)


def _add(doc: Doc, spans: list[tuple[str, int, int]]) -> None:
    """Append the tagger's ``(type, start, end)`` spans that the rules do not already have."""
    lexicon = {(s.start, s.end, s.label_) for s in doc.spans[LEXICON_KEY]} if LEXICON_KEY in doc.spans else set()
    cues = list(doc.spans[CUE_KEY]) if CUE_KEY in doc.spans else []
    have = {(s.start, s.end, s.label_) for s in cues} | lexicon
    for type_, start, end in spans:
        if (start, end, type_) in have:
            continue
        span = doc[start:end]
        if not any(ch.isalnum() for ch in span.text):
            continue
        cues.append(Span(doc, start, end, label=type_, span_id=candidate_iri(type_, span.text)))
    doc.spans[CUE_KEY] = cues
