"""Word classes tested on a doc's lower-case words: the regular expressions of
:mod:`litkg.extract.components.cue_lexicon` ("depress", "anxi", ... at the start of a word).

A test runs its regular expression once per distinct word (by ``LOWER`` hash)
and caches the answer; spans are read from the doc's ``LOWER`` array
(:func:`litkg.extract.components.words.words_of`), with no token objects.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from litkg.extract.components.cue_lexicon import ACRONYM
from litkg.extract.components.words import words_of

_WORD_CACHE: dict[re.Pattern, dict[int, bool]] = {}


def has_acronym(span: Span) -> bool:
    """Whether a word of ``span`` is an acronym that may name a condition ("SMI", "PTSD"; not "RCT")."""
    return any(ACRONYM.fullmatch(t.text) for t in span)


def clear_caches() -> None:
    """Forget the per-word test results (a benchmark starts each run cold with this)."""
    _WORD_CACHE.clear()


def _cache(pattern: re.Pattern) -> dict[int, bool]:
    """The per-word results of ``pattern`` (by LOWER hash), emptied when it grows too large."""
    cache = _WORD_CACHE.get(pattern)
    if cache is None or len(cache) > 500_000:
        cache = _WORD_CACHE[pattern] = {}
    return cache


def word_is(pattern: re.Pattern, doc: Doc, word: int, cache: dict[int, bool] | None = None) -> bool:
    """Whether ``pattern`` matches the start of the word with LOWER hash ``word`` ("ill" is not in "billing").

    Cached per pattern and hash: the regular expression runs once per distinct word.
    """
    cache = _cache(pattern) if cache is None else cache
    hit = cache.get(word)
    if hit is None:
        hit = cache[word] = pattern.match(doc.vocab.strings[word]) is not None
    return hit


def any_word(pattern: re.Pattern, span: Span) -> bool:
    """Whether ``pattern`` matches the start of one of the span's lower-case words.

    Read from the doc's ``LOWER`` array: no token objects, no span text.
    """
    doc = span.doc
    cache = _cache(pattern)
    for h in words_of(doc).low[span.start:span.end]:
        hit = cache.get(h)
        if hit is None:
            hit = word_is(pattern, doc, h, cache)
        if hit:
            return True
    return False

