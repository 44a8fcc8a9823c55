"""A doc's words as integer lists, read once and shared by the litkg components.

The components step over words a lot (list ends, negation windows, trims).
Making a spaCy token object for every step costs more than the rules
themselves, so the words are read once with ``doc.to_array`` (``LOWER``
hashes, sentence starts, punctuation flags) and compared as integers.
``litkg_sentences`` stores them on the doc it segments; ``litkg_context``, the
last component that reads them, removes them.
"""
from __future__ import annotations

from collections.abc import Iterable

from spacy.attrs import IS_PUNCT, LOWER, SENT_START
from spacy.strings import hash_string
from spacy.tokens import Doc

KEY = "litkg_words"


class Words:
    """Per-token ``low`` (LOWER hash), ``sent`` (1 at a sentence start, else -1) and ``punct`` (1 for
    punctuation) lists."""

    __slots__ = ("low", "sent", "punct")

    def __init__(self, low: list[int], sent: list[int], punct: list[int]) -> None:
        self.low, self.sent, self.punct = low, sent, punct

    @classmethod
    def read(cls, doc: Doc) -> "Words":
        """Read the arrays of ``doc`` (its sentence starts must be set)."""
        arr = doc.to_array([LOWER, SENT_START, IS_PUNCT])
        sent = [1 if v == 1 else -1 for v in arr[:, 1].tolist()]  # SENT_START is unsigned: 2**64 - 1 for -1
        return cls(arr[:, 0].tolist(), sent, arr[:, 2].tolist())


_current: tuple[Doc | None, Words | None] = (None, None)  # the last doc asked about, for many calls on one doc


def words_of(doc: Doc) -> Words:
    """The :class:`Words` of ``doc``: stored by ``litkg_sentences``, else read now.

    Stored arrays of another length (a component changed the tokens since) are read again.
    """
    global _current
    last, w = _current
    if last is doc and w is not None and len(w.low) == len(doc):
        return w
    stored = doc.user_data.get(KEY)
    w = Words(*stored) if stored is not None and len(stored[0]) == len(doc) else Words.read(doc)
    _current = (doc, w)
    return w


def store(doc: Doc, words: Words) -> None:
    """Keep ``words`` with ``doc`` for the components after this one (plain lists: the doc stays serialisable)."""
    doc.user_data[KEY] = (words.low, words.sent, words.punct)


def release(doc: Doc) -> None:
    """Forget the words of ``doc`` (after the last component that reads them)."""
    global _current
    doc.user_data.pop(KEY, None)
    if _current[0] is doc:
        _current = (None, None)


def hashes(words: Iterable[str]) -> frozenset[int]:
    """The hashes (as in ``LOWER``/``ORTH`` arrays) of ``words``."""
    return frozenset(hash_string(w) for w in words)


def hyphen_joins(doc: Doc, j: int) -> bool:
    """Whether token ``j`` is a hyphen joining the words on both sides ("cost-effective", "front-line")."""
    return 0 < j < len(doc) - 1 and doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_


def followed_by_hyphen(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is the first part of a hyphenated word ("evidence" in "evidence-based")."""
    return i + 1 < len(doc) and doc[i + 1].text == "-"
