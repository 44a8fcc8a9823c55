"""litkg_sentences sets exactly the boundaries spaCy's sentencizer sets."""
from __future__ import annotations

import json

import pytest
import spacy

import litkg.extract.components  # noqa: F401  (registers litkg_sentences)

HAND_MADE = [
    "", "One.", "No final mark", "Really?! Yes... \"Quoted.\" (Aside.) Next one.", "a.b. c . . d",
    "Results: 12.5% (n = 3). Conclusions: apps help!", "全文。第二句！第三句？",
]


def _boundaries(nlp, texts):
    return [[t.is_sent_start for t in nlp(text)] for text in texts]


def _pipelines(lang: str):
    ours, theirs = spacy.blank(lang), spacy.blank(lang)
    ours.add_pipe("litkg_sentences")
    theirs.add_pipe("sentencizer")
    return ours, theirs


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hand_made_texts(lang):
    ours, theirs = _pipelines(lang)
    assert _boundaries(ours, HAND_MADE) == _boundaries(theirs, HAND_MADE)


def test_real_abstracts(shared_dir):
    path = shared_dir / "corpus" / "domain" / "abstracts.jsonl"
    texts = [json.loads(line).get("abstract") or "" for line in path.open(encoding="utf-8")]
    ours, theirs = _pipelines("en")
    assert _boundaries(ours, texts) == _boundaries(theirs, texts)
