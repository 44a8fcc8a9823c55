"""Build the English and Chinese spaCy pipelines from the vocabulary, and extract mentions from papers.

The pipelines are ``spacy.blank`` tokenizers with sentence boundaries (the sentencizer's rule), a built-in
``span_ruler`` whose phrase patterns are compiled from the SKOS vocabulary,
the cue rules (English only), the context component (resolution, hedging,
negation) and the relations component. No statistical model is loaded unless a tagger trained by
``litkg train`` is asked for (``model=``, :mod:`litkg.extract.learn`).
Institutions come from the affiliation parser, not from spaCy.
"""
from __future__ import annotations

import warnings
from functools import lru_cache
from typing import Callable, Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

import litkg.extract.components  # noqa: F401  (registers the factories)
from litkg.extract.identifiers import institution_iri, is_candidate
from litkg.extract.records import Paper
from litkg.extract.results import Finding, Mention, PaperExtraction
from litkg.extract.vocabulary import Vocabulary, load_vocabulary

SPANS_KEY = "litkg"


# A period between a lower-case word and a capitalised one, with no space: "interventions.This".
# Two letters before it, so that abbreviations ("e.g.The") stay whole.
GLUED_SENTENCE = r"(?<=[a-z]{2})\.(?=[A-Z][a-z])"


BUNDLED_MODEL = "bundled"
"""The ``model`` argument that means the trained model shipped with litkg (``extract/model/``)."""


def build_pipeline(lang: str = "en", vocabulary: Vocabulary | None = None, open_extraction: bool = True,
                   model: str | None = None, learned: bool = True) -> Language:
    """Build the extraction pipeline for ``lang`` (``en`` or ``zh``).

    Args:
        lang: Language code.
        vocabulary: Concepts to compile patterns from (default: the bundled one).
        open_extraction: Add the cue rules that find candidate concepts (English only); without
            them nothing is learned either: the vocabulary alone.
        model: The trained tagger's directory, :data:`BUNDLED_MODEL`, or ``None`` for the rules alone
            (``--fast``).
        learned: ``False`` leaves the tagger out whatever ``model`` says (training uses the rules alone).
    """
    vocabulary = vocabulary or load_vocabulary()
    nlp = spacy.blank(lang)
    if lang == "en":
        # "interventions.This development": text taken from PDFs glues sentences; split the period off
        infixes = list(nlp.Defaults.infixes) + [GLUED_SENTENCE]
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.add_pipe("litkg_sentences")  # the sentencizer's rule, faster
    ruler = nlp.add_pipe("span_ruler", name="litkg_lexicon", config={
        "spans_key": "litkg_lex", "phrase_matcher_attr": "LOWER", "validate": False, "overwrite": True})
    patterns = [{"label": type_, "pattern": text, "id": iri} for type_, iri, text in vocabulary.label_entries(lang)]
    ruler.add_patterns(patterns)
    if open_extraction and lang == "en":
        nlp.add_pipe("litkg_cues")
        if learned and model is not None:
            nlp.add_pipe("litkg_learned", config={"model": None if model == BUNDLED_MODEL else str(model)})
    nlp.add_pipe("litkg_context")
    nlp.add_pipe("litkg_relations")
    return nlp


@lru_cache(maxsize=8)
def default_pipeline(lang: str, open_extraction: bool = True, model: str | None = None) -> Language:
    """A cached pipeline built from the bundled vocabulary (``model``: as :func:`build_pipeline`)."""
    return build_pipeline(lang, open_extraction=open_extraction, model=model)


def _span_mention(span, field: str, lang: str) -> Mention:
    sent = span.sent
    return Mention(
        type=span.label_, text=span.text, start=span.start_char, end=span.end_char, field=field, lang=lang,
        concept=span.id_, sentence=sent.text, sentence_start=sent.start_char, sentence_end=sent.end_char,
        hedged=bool(span._.hedged), negated=bool(span._.negated),
        candidate=is_candidate(span.id_))


def parse_affiliations(paper: Paper) -> list[list]:
    """The parse of each affiliation string of ``paper`` (see :func:`extract.affiliations.parse_affiliation`)."""
    from litkg.extract.affiliations import parse_affiliation

    return [parse_affiliation(aff) for aff in paper.affiliations]


