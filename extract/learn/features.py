"""Token features for the learned tagger: the word, its shape and neighbours, and what the rules said.

The rules' own spans (vocabulary labels and cue items, before resolution) are
features, so the tagger learns when to trust them and what they miss. Word
features are computed once per distinct word and cached; a document's features
are then lists of strings that CRFsuite reads.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from spacy.attrs import ORTH, SENT_START
from spacy.tokens import Doc

from litkg.extract.identifiers import is_candidate

LEXICON_KEY, CUE_KEY = "litkg_lex", "litkg_cue"
WINDOW = (-2, -1, 1, 2)
MAX_FORMS = 200_000  # word forms whose feature rows are cached (like word_features' cache)


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
    for i, tag in _rule_tag_items(doc):
        tags[i].append(tag)
    return tags


def _rule_tag_items(doc: Doc) -> list[tuple[int, str]]:
    """``(token, tag)`` for every token under a rule span, as :func:`rule_tags` lists them."""
    items = []
    for key in (LEXICON_KEY, CUE_KEY):
        if key not in doc.spans:
            continue
        for s in doc.spans[key]:
            kind = "cand" if is_candidate(s.id_) else "voc"
            items.append((s.start, f"B-{s.label_}-{kind}"))
            items.extend((k, f"I-{s.label_}-{kind}") for k in range(s.start + 1, s.end))
    return items


def doc_features(doc: Doc) -> list[list[str]]:
    """The feature strings of every token of ``doc``: what training gives CRFsuite.

    Tagging uses :class:`FeatureIds`, which yields the model's row of each of
    these strings (those the model knows) without building the strings.
    """
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


class FeatureIds:
    """The rows of a model's weight matrix that each token's features select, string by string as :func:`doc_features`.

    A token's fixed features (bias, its word's five, sentence start, the
    neighbours' words, two bigrams) fill one row of an integer matrix; the
    features of a word form are looked up once per distinct form and cached,
    and a feature the model never saw points at the weight matrix's last row,
    which is zero. The rules' span features, few and variable, come apart as
    ``(token, row)`` pairs.
    """

    WIDTH = 1 + 5 + 1 + len(WINDOW) + 2

    def __init__(self, index: dict[str, int]) -> None:
        """``index``: the model's row of each feature string; row ``len(index)`` is the zero row."""
        self.index = index
        self.zero = zero = len(index)
        self.bias = index["b"]
        self.sstart = index.get("sstart", zero)
        self.pads = [index.get(f"w{d}=<pad>", zero) for d in WINDOW]
        self.pairs: dict[str, tuple[int, int]] = {}
        for name, row in index.items():
            for slot, prefix in enumerate(("bg-=", "bg+=")):
                if name.startswith(prefix):
                    pair = self.pairs.get(name[4:], (zero, zero))
                    self.pairs[name[4:]] = (row, pair[1]) if slot == 0 else (pair[0], row)
        self._forms: dict[int, tuple[tuple[int, ...], str]] = {}

    def _form(self, orth: int, strings) -> tuple[tuple[int, ...], str]:
        if len(self._forms) >= MAX_FORMS:  # memory stays bounded on a corpus of millions of abstracts
            self._forms.clear()
        text = strings[orth]
        low = text.lower()
        get, zero = self.index.get, self.zero
        word = [get(f, zero) for f in word_features(text)]
        word += [zero] * (5 - len(word))
        entry = self._forms[orth] = ((*word, *(get(f"w{d}={low}", zero) for d in WINDOW)), low)
        return entry

    def __call__(self, doc: Doc) -> tuple[np.ndarray, list[tuple[int, int]]]:
        """``(rows, extra)``: ``rows[k]`` the fixed feature rows of token ``k``; ``extra`` its rule features."""
        n = len(doc)
        forms, strings = self._forms, doc.vocab.strings
        orths = doc.to_array(ORTH).tolist()
        entries = [forms.get(o) or self._form(o, strings) for o in orths]
        own = np.array([e[0] for e in entries], dtype=np.intp).reshape(n, 5 + len(WINDOW))
        rows = np.full((n, self.WIDTH), self.zero, dtype=np.intp)
        rows[:, 0] = self.bias
        rows[:, 1:6] = own[:, :5]
        starts = doc.to_array(SENT_START) == 1
        starts[0] = True
        rows[starts, 6] = self.sstart
        for slot, d in enumerate(WINDOW):
            col = 7 + slot
            rows[:, col] = self.pads[slot]
            if d < 0:
                rows[-d:, col] = own[:d, 5 + slot]
            else:
                rows[:-d, col] = own[d:, 5 + slot]
        if n > 1:
            lows = [e[1] for e in entries]
            pair, none = self.pairs.get, (self.zero, self.zero)
            bigrams = np.array([pair(a + "|" + b, none) for a, b in zip(lows, lows[1:])], dtype=np.intp)
            rows[1:, 11] = bigrams[:, 0]
            rows[:-1, 12] = bigrams[:, 1]
        return rows, self._rule_rows(doc)

    def _rule_rows(self, doc: Doc) -> list[tuple[int, int]]:
        get, n, extra = self.index.get, len(doc), []
        for i, r in _rule_tag_items(doc):
            extra.append((i, get("r=" + r)))
            for d in WINDOW:
                if 0 <= i - d < n:  # token i - d sees this tag at offset d
                    extra.append((i - d, get(f"r{d}={r}")))
        return [(k, row) for k, row in extra if row is not None]
