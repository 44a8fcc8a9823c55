"""Appraisals stated as clauses: shortcomings of a platform or intervention (risks) and strengths (benefits).

Reviews of apps and trials report what goes wrong in clauses rather than in
noun phrases: "not in line with practice guidelines", "lacking a privacy
policy", "failed to monitor critical information", "poor engagement and
retention rates", "attrition was high". Gaps in research ("lack of evidence") are not
shortcomings of a platform. Strengths are stated the same way ("high user
satisfaction", "low dropout", "engagement rates were high"). Each function
returns token ranges of such clauses; :class:`extract.components.cues.CueRules`
types shortcomings as risks and strengths as benefits.
"""
from __future__ import annotations

from spacy.tokens import Doc

from litkg.extract.components.words import followed_by_hyphen

# "not in line with", "not tailored to", "not driven by", "do not reach"
_NOT_QUALITIES = frozenset("""tailored driven based designed grounded informed validated evidence-based
personalized personalised adapted suitable appropriate accessible available effective reach address meet
use include provide offer support follow""".split())
_LACK = frozenset("""lacking lacked lacks""".split())
_FAILED = frozenset("""failed fail fails""".split())
# "poor engagement", "low retention", "limited functionality"; "high attrition", "high dropout"
_LOW = frozenset("""low lower poor poorer limited insufficient inadequate reduced""".split())
_GOOD_THINGS = frozenset("""engagement retention adherence uptake functionality usability quality
acceptability satisfaction usage use completion effectiveness scalability reach""".split())
_HIGH = frozenset("""high higher increased additional greater""".split())
_BAD_THINGS = frozenset("""attrition dropout drop-out costs cost burden""".split())
# "<subject> was high/low/challenging"
_COPULA = frozenset("""was were is are remained remains""".split())
_PREDICATE_BAD = {"high": _BAD_THINGS, "higher": _BAD_THINGS, "increased": _BAD_THINGS,
                  "low": _GOOD_THINGS, "lower": _GOOD_THINGS, "poor": _GOOD_THINGS, "limited": _GOOD_THINGS,
                  "challenging": None, "problematic": None, "difficult": None}
# "lack of evidence", "lacks a meta-analytic synthesis": a gap in research, not a harm
_RESEARCH_GAPS = frozenset("""evidence research studies study trials trial understanding synthesis metrics
consensus knowledge literature review reviews meta-analysis meta-analytic""".split())
_AMOUNT_WORDS = _GOOD_THINGS | _BAD_THINGS | {"and", "rates", "rate", "levels"}
_CLAUSE_END = frozenset({",", ";", ":", ".", "(", ")", "but", "however", "whereas", "while", "which",
                         "although", "though", "because", "as", "than"})
_SUBJECT_STOP = _CLAUSE_END | {"and", "or", "that", "the"}
MAX_CLAUSE = 10


def _research_gap(doc: Doc, start: int, end: int) -> bool:
    """Whether ``doc[start:end]`` is about research ("evidence", "trials"), not a platform; "evidence-based" is not."""
    return any(doc[k].lower_ in _RESEARCH_GAPS and not followed_by_hyphen(doc, k) for k in range(start, end))


def _subject_start(doc: Doc, i: int) -> int:
    """Start of the few words before the verb at ``i`` that name what is appraised ("engagement rates")."""
    sent_start = doc[i].sent.start if doc.has_annotation("SENT_START") else 0
    start = i
    while start > max(i - 6, sent_start) and doc[start - 1].is_alpha and doc[start - 1].lower_ not in _SUBJECT_STOP:
        start -= 1
    return start


def _clause_end(doc: Doc, i: int, limit: int = MAX_CLAUSE) -> int:
    sent_end = doc[i].sent.end if doc.has_annotation("SENT_START") else len(doc)
    j = i
    while j < min(sent_end, i + limit) and doc[j].lower_ not in _CLAUSE_END:
        j += 1
    return j


def trigger_phrases() -> list[str]:
    """Every phrase at whose first word :func:`shortcoming_clauses` finds a clause (for a PhraseMatcher)."""
    out = [f"{neg} {q}" for neg in ("not", "n't") for q in _NOT_QUALITIES] + ["not in line", "n't in line"]
    out += sorted(_LACK) + ["lack of"] + [f"{f} to" for f in _FAILED]
    out += [f"{lo} {g}" for lo in _LOW for g in _GOOD_THINGS] + [f"{hi} {b}" for hi in _HIGH for b in _BAD_THINGS]
    out += [f"{c} {p}" for c in _COPULA for p in _PREDICATE_BAD]
    out += [f"{c} consistently {p}" for c in _COPULA for p in _PREDICATE_BAD]
    return out


