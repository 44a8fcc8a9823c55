"""Sentence-level relations: which platform a benefit or risk is said of, and for which population.

For every sentence holding a benefit or risk together with a platform, one
:class:`SpanFinding` per (platform, benefit|risk) pair is written to ``doc._.litkg_findings``,
with the populations of the same sentence. Findings inherit the hedging flag of
the benefit or risk (a negated one never reaches here: see :mod:`~litkg.extract.components.context`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

if not Doc.has_extension("litkg_findings"):
    Doc.set_extension("litkg_findings", default=None)


@dataclass
class SpanFinding:
    """A platform said to bring a benefit or a risk, in one sentence, as spans of the doc.

    The pipeline turns each into a plain-data :class:`litkg.extract.results.Finding`
    of the mentions these spans became.

    Attributes:
        kind: ``benefit`` or ``risk``.
        platform: The platform mention.
        effect: The benefit or risk mention.
        populations: Population mentions of the same sentence.
        sentence: The evidence sentence.
        hedged: Whether the effect is hedged.
    """

    kind: str
    platform: Span
    effect: Span
    sentence: Span
    populations: list[Span] = field(default_factory=list)
    hedged: bool = False


def sentence_findings(doc: Doc, spans: list[Span]) -> list[SpanFinding]:
    """Pair platforms with benefits and risks that share a sentence."""
    by_sent: dict[int, list[Span]] = {}
    for s in spans:
        by_sent.setdefault(s.sent.start, []).append(s)
    out: list[SpanFinding] = []
    for group in by_sent.values():
        platforms = [s for s in group if s.label_ == "platform"]
        if not platforms:
            continue
        pops = [s for s in group if s.label_ == "population"]
        for eff in group:
            if eff.label_ not in ("benefit", "risk"):
                continue
            seen = set()
            for p in platforms:
                if p.id_ in seen or (p.start < eff.end and eff.start < p.end):
                    continue
                seen.add(p.id_)
                out.append(SpanFinding(eff.label_, p, eff, eff.sent, pops, bool(eff._.hedged)))
    return out


@Language.factory("litkg_relations", default_config={"spans_key": "litkg"})
def make_relations(nlp: Language, name: str, spans_key: str) -> "Relations":
    """spaCy factory for :class:`Relations`."""
    return Relations(spans_key)


class Relations:
    """Store sentence-level findings on ``doc._.litkg_findings``."""

    def __init__(self, spans_key: str) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc._.litkg_findings`` to the :class:`SpanFinding` items of ``doc``."""
        spans = list(doc.spans[self.spans_key]) if self.spans_key in doc.spans else []
        doc._.litkg_findings = sentence_findings(doc, spans)
        return doc
