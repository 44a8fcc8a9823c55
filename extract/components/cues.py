"""Open extraction: cue rules on the tokenizer that find what the vocabulary lacks.

A cue ("benefits such as", "risks may include", "improvements in",
"concerns about", "people with") opens a list; the list runs to the end of
its clause and is cut into items at commas and at "and"/"or" between phrases.
Each item becomes a span of the cue's type in ``doc.spans["litkg_cue"]`` whose
``id_`` is a candidate concept IRI (see :func:`candidate_iri`).

The rules are immutable tuples; each component instance compiles them into a
fresh :class:`spacy.matcher.Matcher`.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.strings import hash_string
from itertools import product

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from litkg.extract.components.appraisals import shortcoming_clauses, strength_clauses
from litkg.extract.components.appraisals import strength_trigger_phrases as strength_triggers
from litkg.extract.components.appraisals import trigger_phrases as shortcoming_triggers
from litkg.extract.components.platform_forms import (add_camel_flag, concept_for, delivery_mode_phrases, delivery_modes,
                                               product_names)
from litkg.extract.components.words import Words, followed_by_hyphen, hashes, hyphen_joins, words_of
from litkg.extract.identifiers import candidate_iri

# (type, name, token pattern); the list starts after the match.
_WORDS = {
    "benefit_nouns": ["benefits", "benefit", "advantages", "advantage", "gains", "strengths", "facilitators"],
    "risk_nouns": ["risks", "risk", "harms", "dangers", "concerns", "disadvantages", "drawbacks", "downsides",
                   "threats", "pitfalls"],
    "list_intro": ["such", "including", "include", "included", "includes", "like"],
    "promote": ["promote", "promotes", "promoted", "promoting", "foster", "fosters", "fostered", "fostering",
                "enhance", "enhances", "enhanced", "enhancing", "strengthen", "strengthens", "strengthened",
                "facilitate", "facilitates", "facilitated", "facilitating"],
    "gain": ["gain", "gains", "gained", "gaining"],
    "reduce_verbs": ["reduce", "reduces", "reduced", "reducing", "decrease", "decreases", "decreased",
                     "decreasing", "lower", "lowers", "lowered", "alleviate", "alleviates", "alleviated",
                     "alleviating", "mitigate", "mitigates", "mitigating", "prevent", "prevents", "preventing",
                     "lessen", "lessens", "relieve", "relieves", "relieving"],
    "improve_verbs": ["improve", "improves", "improved", "improving", "increase", "increases", "increasing",
                      "boost", "boosts", "boosting", "support", "supports", "supporting", "supplement",
                      "supplements", "augment", "augments", "help", "helps", "helped", "helping", "enable",
                      "enables", "enabling", "empower", "empowers", "empowering", "encourage", "encourages",
                      "encouraging", "complement", "complements", "complementing", "extend", "extends",
                      "expand", "expands", "expanding", "manage", "managing", "overcome", "overcoming",
                      "address", "addressing", "bridge", "bridging", "close", "closing"],
    # verbs whose object is an intervention or a group reached, not a health construct
    "deliver_verbs": ["deliver", "delivers", "delivering", "provide", "provides", "providing", "offer", "offers",
                      "offering", "reach", "reaches", "reaching", "serve", "serving", "disseminate",
                      "disseminating", "identify", "identifying", "detect", "detecting", "monitor", "monitoring",
                      "engage", "engaging", "connect", "connecting"],
    "improve_nouns": ["improvements", "improvement", "changes", "change", "reductions", "reduction", "increases",
                      "increase", "decreases", "decrease", "gains", "effects", "effect", "impact", "deterioration"],
    "outcome_nouns": ["outcomes", "outcome", "endpoints", "endpoint", "measures"],
    "assoc_dir": ["reduced", "increased", "lower", "higher", "greater", "better", "worse", "poorer", "improved",
                  "decreased", "fewer", "less", "more"],
    "group": ["people", "persons", "individuals", "patients", "adults", "adolescents", "youth", "children",
              "women", "men", "veterans", "students", "users", "participants", "clients", "consumers", "those",
              "survivors", "mothers", "parents", "caregivers", "outpatients", "inpatients", "employees", "workers",
              "residents", "citizens", "refugees", "smokers", "drinkers", "providers", "clinicians", "nurses",
              "physicians", "practitioners", "professionals"],
    "group_link": ["with", "experiencing", "diagnosed", "suffering", "living", "at", "who", "receiving",
                   "undergoing", "seeking", "affected", "eligible"],
}

RULES: tuple[tuple[str, str, tuple[dict, ...]], ...] = (
    ("benefit", "benefits-such-as", (
        {"LOWER": {"IN": _WORDS["benefit_nouns"]}}, {"LOWER": {"IN": ["may", "might", "could", "can"]}, "OP": "?"},
        {"LOWER": {"IN": _WORDS["list_intro"]}}, {"LOWER": "as", "OP": "?"})),
    ("benefit", "promote", ({"LOWER": {"IN": _WORDS["promote"]}},)),
    ("benefit", "gain", ({"LOWER": {"IN": _WORDS["gain"]}}, {"LOWER": {"IN": ["in", "from"]}, "OP": "?"})),
    ("benefit", "opportunities-to", ({"LOWER": {"IN": ["opportunities", "opportunity"]}},
                                     {"LOWER": {"IN": ["to", "for"]}})),
    ("risk", "risks-include", (
        {"LOWER": {"IN": _WORDS["risk_nouns"]}}, {"LOWER": {"IN": ["may", "might", "could", "can"]}, "OP": "?"},
        {"LOWER": {"IN": _WORDS["list_intro"] + ["about", "over", "regarding", "around"]}},
        {"LOWER": "as", "OP": "?"})),
    ("risk", "exposure-to", ({"LOWER": {"IN": ["exposure", "exposed"]}}, {"LOWER": "to"})),
    ("risk", "increased-risk", ({"LOWER": {"IN": ["increased", "higher", "greater", "elevated"]}},
                                {"LOWER": {"IN": ["risk", "risks", "likelihood", "rates"]}}, {"LOWER": "of"})),
    ("benefit", "reduce-verb", ({"LOWER": {"IN": _WORDS["reduce_verbs"]}},)),
    ("benefit", "improve-verb", ({"LOWER": {"IN": _WORDS["improve_verbs"]}},)),
    ("benefit", "deliver-verb", ({"LOWER": {"IN": ["to", "can", "could", "may", "might", "help", "helps"]}},
                                 {"LOWER": {"IN": _WORDS["deliver_verbs"]}})),
    ("outcome", "improvements-in", ({"LOWER": {"IN": _WORDS["improve_nouns"]}}, {"LOWER": {"IN": ["in", "on"]}})),
    ("outcome", "outcomes-such-as", ({"LOWER": {"IN": _WORDS["outcome_nouns"]}},
                                     {"LOWER": {"IN": ["such", "including", "included", "include", "were", "of"]}},
                                     {"LOWER": "as", "OP": "?"})),
    ("outcome", "associated-with", ({"LOWER": {"IN": ["associated", "linked", "related", "correlated"]}},
                                    {"LOWER": {"IN": ["with", "to"]}},
                                    {"LOWER": {"IN": _WORDS["assoc_dir"]}})),
    ("population", "people-with", ({"LOWER": {"IN": _WORDS["group"]}}, {"LOWER": {"IN": _WORDS["group_link"]}},
                                   {"LOWER": "with", "OP": "?"})),
)

# Words that end a list (a new clause begins) and words trimmed from item edges.
_STOP = frozenset("""which that who whom whose while whereas but however because although though when where
than if so thus since via whether unless until as through by among between within during after before
is are was were be been has have had do does did will would should must shall can could may might
we they it this these those our their its""".split())
_LEAD_TRIM = frozenset("""a an the their its his her our of and or to by from for with in on as also
both either more greater increased better improved such including like than other""".split())
_TRAIL_TRIM = frozenset("""a an the their its of and or to by from for with in on as also online offline
among at""".split())
_CONDITION = re.compile(r"(?:ill|disorder|disease|depress|anxi|psychos|psychotic|schizo|bipolar|ptsd|smi|"
                        r"diabet|cancer|dementia|autis|adhd|addict|symptom|condition|trauma|suicid|self-harm|"
                        r"substance|alcohol|opioid|hiv|obes|pain|problem|need|distress|insomnia|sleep|stress|"
                        r"surgery|injur|disabilit|impair|treatment|therapy|care|services|experience|income)", re.I)
# "people with BD", "patients with a known SUD"; not statistics, places or study words
_ACRONYM = re.compile(r"(?!(?:RCT|CI|SD|IQR|OR|HR|UK|US|USA|NHS|GPA|EHR|APP|BMI|IQ|AI|VR|SMS|PhD)s?$)[A-Z]{2,5}s?")

# A conjunct of one word right after one of these modifies the shared head:
# "interventions for mental and physical wellbeing" is one item.
_MODIFIER_OPENERS = frozenset("""for of in on to with about from the a an their its our both""".split())

MAX_ITEM_TOKENS = 9

_HARM = re.compile(r"(?:depress|anxi|stress|distress|symptom|loneli|isolat|stigma|suicid|self-harm|harm|risk|"
                   r"burden|cost|relapse|craving|substance|alcohol|drinking|smoking|pain|fatigue|insomnia|"
                   r"worry|fear|trauma|ptsd|burnout|hospitali|waiting|dropout|attrition)", re.I)
_BARRIER = re.compile(r"(?:barrier|gap|waiting|delay|inequalit|dispariti)", re.I)
_HEALTHY_OBJECT = re.compile(r"(?:health|well-?being|wellness|mood|depress|anxi|stress|distress|symptom|loneli|"
                             r"isolat|stigma|suicid|harm|recovery|quality|function|engagement|"
                             r"adherence|access|care|treatment|therap|support|coping|resilien|empower|"
                             r"connect|belong|awareness|knowledge|literacy|seeking|sleep|activity|"
                             r"outcome|barrier|gap|burden|cost|substance|alcohol|drinking|smoking|craving|relapse|"
                             r"communication|satisfaction|motivation|confidence|hope|esteem|efficacy|productiv|"
                             r"presenteeism|absenteeism|waiting|pain|fatigue|insomnia|ptsd|trauma|diet|nutrition|"
                             r"eating|weight|glyc|hba1c|heart|body|affect|worr|retention|attrition|feasib|"
                             r"acceptab|usab|mortality|death|step|sedentary|panic|disorder|ill|disabilit|"
                             r"employ|work|social|behavio)", re.I)

# Benefits the guidelines exclude: gains for researchers, not for the people using the platform
# ("improve the reproducibility of research", "identify and review the evidence").
_RESEARCH = re.compile(r"^(?:research\w*|reproducib\w*|evidence|literature|reviews?|diagrams?|methodolog\w*|"
                       r"stud(?:y|ies)|analys[ie]s|understanding|insights?|researchers?)$")

def _research(span) -> bool:
    """Whether a span names research ("the evidence", "reproducibility of research"); "evidence-based" does not."""
    doc = span.doc
    low = words_of(doc).low
    return any(_word_is(_RESEARCH, doc, low[i]) and not followed_by_hyphen(doc, i) for i in range(span.start, span.end))


# Words before a reported change: "a small but significant improvement", "larger reduction".
_RESULT_MODIFIERS = frozenset("""significant significantly small large larger greater moderate modest substantial
marked clinically meaningful sustained positive beneficial immediate short-term long-term overall statistically
notable considerable robust""".split())
# Words that are verbs or nouns: as verbs only after "to", a modal or a conjunction, or in -ing/-ed form.
_AMBIGUOUS_VERBS = frozenset("""support supports help helps increase increases change changes supplement
supplements address close monitor bridge lower boost reach offer offers detect""".split())
_VERB_CONTEXT = frozenset("""to can could may might will would should must also and or which that help helps
helped""".split())

_DELIVERED = re.compile(r"(?:intervention|psychoeducation|education|treatment|therap|care|service|support|"
                        r"program|information|resource|feedback|counsel|coaching|skills|self-help|help|access|"
                        r"communit|population|underserved|people|individuals|patients|users|youth|adults|"
                        r"demographic|audience|peers|symptom|risk|need)", re.I)
_VERB_RULE = {**{w: "reduce-verb" for w in _WORDS["reduce_verbs"]},
              **{w: "improve-verb" for w in _WORDS["improve_verbs"]},
              **{w: "deliver-verb" for w in _WORDS["deliver_verbs"]}}

# Evaluative adjectives: a coordinated run of two or more ("convenient,
# cost-effective, and accessible") is one benefit; a run needs one strong word.
_EVALUATIVE_STRONG = frozenset("""effective cost-effective efficacious accessible affordable scalable convenient
acceptable feasible efficient cost-saving low-cost inexpensive helpful useful beneficial anonymous
user-friendly sustainable""".split())
_EVALUATIVE = _EVALUATIVE_STRONG | frozenset("""brief safe timely confidential private flexible engaging usable
easy personalized personalised tailored interactive practical appealing valuable available portable
nonstigmatizing non-stigmatizing stigma-free evidence-based""".split())
_EVALUATIVE_HEADS = frozenset("""treatment treatments solution solutions approach approaches intervention
interventions tool tools option options alternative alternatives way ways means response care support
services service format formats method methods strategy strategies resource resources delivery
modality modalities""".split())


def evaluative_runs(doc: Doc, start: int = 0, stop: int | None = None,
                    candidates: list[int] | None = None) -> list[tuple[int, int]]:
    """Token ranges of coordinated evaluative adjective runs in ``doc[start:stop]``, with a following head noun.

    ``candidates`` are the token indices where a run may start (all when ``None``),
    e.g. the starts of matches of the :data:`_EVALUATIVE` words.

    >>> import spacy
    >>> doc = spacy.blank("en")("apps are convenient, cost-effective, and accessible.")
    >>> [doc[a:b].text for a, b in evaluative_runs(doc)]
    ['convenient, cost-effective, and accessible']
    """
    out = []
    n = len(doc) if stop is None else stop
    i = start
    for cand in range(start, n) if candidates is None else candidates:
        if cand < i or cand >= n:
            continue
        i = cand
        word, nxt = _compound(doc, i, n)
        if word not in _EVALUATIVE:
            continue
        first, last_end, adjs, strong = i, nxt, 1, word in _EVALUATIVE_STRONG
        j = nxt
        while j < n and not doc[j].is_sent_start:
            word, nxt = _compound(doc, j, n)
            if word in _EVALUATIVE:
                last_end, adjs = nxt, adjs + 1
                strong = strong or word in _EVALUATIVE_STRONG
            elif not (word in (",", "and", "or") or (word.endswith("ly") and doc[j].is_alpha)):
                break
            j = nxt
        end = last_end
        if adjs >= 2 and strong:
            for k in range(end, min(end + 3, n)):
                if doc[k].lower_ in _EVALUATIVE_HEADS:
                    end = k + 1
                    break
                if not doc[k].is_alpha or doc[k].is_stop:
                    break
            out.append((first, end))
        i = end
    return out


def _compound(doc: Doc, i: int, n: int) -> tuple[str, int]:
    """The lower-case word at token ``i`` with hyphen compounds joined ("cost-effective"), and the next index."""
    j = i + 1
    while j + 1 < n and hyphen_joins(doc, j) and doc[j + 1].is_alpha:
        j += 2
    return "".join(t.lower_ for t in doc[i:j]), j


_WORD_CACHE: dict[re.Pattern, dict[int, bool]] = {}


def _has_acronym(span) -> bool:
    return any(_ACRONYM.fullmatch(t.text) for t in span)


def clear_caches() -> None:
    """Forget the per-word test results (a benchmark starts each run cold with this)."""
    _WORD_CACHE.clear()


def _cache(pattern: re.Pattern) -> dict[int, bool]:
    """The per-word results of ``pattern`` (by LOWER hash), emptied when it grows too large."""
    cache = _WORD_CACHE.get(pattern)
    if cache is None or len(cache) > 500_000:
        cache = _WORD_CACHE[pattern] = {}
    return cache


def _word_is(pattern: re.Pattern, doc: Doc, word: int, cache: dict[int, bool] | None = None) -> bool:
    """Whether ``pattern`` matches the start of the word with LOWER hash ``word`` ("ill" is not in "billing").

    Cached per pattern and hash: the regular expression runs once per distinct word.
    """
    cache = _cache(pattern) if cache is None else cache
    hit = cache.get(word)
    if hit is None:
        hit = cache[word] = pattern.match(doc.vocab.strings[word]) is not None
    return hit


def _any_word(pattern: re.Pattern, span) -> bool:
    """Whether ``pattern`` matches the start of one of the span's lower-case words.

    Read from the doc's ``LOWER`` array: no token objects, no span text.
    """
    doc = span.doc
    cache = _cache(pattern)
    for h in words_of(doc).low[span.start:span.end]:
        hit = cache.get(h)
        if hit is None:
            hit = _word_is(pattern, doc, h, cache)
        if hit:
            return True
    return False


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




_BOUNDARY_H = hashes({";", ":", "(", ")", "[", "]", ".", "?", "!"} | _STOP)
_LEAD_TRIM_H, _TRAIL_TRIM_H = hashes(_LEAD_TRIM), hashes(_TRAIL_TRIM)
_COMMA_H = hash_string(",")
_AND_OR_H = hashes(("and", "or"))
_SINGLE_STOP_H = hashes((",", "and", "or"))
_OPENERS_H = hashes(_MODIFIER_OPENERS)
_CUT_AT_H = hashes(("of", "with", "in", "on", "from", "for", "about", "to"))


def _boundary(w: Words, i: int) -> bool:
    return w.sent[i] == 1 or w.low[i] in _BOUNDARY_H


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    w = words_of(doc)
    low, punct = w.low, w.punct
    while start < end and (low[start] in _LEAD_TRIM_H or punct[start]):
        start += 1
    while end > start and (low[end - 1] in _TRAIL_TRIM_H or punct[end - 1]):
        end -= 1
    return start, end


def _cut_long(doc: Doc, start: int, end: int) -> int:
    """Shorten an over-long item at its first preposition after the head phrase."""
    if end - start <= MAX_ITEM_TOKENS:
        return end
    low = words_of(doc).low
    for i in range(start + 4, end):
        if low[i] in _CUT_AT_H:
            return i
    return start + MAX_ITEM_TOKENS


def split_items(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a coordinated list ``doc[start:end]`` into item token ranges.

    Commas always separate; "and"/"or" separate only when both sides are
    phrases of two tokens or more ("mental and physical wellbeing" stays whole).
    """
    low = words_of(doc).low
    pieces: list[tuple[int, int]] = []
    s = start
    for i in range(start, end):
        if low[i] == _COMMA_H:
            pieces.append((s, i))
            s = i + 1
    pieces.append((s, end))
    items: list[tuple[int, int]] = []
    for ps, pe in pieces:
        cur = ps
        for i in range(ps, pe):
            if low[i] in _AND_OR_H and i - cur >= 2 and pe - i - 1 >= 2 and i > ps \
                    and not (low[i - 2] in _OPENERS_H and not doc[i - 1].lower_.endswith("s")):
                # "mental and physical wellbeing": a lone modifier before the conjunction stays joined
                items.append((cur, i))
                cur = i + 1
        items.append((cur, pe))
    out = []
    for a, b in items:
        a, b = _trim(doc, a, b)
        if b > a:
            b = _cut_long(doc, a, b)
            a, b = _trim(doc, a, b)
        if b > a and _plausible(doc[a:b]):
            out.append((a, b))
    return out


