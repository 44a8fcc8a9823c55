"""CRF inference in numpy: state scores for all types at once and batched forward-backward marginals.

A model's weights are one matrix ``(attributes + 1, types, 3)`` (labels O, B, I;
the last row is zero, for features the model never saw) and one transition
tensor ``(types, 3, 3)``. A token's state scores are the sum of its features'
rows, so every type is scored in one gather; the marginals of all types and of
a whole batch of documents come from one forward-backward pass whose Python
loop runs once per token position, not per document or type. This is the same
model CRFsuite trains (a first-order linear chain without start or end
weights), evaluated in double precision.
"""
from __future__ import annotations

import numpy as np

LABELS = ("O", "B", "I")
RESCALE = 4


def _total(a: np.ndarray) -> np.ndarray:
    """The sum over the last axis (of length 3), kept as an axis."""
    return (a[..., 0] + a[..., 1] + a[..., 2])[..., None]


def state_scores(weights: np.ndarray, rows: np.ndarray, extra: list[tuple[int, int]]) -> np.ndarray:
    """Scores ``(tokens, types, 3)``: token ``k`` sums the weight rows ``rows[k]`` and its ``extra`` rows."""
    scores = weights[rows].sum(axis=1)
    if extra:
        tokens, ids = zip(*extra)
        np.add.at(scores, np.array(tokens, dtype=np.intp), weights[np.array(ids, dtype=np.intp)])
    return scores


def marginals(scores: list[np.ndarray], transitions: np.ndarray) -> list[np.ndarray]:
    """Per-token label marginals ``(tokens, types, 3)`` of each document, by scaled forward-backward.

    Documents of different lengths are padded to the longest; a padded
    position never feeds back into the real ones (backward messages restart
    at each document's last token).

    >>> t = np.zeros((1, 3, 3))
    >>> m = marginals([np.array([[[0.0, 0.0, 0.0]], [[0.0, 2.0, 0.0]]])], t)[0]
    >>> np.allclose(m.sum(axis=2), 1.0), bool(m[1, 0, 1] > m[1, 0, 0])
    (True, True)
    """
    if not scores:
        return []
    lengths = np.array([len(s) for s in scores])
    n_docs, width, n_types = len(scores), int(lengths.max()), transitions.shape[0]
    # (position, type, document, label): each step is one (types, docs, 3) @ (types, 3, 3) product
    potentials = np.ones((width, n_types, n_docs, 3))
    for d, s in enumerate(scores):
        potentials[:len(s), :, d] = np.exp(s - s.max(axis=2, keepdims=True))
    trans = np.exp(transitions)  # (types, 3 from, 3 to)
    back = np.ascontiguousarray(trans.transpose(0, 2, 1))
    # messages are rescaled every few steps only (a position's scale cancels in its marginal; a few steps
    # of products cannot leave float64's range: weights are bounded), by a sum of slices (cheaper than .sum)
    alpha = np.empty_like(potentials)
    alpha[0] = potentials[0]
    for k in range(1, width):
        np.matmul(alpha[k - 1], trans, out=alpha[k])
        alpha[k] *= potentials[k]
        if k % RESCALE == 0:
            alpha[k] /= _total(alpha[k])
    beta = np.ones_like(potentials)
    ending: dict[int, list[int]] = {}
    for d, n in enumerate(lengths.tolist()):
        ending.setdefault(n - 1, []).append(d)
    for k in range(width - 2, -1, -1):
        np.matmul(beta[k + 1] * potentials[k + 1], back, out=beta[k])
        if k % RESCALE == 0:
            beta[k] /= _total(beta[k])
        if k in ending:  # a document's backward messages start at its own last token
            beta[k][:, ending[k]] = 1.0
    joint = alpha * beta
    joint /= _total(joint)
    return [joint[:n, :, d] for d, n in enumerate(lengths)]


def read_spans(marginal: np.ndarray, types: tuple[str, ...], threshold: float) -> list[tuple[str, int, int]]:
    """``(type, start, end)`` spans from marginals: tokens with P(B) + P(I) over ``threshold``.

    A span runs over consecutive such tokens and a token more likely B than I
    starts a new one. Spans come type by type, in text order.

    >>> m = np.array([[[.9, .05, .05]], [[.1, .8, .1]], [[.1, .1, .8]], [[.1, .6, .3]], [[.9, 0, .1]]])
    >>> read_spans(m, ("risk",), 0.35)
    [('risk', 1, 3), ('risk', 3, 4)]
    """
    out: list[tuple[str, int, int]] = []
    n = marginal.shape[0]
    for t, type_ in enumerate(types):
        b, i = marginal[:, t, 1], marginal[:, t, 2]
        inside = b + i > threshold
        if not inside.any():
            continue
        begin = b >= i
        prev = np.concatenate(([False], inside[:-1]))
        starts = np.flatnonzero(inside & (begin | ~prev))
        stops = np.flatnonzero(~inside)
        for k, s in enumerate(starts):
            nxt = starts[k + 1] if k + 1 < len(starts) else n
            j = np.searchsorted(stops, s)
            end = min(int(stops[j]) if j < len(stops) else n, int(nxt))
            out.append((type_, int(s), end))
    return out
