"""Cut the list after a cue into items: where the list ends, where items split, what is trimmed from their edges.

A list runs to the end of its clause (a sentence start, a clause-ending word or
mark of :data:`~litkg.extract.components.cue_lexicon.STOP`). Commas always
separate items; "and"/"or" only between phrases of two words or more. Items are
trimmed of articles and prepositions at their edges, cut when over-long and
kept only when they are a phrase of their own.
"""
from __future__ import annotations

from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from litkg.extract.components.cue_lexicon import (DEMOGRAPHIC, LEAD_TRIM, MODIFIER_OPENERS, PRONOUN_HEAD, STOP,
                                                  TRAIL_TRIM)
from litkg.extract.components.words import Words, hashes, words_of

MAX_ITEM_TOKENS = 9

_BOUNDARY_H = hashes({";", ":", "(", ")", "[", "]", ".", "?", "!"} | STOP)
_LEAD_TRIM_H, _TRAIL_TRIM_H = hashes(LEAD_TRIM), hashes(TRAIL_TRIM)
_COMMA_H = hash_string(",")
_AND_OR_H = hashes(("and", "or"))
_SINGLE_STOP_H = hashes((",", "and", "or"))
_OPENERS_H = hashes(MODIFIER_OPENERS)
_CUT_AT_H = hashes(("of", "with", "in", "on", "from", "for", "about", "to"))


def is_boundary(w: Words, i: int) -> bool:
    """Whether token ``i`` ends a list: a sentence start, a clause-ending word or mark."""
    return w.sent[i] == 1 or w.low[i] in _BOUNDARY_H


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without the articles, prepositions and punctuation at its edges."""
    w = words_of(doc)
    low, punct = w.low, w.punct
    while start < end and (low[start] in _LEAD_TRIM_H or punct[start]):
        start += 1
    while end > start and (low[end - 1] in _TRAIL_TRIM_H or punct[end - 1]):
        end -= 1
    return start, end


def cut_long(doc: Doc, start: int, end: int) -> int:
    """Shorten an over-long item at its first preposition after the head phrase."""
    if end - start <= MAX_ITEM_TOKENS:
        return end
    low = words_of(doc).low
    for i in range(start + 4, end):
        if low[i] in _CUT_AT_H:
            return i
    return start + MAX_ITEM_TOKENS


def split_items(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a coordinated list ``doc[start:end]`` into item token ranges.

    Commas always separate; "and"/"or" separate only when both sides are
    phrases of two tokens or more ("mental and physical wellbeing" stays whole).

    >>> import spacy
    >>> doc = spacy.blank("en")("anxiety, mental and physical wellbeing, or loss of sleep")
    >>> [doc[a:b].text for a, b in split_items(doc, 0, len(doc))]
    ['anxiety', 'mental and physical wellbeing', 'loss of sleep']
    """
    low = words_of(doc).low
    pieces: list[tuple[int, int]] = []
    s = start
    for i in range(start, end):
        if low[i] == _COMMA_H:
            pieces.append((s, i))
            s = i + 1
    pieces.append((s, end))
    items: list[tuple[int, int]] = []
    for ps, pe in pieces:
        cur = ps
        for i in range(ps, pe):
            if low[i] in _AND_OR_H and i - cur >= 2 and pe - i - 1 >= 2 and i > ps \
                    and not (low[i - 2] in _OPENERS_H and not doc[i - 1].lower_.endswith("s")):
                # "mental and physical wellbeing": a lone modifier before the conjunction stays joined
                items.append((cur, i))
                cur = i + 1
        items.append((cur, pe))
    out = []
    for a, b in items:
        a, b = trim(doc, a, b)
        if b > a:
            b = cut_long(doc, a, b)
            a, b = trim(doc, a, b)
        if b > a and _plausible(doc[a:b]):
            out.append((a, b))
    return out



def _plausible(span: Span) -> bool:
    """Reject items that are no phrase of their own: adverbs, pronoun phrases, names, demographics."""
    words: list[tuple[str, str, bool]] = []  # (lower, text, is_stop) of the alphabetic tokens, read once
    for t in span:
        if t.is_alpha:
            words.append((t.lower_, t.text, t.is_stop))
    if not words or not any(len(text) > 2 for _, text, _ in words):
        return False
    if len(words) == 1 and (words[0][0].endswith("ly") or words[0][2]):
        return False
    if span[0].lower_ in PRONOUN_HEAD:
        return False
    if all(low in DEMOGRAPHIC for low, _, _ in words):
        return False
    caps = sum(1 for _, text, _ in words if text[0].isupper())
    if len(words) >= 3 and caps >= len(words) - 1 and words_of(span.doc).sent[span.start] != 1:
        return False  # a Title Case name (not at a sentence start): a programme, trial or organisation
    return True


def list_end(doc: Doc, start: int, max_len: int = 40, single: bool = False) -> int:
    """Where the list (or, with ``single``, the one phrase) opened at ``start`` ends.

    The list ends at a sentence start or a clause-ending word or mark, and after ``max_len`` tokens;
    with ``single``, at a comma or "and"/"or" too.

    >>> import spacy, litkg.extract.components
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("litkg_sentences")
    >>> doc = nlp("Risks include stigma and loss of sleep, which worried parents.")
    >>> doc[2:list_end(doc, 2)].text, doc[2:list_end(doc, 2, single=True)].text
    ('stigma and loss of sleep,', 'stigma')
    """
    w = words_of(doc)
    n = len(w.low)
    if start >= n:
        return n
    i = start
    stop = min(n, start + max_len)
    while i < stop:
        if i > start and (is_boundary(w, i) or (single and w.low[i] in _SINGLE_STOP_H)):
            break
        i += 1
    return i
