"""Overlap resolution: merge vocabulary and cue spans into one non-redundant list of mentions.

Per entity type, of overlapping spans the vocabulary's wins (a linked concept
beats a candidate) unless a cue item contains it and has at least twice its
content words ("efficient cost-effective approach" beats "cost-effective");
otherwise the longer span wins. Across types, a mention nested inside a longer
one of an opposed or defining type is dropped: "challenge stigma" is a benefit,
not a mention of the risk "stigma"; "adults with depression" is a population,
and its condition no outcome the paper measures.
"""
from __future__ import annotations

from spacy.tokens import Span

from litkg.extract.identifiers import is_candidate

_OPPOSED = {("risk", "benefit"), ("benefit", "risk")}
# (inner, outer): an inner mention inside a longer outer one is dropped. A
# condition inside a population ("adults with depression") defines the group;
# it is not an end point the paper measures.
_NESTED_DROP = _OPPOSED | {("outcome", "population")}
_OUTER_TYPES: dict[str, tuple[str, ...]] = {}
for _inner, _outer in sorted(_NESTED_DROP):
    _OUTER_TYPES[_inner] = _OUTER_TYPES.get(_inner, ()) + (_outer,)


def _content_len(span: Span) -> int:
    """The number of content words (alphabetic, not stop words) of ``span``, at least 1."""
    return sum(1 for t in span if t.is_alpha and not t.is_stop) or 1


def _item_wins(item: Span, vocab: Span) -> bool:
    """A cue item beats a vocabulary span it contains when it has at least twice its content words."""
    if not is_candidate(vocab.id_) and vocab.start >= item.start and vocab.end <= item.end:
        return _content_len(item) >= 2 * _content_len(vocab)
    return False


def resolve(lexicon: list[Span], cues: list[Span]) -> list[Span]:
    """Merge vocabulary and cue spans into one non-redundant list (see the module docstring).

    Args:
        lexicon: The vocabulary's spans (concept IRIs as ``id_``).
        cues: The cue rules' spans (candidate IRIs as ``id_``).

    Returns:
        The kept spans, sorted by start, end and label.
    """
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
