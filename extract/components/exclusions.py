"""What the annotation guidelines exclude before resolution (English only).

* A vocabulary outcome that only modifies the noun after it names no end point:
  "mental health apps", "depression care".
* A platform that only names how the study collected its data is no channel
  studied: "an online survey", "web-based questionnaires".
* A vocabulary population takes along the modifiers before it: "health care
  workers", not "workers" (:func:`~litkg.extract.components.groups.extend_group_left`).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from litkg.extract.components.groups import extend_group_left

# Nouns that a construct can modify: "mental health apps", "depression care" name no end point.
MODIFIED_HEADS = frozenset("""app apps application applications care service services intervention interventions
professional professionals provider providers support platform platforms research researchers system systems
program programs programme programmes policy policies clinician clinicians worker workers technology
technologies tool tools resource resources sector field trial trials study studies clinic clinics setting
settings team teams staff practitioners specialists counselling counseling treatment treatments""".split())

# Research methods: "an online survey", "web-based questionnaires", "smartphone-based assessments"
# name a study tool, not the channel studied (annotation guidelines, platform).
METHOD_NOUNS = frozenset("""survey surveys questionnaire questionnaires assessment assessments recruitment interview
interviews database databases search searches panel panels sampling data-collection focus""".split())


def method_use(doc: Doc, span: Span) -> bool:
    """Whether a platform mention only names how the study collected its data."""
    if span.label_ != "platform":
        return False
    for tok in doc[span.end:min(span.end + 2, len(doc))]:
        if tok.lower_ in METHOD_NOUNS:
            return True
        if not tok.is_alpha:
            return False
    return False


def modifier_use(doc: Doc, span: Span) -> bool:
    """Whether a vocabulary outcome is only a modifier of the noun after it."""
    return span.end < len(doc) and doc[span.end].lower_ in MODIFIED_HEADS and not doc[span.end].is_sent_start


def with_modifiers(doc: Doc, span: Span) -> Span:
    """A population span widened over the modifiers before it ("health care workers")."""
    start = extend_group_left(doc, span.start)
    if start == span.start:
        return span
    wide = Span(doc, start, span.end, label=span.label_)
    wide.id_ = span.id_
    return wide


def apply_exclusions(doc: Doc, lexicon: list[Span], cues: list[Span]) -> tuple[list[Span], list[Span]]:
    """The vocabulary and cue spans of ``doc`` without what the guidelines exclude (see the module docstring).

    Returns:
        ``(lexicon, cues)``: vocabulary spans without modifier outcomes and method platforms, populations
        widened over their modifiers; cue spans without method platforms.
    """
    lexicon = [with_modifiers(doc, s) if s.label_ == "population" else s for s in lexicon
               if not (s.label_ == "outcome" and modifier_use(doc, s) or method_use(doc, s))]
    cues = [s for s in cues if not method_use(doc, s)]
    return lexicon, cues
