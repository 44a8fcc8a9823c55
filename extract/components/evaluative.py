"""Coordinated runs of evaluative adjectives: "convenient, cost-effective, and accessible" is one benefit.

A run needs two adjectives or more of :data:`~litkg.extract.components.cue_lexicon.EVALUATIVE`, one of them
strong (:data:`~litkg.extract.components.cue_lexicon.EVALUATIVE_STRONG`), joined by commas, "and"/"or" and
adverbs; a head noun right after it ("... affordable treatments") is taken along.
"""
from __future__ import annotations

from spacy.tokens import Doc

from litkg.extract.components.cue_lexicon import EVALUATIVE, EVALUATIVE_HEADS, EVALUATIVE_STRONG
from litkg.extract.components.words import hyphen_joins


def evaluative_runs(doc: Doc, start: int = 0, stop: int | None = None,
                    candidates: list[int] | None = None) -> list[tuple[int, int]]:
    """Token ranges of coordinated evaluative adjective runs in ``doc[start:stop]``, with a following head noun.

    ``candidates`` are the token indices where a run may start (all when ``None``),
    e.g. the starts of matches of the :data:`~litkg.extract.components.cue_lexicon.EVALUATIVE` words.

    >>> import spacy
    >>> doc = spacy.blank("en")("apps are convenient, cost-effective, and accessible.")
    >>> [doc[a:b].text for a, b in evaluative_runs(doc)]
    ['convenient, cost-effective, and accessible']
    """
    out = []
    n = len(doc) if stop is None else stop
    i = start
    for cand in range(start, n) if candidates is None else candidates:
        if cand < i or cand >= n:
            continue
        i = cand
        word, nxt = _compound(doc, i, n)
        if word not in EVALUATIVE:
            continue
        first, last_end, adjs, strong = i, nxt, 1, word in EVALUATIVE_STRONG
        j = nxt
        while j < n and not doc[j].is_sent_start:
            word, nxt = _compound(doc, j, n)
            if word in EVALUATIVE:
                last_end, adjs = nxt, adjs + 1
                strong = strong or word in EVALUATIVE_STRONG
            elif not (word in (",", "and", "or") or (word.endswith("ly") and doc[j].is_alpha)):
                break
            j = nxt
        end = last_end
        if adjs >= 2 and strong:
            for k in range(end, min(end + 3, n)):
                if doc[k].lower_ in EVALUATIVE_HEADS:
                    end = k + 1
                    break
                if not doc[k].is_alpha or doc[k].is_stop:
                    break
            out.append((first, end))
        i = end
    return out


def _compound(doc: Doc, i: int, n: int) -> tuple[str, int]:
    """The lower-case word at token ``i`` with hyphen compounds joined ("cost-effective"), and the next index."""
    j = i + 1
    while j + 1 < n and hyphen_joins(doc, j) and doc[j + 1].is_alpha:
        j += 2
    return "".join(t.lower_ for t in doc[i:j]), j