def institution_mentions(paper: Paper, parsed: list[list] | None = None) -> list[Mention]:
    """One institution mention per organisational unit of each affiliation string.

    Args:
        paper: The paper.
        parsed: Its affiliations already parsed (:func:`parse_affiliations`), to avoid parsing twice.
    """
    parsed = parse_affiliations(paper) if parsed is None else parsed
    out: list[Mention] = []
    for i, (aff, parts) in enumerate(zip(paper.affiliations, parsed)):
        for part in parts:
            for unit in part.units:
                out.append(Mention(
                    type="institution", text=unit.text, start=unit.start, end=unit.end,
                    field=f"affiliation[{i}]", lang="en", concept=institution_iri(unit.key),
                    sentence=aff, sentence_start=0, sentence_end=len(aff), unit_kind=unit.kind))
    return out


def too_long_for(paper: Paper, open_extraction: bool = True) -> str | None:
    """Why spaCy cannot take one of the paper's texts (longer than its pipeline's ``nlp.max_length``), or ``None``.

    The readers reject longer texts already (``MAX_FIELD_CHARS``); this guards papers made otherwise.
    """
    for field_name, lang, text in paper.text_fields():
        if field_name.startswith("affiliation["):
            continue
        limit = default_pipeline(lang if lang in ("en", "zh") else "en", open_extraction, None).max_length
        if len(text) > limit:
            return f"record too large: its {field_name} has {len(text)} characters (spaCy's limit {limit})"
    return None


def extract_papers(papers: Iterable[Paper], open_extraction: bool = True, batch_size: int = 128,
                   institutions: bool = True,
                   on_reject: Callable[[Paper, str], None] | None = None,
                   model: str | None = None) -> Iterator[PaperExtraction]:
    """Run extraction over papers, streaming in batches.

    Args:
        papers: Paper records (any iterable; consumed lazily).
        open_extraction: Use the cue rules as well as the vocabulary.
        batch_size: Papers per batch given to ``nlp.pipe``.
        institutions: Extract institutions from the affiliations.
        on_reject: Called with a paper that is not extracted and why (a text
            longer than spaCy's ``nlp.max_length``, see :func:`too_long_for`);
            without it such a paper is skipped with a warning.
        model: The trained tagger (a model directory or :data:`BUNDLED_MODEL`); ``None``: the rules alone.

    Yields:
        One :class:`PaperExtraction` per paper extracted, in input order.
    """
    batch: list[Paper] = []
    for paper in papers:
        why = too_long_for(paper, open_extraction)
        if why:
            if on_reject is None:
                warnings.warn(f"litkg: skipped paper {paper.id}: {why}", stacklevel=2)
            else:
                on_reject(paper, why)
            continue
        batch.append(paper)
        if len(batch) >= batch_size:
            yield from _extract_batch(batch, open_extraction, institutions, model)
            batch = []
    if batch:
        yield from _extract_batch(batch, open_extraction, institutions, model)


def _topic_only(span, field_name: str) -> bool:
    """A vocabulary benefit or risk in a title names the topic ("Cost-Effectiveness of ..."), not a finding."""
    return field_name == "title" and span.label_ in ("benefit", "risk") and not is_candidate(span.id_)


def _extract_batch(batch: list[Paper], open_extraction: bool, institutions: bool,
                   model: str | None = None) -> Iterator[PaperExtraction]:
    jobs: dict[str, list[tuple[str, tuple[int, str]]]] = {}
    for idx, paper in enumerate(batch):
        for field_name, lang, text in paper.text_fields():
            if field_name.startswith("affiliation["):
                continue
            lang = lang if lang in ("en", "zh") else "en"
            jobs.setdefault(lang, []).append((text, (idx, field_name)))
    mentions: list[list[Mention]] = [[] for _ in batch]
    findings: list[list[Finding]] = [[] for _ in batch]
    for lang, items in jobs.items():
        nlp = default_pipeline(lang, open_extraction, model)
        for doc, (idx, field_name) in nlp.pipe(items, as_tuples=True, batch_size=256):
            by_span = {(s.start, s.end, s.label_, s.id_): _span_mention(s, field_name, lang)
                       for s in doc.spans[SPANS_KEY] if not _topic_only(s, field_name)}
            mentions[idx].extend(by_span.values())

            for f in doc._.litkg_findings or []:
                # findings point at the mentions already made; one whose mention was dropped goes too
                platform, effect = (by_span.get((s.start, s.end, s.label_, s.id_)) for s in (f.platform, f.effect))
                if platform is None or effect is None:
                    continue
                populations = [by_span[k] for k in ((p.start, p.end, p.label_, p.id_) for p in f.populations)
                               if k in by_span]
                findings[idx].append(Finding(f.kind, platform, effect, populations, f.hedged))
    for idx, paper in enumerate(batch):
        parsed = parse_affiliations(paper) if institutions and paper.affiliations else []
        if parsed:
            mentions[idx].extend(institution_mentions(paper, parsed))
        yield PaperExtraction(paper, mentions[idx], findings[idx], parsed)
