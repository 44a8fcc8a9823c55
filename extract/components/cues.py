"""Open extraction: cue rules on the tokenizer that find what the vocabulary lacks.

A cue ("benefits such as", "risks may include", "improvements in",
"concerns about", "people with") opens a list; the list runs to the end of
its clause and is cut into items at commas and at "and"/"or" between phrases.
Each item becomes a span of the cue's type in ``doc.spans["litkg_cue"]`` whose
``id_`` is a candidate concept IRI (see :func:`candidate_iri`).

This module holds the component's logic; its helpers live apart:

* :mod:`~litkg.extract.components.cue_lexicon`: the rules and word lists (data);
* :mod:`~litkg.extract.components.lists`: where a list ends and how it is cut into items;
* :mod:`~litkg.extract.components.stems`: cached word-class tests on a doc's words;
* :mod:`~litkg.extract.components.evaluative`: runs of evaluative adjectives;
* :mod:`~litkg.extract.components.groups`: group phrases ("health care workers");
* :mod:`~litkg.extract.components.appraisals`, :mod:`~litkg.extract.components.platform_forms`:
  shortcomings and strengths, delivery modes and product names.

The rules are immutable tuples; each component instance compiles them into a
fresh :class:`spacy.matcher.PhraseMatcher`.
"""
from __future__ import annotations

from itertools import product

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from litkg.extract.components.appraisals import shortcoming_clauses, strength_clauses
from litkg.extract.components.appraisals import strength_trigger_phrases as strength_triggers
from litkg.extract.components.appraisals import trigger_phrases as shortcoming_triggers
from litkg.extract.components.cue_lexicon import (AMBIGUOUS_VERBS, BARRIER, CONDITION, DELIVERED, EVALUATIVE, HARM,
                                                  HEALTHY_OBJECT, POPULATION_TAIL_STOP, PRONOUN_HEAD, RESEARCH,
                                                  RESULT_MODIFIERS, RULES, TRAIL_TRIM, VERB_CONTEXT, VERB_RULE)
from litkg.extract.components.evaluative import evaluative_runs
from litkg.extract.components.groups import extend_group_left
from litkg.extract.components.lists import cut_long, is_boundary, list_end, split_items, trim
from litkg.extract.components.platform_forms import (add_camel_flag, concept_for, delivery_mode_phrases, delivery_modes,
                                                     product_names)
from litkg.extract.components.stems import any_word, has_acronym, word_is
from litkg.extract.components.stems import clear_caches  # noqa: F401  (re-exported: the benchmark imports it from here)
from litkg.extract.components.words import followed_by_hyphen, hashes, words_of
from litkg.extract.identifiers import candidate_iri


def _research(span: Span) -> bool:
    """Whether a span names research ("the evidence", "reproducibility of research"); "evidence-based" does not."""
    doc = span.doc
    low = words_of(doc).low
    return any(word_is(RESEARCH, doc, low[i]) and not followed_by_hyphen(doc, i) for i in range(span.start, span.end))


def expand_pattern(pattern: tuple[dict, ...]) -> list[tuple[str, ...]]:
    """Every word sequence a ``LOWER``/``IN`` token pattern allows (``"OP": "?"`` tokens optional).

    >>> expand_pattern(({"LOWER": {"IN": ["risks", "harms"]}}, {"LOWER": "may", "OP": "?"}))
    [('risks',), ('risks', 'may'), ('harms',), ('harms', 'may')]
    """
    choices = []
    for tok in pattern:
        spec = tok["LOWER"]
        words = list(spec["IN"]) if isinstance(spec, dict) else [spec]
        if tok.get("OP") == "?":
            words = [""] + words
        choices.append(words)
    out = []
    for combo in product(*choices):
        words = tuple(w for w in combo if w)
        if words and words not in out:
            out.append(words)
    return out


