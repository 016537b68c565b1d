"""Do pymorphy3 lemmas or navec embeddings add anything on real comments?

Run: ``.venv/bin/python bench/moderation_representations.py --navec FILE.tar``, with the
``navec`` library importable (``pip download --no-deps natasha==1.6.0 navec==0.10.0``,
unzip both wheels, put navec's folder on ``PYTHONPATH``; FILE is
``natasha/data/emb/navec_news_v1_1B_250K_300d_100q.tar`` from the natasha wheel). Nothing
here is needed at run time of the classifier.

The shipped scores must come from a classifier that was not trained on the tuning part:
put the ``src`` of such a revision first on ``PYTHONPATH`` (the figures in
docs/moderation-model.md used 250406c: ``git archive 250406c src | tar -x -C /tmp/before``).

On the tuning part of the real VK comments (``data/moderation/vk_real/tune.tsv``), 5-fold
cross-validation of a logistic regression on top of the shipped pipeline's scores
(insult, obscenity, threat as logits), plus binary lemma features (pymorphy3, lemmas seen
at least twice in the training folds) and/or the mean navec vector of the words. Prints
AUC and best F1 per variant and regularisation strength, and the extra time per comment.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pymorphy3
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_curve, roc_auc_score
from sklearn.model_selection import StratifiedKFold

from gospablik.moderation.classifier import default_pipeline, normalize
from gospablik.moderation.classifier.training.data import TOXIC_CLASSES, read_labelled

TUNE = Path(__file__).resolve().parent.parent / "data" / "moderation" / "vk_real" / "tune.tsv"
WORD = re.compile(r"[а-яё]+")
VARIANTS = {"shipped scores": "", "+ lemmas": "L", "+ navec": "E", "+ lemmas + navec": "LE"}


def scores(texts: list[str]) -> npt.NDArray[np.float64]:
    verdicts = default_pipeline(explain=False).classify_many(texts)
    keys = ("insult", "obscenity", "threat")
    s = np.clip([[v.scores.get(k, 0.0) for k in keys] for v in verdicts], 1e-4, 1 - 1e-4)
    return np.log(s / (1 - s))


def timed(fn: Callable[[str], object], texts: list[str]) -> tuple[list[object], float]:
    start = time.perf_counter()
    out = [fn(t) for t in texts]
    return out, (time.perf_counter() - start) / len(texts) * 1000


def lemma_matrix(lemmas: list[list[str]], fit: npt.NDArray[np.int64], rows: npt.NDArray[np.int64]):
    counts: dict[str, int] = {}
    for i in fit:
        for w in set(lemmas[i]):
            counts[w] = counts.get(w, 0) + 1
    vocab = {w: k for k, w in enumerate(w for w, c in counts.items() if c >= 2)}
    cells = [(n, vocab[w]) for n, i in enumerate(rows) for w in set(lemmas[i]) if w in vocab]
    r, c = zip(*cells, strict=True) if cells else ((), ())
    return sp.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(rows), len(vocab)))


def best_f1(y: npt.NDArray[np.int64], p: npt.NDArray[np.float64]) -> float:
    precision, recall, _ = precision_recall_curve(y, p)
    return float(np.max(2 * precision * recall / np.maximum(precision + recall, 1e-9)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--navec", required=True, help="navec .tar from the natasha wheel")
    args = parser.parse_args()
    from navec import Navec  # not a dependency of gospablik: see the module docstring

    rows = [(lab, t) for lab, t in read_labelled(TUNE) if lab != "spam"]
    texts = [t for _, t in rows]
    y = np.array([int(lab in TOXIC_CLASSES) for lab, _ in rows])
    base = scores(texts)
    morph = pymorphy3.MorphAnalyzer()
    navec = Navec.load(Path(args.navec))

    def lemmatize(text: str) -> list[str]:
        return [morph.parse(w)[0].normal_form for w in WORD.findall(normalize(text))]

    def embed(text: str) -> npt.NDArray[np.float64]:
        vectors = [navec[w] for w in WORD.findall(normalize(text)) if w in navec]
        return np.mean(vectors, axis=0) if vectors else np.zeros(300)

    lemmas, lemma_ms = timed(lemmatize, texts)  # type: ignore[assignment]
    vectors, navec_ms = timed(embed, texts)
    emb = np.array(vectors)
    print(
        f"n={len(y)} toxic={y.sum()}; ms per comment: lemmas {lemma_ms:.2f}, navec {navec_ms:.2f}"
    )
    folds = list(StratifiedKFold(5, shuffle=True, random_state=17).split(base, y))
    for strength in (0.03, 0.3, 1.0):
        for name, extra in VARIANTS.items():
            p = np.zeros(len(y))
            for fit, held in folds:
                model = LogisticRegression(C=strength, max_iter=2000, class_weight="balanced")
                model.fit(features(base, lemmas, emb, extra, fit, fit), y[fit])
                p[held] = model.predict_proba(features(base, lemmas, emb, extra, fit, held))[:, 1]
            auc, f1 = roc_auc_score(y, p), best_f1(y, p)
            print(f"C={strength} {name:18s} AUC {auc:.3f} best F1 {f1:.3f}")


def features(
    base: npt.NDArray[np.float64],
    lemmas: list[list[str]],
    emb: npt.NDArray[np.float64],
    extra: str,
    fit: npt.NDArray[np.int64],
    rows: npt.NDArray[np.int64],
) -> sp.csr_matrix:
    """The shipped scores of ``rows``, plus lemmas (vocabulary of ``fit``) and/or navec."""
    parts = [sp.csr_matrix(base[rows])]
    if "L" in extra:
        parts.append(lemma_matrix(lemmas, fit, rows))
    if "E" in extra:
        parts.append(sp.csr_matrix(emb[rows] * 3))
    return sp.hstack(parts).tocsr()


if __name__ == "__main__":
    main()
