"""Text normalisation shared by the unit lexicon, the merge keys and the gazetteer.

:func:`fold` maps accents and special letters to ASCII; :func:`norm` is the form
every gazetteer look-up takes (folded, lower case, punctuation to spaces,
apostrophes dropped, a leading "the" removed).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "norm"]

_FOLD_TABLE = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
                             "đ": "d", "Đ": "D", "ı": "i", "œ": "oe", "Œ": "OE", "’": "'", "‘": "'",
                             "“": '"', "”": '"', "–": "-", "—": "-", "．": ".", "，": ",", "；": ";"})
_NON_WORD = re.compile(r"[^\w]+")
_APOS = re.compile(r"['`´]")


def fold(text: str) -> str:
    """Fold accents and special letters to ASCII where possible, keep other scripts.

    >>> fold("Universität Zürich")
    'Universitat Zurich'
    """
    text = text.translate(_FOLD_TABLE)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=100_000)
def norm(text: str) -> str:
    """Normalise a place name for look-up: folded, lower-case, words separated by one space.

    >>> norm("  People's Republic of China. ")
    'peoples republic of china'
    """
    if text.isascii():
        t = _APOS.sub("", text.lower())
    else:
        t = _APOS.sub("", fold(text).lower())
    t = _NON_WORD.sub(" ", t).replace("_", " ")
    t = " ".join(t.split())
    if t.startswith("the "):
        t = t[4:]
    return t
