"""Load the SKOS vocabulary (``extract/vocab/*.ttl``) that the extractors compile their patterns from.

One Turtle file per entity type; each ``skos:Concept`` is ``skos:inScheme`` its
type's scheme and carries ``skos:prefLabel``/``skos:altLabel``/``skos:hiddenLabel``
in English and Chinese, and ``skos:exactMatch``/``skos:closeMatch`` to Wikidata
and MeSH. Adding a synonym is a data change: edit the Turtle file.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib.namespace import RDF, SKOS

from litkg.extract.errors import VocabularyError
from litkg.extract.results import CONCEPT_TYPES

VOCAB_DIR = Path(__file__).with_name("vocab")
_RDF_TYPE = ox.NamedNode(str(RDF.type))
# predicate IRIs as plain strings (an rdflib URIRef never equals a str)
_IN_SCHEME, _PREF, _ALT, _HIDDEN, _EXACT, _CLOSE, _BROADER = (str(t) for t in (
    SKOS.inScheme, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, SKOS.exactMatch, SKOS.closeMatch, SKOS.broader))


@dataclass
class Concept:
    """One SKOS concept.

    Attributes:
        iri: The concept's IRI.
        type: The entity type (the scheme's local name).
        pref: Preferred label by language.
        alt: Alternative and hidden labels by language.
        exact_match, close_match, broader: IRIs.
    """

    iri: str
    type: str
    pref: dict[str, str] = field(default_factory=dict)
    alt: dict[str, list[str]] = field(default_factory=dict)
    exact_match: list[str] = field(default_factory=list)
    close_match: list[str] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)

    def labels(self, lang: str) -> list[str]:
        """Preferred then alternative labels in ``lang``."""
        out = [self.pref[lang]] if lang in self.pref else []
        return out + self.alt.get(lang, [])

    def label(self, lang: str = "en") -> str:
        """The preferred label in ``lang``, falling back to English, then the IRI's tail."""
        return self.pref.get(lang) or self.pref.get("en") or self.iri.rsplit("/", 1)[-1]


@dataclass
class Vocabulary:
    """All concepts of all schemes, with the files they came from."""

    concepts: dict[str, Concept]
    files: list[Path]
    version: str

    def label_entries(self, lang: str) -> Iterator[tuple[str, str, str]]:
        """Yield ``(type, concept_iri, surface_form)`` for every label variant in ``lang``."""
        for c in self.concepts.values():
            seen: set[str] = set()
            for label in c.labels(lang):
                variants = label_variants(label, number=c.type != "population") if lang == "en" else [label]
                for v in variants:
                    if v.lower() not in seen:
                        seen.add(v.lower())
                        yield c.type, c.iri, v


# British/American and hyphenation variants, applied word by word.
_SPELLING = [
    (r"our\b", "or"), (r"isation\b", "ization"), (r"isations\b", "izations"), (r"ise\b", "ize"),
    (r"ised\b", "ized"), (r"ising\b", "izing"), (r"yse\b", "yze"), (r"ogue\b", "og"),
    (r"\bwellbeing\b", "well-being"), (r"\bwell-being\b", "wellbeing"), (r"\bhealth care\b", "healthcare"),
    (r"\bhealthcare\b", "health care"),
]
_NO_PLURAL = re.compile(r"(?:s|ing|ness|ment|ity|ion|ance|ence|ism|th|ledge|care|health|media|use|support|data|"
                        r"information|employment|recovery|hope|stigma|wellbeing|well-being)$", re.I)


def _plural(word: str) -> str:
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(?:s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def label_variants(label: str, number: bool = True) -> set[str]:
    """Spelling variants of an English label: British/American, hyphenation and (with ``number``)
    plural/singular. Population labels keep their number: "adolescent" is mostly an adjective.

    >>> sorted(label_variants("health care seeking behaviour"))[:3]
    ['health care seeking behavior', 'health care seeking behaviors', 'health care seeking behaviour']
    """
    out = {label}
    for pat, rep in _SPELLING:
        for v in list(out):
            w = re.sub(pat, rep, v)
            if w != v:
                out.add(w)
    for v in list(out):
        if "-" in v:
            out.add(v.replace("-", " "))
    for v in list(out) if number else []:
        last = v.rsplit(" ", 1)[-1]
        if not last.isalpha() or last.isupper() or len(last) < 3:
            continue
        if last.endswith("ies") and len(last) > 4:
            out.add(v[: -3] + "y")
        elif last.endswith("s") and not last.endswith("ss") and len(last) > 3 and last.lower() not in {"diabetes", "news", "series", "status", "analysis", "apps"}:
            out.add(v[:-1])
        elif not _NO_PLURAL.search(last) and last.islower():
            out.add(v[: -len(last)] + _plural(last))
    out.discard("")
    return out


def _files_version(files: Iterable[Path]) -> str:
    h = hashlib.sha1()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


def load_vocabulary(paths: Iterable[str | Path] | None = None) -> Vocabulary:
    """Load concepts from Turtle files (default: every ``extract/vocab/*.ttl``).

    Raises:
        VocabularyError: a file does not parse, or a concept has no scheme or no label.
    """
    if paths is None:
        return _default_vocabulary()
    return _load([Path(p) for p in paths])


@lru_cache(maxsize=1)
def _default_vocabulary() -> Vocabulary:
    return _load(sorted(VOCAB_DIR.glob("*.ttl")))


def _load(files: list[Path]) -> Vocabulary:
    concepts: dict[str, Concept] = {}
    store = ox.Store()
    for f in files:
        try:
            store.bulk_load(path=str(f), format=ox.RdfFormat.TURTLE)
        except (SyntaxError, OSError, ValueError) as e:
            raise VocabularyError(f"{f}: {e}") from e
    concept_cls = ox.NamedNode(str(SKOS.Concept))
    for q in store.quads_for_pattern(None, _RDF_TYPE, concept_cls, None):
        iri = q.subject.value
        concepts[iri] = Concept(iri=iri, type="")
    for q in store.quads_for_pattern(None, None, None, None):
        c = concepts.get(q.subject.value)
        if c is None:
            continue
        p, o = q.predicate.value, q.object
        if p == _IN_SCHEME:
            c.type = o.value.rsplit("/", 1)[-1]
        elif p == _PREF:
            c.pref[o.language or "en"] = o.value
        elif p in (_ALT, _HIDDEN):
            c.alt.setdefault(o.language or "en", []).append(o.value)
        elif p == _EXACT:
            c.exact_match.append(o.value)
        elif p == _CLOSE:
            c.close_match.append(o.value)
        elif p == _BROADER:
            c.broader.append(o.value)
    for c in concepts.values():
        if c.type not in CONCEPT_TYPES:
            raise VocabularyError(f"concept {c.iri} has no skos:inScheme of a known type ({c.type!r})")
        if "en" not in c.pref:
            raise VocabularyError(f"concept {c.iri} has no English skos:prefLabel")
        for labels in c.alt.values():
            labels.sort()
    ordered = dict(sorted(concepts.items()))
    return Vocabulary(ordered, files, _files_version(files))