_DEMOGRAPHIC = frozenset("""age gender sex race ethnicity education income nativity language marital status
employment-status country region site""".split())
_PRONOUN_HEAD = frozenset("""this that these those it they them which such other""".split())


def _plausible(span) -> bool:
    """Reject items that are no phrase of their own: adverbs, pronoun phrases, names, demographics."""
    words: list[tuple[str, str, bool]] = []  # (lower, text, is_stop) of the alphabetic tokens, read once
    for t in span:
        if t.is_alpha:
            words.append((t.lower_, t.text, t.is_stop))
    if not words or not any(len(text) > 2 for _, text, _ in words):
        return False
    if len(words) == 1 and (words[0][0].endswith("ly") or words[0][2]):
        return False
    if span[0].lower_ in _PRONOUN_HEAD:
        return False
    if all(low in _DEMOGRAPHIC for low, _, _ in words):
        return False
    caps = sum(1 for _, text, _ in words if text[0].isupper())
    if len(words) >= 3 and caps >= len(words) - 1 and words_of(span.doc).sent[span.start] != 1:
        return False  # a Title Case name (not at a sentence start): a programme, trial or organisation
    return True


def _list_end(doc: Doc, start: int, max_len: int = 40, single: bool = False) -> int:
    """Where the list (or, with ``single``, the one phrase) opened at ``start`` ends."""
    w = words_of(doc)
    n = len(w.low)
    if start >= n:
        return n
    i = start
    stop = min(n, start + max_len)
    while i < stop:
        if i > start and (_boundary(w, i) or (single and w.low[i] in _SINGLE_STOP_H)):
            break
        i += 1
    return i


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
        self.triggers.add("evaluative", [nlp.make_doc(w) for w in sorted(_EVALUATIVE)])
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
                end = _list_end(doc, mend, single=True)
                if end > mend:
                    span = Span(doc, mstart, _cut_long(doc, mstart, end), label="risk")
                    span.id_ = candidate_iri("risk", span.text)
                    spans.append(span)
                continue
            if rule == "exposure-to":
                start = mstart  # the risk is the exposure itself
                end = _list_end(doc, mend, single=True)
                items = [(start, _cut_long(doc, start, end))] if end > mend else []
            else:
                end = _list_end(doc, start)
                items = split_items(doc, start, end)
            for a, b in items:
                if type_ == "outcome" and not _any_word(_HEALTHY_OBJECT, doc[a:b]):
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
        harm = _any_word(_HARM, obj)
        if noun.startswith(("improvement", "gain")):
            type_ = "benefit"
        elif noun.startswith(("reduction", "decrease")):
            if not (harm or _any_word(_BARRIER, obj)):
                return None  # a reduction of a score or of claims: direction unknown
            type_ = "benefit"
        elif noun.startswith("increase"):
            if not harm and not _any_word(_HEALTHY_OBJECT, obj):
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
        while start > floor and doc[start - 1].lower_ in _RESULT_MODIFIERS:
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
        if doc[mstart].lower_ in _AMBIGUOUS_VERBS and (mstart == 0 or doc[mstart - 1].lower_ not in _VERB_CONTEXT):
            return []  # "peer support interventions", "support was more effective": a noun
        window = doc[mend:min(len(doc), mend + 14)]
        if not _any_word(_DELIVERED if rule == "deliver-verb" else _HEALTHY_OBJECT, window) \
                and not (rule == "deliver-verb" and doc[mend].lower_ in _EVALUATIVE):
            return []  # cheap test first: no object this rule could take
        end = _list_end(doc, mend, max_len=14)
        run = next((r for r in evaluative_runs(doc, mend, end) if r[0] == mend), None) \
            if mend < end and doc[mend].lower_ in _EVALUATIVE else None
        if run is not None:  # "deliver effective, accessible, and affordable treatments": one object
            item = self._verb_item(doc, mstart, run[1], rule, check=False)
            return [item] if item is not None else []
        items = split_items(doc, mend, end) if end > mend else []
        if not items or items[0][0] != _trim(doc, mend, end)[0]:
            return []
        spans = []
        first = self._verb_item(doc, mstart, items[0][1], rule)
        if first is not None:
            spans.append(first)
        for a, b in items[1:]:
            low = doc[a].lower_
            if low in _VERB_RULE and b - a >= 2:
                item = self._verb_item(doc, a, b, _VERB_RULE[low])
                if item is not None:
                    spans.append(item)
        return spans

    @staticmethod
    def _verb_item(doc: Doc, vstart: int, end: int, rule: str, check: bool = True) -> Span | None:
        obj = doc[vstart + 1:end]
        if not obj or obj[0].lower_ in _PRONOUN_HEAD:
            return None
        pattern = _DELIVERED if rule == "deliver-verb" else _HEALTHY_OBJECT
        if check and not _any_word(pattern, obj):
            return None
        if _research(obj):
            return None
        type_ = "benefit"
        verb = doc[vstart].lower_
        if rule == "improve-verb" and verb.startswith(("increas", "boost")) and _any_word(_HARM, obj):
            type_ = "risk"
        if rule == "reduce-verb" and not _any_word(_HARM, obj) and not _any_word(_BARRIER, obj):
            return None
        end = _cut_long(doc, vstart, end)
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
        if not (_any_word(_CONDITION, window) or _has_acronym(window)):
            return []  # cheap test first: no condition within reach
        w = words_of(doc)
        end = mend
        while end < limit and not w.punct[end] and (w.low[end] in _TAIL_JOINERS_H or not _boundary(w, end)) \
                and w.low[end] not in _POPULATION_TAIL_STOP_H:
            end += 1
        while end > mend and w.low[end - 1] in _TRAIL_TRIM_H:
            end -= 1
        tail = doc[mend:end]
        if end == mend or not (_any_word(_CONDITION, tail) or _has_acronym(tail)):
            return []
        start = extend_group_left(doc, mstart)
        span = Span(doc, start, end, label="population")
        span.id_ = candidate_iri("population", span.text)
        return [span]


