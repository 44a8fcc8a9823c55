"""The learning curve and the ablation of the trained tagger, on the test split and the adjudicated dev half b.

    python benchmarks/learning_curve.py            # 25, 50, 100, 200 and all training abstracts
    python benchmarks/learning_curve.py --sizes 50 # one point

For each size, ``litkg train`` learns from the first N abstracts of
``tests/data/gold/train.jsonl`` and the default extraction (rules + that
model) is scored over the five concept types; the rules alone (``--fast``)
and the vocabulary alone (``--no-open``) are the ablation's baselines.
Prints a Markdown table (micro P/R/F1 and per-type F1) for the README.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
INPUTS = [str(SHARED / "domain" / "abstracts.jsonl"), str(SHARED / "digital-health" / "abstracts.jsonl")]
SETS = {"test": ROOT / "tests/data/gold/test.jsonl", "b": ROOT / "tests/data/dev_gold_b_adjudicated.jsonl"}
TYPES = ["platform", "benefit", "risk", "outcome", "population"]


def row(name: str, scores: dict) -> str:
    m = scores["micro"]
    per = " | ".join(f"{scores[t]['f1']:.3f}" for t in TYPES)
    return f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | **{m['f1']:.3f}** | {per} |"


def main() -> int:
    from litkg.extract.evaluate import evaluate
    from litkg.extract.learn.train import train

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[25, 50, 100, 200, 0], help="0 = all")
    ap.add_argument("--gold", default=str(ROOT / "tests/data/gold/train.jsonl"))
    a = ap.parse_args()
    head = "| run | P | R | F1 | " + " | ".join(TYPES) + " |\n|" + "---|" * (4 + len(TYPES))
    lines = {k: [head] for k in SETS}
    for name, kw in (("vocabulary only (--no-open)", {"open_extraction": False, "model": None}),
                     ("rules (--fast)", {"model": None})):
        for k, gold in SETS.items():
            lines[k].append(row(name, evaluate(gold, INPUTS, types=TYPES, **kw)))
    with tempfile.TemporaryDirectory() as tmp:
        for n in a.sizes:
            out = Path(tmp) / f"model{n}"
            t0 = time.perf_counter()
            r = train(a.gold, INPUTS, out, limit=n or None)
            took = time.perf_counter() - t0
            for k, gold in SETS.items():
                lines[k].append(row(f"rules + tagger, {r.papers} abstracts ({took:.0f} s to train)",
                                    evaluate(gold, INPUTS, types=TYPES, model=str(out))))
            print(f"trained on {r.papers} in {took:.0f} s", file=sys.stderr, flush=True)
    for k in SETS:
        print(f"\n{k}:\n" + "\n".join(lines[k]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
