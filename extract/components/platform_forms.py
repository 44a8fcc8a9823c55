"""Platform mentions that no vocabulary label covers: delivery-mode adjectives and product names.

* Delivery modes: "web-based", "internet-delivered", "app- or web-based",
  "Web-and computer-based", "web based". The channel is named by the word
  before "-based"/"-delivered"; the whole adjective is the mention, linked to
  the vocabulary concept of that channel where there is one.
* Product names: CamelCase or letter-digit words such as "Text4Hope",
  "HealthySMS", "ReadySetGoals" that sit in a sentence about a channel
  (an app, a programme, text messages). Bibliographic databases and
  registries ("PubMed", "PsycINFO", "ClinicalTrials") are not platforms.
"""
from __future__ import annotations

import re

import numpy
from spacy.tokens import Doc

from litkg.extract.components.words import hyphen_joins
from litkg.extract.identifiers import concept_iri

# channel word -> vocabulary concept (None: a candidate of its own)
CHANNELS: dict[str, str | None] = {
    "web": "website", "website": "website", "internet": None, "online": None, "computer": None,
    "app": "mobile-app", "apps": "mobile-app", "application": "mobile-app", "mobile": "mobile-app",
    "smartphone": "smartphone", "phone": None, "telephone": None, "text": "text-messaging",
    "sms": "text-messaging", "email": "email", "video": "videoconferencing",
    "technology": None, "chatbot": "chatbot", "game": "online-game", "social": None,
}
MODES = frozenset("""based delivered enabled mediated assisted supported facilitated""".split())
# "online" and "social" need the hyphen ("online-based" rare, "socially"): no bare "online based"
_BARE_OK = frozenset("""web internet computer app smartphone mobile""".split())

_CAMEL = re.compile(r"^(?:[A-Z][a-z]+(?:[A-Z][a-z0-9]*|[0-9]+[A-Za-z]*)+|[A-Z][a-z]+[A-Z]{2,}[a-z]*)$")
_NOT_PRODUCTS = frozenset("""pubmed psycinfo psycnet medline embase cinahl scopus webofscience clinicaltrials
googlescholar cochranelibrary proquest psycarticles metaanalysis openai chatgpt""".split())
_HEADINGS = frozenset("""background backgrounds objective objectives aim aims purpose introduction methods method
design setting settings participants intervention interventions results result findings conclusion conclusions
discussion limitations importance context measurements measures outcomes implications trial registration
evidence""".split())
_CHANNEL_CONTEXT = re.compile(r"(?i)\b(?:apps?|applications?|platforms?|programs?|programmes?|"
                              r"interventions?|text messag\w*|sms|messages|chatbots?|websites?|web|online|"
                              r"smartphones?|mobile|digital|tools?|services?|games?|internet)\b")


def concept_for(channel: str) -> str | None:
    """Vocabulary concept IRI of a channel word, or ``None`` when the word has none."""
    slug = CHANNELS.get(channel.lower())
    return concept_iri("platform", slug) if slug else None


def delivery_mode_phrases() -> list[str]:
    """Every "channel-mode" and "channel mode" phrase :func:`delivery_modes` starts at (for a PhraseMatcher)."""
    out = [f"{c}-{m}" for c in CHANNELS for m in MODES]
    return out + [f"{c} {m}" for c in _BARE_OK for m in MODES]


def delivery_modes(doc: Doc, candidates: list[int] | None = None) -> list[tuple[int, int, str]]:
    """Token ranges of delivery-mode adjectives, with the channel word that names the platform.

    ``candidates`` are the token indices worth looking at (all when ``None``),
    e.g. the starts of :func:`delivery_mode_phrases` matches.

    >>> import spacy
    >>> doc = spacy.blank("en")("an app- or web-based program and internet-delivered care")
    >>> [(doc[a:b].text, c) for a, b, c in delivery_modes(doc)]
    [('app- or web-based', 'web'), ('internet-delivered', 'internet')]
    """
    out: list[tuple[int, int, str]] = []
    n = len(doc)
    last = 0
    for i in range(n) if candidates is None else candidates:
        if i < last:
            continue
        low = doc[i].lower_
        if low in CHANNELS and i + 2 < n and hyphen_joins(doc, i + 1) and doc[i + 2].lower_ in MODES:
            end = i + 3
        elif low in _BARE_OK and i + 1 < n and doc[i + 1].lower_ in MODES:
            end = i + 2
        else:
            continue
        start = i
        # "app- or web-based", "Web-and computer-based": a first channel shares the "-based"
        if start >= 2 and doc[start - 1].lower_ in ("or", "and", "/"):
            prev = doc[start - 2]
            if prev.text.endswith("-") and prev.lower_.rstrip("-") in CHANNELS:
                start -= 2
            elif prev.text == "-" and start >= 3 and doc[start - 3].lower_ in CHANNELS:
                start -= 3
        out.append((start, end, low))
        last = end
    return out


def add_camel_flag(vocab) -> int:
    """Register a lexeme flag for CamelCase/letter-digit words on ``vocab``; return its id.

    spaCy computes a lexeme flag once per distinct word, so finding the
    flagged tokens of a doc is one array read in C.
    """
    return vocab.add_flag(lambda text: len(text) >= 5 and bool(_CAMEL.match(text)))


def product_names(doc: Doc, camel_flag: int) -> list[tuple[int, int]]:
    """Token ranges of CamelCase or letter-digit product names in sentences about a channel.

    ``camel_flag`` is the id :func:`add_camel_flag` returned for ``doc``'s vocab.

    >>> import spacy
    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
    >>> flag = add_camel_flag(nlp.vocab)
    >>> doc = nlp("We tested Text4Hope, a text message service. PubMed and PsycINFO were searched.")
    >>> [doc[a:b].text for a, b in product_names(doc, flag)]
    ['Text4Hope']
    """
    out: list[tuple[int, int]] = []
    for i in numpy.flatnonzero(doc.to_array([camel_flag])).tolist():
        tok = doc[i]
        text = tok.text
        if text.lower() in _NOT_PRODUCTS:
            continue
        if re.match(r"Ma?c[A-Z]", text):
            continue  # surnames: McGill, MacDonald
        if re.match(r"[A-Z][a-z]+", text).group(0).lower() in _HEADINGS:
            continue  # a structured abstract's heading glued to the next word: "ObjectiveWe"
        sent = tok.sent if doc.has_annotation("SENT_START") else doc[:]
        if not _CHANNEL_CONTEXT.search(sent.text):
            continue
        out.append((tok.i, tok.i + 1))
    return out
