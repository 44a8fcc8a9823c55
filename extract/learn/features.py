"""Token features for the learned tagger: the word, its shape and neighbours, and what the rules said.

The rules' own spans (vocabulary labels and cue items, before resolution) are
features, so the tagger learns when to trust them and what they miss. Word
features are computed once per distinct word and cached; a document's features
are then lists of strings that CRFsuite reads.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from litkg.extract.identifiers import is_candidate

LEXICON_KEY, CUE_KEY = "litkg_lex", "litkg_cue"
WINDOW = (-2, -1, 1, 2)


@lru_cache(maxsize=200_000)
def word_features(text: str) -> tuple[str, ...]:
    """Features of one word form, context-free: lower case, affixes, shape, capitalisation.

    >>> word_features("Apps")
    ('w=apps', 'suf=pps', 'pre=app', 'sh=Xxx', 'title')
    """
    low = text.lower()
    shape = re.sub(r"(.)\1+", r"\1\1", re.sub("[0-9]", "d", re.sub("[a-z]", "x", re.sub("[A-Z]", "X", text))))
    out = ["w=" + low, "suf=" + low[-3:], "pre=" + low[:3], "sh=" + shape]
    if text[:1].isupper() and text[1:].islower():
        out.append("title")
    return tuple(out)


def rule_tags(doc: Doc) -> list[list[str]]:
    """For each token, the rules' spans over it: ``B-benefit-voc``, ``I-risk-cand``..."""
    tags: list[list[str]] = [[] for _ in range(len(doc))]
    for key in (LEXICON_KEY, CUE_KEY):
        if key not in doc.spans:
            continue
        for s in doc.spans[key]:
            kind = "cand" if is_candidate(s.id_) else "voc"
            tags[s.start].append(f"B-{s.label_}-{kind}")
            for k in range(s.start + 1, s.end):
                tags[k].append(f"I-{s.label_}-{kind}")
    return tags


def doc_features(doc: Doc) -> list[list[str]]:
    """The feature strings of every token of ``doc`` (the same function in training and tagging)."""
    words = [t.text for t in doc]
    lows = [w.lower() for w in words]
    rules = rule_tags(doc)
    n = len(doc)
    out = []
    for i, tok in enumerate(doc):
        f = ["b", *word_features(words[i])]
        if tok.is_sent_start:
            f.append("sstart")
        f.extend("r=" + r for r in rules[i])
        for d in WINDOW:
            j = i + d
            if 0 <= j < n:
                f.append(f"w{d}={lows[j]}")
                f.extend(f"r{d}={r}" for r in rules[j])
            else:
                f.append(f"w{d}=<pad>")
        if i > 0:
            f.append(f"bg-={lows[i - 1]}|{lows[i]}")
        if i + 1 < n:
            f.append(f"bg+={lows[i]}|{lows[i + 1]}")
        out.append(f)
    return out
