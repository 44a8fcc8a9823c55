"""What extraction yields, as plain data: mentions, findings, one paper's extraction, and its JSON.

No spaCy here: graph building, evaluation and suggestion read these without
loading a pipeline. ``litkg extract`` writes :func:`extraction_json` of each
:class:`PaperExtraction`.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from litkg.extract.records import Paper

TYPES = ("platform", "benefit", "risk", "outcome", "population", "institution")
"""The entity types, in the order reports list them."""
CONCEPT_TYPES = TYPES[:5]
"""The types found in the text (institutions come from affiliations)."""


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
class Finding:
    """A platform said to bring a benefit or risk in one sentence (see :mod:`litkg.extract.components.relations`)."""

    kind: str
    platform: Mention
    effect: Mention
    populations: list[Mention]
    hedged: bool


@dataclass
class PaperExtraction:
    """Everything extracted from one paper.

    ``affiliations[i]`` holds the parse of ``paper.affiliations[i]`` (units with
    their parents, places), made once here and reused when building the graph.
    """

    paper: Paper
    mentions: list[Mention]
    findings: list[Finding]
    affiliations: list[list] = field(default_factory=list)


def short_repeats(mentions: list[Mention]) -> set[int]:
    """Indices of mentions that repeat, in a shorter form, an entity the paper names more fully.

    Platforms: a one-word mention that is the head of a longer mention of the
    same concept ("app" after "mobile health app", "forum" after "online
    forum"). Populations, which the guidelines count once per distinct group:
    a mention whose words end a longer population mention ("students" beside
    "UK university students"), or a shorter label of the same concept.
    """
    full: dict[str, set[str]] = {}
    groups: list[tuple[list[str], str]] = []
    for m in mentions:
        words = m.text.lower().split()
        if m.type == "platform" and len(words) > 1:
            full.setdefault(m.concept, set()).add(words[-1])
        elif m.type == "population":
            groups.append((words, m.concept))
    out = set()
    for i, m in enumerate(mentions):
        words = m.text.lower().split()
        if m.type == "platform" and len(words) == 1 and words[0] in full.get(m.concept, ()):
            out.add(i)
        elif m.type == "population" and any(
                len(other) > len(words) and (other[-len(words):] == words or concept == m.concept)
                for other, concept in groups):
            out.add(i)
    return out


def extraction_json(ex: PaperExtraction) -> dict:
    """The ``litkg extract`` output object of one paper.

    ``mentions`` holds the mentions of the paper's own text (title, abstract,
    affiliations) that name an entity; ``repeats`` the shorter forms of an
    entity named more fully elsewhere in the paper ("the app" after "a mobile
    health app", see :func:`short_repeats`); ``translation_mentions`` those of
    its translations (same shape, ``field`` like ``translation[zh]``), kept
    apart so that a gold set annotated on the original text scores the
    original text. The graph holds all of them.
    """
    own = [m for m in ex.mentions if not m.field.startswith("translation[")]
    repeats = short_repeats(own)
    return {
        "id": ex.paper.id,
        "title": ex.paper.title,
        "mentions": [m.to_dict() for i, m in enumerate(own) if i not in repeats],
        "repeats": [m.to_dict() for i, m in enumerate(own) if i in repeats],
        "translation_mentions": [m.to_dict() for m in ex.mentions if m.field.startswith("translation[")],
        "findings": [{"type": f.kind, "platform": f.platform.concept, "platform_text": f.platform.text,
                      "effect": f.effect.concept, "effect_text": f.effect.text,
                      "populations": sorted({p.concept for p in f.populations}), "hedged": f.hedged,
                      "field": f.effect.field, "sentence": f.effect.sentence} for f in ex.findings],
    }
