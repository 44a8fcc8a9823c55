"""A doc's words as integer lists, read once and shared by the litkg components.

The components step over words a lot (list ends, negation windows, trims).
Making a spaCy token object for every step costs more than the rules
themselves, so the words are read once with ``doc.to_array`` (``LOWER`` and
``ORTH`` hashes, sentence starts, punctuation flags) and compared as integers.
``litkg_sentences`` stores them on the doc it segments; ``litkg_context``, the
last component that reads them, removes them.
"""
from __future__ import annotations

from spacy.attrs import IS_PUNCT, LOWER, ORTH, SENT_START
from spacy.strings import hash_string
from spacy.tokens import Doc

KEY = "litkg_words"


class Words:
    """Per-token ``low`` (LOWER hash), ``orth`` (ORTH hash), ``sent`` (1 at a sentence start) and ``punct`` lists."""

    __slots__ = ("low", "orth", "sent", "punct")

    def __init__(self, low: list[int], orth: list[int], sent: list[int], punct: list[int]) -> None:
        self.low, self.orth, self.sent, self.punct = low, orth, sent, punct

    @classmethod
    def read(cls, doc: Doc) -> "Words":
        """Read the arrays of ``doc`` (its sentence starts must be set)."""
        arr = doc.to_array([LOWER, ORTH, SENT_START, IS_PUNCT])
        sent = [1 if v == 1 else 0 for v in arr[:, 2].tolist()]
        return cls(arr[:, 0].tolist(), arr[:, 1].tolist(), sent, arr[:, 3].tolist())


_CURRENT: list = [None, None]  # [doc, Words]: the last doc asked about, for the many calls on one doc


def words_of(doc: Doc) -> Words:
    """The :class:`Words` of ``doc``: stored by ``litkg_sentences``, else read now."""
    if _CURRENT[0] is doc:
        return _CURRENT[1]
    w = doc.user_data.get(KEY)
    if w is None:
        w = Words.read(doc)
    _CURRENT[0], _CURRENT[1] = doc, w
    return w


def release(doc: Doc) -> None:
    """Forget the words of ``doc`` (after the last component that reads them)."""
    doc.user_data.pop(KEY, None)
    if _CURRENT[0] is doc:
        _CURRENT[0] = _CURRENT[1] = None


def hashes(words) -> frozenset[int]:
    """The ``LOWER``/``ORTH`` hashes of ``words``."""
    return frozenset(hash_string(w) for w in words)
