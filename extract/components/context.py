"""Resolve lexicon and cue spans into ``doc.spans["litkg"]`` and flag hedging and negation.

Resolution, per entity type: of overlapping spans the vocabulary's wins (a
linked concept beats a candidate) unless a cue item contains it and has at
least twice its content words ("efficient cost-effective approach" beats
"cost-effective"); otherwise the longer span wins. Across types, a risk nested inside a benefit
(or a benefit inside a risk) is dropped: "challenge stigma" is a benefit, not
a mention of the risk "stigma". A negated benefit or risk is dropped from
that type ("did not reduce loneliness" reports no benefit) while an outcome
keeps its ``negated`` flag.

Hedging and negation are NegEx-style: a cue in the same sentence, before the
mention, within a window and with no clause break between.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from litkg.extract.components.cues import extend_group_left
from litkg.extract.components.words import hashes, release, words_of
from litkg.extract.identifiers import is_candidate

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

_OPPOSED = {("risk", "benefit"), ("benefit", "risk")}
# (inner, outer): an inner mention inside a longer outer one is dropped. A
# condition inside a population ("adults with depression") defines the group;
# it is not an end point the paper measures.
_NESTED_DROP = _OPPOSED | {("outcome", "population")}
_OUTER_TYPES: dict[str, tuple[str, ...]] = {}
for _inner, _outer in sorted(_NESTED_DROP):
    _OUTER_TYPES[_inner] = _OUTER_TYPES.get(_inner, ()) + (_outer,)


def _content_len(span: Span) -> int:
    return sum(1 for t in span if t.is_alpha and not t.is_stop) or 1


def _item_wins(item: Span, vocab: Span) -> bool:
    """A cue item beats a vocabulary span it contains when it has at least twice its content words."""
    if not is_candidate(vocab.id_) and vocab.start >= item.start and vocab.end <= item.end:
        return _content_len(item) >= 2 * _content_len(vocab)
    return False


def resolve(lexicon: list[Span], cues: list[Span]) -> list[Span]:
    """Merge vocabulary and cue spans into one non-redundant list (see module docstring)."""
    chosen: list[Span] = []
    by_type: dict[str, list[Span]] = {}
    for s in lexicon:
        by_type.setdefault(s.label_, []).append(s)
    for s in cues:
        by_type.setdefault(s.label_, []).append(s)
    for type_, spans in by_type.items():
        # vocabulary first, then longer first
        spans.sort(key=lambda s: (is_candidate(s.id_), -(s.end - s.start), s.start))
        kept: list[Span] = []
        for s in spans:
            clashes = [k for k in kept if s.start < k.end and k.start < s.end]
            if not clashes:
                kept.append(s)
            elif is_candidate(s.id_) and all(_item_wins(s, k) for k in clashes):
                for k in clashes:
                    kept.remove(k)
                kept.append(s)
        chosen.extend(kept)
    ranges: dict[str, list[tuple[int, int]]] = {}
    for o in chosen:
        ranges.setdefault(o.label_, []).append((o.start, o.end))
    out = []
    for s in chosen:
        start, end = s.start, s.end
        if not any(a <= start and end <= b and b - a > end - start
                   for outer in _OUTER_TYPES.get(s.label_, ()) for a, b in ranges.get(outer, ())):
            out.append(s)
    out.sort(key=lambda s: (s.start, s.end, s.label_))
    return out


# Nouns that a construct can modify: "mental health apps", "depression care" name no end point.
_MODIFIED_HEADS = frozenset("""app apps application applications care service services intervention interventions
professional professionals provider providers support platform platforms research researchers system systems
program programs programme programmes policy policies clinician clinicians worker workers technology
technologies tool tools resource resources sector field trial trials study studies clinic clinics setting
settings team teams staff practitioners specialists counselling counseling treatment treatments""".split())


# Research methods: "an online survey", "web-based questionnaires", "smartphone-based assessments"
# name a study tool, not the channel studied (annotation guidelines, platform).
_METHOD_NOUNS = frozenset("""survey surveys questionnaire questionnaires assessment assessments recruitment interview
interviews database databases search searches panel panels sampling data-collection focus""".split())


def _method_use(doc: Doc, span: Span) -> bool:
    """Whether a platform mention only names how the study collected its data."""
    if span.label_ != "platform":
        return False
    for tok in doc[span.end:min(span.end + 2, len(doc))]:
        if tok.lower_ in _METHOD_NOUNS:
            return True
        if not tok.is_alpha:
            return False
    return False


def _modifier_use(doc: Doc, span: Span) -> bool:
    """Whether a vocabulary outcome is only a modifier of the noun after it."""
    return span.end < len(doc) and doc[span.end].lower_ in _MODIFIED_HEADS and not doc[span.end].is_sent_start


def _with_modifiers(doc: Doc, span: Span) -> Span:
    """A population span widened over the modifiers before it ("health care workers")."""
    start = extend_group_left(doc, span.start)
    if start == span.start:
        return span
    wide = Span(doc, start, span.end, label=span.label_)
    wide.id_ = span.id_
    return wide


_HEDGE_H, _NEG_H, _BREAK_H = hashes(HEDGE_EN), hashes(NEG_EN), hashes(NEG_BREAK)
_SEMI_H = hash_string(";")
_POST_NEG_H = hashes(("not", "n't", "never"))


def _flags_en(lows: list[int], starts: list[int], span: Span) -> tuple[bool, bool]:
    """Hedged and negated flags of ``span``.

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