# Words that end the condition after a group noun, and words that join it: "participants with diabetes | over ..."
_POPULATION_TAIL_STOP_H = hashes(POPULATION_TAIL_STOP)
_TAIL_JOINERS_H = hashes(("or", "and", "of", "to", "a", "with", "from"))
_TRAIL_TRIM_H = hashes(TRAIL_TRIM)


@Language.factory("litkg_cues", default_config={"spans_key": "litkg_cue"})
def make_cue_rules(nlp: Language, name: str, spans_key: str) -> "CueRules":
    """spaCy factory for :class:`CueRules`."""
    return CueRules(nlp, name, spans_key)


class CueRules:
    """Find typed list items after cue phrases; write them to ``doc.spans[spans_key]``.

    The token patterns of :data:`RULES` are expanded into every word sequence
    they allow and matched with a :class:`~spacy.matcher.PhraseMatcher` on
    ``LOWER``: hash look-ups in C, several times faster than the rule-based
    ``Matcher`` evaluating ``IN`` predicates token by token.
    """

    def __init__(self, nlp: Language, name: str = "litkg_cues", spans_key: str = "litkg_cue") -> None:
        self.name = name
        self.spans_key = spans_key
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.rule_type: dict[str, str] = {}
        for type_, rule, pattern in RULES:
            docs = [Doc(nlp.vocab, words=list(words)) for words in expand_pattern(pattern)]
            self.matcher.add(rule, docs)
            self.rule_type[rule] = type_
        self.camel_flag = add_camel_flag(nlp.vocab)
        # where the scanning rules (evaluative runs, delivery modes, shortcomings) may start
        self.triggers = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.triggers.add("evaluative", [nlp.make_doc(w) for w in sorted(EVALUATIVE)])
        self.triggers.add("mode", [nlp.make_doc(p) for p in delivery_mode_phrases()])
        self.triggers.add("shortcoming", [nlp.make_doc(p) for p in shortcoming_triggers()])
        self.triggers.add("strength", [nlp.make_doc(p) for p in strength_triggers()])

    def _matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Phrase matches, keeping only the longest per (rule, start) like ``greedy="LONGEST"``."""
        best: dict[tuple[int, int], int] = {}
        for match_id, start, end in self.matcher(doc):
            key = (match_id, start)
            if best.get(key, -1) < end:
                best[key] = end
        return sorted((m, s, e) for (m, s), e in best.items())

    def __call__(self, doc: Doc) -> Doc:
        """Write the cue items, delivery modes, product names, appraisals and evaluative runs of ``doc``."""
        spans: list[Span] = []
        strings = doc.vocab.strings
        for match_id, mstart, mend in self._matches(doc):
            rule = strings[match_id]
            type_ = self.rule_type[rule]
            if type_ == "population":
                spans.extend(self._population(doc, mstart, mend))
                continue
            start = mend
            if rule == "opportunities-to" and doc[mend - 1].lower_ == "for":
                # "opportunities for individuals with X to A, B and C": skip to the "to"
                j = next((k for k in range(mend, min(mend + 12, len(doc))) if doc[k].lower_ == "to"), None)
                if j is None:
                    continue
                start = j + 1
            if rule in ("reduce-verb", "improve-verb", "deliver-verb"):
                spans.extend(self._verb_object(doc, mstart, mend, rule))
                continue
            if rule == "increased-risk":
                end = list_end(doc, mend, single=True)
                if end > mend:
                    span = Span(doc, mstart, cut_long(doc, mstart, end), label="risk")
                    span.id_ = candidate_iri("risk", span.text)
                    spans.append(span)
                continue
            if rule == "exposure-to":
                start = mstart  # the risk is the exposure itself
                end = list_end(doc, mend, single=True)
                items = [(start, cut_long(doc, start, end))] if end > mend else []
            else:
                end = list_end(doc, start)
                items = split_items(doc, start, end)
            for a, b in items:
                if type_ == "outcome" and not any_word(HEALTHY_OBJECT, doc[a:b]):
                    continue  # "considerable heterogeneity", "terms of ...": no construct
                if type_ == "benefit" and _research(doc[a:b]):
                    continue  # "gain an understanding of ...": a gain for researchers
                span = Span(doc, a, b, label=type_)
                span.id_ = candidate_iri(type_, span.text)
                spans.append(span)
            if rule == "improvements-in" and items:
                result = self._result(doc, mstart, mend, items[0])
                if result is not None:
                    spans.append(result)
        starts: dict[str, list[int]] = {"evaluative": [], "mode": [], "shortcoming": [], "strength": []}
        for match_id, start, _ in self.triggers(doc):
            starts[strings[match_id]].append(start)
        for a, b, channel in delivery_modes(doc, sorted(set(starts["mode"]))):
            span = Span(doc, a, b, label="platform")
            span.id_ = concept_for(channel) or candidate_iri("platform", span.text)
            spans.append(span)
        for a, b in product_names(doc, self.camel_flag):
            span = Span(doc, a, b, label="platform")
            span.id_ = candidate_iri("platform", span.text)
            spans.append(span)
        for a, b in shortcoming_clauses(doc, sorted(set(starts["shortcoming"]))):
            span = Span(doc, a, b, label="risk")
            span.id_ = candidate_iri("risk", span.text)
            spans.append(span)
        for a, b in strength_clauses(doc, sorted(set(starts["strength"]))):
            span = Span(doc, a, b, label="benefit")
            span.id_ = candidate_iri("benefit", span.text)
            spans.append(span)
        for a, b in evaluative_runs(doc, candidates=sorted(set(starts["evaluative"]))):
            span = Span(doc, a, b, label="benefit")
            span.id_ = candidate_iri("benefit", span.text)
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

    @staticmethod
    def _result(doc: Doc, mstart: int, mend: int, item: tuple[int, int]) -> Span | None:
        """A reported change as a whole: "a large improvement in insomnia", "significant reduction in anxiety".

        The construct after "in" is an outcome already; the change is a benefit
        when it goes the good way (an improvement, a reduction of a harm, an
        increase of something good) and a risk when it goes the bad way.
        """
        noun = doc[mstart].lower_
        obj = doc[item[0]:item[1]]
        harm = any_word(HARM, obj)
        if noun.startswith(("improvement", "gain")):
            type_ = "benefit"
        elif noun.startswith(("reduction", "decrease")):
            if not (harm or any_word(BARRIER, obj)):
                return None  # a reduction of a score or of claims: direction unknown
            type_ = "benefit"
        elif noun.startswith("increase"):
            if not harm and not any_word(HEALTHY_OBJECT, obj):
                return None  # "increases in smartphone ownership": no health construct
            type_ = "risk" if harm else "benefit"
        elif noun == "deterioration":
            type_ = "risk"
        elif noun.startswith("effect") and mstart > 0 and doc[mstart - 1].lower_ in ("positive", "beneficial"):
            type_ = "benefit"
        else:
            return None
        start = mstart
        floor = max(doc[mstart].sent.start, mstart - 3)
        while start > floor and doc[start - 1].lower_ in RESULT_MODIFIERS:
            start -= 1
        span = Span(doc, start, item[1], label=type_)
        span.id_ = candidate_iri(type_, span.text)
        return span

    def _verb_object(self, doc: Doc, mstart: int, mend: int, rule: str) -> list[Span]:
        """"reduce anxiety", "improve mental well-being", "deliver interventions": verb + object.

        The object is the first item of the clause after the verb (so "support
        both mental and physical health" stays whole). For the improve and
        reduce verbs the object must name an outcome-like construct; for the
        deliver verbs (after "to" or a modal) an intervention, a service or a
        group reached. "increase" of a harm is a risk, not a benefit. Further
        items of the clause (cut as :func:`split_items` cuts lists: at commas,
        and at "and"/"or" between phrases of two words or more) that start
        with one of these verbs ("to deliver X, and reach Y") become items of
        their own.
        """
        if rule == "deliver-verb":
            mstart += 1  # the match includes "to" or a modal before the verb
        if mstart > 0 and doc[mstart - 1].lower_ in ("not", "n't", "never"):
            return []
        if doc[mstart].lower_ in AMBIGUOUS_VERBS and (mstart == 0 or doc[mstart - 1].lower_ not in VERB_CONTEXT):
            return []  # "peer support interventions", "support was more effective": a noun
        window = doc[mend:min(len(doc), mend + 14)]
        if not any_word(DELIVERED if rule == "deliver-verb" else HEALTHY_OBJECT, window) \
                and not (rule == "deliver-verb" and doc[mend].lower_ in EVALUATIVE):
            return []  # cheap test first: no object this rule could take
        end = list_end(doc, mend, max_len=14)
        run = next((r for r in evaluative_runs(doc, mend, end) if r[0] == mend), None) \
            if mend < end and doc[mend].lower_ in EVALUATIVE else None
        if run is not None:  # "deliver effective, accessible, and affordable treatments": one object
            item = self._verb_item(doc, mstart, run[1], rule, check=False)
            return [item] if item is not None else []
        items = split_items(doc, mend, end) if end > mend else []
        if not items or items[0][0] != trim(doc, mend, end)[0]:
            return []
        spans = []
        first = self._verb_item(doc, mstart, items[0][1], rule)
        if first is not None:
            spans.append(first)
        for a, b in items[1:]:
            low = doc[a].lower_
            if low in VERB_RULE and b - a >= 2:
                item = self._verb_item(doc, a, b, VERB_RULE[low])
                if item is not None:
                    spans.append(item)
        return spans

    @staticmethod
    def _verb_item(doc: Doc, vstart: int, end: int, rule: str, check: bool = True) -> Span | None:
        """The span ``doc[vstart:end]`` of a verb and its object, typed, or ``None`` when the object does not fit."""
        obj = doc[vstart + 1:end]
        if not obj or obj[0].lower_ in PRONOUN_HEAD:
            return None
        pattern = DELIVERED if rule == "deliver-verb" else HEALTHY_OBJECT
        if check and not any_word(pattern, obj):
            return None
        if _research(obj):
            return None
        type_ = "benefit"
        verb = doc[vstart].lower_
        if rule == "improve-verb" and verb.startswith(("increas", "boost")) and any_word(HARM, obj):
            type_ = "risk"
        if rule == "reduce-verb" and not any_word(HARM, obj) and not any_word(BARRIER, obj):
            return None
        end = cut_long(doc, vstart, end)
        span = Span(doc, vstart, end, label=type_)
        span.id_ = candidate_iri(type_, span.text)
        return span

    def _population(self, doc: Doc, mstart: int, mend: int) -> list[Span]:
        """"primary care patients with a known SUD", "people at risk of self-harm", "those suffering with SMI"."""
        link = doc[mstart + 1].lower_ if mstart + 1 < len(doc) else ""
        if link == "at" and (mstart + 3 >= len(doc) or doc[mstart + 2].lower_ != "risk"):
            return []
        if link == "who" and (mstart + 2 >= len(doc) or doc[mstart + 2].lower_ not in ("have", "had", "experience",
                                                                                     "report", "live", "use")):
            return []
        limit = min(len(doc), mend + 7)
        window = doc[mend:limit]
        if not (any_word(CONDITION, window) or has_acronym(window)):
            return []  # cheap test first: no condition within reach
        w = words_of(doc)
        end = mend
        while end < limit and not w.punct[end] and (w.low[end] in _TAIL_JOINERS_H or not is_boundary(w, end)) \
                and w.low[end] not in _POPULATION_TAIL_STOP_H:
            end += 1
        while end > mend and w.low[end - 1] in _TRAIL_TRIM_H:
            end -= 1
        tail = doc[mend:end]
        if end == mend or not (any_word(CONDITION, tail) or has_acronym(tail)):
            return []
        start = extend_group_left(doc, mstart)
        span = Span(doc, start, end, label="population")
        span.id_ = candidate_iri("population", span.text)
        return [span]
