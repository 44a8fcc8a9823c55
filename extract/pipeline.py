"""Build the English and Chinese spaCy pipelines from the vocabulary, and extract mentions from papers.

The pipelines are ``spacy.blank`` tokenizers with a sentencizer, a built-in
``span_ruler`` whose phrase patterns are compiled from the SKOS vocabulary,
the cue rules (English only), the context component (resolution, hedging,
negation) and the relations component. No trained model is loaded.
Institutions come from the affiliation parser, not from spaCy.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language

import extract.components  # noqa: F401  (registers the factories)
from extract.components.relations import Finding
from extract.records import Paper
from extract.vocabulary import Vocabulary, load_vocabulary

SPANS_KEY = "litkg"
ORG_BASE = "https://w3id.org/litkg/org/"


def institution_iri(key: str) -> str:
    """The IRI of an organisational unit from its normalised merge key.

    >>> institution_iri("university of x/department of psychiatry")
    'https://w3id.org/litkg/org/university-of-x/department-of-psychiatry'
    """
    import re

    parts = [re.sub(r"[^0-9a-z]+", "-", p.lower()).strip("-") for p in key.split("/")]
    return ORG_BASE + "/".join(p for p in parts if p)


@dataclass
class Mention:
    """One typed, concept-linked mention with its provenance.

    ``field_text[start:end] == text`` where ``field_text`` is ``paper.field_text(field)``.
    """

    type: str
    text: str
    start: int
    end: int
    field: str
    lang: str
    concept: str
    sentence: str
    sentence_start: int
    sentence_end: int
    hedged: bool = False
    negated: bool = False
    candidate: bool = False
    unit_kind: str | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        if d["unit_kind"] is None:
            del d["unit_kind"]
        return d


@dataclass
class FindingRecord:
    """A sentence-level finding (see :mod:`extract.components.relations`) as plain data."""

    kind: str
    platform: Mention
    effect: Mention
    populations: list[Mention]
    hedged: bool


@dataclass
class PaperExtraction:
    """Everything extracted from one paper."""

    paper: Paper
    mentions: list[Mention]
    findings: list[FindingRecord]


def build_pipeline(lang: str = "en", vocabulary: Vocabulary | None = None, open_extraction: bool = True) -> Language:
    """Build the rule pipeline for ``lang`` (``en`` or ``zh``).

    Args:
        lang: Language code.
        vocabulary: Concepts to compile patterns from (default: the bundled one).
        open_extraction: Add the cue rules that find candidate concepts (English only).
    """
    vocabulary = vocabulary or load_vocabulary()
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("span_ruler", name="litkg_lexicon", config={
        "spans_key": "litkg_lex", "phrase_matcher_attr": "LOWER", "validate": False, "overwrite": True})
    patterns = [{"label": type_, "pattern": text, "id": iri} for type_, iri, text in vocabulary.label_entries(lang)]
    ruler.add_patterns(patterns)
    if open_extraction and lang == "en":
        nlp.add_pipe("litkg_cues")
    nlp.add_pipe("litkg_context")
    nlp.add_pipe("litkg_relations")
    return nlp


@lru_cache(maxsize=8)
def default_pipeline(lang: str, open_extraction: bool = True) -> Language:
    """A cached pipeline built from the bundled vocabulary."""
    return build_pipeline(lang, open_extraction=open_extraction)


def _span_mention(span, field: str, lang: str) -> Mention:
    sent = span.sent
    return Mention(
        type=span.label_, text=span.text, start=span.start_char, end=span.end_char, field=field, lang=lang,
        concept=span.id_, sentence=sent.text, sentence_start=sent.start_char, sentence_end=sent.end_char,
        hedged=bool(span._.hedged), negated=bool(span._.negated),
        candidate=span.id_.startswith("https://w3id.org/litkg/candidate/"))


def institution_mentions(paper: Paper) -> list[Mention]:
    """One institution mention per organisational unit of each affiliation string."""
    from extract.affiliations import parse_affiliation

    out: list[Mention] = []
    for i, aff in enumerate(paper.affiliations):
        for parsed in parse_affiliation(aff):
            for j, unit in enumerate(parsed.units):
                out.append(Mention(
                    type="institution", text=unit.text, start=unit.start, end=unit.end,
                    field=f"affiliation[{i}]", lang="en", concept=institution_iri(unit.key),
                    sentence=aff, sentence_start=0, sentence_end=len(aff), unit_kind=unit.kind))
    return out


def extract_papers(papers: Iterable[Paper], open_extraction: bool = True, batch_size: int = 128,
                   institutions: bool = True) -> Iterator[PaperExtraction]:
    """Run extraction over papers, streaming in batches.

    Args:
        papers: Paper records (any iterable; consumed lazily).
        open_extraction: Use the cue rules as well as the vocabulary.
        batch_size: Papers per batch given to ``nlp.pipe``.
        institutions: Extract institutions from the affiliations.

    Yields:
        One :class:`PaperExtraction` per paper, in input order.
    """
    batch: list[Paper] = []
    for paper in papers:
        batch.append(paper)
        if len(batch) >= batch_size:
            yield from _extract_batch(batch, open_extraction, institutions)
            batch = []
    if batch:
        yield from _extract_batch(batch, open_extraction, institutions)


def _finding_record(f: Finding, field: str, lang: str) -> FindingRecord:
    return FindingRecord(f.kind, _span_mention(f.platform, field, lang), _span_mention(f.effect, field, lang),
                         [_span_mention(p, field, lang) for p in f.populations], f.hedged)


def _extract_batch(batch: list[Paper], open_extraction: bool, institutions: bool) -> Iterator[PaperExtraction]:
    jobs: dict[str, list[tuple[str, tuple[int, str]]]] = {}
    for idx, paper in enumerate(batch):
        for field, lang, text in paper.text_fields():
            if field.startswith("affiliation["):
                continue
            lang = lang if lang in ("en", "zh") else "en"
            jobs.setdefault(lang, []).append((text, (idx, field)))
    mentions: list[list[Mention]] = [[] for _ in batch]
    findings: list[list[FindingRecord]] = [[] for _ in batch]
    for lang, items in jobs.items():
        nlp = default_pipeline(lang, open_extraction)
        for doc, (idx, field) in nlp.pipe(items, as_tuples=True, batch_size=256):
            mentions[idx].extend(_span_mention(s, field, lang) for s in doc.spans[SPANS_KEY])
            findings[idx].extend(_finding_record(f, field, lang) for f in doc._.litkg_findings or [])
    for idx, paper in enumerate(batch):
        if institutions and paper.affiliations:
            mentions[idx].extend(institution_mentions(paper))
        yield PaperExtraction(paper, mentions[idx], findings[idx])
