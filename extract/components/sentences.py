"""Sentence boundaries exactly as spaCy's rule-based ``sentencizer`` sets them, in less time.

spaCy's :class:`~spacy.pipeline.Sentencizer` makes a token object for every
word. This component reads the words as integers (``ORTH`` hashes and the
``IS_PUNCT`` flag from ``doc.to_array``) and applies the same rule: a sentence
starts at the first token after a sentence-final mark (``.``, ``!``, ``?`` and
the sentencizer's other default characters) that is neither punctuation nor
another such mark. A test checks that both agree on real abstracts.
"""
from __future__ import annotations

import numpy
from spacy.attrs import IS_PUNCT, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import hash_string
from spacy.tokens import Doc

from extract.components.words import Words, store

FINAL = frozenset(hash_string(c) for c in Sentencizer.default_punct_chars)


@Language.factory("litkg_sentences")
def make_sentences(nlp: Language, name: str) -> "Sentences":
    """spaCy factory for :class:`Sentences`."""
    return Sentences()


class Sentences:
    """Set ``is_sent_start`` on every token of a doc (see the module docstring)."""

    def __call__(self, doc: Doc) -> Doc:
        """Set the sentence starts of ``doc`` and keep its words for the later components."""
        n = len(doc)
        if n == 0:
            return doc
        arr = doc.to_array([LOWER, ORTH, IS_PUNCT])
        orths, puncts = arr[:, 1].tolist(), arr[:, 2].tolist()
        starts = [-1] * n
        starts[0] = 1
        seen_final = False
        for i, orth in enumerate(orths):
            final = orth in FINAL
            if seen_final and not puncts[i] and not final:
                starts[i] = 1
                seen_final = False
            elif final:
                seen_final = True
        # SENT_START is stored unsigned: -1 ("not a start") becomes 2**64 - 1, as spaCy writes it
        doc.from_array([SENT_START], numpy.array(starts, dtype=numpy.int64).astype(numpy.uint64).reshape(n, 1))
        # the other components read the words as integers (extract.components.words)
        store(doc, Words(arr[:, 0].tolist(), orths, [1 if v == 1 else 0 for v in starts], puncts))
        return doc
