"""Fitting one output of the linear model (scikit-learn is only used here)."""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from gospablik.moderation.classifier.spam_stack import SpamStack

# L2 strength per output, chosen on fold 0 (cross-domain AUC for insult, recall at a
# fixed false-positive rate for spam).
ALPHA = {"insult": 1e-5, "spam": 1e-6, "insult_nb": 1e-5}
EPOCHS = 30


def fit_output(
    x: sp.csr_matrix,
    y: npt.NDArray[np.int64],
    seed: int,
    alpha: float,
    weight: npt.NDArray[np.float64] | None = None,
) -> tuple[npt.NDArray[np.float32], float]:
    """Fit an L2-regularised logistic regression by SGD; return (weights, bias).
    ``weight``: per-sample weights (all 1 by default).

    With one class only (e.g. the spam output of a comments-only training set) the
    output is constant.
    """
    if len(np.unique(y)) < 2:
        return np.zeros(x.shape[1], dtype=np.float32), 10.0 if y.size and y[0] else -10.0
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import SGDClassifier

    model = SGDClassifier(
        loss="log_loss", alpha=alpha, max_iter=EPOCHS, tol=None, random_state=seed
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(x, y, sample_weight=weight)
    return model.coef_[0].astype(np.float32), float(model.intercept_[0])


def fit_stack(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.int64], names: Sequence[str]
) -> SpamStack:
    """Fit the spam stacker (a plain logistic regression over ``names``, the first
    columns of ``x``; the rest, such as the courtesy flag, are not fitted)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=5000).fit(x[:, : len(names)], y)
    coefficients = {name: round(float(c), 6) for name, c in zip(names, model.coef_[0], strict=True)}
    return SpamStack(coefficients, round(float(model.intercept_[0]), 6))
