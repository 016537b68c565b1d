"""Binary metrics and threshold choice (numpy only)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


def at_threshold(
    y: Ints, p: Floats, threshold: float, prevalence: float | None = None
) -> dict[str, float]:
    """Precision, recall, F1 and false-positive rate of ``p >= threshold``.

    With ``prevalence``, negatives are weighted as if positives made up that share.

    >>> at_threshold(np.array([1, 1, 0, 0]), np.array([0.9, 0.4, 0.6, 0.1]), 0.5)["f1"]
    0.5
    """
    pred = p >= threshold
    tp, fp = float(np.sum(pred & (y == 1))), float(np.sum(pred & (y == 0)))
    fn, tn = float(np.sum(~pred & (y == 1))), float(np.sum(~pred & (y == 0)))
    if prevalence is not None:
        weight = (tp + fn) / max(fp + tn, 1.0) * (1 - prevalence) / prevalence
        fp, tn = fp * weight, tn * weight
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


def best_f1(y: Ints, p: Floats, prevalence: float | None = None) -> float:
    """The threshold with the best F1 (ties: the higher threshold)."""
    scored = [(at_threshold(y, p, t, prevalence)["f1"], t) for t in candidates(p)[::-1]]
    return float(max(scored, key=lambda pair: pair[0])[1])


def for_precision(y: Ints, p: Floats, target: float, min_recall: float = 0.0) -> float | None:
    """The lowest threshold whose precision (and that of every higher one) is >= target."""
    best = None
    for t in candidates(p)[::-1]:
        row = at_threshold(y, p, float(t))
        if row["precision"] < target:
            break
        if row["recall"] >= min_recall:
            best = float(t)
    return best


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
