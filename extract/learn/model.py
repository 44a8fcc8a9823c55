"""A trained tagger: one linear-chain CRF per concept type, stored as one weight matrix, and how its spans are read.

A model directory holds ``model.json`` (format version, types, decoding
threshold, what it was trained on) and ``weights.npz``: the attribute names,
the state weights of every (attribute, type, label) and the label transitions
of every type, compiled from the CRFsuite models that ``litkg train`` learns
(:func:`compile_crf`). Tagging needs numpy only (:mod:`.inference`): every
type is scored in one pass. Spans are read from the per-token marginals, not
only the single best path: a token belongs to a span when P(B) + P(I) passes
the threshold, which buys recall where the CRF hesitates. The bundled model
lives in ``extract/model/``; ``litkg train`` writes others.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from litkg.extract.errors import LitkgError
from litkg.extract.learn.features import FeatureIds
from litkg.extract.learn.inference import LABELS, marginals, read_spans, state_scores

MODEL_FORMAT = 2
WEIGHTS = "weights.npz"
BUNDLED = Path(__file__).resolve().parents[1] / "model"
GROUP = 64  # documents per forward-backward pass (fewer: more Python steps; more: more padding)


class ModelError(LitkgError):
    """A model directory is missing, incomplete or of another format."""


@dataclass
class Model:
    """A model directory's types, threshold and weights (``weights[attribute, type, label]``; last row zero)."""

    path: Path
    types: tuple[str, ...]
    threshold: float
    meta: dict
    index: dict[str, int]
    weights: np.ndarray
    transitions: np.ndarray
    features: FeatureIds = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.features = FeatureIds(self.index)

    def marginals(self, docs: list) -> list[np.ndarray]:
        """Label marginals ``(tokens, types, 3)`` of each (non-empty) spaCy doc, by length-sorted groups."""
        scores = [state_scores(self.weights, *self.features(doc)) for doc in docs]
        # documents of similar length go together: less padding in each forward-backward pass
        order = sorted(range(len(scores)), key=lambda k: len(scores[k]))
        out: list[np.ndarray] = [np.empty(0)] * len(scores)
        for start in range(0, len(order), GROUP):
            group = order[start:start + GROUP]
            for k, m in zip(group, marginals([scores[k] for k in group], self.transitions)):
                out[k] = m
        return out

    def spans_of(self, docs: list) -> list[list[tuple[str, int, int]]]:
        """``(type, start, end)`` token spans that the model finds in each (non-empty) doc."""
        return [read_spans(m, self.types, self.threshold) for m in self.marginals(docs)]


def compile_crf(crf_files: dict[str, Path]) -> dict[str, np.ndarray]:
    """The arrays of ``weights.npz`` from one CRFsuite model file per type (needs ``python-crfsuite``)."""
    import pycrfsuite

    dumps = {}
    for type_, path in crf_files.items():
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        dumps[type_] = tagger.info()
        tagger.close()
    names = sorted({a for d in dumps.values() for a, _ in d.state_features})
    row = {a: k for k, a in enumerate(names)}
    label = {lab: k for k, lab in enumerate(LABELS)}
    rows, cols, values = [], [], []
    transitions = np.zeros((len(dumps), 3, 3))
    for t, d in enumerate(dumps.values()):
        for (a, lab), w in sorted(d.state_features.items()):
            rows.append(row[a])
            cols.append(t * 3 + label[lab])
            values.append(w)
        for (a, b), w in d.transitions.items():
            transitions[t, label[a], label[b]] = w
    return {"names": np.frombuffer(json.dumps(names).encode("utf-8"), dtype=np.uint8),
            "rows": np.array(rows, dtype=np.int32), "cols": np.array(cols, dtype=np.int16),
            "values": np.array(values, dtype=np.float64), "transitions": transitions}


def _arrays(folder: Path, meta: dict) -> dict[str, np.ndarray]:
    if meta.get("format") == 1:  # CRFsuite files only (litkg before weights.npz): compile them now
        missing = [t for t in meta["types"] if not (folder / f"{t}.crf").is_file()]
        if missing:
            raise ModelError(f"{folder}: {missing[0]}.crf missing")
        return compile_crf({t: folder / f"{t}.crf" for t in meta["types"]})
    if meta.get("format") != MODEL_FORMAT:
        raise ModelError(f"{folder}: model format {meta.get('format')!r}, this litkg reads {MODEL_FORMAT}")
    try:
        with np.load(folder / WEIGHTS, allow_pickle=False) as z:
            return {k: z[k] for k in ("names", "rows", "cols", "values", "transitions")}
    except (OSError, KeyError, ValueError) as e:
        raise ModelError(f"{folder}: {WEIGHTS} unreadable ({e})") from e


@lru_cache(maxsize=4)
def load_model(path: str | Path | None = None) -> Model:
    """Load a model directory (default: the bundled model).

    Raises:
        ModelError: the directory or one of its files is missing, or its format is unknown.
    """
    folder = Path(path) if path is not None else BUNDLED
    try:
        meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ModelError(f"{folder}: not a litkg model directory ({e})") from e
    arrays = _arrays(folder, meta)
    names = json.loads(arrays["names"].tobytes().decode("utf-8"))
    types = tuple(meta["types"])
    if arrays["transitions"].shape != (len(types), 3, 3) or "b" not in names:
        raise ModelError(f"{folder}: {WEIGHTS} does not match model.json")
    weights = np.zeros((len(names) + 1, len(types) * 3))  # + a zero row for features the model never saw
    weights[arrays["rows"], arrays["cols"]] = arrays["values"]
    index = {a: k for k, a in enumerate(names)}
    return Model(folder, types, float(meta["threshold"]), meta, index,
                 weights.reshape(len(names) + 1, len(types), 3), arrays["transitions"])
