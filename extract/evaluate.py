"""Score extraction against a gold file exactly as ``shared/tools/score.py`` does.

The matching rules (normalisation, whole-word containment, word Jaccard ≥ 0.5,
one-to-one greedy matching, micro-averaging) are re-implemented here so that
litkg needs nothing outside its package; a test checks both give the same numbers.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Iterable

from litkg.extract.results import TYPES

_DROP = {"a", "an", "the", "their", "its", "his", "her", "one's", "ones", "our", "of", "and", "or", "to", "in",
         "for", "with", "from", "by", "on", "at", "about"}


def words(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"'s\b", "", text)
    return re.findall(r"[\w-]+", text)


def _content(ws: list[str]) -> set[str]:
    return {w for w in ws if w not in _DROP}


def similar(pred: str, gold: str) -> float:
    """Similarity of a predicted and a gold string (0 when they do not match)."""
    p, g = words(pred), words(gold)
    if not p or not g:
        return 0.0
    ps, gs = " " + " ".join(p) + " ", " " + " ".join(g) + " "
    if ps == gs:
        return 1.0
    pc, gc = _content(p), _content(g)
    if not pc or not gc:
        return 0.0
    shorter, longer = (ps, gs) if len(ps) < len(gs) else (gs, ps)
    sc, lc = (pc, gc) if shorter == ps else (gc, pc)
    if shorter in longer and (len(sc) >= 2 or len(sc) / len(lc) > 1 / 3):
        return 0.9
    jac = len(pc & gc) / len(pc | gc)
    return jac if jac >= 0.5 else 0.0


def match(preds: list[str], golds: list[str]) -> int:
    """Number of one-to-one matches, best pairs first."""
    pairs = sorted(((s, i, j) for i, p in enumerate(preds) for j, g in enumerate(golds)
                    if (s := similar(p, g)) > 0), reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    n = 0
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        n += 1
    return n


def dedup(strings: Iterable[str]) -> list[str]:
    seen, out = set(), []
    for s in strings:
        key = " ".join(words(s))
        if key and key not in seen:
            seen.add(key)
            out.append(s)
    return out


def load_entities(path: str | Path) -> dict[str, dict[str, list[str]]]:
    """Gold or prediction JSON Lines → {paper id (lower-cased): {type: [distinct strings]}}."""
    docs: dict[str, dict[str, list[str]]] = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                from litkg.extract.errors import InputError

                raise InputError(str(path), f"not JSON: {e}", f"line {n}") from e
            add_entities(docs, obj)
    return {d: {t: dedup(v) for t, v in e.items()} for d, e in docs.items()}


def add_entities(docs: dict, obj: dict) -> None:
    did = str(obj.get("id", "")).strip().lower()
    if not did:
        return
    cur = docs.setdefault(did, defaultdict(list))
    if isinstance(obj.get("entities"), dict):
        for t, vals in obj["entities"].items():
            cur[t.lower()].extend(str(v) for v in vals)
    for m in obj.get("mentions", []) or []:
        if isinstance(m, dict) and "type" in m and "text" in m:
            cur[str(m["type"]).lower()].append(str(m["text"]))


def _prf(tp: int, np_: int, ng: int) -> tuple[float, float, float]:
    p = tp / np_ if np_ else (1.0 if ng == 0 else 0.0)
    r = tp / ng if ng else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 3), round(r, 3), round(f, 3)


def score(gold: dict, pred: dict, types: Iterable[str] = TYPES) -> dict:
    """Per-type and micro precision/recall/F1, in ``score.py --json``'s shape."""
    types = list(types)
    tally = {t: [0, 0, 0] for t in types}
    for did, gents in gold.items():
        pents = pred.get(did, {})
        for t in types:
            g, p = gents.get(t, []), pents.get(t, [])
            tally[t][0] += match(p, g)
            tally[t][1] += len(p)
            tally[t][2] += len(g)
    out: dict = {t: dict(zip(("precision", "recall", "f1"), _prf(*tally[t])), gold=tally[t][2],
                         predicted=tally[t][1]) for t in types}
    tot = [sum(tally[t][i] for t in types) for i in range(3)]
    out["micro"] = dict(zip(("precision", "recall", "f1"), _prf(*tot)), gold=tot[2], predicted=tot[1])
    out["papers"] = len(gold)
    out["papers_missing_from_predictions"] = sum(1 for d in gold if d not in pred)
    return out


def evaluate(gold_path: str | Path, inputs: list[str | Path], open_extraction: bool = True,
             types: list[str] | None = None, model: str | None = None) -> dict:
    """Extract from the inputs and score against the gold file (papers not in the gold are ignored).

    ``model``: the trained tagger's directory, ``"bundled"`` (the default), or ``None`` for the rules alone.
    """
    from litkg.extract.pipeline import extract_papers
    from litkg.extract.results import extraction_json
    from litkg.extract.readers import Rejected, read_papers

    gold = load_entities(gold_path)
    papers = (p for p in read_papers(inputs) if not isinstance(p, Rejected) and p.id.lower() in gold)
    docs: dict = {}
    for ex in extract_papers(papers, open_extraction=open_extraction, model=model):
        add_entities(docs, extraction_json(ex))
    pred = {d: {t: dedup(v) for t, v in e.items()} for d, e in docs.items()}
    return score(gold, pred, types or TYPES)


def format_scores(res: dict, as_json: bool = False) -> str:
    """The scorer's table (or JSON)."""
    if as_json:
        return json.dumps(res)
    types = [k for k in res if k not in ("micro", "papers", "papers_missing_from_predictions")]
    lines = [f"{'type':<12} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
    for t in types + ["micro"]:
        r = res[t]
        lines.append(f"{t:<12} {r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f} {r['gold']:>6} "
                     f"{r['predicted']:>6}")
    lines.append(f"papers: {res['papers']}, missing from predictions: {res['papers_missing_from_predictions']}")
    return "\n".join(lines)