def _flags_zh(doc: Doc, span: Span) -> tuple[bool, bool]:
    before = doc.text[span.sent.start_char: span.start_char]
    clause = before.replace("，", ",").replace("；", ";").split(";")[-1]
    hedged = any(c in before for c in HEDGE_ZH)
    near = clause.split(",")[-1][-8:]
    negated = any(c in near for c in NEG_ZH)
    return hedged, negated


@Language.factory("litkg_context", default_config={"lexicon_key": "litkg_lex", "cue_key": "litkg_cue",
                                                     "spans_key": "litkg"})
def make_context(nlp: Language, name: str, lexicon_key: str, cue_key: str, spans_key: str) -> "Context":
    """spaCy factory for :class:`Context`."""
    return Context(nlp.lang, lexicon_key, cue_key, spans_key)


class Context:
    """Write resolved, flagged mentions to ``doc.spans[spans_key]``."""

    def __init__(self, lang: str, lexicon_key: str, cue_key: str, spans_key: str) -> None:
        self.lang = lang
        self.lexicon_key, self.cue_key, self.spans_key = lexicon_key, cue_key, spans_key

    def __call__(self, doc: Doc) -> Doc:
        """Resolve the lexicon and cue spans of ``doc`` into flagged mentions in ``doc.spans[spans_key]``."""
        lexicon = list(doc.spans[self.lexicon_key]) if self.lexicon_key in doc.spans else []
        cues = list(doc.spans[self.cue_key]) if self.cue_key in doc.spans else []
        if self.lang == "zh":
            flags = lambda s: _flags_zh(doc, s)  # noqa: E731
        else:
            # what the guidelines exclude: "mental health apps" names no outcome, an "online survey" no platform
            lexicon = [_with_modifiers(doc, s) if s.label_ == "population" else s for s in lexicon
                       if not (s.label_ == "outcome" and _modifier_use(doc, s) or _method_use(doc, s))]
            cues = [s for s in cues if not _method_use(doc, s)]
            w = words_of(doc)
            flags = lambda s: _flags_en(w.low, w.sent, s)  # noqa: E731
        spans = resolve(lexicon, cues)
        out = []
        for s in spans:
            hedged, negated = flags(s)
            if negated and s.label_ in ("benefit", "risk"):
                continue
            if hedged:  # the extensions default to False: set only what differs (each set costs)
                s._.hedged = True
            if negated:
                s._.negated = True
            out.append(s)
        doc.spans[self.spans_key] = out
        release(doc)
        return doc