# Words that end the condition after a group noun: "participants with diabetes | over the course of ..."
_POPULATION_TAIL_STOP = frozenset("""in at on for report reported were are over during across through via while
contributed completed received showed had has have was is""".split())
_POPULATION_TAIL_STOP_H = hashes(_POPULATION_TAIL_STOP)
_TAIL_JOINERS_H = hashes(("or", "and", "of", "to", "a", "with", "from"))


def extend_group_left(doc: Doc, start: int, limit: int = 3) -> int:
    """Start of a group phrase with the modifiers before its noun: "health care workers", "front-line workers"."""
    floor = max(doc[start].sent.start, start - limit - 2)
    taken = 0
    while start > floor and taken < limit:
        prev = doc[start - 1]
        if start - 2 >= floor and hyphen_joins(doc, start - 1) and doc[start - 2].is_alpha:
            start -= 2  # "front-line", "full-time": a hyphen compound is one modifier
        elif _is_modifier(prev):
            start -= 1
        else:
            break
        taken += 1
    return start


def _is_modifier(tok) -> bool:
    """A word that can sit before a group noun: "primary care", "older", "depressed", "front-line"."""
    low = tok.lower_
    if low in _GROUP_ADJECTIVES or low.endswith(("-affected", "-related", "-income", "-line")):
        return True
    if low in _NOT_MODIFIER or low in _VERB_RULE or (low.endswith("s") and not low.endswith("ss")):
        return False  # verbs ("improve students") and plural nouns ("interventions provide employees")
    return (tok.is_alpha and not tok.is_stop and low not in _STOP and low not in _LEAD_TRIM
            and not low.endswith(("ly", "ing", "ed")))


_GROUP_ADJECTIVES = frozenset("""depressed bereaved incarcerated unemployed underserved disadvantaged hospitalized
hospitalised affected displaced marginalized marginalised vulnerable aged""".split())


_NOT_MODIFIER = frozenset("""among include including recruited enrolled study trial sample total
participants using use background objective objectives methods results conclusions aim aims purpose design
setting introduction""".split()) | frozenset(_WORDS["group"])
