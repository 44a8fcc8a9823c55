"""Grow the vocabulary: rank the candidate concepts the cue rules found and print them as SKOS Turtle.

A curator reviews the output, pastes the entries worth keeping into
``extract/vocab/<type>.ttl`` (adding ``skos:exactMatch`` links and a Chinese
label), and the next run links those phrases to concepts.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from rdflib.namespace import SKOS

from litkg.extract import identifiers as ids
from litkg.extract.results import PaperExtraction


@dataclass
class Suggestion:
    """One candidate concept with its support across the corpus."""

    type: str
    iri: str
    label: str
    papers: int
    mentions: int
    variants: list[str] = field(default_factory=list)
    example: str = ""


def rank_candidates(extractions: Iterable[PaperExtraction], min_papers: int = 2,
                    types: set[str] | None = None) -> list[Suggestion]:
    """Count candidate concepts by papers (then mentions), most frequent first."""
    papers: Counter = Counter()
    mentions: Counter = Counter()
    forms: dict[str, Counter] = defaultdict(Counter)
    example: dict[str, str] = {}
    kind: dict[str, str] = {}
    for ex in extractions:
        seen = set()
        for m in ex.mentions:
            if not m.candidate or (types and m.type not in types):
                continue
            mentions[m.concept] += 1
            forms[m.concept][m.text.lower() if not m.text.isupper() else m.text] += 1
            kind[m.concept] = m.type
            example.setdefault(m.concept, m.sentence)
            seen.add(m.concept)
        papers.update(seen)
    out = []
    for iri, n in papers.items():
        if n < min_papers:
            continue
        variants = [v for v, _ in forms[iri].most_common()]
        out.append(Suggestion(kind[iri], iri, variants[0], n, mentions[iri], variants[1:6], example[iri]))
    out.sort(key=lambda s: (-s.papers, -s.mentions, s.iri))
    return out


def _ttl_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def to_turtle(suggestions: list[Suggestion]) -> str:
    """Ready-to-paste SKOS entries, one block per candidate, with its support as a comment."""
    lines = [f"@prefix skos: <{SKOS._NS}> .", f"@prefix s: <{ids.CONCEPT}> .", ""]
    for sg in suggestions:
        local = re.sub(r"[^a-z0-9]+", "-", sg.label.lower()).strip("-")[:60] or "concept"
        papers, mentions = (f"{n} {word}{'' if n == 1 else 's'}" for n, word in
                            ((sg.papers, "paper"), (sg.mentions, "mention")))
        lines.append(f"# {papers}, {mentions}; e.g. {sg.example[:140]!r}")
        lines.append(f"<{ids.concept_iri(sg.type, local)}> a skos:Concept ; skos:inScheme s:{sg.type} ;")
        alt = "".join(f", {_ttl_string(v)}@en" for v in sg.variants)
        if alt:
            lines.append(f"    skos:prefLabel {_ttl_string(sg.label)}@en ; skos:altLabel {alt[2:]} .")
        else:
            lines.append(f"    skos:prefLabel {_ttl_string(sg.label)}@en .")
        lines.append("")
    return "\n".join(lines)
