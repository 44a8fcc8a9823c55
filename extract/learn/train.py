"""``litkg train``: learn a tagger from a gold set, on top of the rules.

Each gold paper's title and abstract run through the rule pipeline (vocabulary
and cue rules, whose spans become features); every occurrence of a gold
string, found case-insensitively on token boundaries, is labelled B/I for its
type; one CRF per type is trained with L-BFGS (deterministic: same gold, same
model) and the CRFs are compiled into one weight matrix (``weights.npz``, what
tagging reads). The model directory is written whole or not at all.
"""
from __future__ import annotations

import json
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from spacy.tokens import Doc

from litkg.extract.gold import norm_id, papers_by_id, read_gold
from litkg.extract.learn.features import doc_features
from litkg.extract.learn.model import MODEL_FORMAT, WEIGHTS, compile_crf
from litkg.extract.results import CONCEPT_TYPES

DEFAULT_THRESHOLD = 0.35
CRF_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}


@dataclass
class TrainReport:
    """What training used: papers, texts, labelled spans per type, gold strings not found in their text."""

    papers: int
    texts: int
    spans: dict[str, int]
    unmatched: int
    missing_papers: list[str]


def bio_labels(doc: Doc, strings: Iterable[str]) -> list[str]:
    """B/I/O labels of ``doc``'s tokens: every token-aligned occurrence of each string, longest first.

    >>> import spacy
    >>> bio_labels(spacy.blank("en")("Online forums help. Forums help."), ["online forums", "forums"])
    ['B', 'I', 'O', 'O', 'B', 'O', 'O']
    """
    low = doc.text.lower()
    labels = ["O"] * len(doc)
    for s in sorted({s for s in strings if s.strip()}, key=len, reverse=True):
        needle, start = s.lower(), 0
        while (i := low.find(needle, start)) >= 0:
            start = i + 1
            span = doc.char_span(i, i + len(needle), alignment_mode="strict")
            if span is None or any(labels[k] != "O" for k in range(span.start, span.end)):
                continue
            labels[span.start] = "B"
            labels[span.start + 1:span.end] = ["I"] * (len(span) - 1)
    return labels


def training_texts(gold: list[dict], inputs: list[str | Path], progress: bool = False):
    """``(features, {type: labels})`` for the title and abstract of each gold paper found in the inputs."""
    from litkg.extract.pipeline import build_pipeline

    nlp = build_pipeline("en", learned=False)
    papers = papers_by_id(inputs)
    items, missing, unmatched = [], [], 0
    for n, rec in enumerate(gold, 1):
        paper = papers.get(norm_id(rec["id"]))
        if paper is None:
            missing.append(rec["id"])
            continue
        entities = rec.get("entities", {})
        docs = [nlp(t) for t in (paper.title, paper.abstract) if t]
        text = "\n".join(d.text for d in docs).lower()
        unmatched += sum(1 for t in CONCEPT_TYPES for s in entities.get(t, []) if s.lower() not in text)
        for doc in docs:
            items.append((doc_features(doc), {t: bio_labels(doc, entities.get(t, [])) for t in CONCEPT_TYPES}))
        if progress and n % 100 == 0:
            print(f"litkg: train: {n} of {len(gold)} gold papers read", file=sys.stderr, flush=True)
    return items, missing, unmatched


def train(gold_path: str | Path, inputs: list[str | Path], out_dir: str | Path,
          threshold: float = DEFAULT_THRESHOLD, limit: int | None = None, progress: bool = False) -> TrainReport:
    """Train one CRF per concept type on the gold papers (the first ``limit`` of them) and write ``out_dir``."""
    import pycrfsuite

    gold = read_gold(gold_path)[:limit]
    items, missing, unmatched = training_texts(gold, inputs, progress)
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        spans = {}
        for type_ in CONCEPT_TYPES:
            trainer = pycrfsuite.Trainer(verbose=False)
            for features, labels in items:
                trainer.append(features, labels[type_])
            trainer.set_params(CRF_PARAMS)
            trainer.train(str(work / f"{type_}.crf"))
            spans[type_] = sum(labels[type_].count("B") for _, labels in items)
            if progress:
                print(f"litkg: train: {type_} done ({spans[type_]} spans)", file=sys.stderr, flush=True)
        compile_model(work, {t: work / f"{t}.crf" for t in CONCEPT_TYPES})
        meta = {"format": MODEL_FORMAT, "types": list(CONCEPT_TYPES), "threshold": threshold, "crf": CRF_PARAMS,
                "gold": Path(gold_path).name, "papers": len(gold) - len(missing), "texts": len(items),
                "spans": spans}
        (work / "model.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        work.rename(out_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return TrainReport(len(gold) - len(missing), len(items), spans, unmatched, missing)


def compile_model(folder: Path, crf_files: dict[str, Path]) -> None:
    """Write ``folder/weights.npz`` from one CRFsuite file per type, then remove those files."""
    import numpy as np

    np.savez_compressed(folder / WEIGHTS, **compile_crf(crf_files))
    for path in crf_files.values():
        path.unlink()
