"""Sample weights that balance the training sources, and naive-Bayes feature scaling.

Sources differ by an order of magnitude in size (30,000 news sentences, 303 toxic
tweets) and each carries its own style, so a plain fit learns the big sources' style
as much as the label. ``source_weights`` gives every (source, label) cell a total
weight that grows with the square root of its size (a big source still counts more,
but not proportionally), then balances the classes.

``nb_ratios`` is the log-count ratio of NB-LR (Wang & Manning 2012): per feature,
log of its (smoothed) share among positives over its share among negatives. The
logistic regression is fitted on features multiplied by it; since each feature is a
bucket present or not, the shipped weights are simply ``w * r`` — no cost at
inference.
"""

from __future__ import annotations

import collections
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

# Our hand-labelled ministry comments and real VK comments count this many times the mass
# that their size would give them (they are the only target-domain labels).
BOOST = {"ministry": 4.0, "vk_real": 4.0}
NB_SMOOTHING = 1.0


def source_weights(
    sources: Sequence[str], labels: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """Per-sample weights: each (source, label) cell weighs sqrt(size) in total (times
    its boost), classes balanced, mean 1.

    >>> w = source_weights(["a"] * 4 + ["b"], np.array([1, 0, 0, 0, 1]))
    >>> [round(float(x), 3) for x in w]
    [1.25, 0.833, 0.833, 0.833, 1.25]
    """
    cells = collections.Counter(zip(sources, labels.tolist(), strict=True))
    mass = {c: np.sqrt(n) * BOOST.get(c[0], 1.0) for c, n in cells.items()}
    per_class: dict[int, float] = collections.defaultdict(float)
    for (_source, label), m in mass.items():
        per_class[label] += m
    weights = np.array(
        [
            mass[(s, y)] / cells[(s, y)] / per_class[y]
            for s, y in zip(sources, labels.tolist(), strict=True)
        ]
    )
    return weights * len(weights) / weights.sum()


def nb_ratios(
    x: sp.csr_matrix, y: npt.NDArray[np.int64], weight: npt.NDArray[np.float64] | None = None
) -> npt.NDArray[np.float32]:
    """Log-count ratios of the (binary) features of ``x`` between ``y == 1`` and 0."""
    w = np.ones(len(y)) if weight is None else weight
    present = x.copy()
    present.data[:] = 1.0
    pos = np.asarray(present.T @ (w * (y == 1))).ravel() + NB_SMOOTHING
    neg = np.asarray(present.T @ (w * (y == 0))).ravel() + NB_SMOOTHING
    return np.log((pos / pos.sum()) / (neg / neg.sum())).astype(np.float32)
