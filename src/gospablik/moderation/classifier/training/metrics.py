"""Binary metrics and threshold choice (numpy only)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


def at_threshold(
    y: Ints,
    p: Floats,
    threshold: float,
    prevalence: float | None = None,
    weight: Floats | None = None,
) -> dict[str, float]:
    """Precision, recall, F1 and false-positive rate of ``p >= threshold``.

    With ``prevalence``, negatives are weighted as if positives made up that share;
    ``weight`` gives each sample a weight (e.g. to balance sources).

    >>> at_threshold(np.array([1, 1, 0, 0]), np.array([0.9, 0.4, 0.6, 0.1]), 0.5)["f1"]
    0.5
    """
    pred = p >= threshold
    w: Floats = np.ones(len(y)) if weight is None else weight
    tp, fp = float(np.sum(w[pred & (y == 1)])), float(np.sum(w[pred & (y == 0)]))
    fn, tn = float(np.sum(w[~pred & (y == 1)])), float(np.sum(w[~pred & (y == 0)]))
    if prevalence is not None:
        scale = (tp + fn) / max(fp + tn, 1e-12) * (1 - prevalence) / prevalence
        fp, tn = fp * scale, tn * scale
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    fpr = fp / (fp + tn) if fp + tn else 0.0
    return {
        "threshold": round(threshold, 4),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "fpr": round(fpr, 4),
        "n": int(len(y)),
        "positives": int(np.sum(y == 1)),
    }


def candidates(p: Floats) -> Floats:
    return np.unique(np.round(p, 4))


def _curve(
    y: Ints, p: Floats, prevalence: float | None, weight: Floats | None
) -> tuple[Floats, Floats, Floats]:
    """For each candidate threshold (descending): precision and F1 of ``p >= t``."""
    w = np.ones(len(y)) if weight is None else np.asarray(weight, dtype=np.float64)
    pos_total, neg_total = float(w[y == 1].sum()), float(w[y == 0].sum())
    if prevalence is not None and neg_total:
        w = np.where(y == 0, w * pos_total / neg_total * (1 - prevalence) / prevalence, w)
    thresholds = candidates(p)[::-1]
    rounded = np.round(p, 4)
    # samples at or above each threshold: cumulative sums over the descending order
    order = np.argsort(-rounded, kind="stable")
    tp_cum = np.cumsum(np.where(y[order] == 1, w[order], 0.0))
    fp_cum = np.cumsum(np.where(y[order] == 0, w[order], 0.0))
    last = np.searchsorted(-rounded[order], -thresholds, side="right") - 1
    tp, fp = tp_cum[last], fp_cum[last]
    precision = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1e-12), 1.0)
    recall = tp / max(pos_total, 1e-12)
    f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    return thresholds, precision.astype(np.float64), np.round(f1, 4).astype(np.float64)


def best_f1(
    y: Ints, p: Floats, prevalence: float | None = None, weight: Floats | None = None
) -> float:
    """The threshold with the best F1 (ties: the higher threshold).

    >>> best_f1(np.array([1, 1, 0, 0]), np.array([0.9, 0.4, 0.6, 0.1]))
    0.4
    """
    thresholds, _precision, f1 = _curve(y, p, prevalence, weight)
    return float(thresholds[int(np.argmax(f1))])


def for_precision(
    y: Ints,
    p: Floats,
    target: float,
    prevalence: float | None = None,
    weight: Floats | None = None,
) -> float | None:
    """The lowest threshold whose precision (and that of every higher one) is >= target.

    >>> for_precision(np.array([1, 1, 0, 0]), np.array([0.9, 0.4, 0.6, 0.1]), 0.9)
    0.9
    """
    thresholds, precision, _f1 = _curve(y, p, prevalence, weight)
    below = np.flatnonzero(np.round(precision, 4) < target)
    stop = int(below[0]) if len(below) else len(thresholds)
    if stop == 0:
        return None
    return float(thresholds[stop - 1])


def for_recall(y: Ints, p: Floats, target: float) -> float:
    """The highest threshold whose recall is >= target."""
    positives = np.sort(p[y == 1])[::-1]
    index = min(int(np.ceil(target * len(positives))) - 1, len(positives) - 1)
    return float(np.floor(positives[max(index, 0)] * 1e4) / 1e4)


def auc(y: Ints, p: Floats) -> float | None:
    """Area under the ROC curve (rank formula, ties averaged); None with one class."""
    from scipy.stats import rankdata

    ranks = rankdata(p)
    pos = y == 1
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    if not n_pos or not n_neg:
        return None
    return round(float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)), 4)
