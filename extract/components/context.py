"""The ``litkg_context`` component: from the lexicon and cue spans to the flagged mentions in ``doc.spans["litkg"]``.

It runs, in order:

1. the guideline exclusions (:mod:`~litkg.extract.components.exclusions`, English only);
2. overlap resolution (:mod:`~litkg.extract.components.resolve`);
3. hedging and negation (:mod:`~litkg.extract.components.hedging`). A negated
   benefit or risk is dropped from that type ("did not reduce loneliness"
   reports no benefit) while an outcome keeps its ``negated`` flag.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from litkg.extract.components.exclusions import apply_exclusions
from litkg.extract.components.hedging import flags_en, flags_zh
from litkg.extract.components.resolve import resolve
from litkg.extract.components.words import release, words_of


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
            flags = lambda s: flags_zh(doc, s)  # noqa: E731
        else:
            lexicon, cues = apply_exclusions(doc, lexicon, cues)
            w = words_of(doc)
            flags = lambda s: flags_en(w.low, w.sent, s)  # noqa: E731
        out = []
        for s in resolve(lexicon, cues):
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
