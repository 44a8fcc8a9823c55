"""Extraction speed against spaCy's bare tokenizer on the same real abstracts, in the same run.

usage: python benchmarks/bench_extract.py [--limit N] [--file PATH] [--repeat N]

Reports abstracts/s for (1) ``spacy.blank("en")`` tokenizing only, (2) the litkg
English pipeline as ``litkg extract`` runs it by default, with the bundled
trained tagger (vocabulary span_ruler, cue rules, tagger, hedging/negation,
relations), (3) the rules alone (``--fast``) and (4) the vocabulary alone
(``--no-open``), and the ratio of each to the tokenizer. Distinct real texts
are used (the tokenizer's cache makes repeated texts look far faster).
Targets: the default <= 6x the tokenizer, ``--fast`` <= 2x.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import spacy

from litkg.extract.components.cues import clear_caches
from litkg.extract.learn.features import word_features
from litkg.extract.learn.model import load_model
from litkg.extract.pipeline import BUNDLED_MODEL, build_pipeline

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bench" / "abstracts.jsonl"


def load_texts(path: Path, limit: int | None) -> list[str]:
    texts = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            if obj.get("abstract"):
                texts.append(obj["abstract"])
            if limit and len(texts) >= limit:
                break
    return texts


def timed(fn, texts: list[str]) -> float:
    t0 = time.perf_counter()
    fn(texts)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None, help="first N abstracts only")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each pipeline; the best time counts")
    a = ap.parse_args()
    texts = load_texts(a.file, a.limit)
    words = sum(len(t.split()) for t in texts)
    tok = spacy.blank("en")
    full = build_pipeline("en")
    fast = build_pipeline("en", model=None)
    lex = build_pipeline("en", open_extraction=False)
    # warm up on a different slice so that no timed run profits from another's cache
    for nlp in (tok, full, fast, lex):
        for _ in nlp.pipe(texts[:50]):
            pass
    # Each repeat uses fresh pipelines (a warm tokenizer cache would flatter the later runs); the runs
    # are interleaved so that load on the machine falls on all of them, and the best time of each is kept.
    runs: dict[str, float] = {}
    def fresh(open_extraction: bool, model: str | None = BUNDLED_MODEL):
        clear_caches()  # litkg's per-word caches start cold too
        word_features.cache_clear()
        load_model.cache_clear()  # the tagger's per-word feature cache too
        return build_pipeline("en", open_extraction=open_extraction, model=model)

    makers = {
        "tokenizer (spacy.blank)": lambda: spacy.blank("en"),
        "litkg default (rules + tagger)": lambda: fresh(True),
        "litkg --fast (rules)": lambda: fresh(True, None),
        "litkg --no-open (vocabulary)": lambda: fresh(False),
    }
    for _ in range(a.repeat):
        for name, make in makers.items():
            nlp = make()
            sec = timed(lambda ts: list(nlp.pipe(ts, batch_size=256)), texts)
            runs[name] = min(sec, runs.get(name, sec))
    base = runs["tokenizer (spacy.blank)"]
    print(f"{len(texts)} abstracts, {words} words, from {a.file}; best of {a.repeat} runs each")
    print(f"{'run':<30} {'seconds':>8} {'abstracts/s':>12} {'x tokenizer':>12}")
    for name, sec in runs.items():
        print(f"{name:<30} {sec:>8.2f} {len(texts) / sec:>12.0f} {sec / base:>12.2f}")


if __name__ == "__main__":
    main()
