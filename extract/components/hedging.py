"""Hedging and negation of a mention, NegEx-style; registers the ``Span._.hedged`` and ``Span._.negated`` flags.

English: a hedge cue ("may", "suggests", "unclear") anywhere before the
mention in its sentence (back to a semicolon) hedges it; a negation cue ("not",
"without", "lack") within :data:`NEG_WINDOW` words before it, with no clause
break (a comma, "but", "however", ...) between, negates it, as does "not",
"n't" or "never" in the three words after it ("X did not improve").
Chinese: a hedge cue before the mention in its sentence, a negation cue in the
last few characters of its clause.
"""
from __future__ import annotations

from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from litkg.extract.components.words import hashes

HEDGE_EN = frozenset("""may might could possibly potentially potential perhaps likely unlikely appear appears
appeared seem seems seemed suggest suggests suggested suggesting hypothesize hypothesized hypothesise
propose proposed would if whether uncertain unclear unforeseen""".split())
NEG_EN = frozenset("""no not without neither nor lack lacked lacking absence absent never none cannot
failed fail fails n't""".split())
NEG_BREAK = frozenset({",", ";", ":", "but", "however", "although", "though", "whereas", "while", "yet"})
HEDGE_ZH = ("可能", "或许", "也许", "似乎", "潜在", "可以", "能够", "假设", "建议")
NEG_ZH = ("不", "没有", "无", "未", "并非", "缺乏")

NEG_WINDOW = 6

if not Span.has_extension("hedged"):
    Span.set_extension("hedged", default=False)
if not Span.has_extension("negated"):
    Span.set_extension("negated", default=False)

_HEDGE_H, _NEG_H, _BREAK_H = hashes(HEDGE_EN), hashes(NEG_EN), hashes(NEG_BREAK)
_SEMI_H = hash_string(";")
_POST_NEG_H = hashes(("not", "n't", "never"))


def flags_en(lows: list[int], starts: list[int], span: Span) -> tuple[bool, bool]:
    """Hedged and negated flags of ``span`` in an English doc.

    ``lows`` and ``starts`` are the doc's ``LOWER`` hashes and ``SENT_START``
    values (``doc.to_array``): comparing integers spares making a token object
    for every word between a mention and the start of its sentence.
    """
    hedged = negated = broken = False
    i, dist = span.start - 1, 0
    if starts[span.start] != 1:
        while i >= 0:
            low = lows[i]
            if low in _HEDGE_H:
                hedged = True
            if not broken and dist < NEG_WINDOW and low in _NEG_H:
                negated = True
            if low in _BREAK_H:
                broken = True
            if low == _SEMI_H or starts[i] == 1:
                break
            i -= 1
            dist += 1
    # post-mention negation: "X did not improve", "X was not associated"
    for j in range(span.end, min(span.end + 3, len(lows))):
        if starts[j] == 1:
            break
        if lows[j] in _POST_NEG_H:
            negated = True
            break
        if lows[j] in _BREAK_H:
            break
    return hedged, negated


def flags_zh(doc: Doc, span: Span) -> tuple[bool, bool]:
    """Hedged and negated flags of ``span`` in a Chinese doc (cues matched as characters)."""
    before = doc.text[span.sent.start_char: span.start_char]
    clause = before.replace("，", ",").replace("；", ";").split(";")[-1]
    hedged = any(c in before for c in HEDGE_ZH)
    near = clause.split(",")[-1][-8:]
    negated = any(c in near for c in NEG_ZH)
    return hedged, negated
