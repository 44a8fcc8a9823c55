"""Sentence boundaries exactly as spaCy's rule-based ``sentencizer`` sets them, in less time.

spaCy's :class:`~spacy.pipeline.Sentencizer` makes a token object for every
word. This component finds the sentence-final marks with a phrase matcher,
reads the punctuation flags as integers (``doc.to_array``) and applies the
same rule: a sentence
starts at the first token after a sentence-final mark (``.``, ``!``, ``?`` and
the sentencizer's other default characters) that is neither punctuation nor
another such mark. A test checks that both agree on real abstracts.
"""
from __future__ import annotations

import numpy
from spacy.attrs import IS_PUNCT, LOWER, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from litkg.extract.components.words import Words, store



@Language.factory("litkg_sentences")
def make_sentences(nlp: Language, name: str) -> "Sentences":
    """spaCy factory for :class:`Sentences`."""
    return Sentences(nlp)


class Sentences:
    """Set ``is_sent_start`` on every token of a doc (see the module docstring).

    The sentence-final marks are found by a :class:`~spacy.matcher.PhraseMatcher`
    (in C); Python only steps over the few tokens after each mark.
    """

    def __init__(self, nlp: Language) -> None:
        self.finals = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.finals.add("final", [nlp.make_doc(c) for c in Sentencizer.default_punct_chars])

    def __call__(self, doc: Doc) -> Doc:
        """Set the sentence starts of ``doc`` and keep its words for the later components."""
        n = len(doc)
        if n == 0:
            return doc
        arr = doc.to_array([LOWER, IS_PUNCT])
        puncts = arr[:, 1].tolist()
        finals = {start for _, start, end in self.finals(doc) if end == start + 1}
        starts = [-1] * n
        starts[0] = 1
        for i in sorted(finals):
            j = i + 1
            while j < n and (puncts[j] or j in finals):
                j += 1
            if j < n:
                starts[j] = 1
        # SENT_START is stored unsigned: -1 ("not a start") becomes 2**64 - 1, as spaCy writes it
        doc.from_array([SENT_START], numpy.array(starts, dtype=numpy.int64).astype(numpy.uint64).reshape(n, 1))
        # the other components read the words as integers (extract.components.words)
        store(doc, Words(arr[:, 0].tolist(), starts, puncts))
        return doc