def shortcoming_clauses(doc: Doc, candidates: list[int] | None = None) -> list[tuple[int, int]]:
    """Token ranges of clauses that state a shortcoming (see the module docstring).

    ``candidates`` are the token indices worth looking at (all when ``None``),
    e.g. the starts of :func:`trigger_phrases` matches.

    >>> import spacy
    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
    >>> doc = nlp("Most apps were not in line with practice guidelines, and attrition was high.")
    >>> [doc[a:b].text for a, b in shortcoming_clauses(doc)]
    ['not in line with practice guidelines', 'attrition was high']
    """
    out: list[tuple[int, int]] = []
    n = len(doc)
    for i in range(n) if candidates is None else candidates:
        low = doc[i].lower_
        nxt = doc[i + 1].lower_ if i + 1 < n else ""
        in_line = nxt == "in" and i + 2 < n and doc[i + 2].lower_ == "line"  # "not in line with"
        if low in ("not", "n't") and (nxt in _NOT_QUALITIES or in_line) and i > 0 and \
                doc[i - 1].lower_ in ("were", "was", "is", "are", "do", "does", "did", "often", "mostly"):
            end = _clause_end(doc, i + 1)
            if end - i >= 3:
                out.append((i, end))
        elif (low in _LACK or (low == "lack" and nxt == "of")) and i + 2 < n:
            end = _clause_end(doc, i + 1)
            if end - i >= 2 and not _research_gap(doc, i + 1, end):
                out.append((i, end))
        elif low in _FAILED and nxt == "to":
            end = _clause_end(doc, i + 2)
            if end - i >= 3:
                out.append((i, end))
        elif low in _LOW and nxt in _GOOD_THINGS or low in _HIGH and nxt in _BAD_THINGS:
            if nxt == "quality" and _research_gap(doc, max(0, i - 4), i):
                continue  # "studies were of low quality": the research, not a platform
            j = i + 2
            # "poor engagement and retention rates"
            while j < n and doc[j].lower_ in _AMOUNT_WORDS:
                j += 1
            while doc[j - 1].lower_ == "and":
                j -= 1
            out.append((i, j))
        elif low in _COPULA and nxt in _PREDICATE_BAD or (low in _COPULA and nxt == "consistently" and i + 2 < n
                                                          and doc[i + 2].lower_ in _PREDICATE_BAD):
            pred = i + 1 if nxt in _PREDICATE_BAD else i + 2
            things = _PREDICATE_BAD[doc[pred].lower_]
            start = _subject_start(doc, i)
            subject = {t.lower_ for t in doc[start:i]}
            if start < i and (things is None or subject & things):
                out.append((start, pred + 1))
    return out


# The mirror image: strengths stated the same way are benefits ("high user satisfaction",
# "low dropout", "engagement rates are high").
_PREDICATE_GOOD = {"high": _GOOD_THINGS, "higher": _GOOD_THINGS, "excellent": None, "good": _GOOD_THINGS,
                   "low": _BAD_THINGS, "lower": _BAD_THINGS}
_MEASURE_WORDS = frozenset("""rates rate levels scores ratings""".split())
_GOOD_ADJ = frozenset("""high higher good excellent strong""".split())
_LOW_ADJ = frozenset("""low lower reduced""".split())


def strength_trigger_phrases() -> list[str]:
    """Every phrase at whose first word :func:`strength_clauses` finds a clause (for a PhraseMatcher)."""
    out = [f"{hi} {g}" for hi in _GOOD_ADJ for g in _GOOD_THINGS]
    out += [f"{hi} user {g}" for hi in _GOOD_ADJ for g in _GOOD_THINGS]
    out += [f"{lo} {b}" for lo in _LOW_ADJ for b in _BAD_THINGS]
    out += [f"{c} {p}" for c in _COPULA for p in _PREDICATE_GOOD]
    return out


def strength_clauses(doc: Doc, candidates: list[int] | None = None) -> list[tuple[int, int]]:
    """Token ranges of clauses that state a strength of a platform or intervention.

    ``candidates`` are the token indices worth looking at (all when ``None``),
    e.g. the starts of :func:`strength_trigger_phrases` matches.

    >>> import spacy
    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
    >>> doc = nlp("The app had high user satisfaction and low dropout, and engagement rates were high.")
    >>> [doc[a:b].text for a, b in strength_clauses(doc)]
    ['high user satisfaction', 'low dropout', 'engagement rates were high']
    """
    out: list[tuple[int, int]] = []
    n = len(doc)
    for i in range(n) if candidates is None else candidates:
        low = doc[i].lower_
        nxt = doc[i + 1].lower_ if i + 1 < n else ""
        if low in _GOOD_ADJ or low in _LOW_ADJ:
            things = _GOOD_THINGS if low in _GOOD_ADJ else _BAD_THINGS
            j = i + 1
            if nxt == "user" and low in _GOOD_ADJ:
                j += 1
            if j < n and doc[j].lower_ in things:
                j += 1
                while j < n and (doc[j].lower_ in things or doc[j].lower_ in _MEASURE_WORDS):
                    j += 1
                out.append((i, j))
        elif low in _COPULA and nxt in _PREDICATE_GOOD:
            things = _PREDICATE_GOOD[nxt]
            start = _subject_start(doc, i)
            subject = {t.lower_ for t in doc[start:i]}
            if start < i and (things is None or subject & things):
                out.append((start, i + 2))
    return out
