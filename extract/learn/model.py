"""A trained tagger: one linear-chain CRF (CRFsuite) per concept type, and how its spans are read.

A model directory holds ``TYPE.crf`` for each type it was trained on and
``model.json`` (format version, types, decoding threshold, what it was trained
on). Spans are read from the per-token marginals, not only the single best
path: a token belongs to a span when P(B) + P(I) passes the threshold, which
buys recall where the CRF hesitates. The bundled model lives in
``extract/model/``; ``litkg train`` writes others.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from litkg.extract.errors import LitkgError

MODEL_FORMAT = 1
BUNDLED = Path(__file__).resolve().parents[1] / "model"


class ModelError(LitkgError):
    """A model directory is missing, incomplete or of another format."""


@dataclass
class Model:
    """The CRF taggers of a model directory, by type."""

    path: Path
    types: tuple[str, ...]
    threshold: float
    meta: dict
    taggers: dict

    def spans(self, features: list[list[str]]) -> list[tuple[str, int, int]]:
        """``(type, start, end)`` token spans that the model finds in a document's features."""
        if not features:
            return []
        out = []
        for type_ in self.types:
            tagger = self.taggers[type_]
            tagger.set(features)
            inside = [tagger.marginal("B", k) + tagger.marginal("I", k) > self.threshold for k in range(len(features))]
            begin = [tagger.marginal("B", k) >= tagger.marginal("I", k) for k in range(len(features))]
            k = 0
            while k < len(features):
                if inside[k]:
                    j = k + 1
                    while j < len(features) and inside[j] and not begin[j]:
                        j += 1
                    out.append((type_, k, j))
                    k = j
                else:
                    k += 1
        return out


@lru_cache(maxsize=4)
def load_model(path: str | Path | None = None) -> Model:
    """Load a model directory (default: the bundled model).

    Raises:
        ModelError: the directory or one of its files is missing, or its format is unknown.
    """
    import pycrfsuite

    folder = Path(path) if path is not None else BUNDLED
    meta_file = folder / "model.json"
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ModelError(f"{folder}: not a litkg model directory ({e})") from e
    if meta.get("format") != MODEL_FORMAT:
        raise ModelError(f"{folder}: model format {meta.get('format')!r}, this litkg reads {MODEL_FORMAT}")
    taggers = {}
    for type_ in meta["types"]:
        crf = folder / f"{type_}.crf"
        if not crf.is_file():
            raise ModelError(f"{folder}: {crf.name} missing")
        tagger = pycrfsuite.Tagger()
        tagger.open(str(crf))
        taggers[type_] = tagger
    return Model(folder, tuple(meta["types"]), float(meta["threshold"]), meta, taggers)
