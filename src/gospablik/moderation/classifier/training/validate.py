"""Cross-domain and out-of-fold validation, and the choice of the shipped thresholds."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from gospablik.moderation.classifier.core import Component, Thresholds, Verdict
from gospablik.moderation.classifier.insults import LEXICON_SCORE, Entry, InsultLexicon
from gospablik.moderation.classifier.obscenity import ObscenityLexicon
from gospablik.moderation.classifier.pipeline import Pipeline
from gospablik.moderation.classifier.spam import SpamHeuristics, SpamModel, find_offers
from gospablik.moderation.classifier.spam_stack import FEATURES, SpamStack, form_signals, row
from gospablik.moderation.classifier.text_model import TextModel
from gospablik.moderation.classifier.toxicity import ToxicityModel
from gospablik.moderation.classifier.training import metrics
from gospablik.moderation.classifier.training.fit import fit_stack
from gospablik.moderation.classifier.training.trainer import Trainer, predict
from gospablik.moderation.classifier.training.weighting import source_weights

COMMENTS = ("2ch_pikabu", "russe_train", "russe_train_neutral", "russe_dev", "russe_dev_neutral")
# Every source labelled for insults: thresholds are chosen on all of them, each source
# weighted as in training (a forum-only threshold over-flags a politer page).
INSULT_SOURCES = (*COMMENTS, "ok", "sariellee", "appeals", "news", "ministry", "vk_real")
# Real comments from public pages (the tuning part of data/moderation/vk_real): where
# there are any, the insult label threshold is the model's best F1 on them.
TARGET = "vk_real"
ORDINARY = ("russe_train_neutral", "russe_dev_neutral", "news")  # spam FPR is measured on these
TOXIC = ("obscenity", "insult", "threat")
INSULT_DELETE_PRECISION = 0.95
# The labelled comment sets are about 36% toxic; comments on a ministry's page are
# politer, so the insult label threshold maximises F1 as if 20% were toxic.
INSULT_PREVALENCE = 0.2
# Spam thresholds: at most this share of ordinary texts and of forum comments flagged.
SPAM_NEGATIVES = (*ORDINARY, "2ch_pikabu")
SPAM_LABEL_FPR = 0.008
SPAM_DELETE_FPR = 0.0005
FIXED = {
    "label": {"obscenity": 0.5, "threat": 0.5, "unlawful": 0.5},
    "review": {"obscenity": 0.5, "threat": 0.5, "unlawful": 0.5},
    "delete": {"obscenity": 0.9},  # мат read with certainty; masked words go to review
}


@dataclass
class OutOfFold:
    probs: npt.NDArray[np.float64]  # samples × (insult, spam text model)
    models: list[TextModel]
    stacks: list[SpamStack]  # fitted on the other folds' out-of-fold logits
    fold_of: npt.NDArray[np.int64]
    spam: npt.NDArray[np.float64]  # the SpamModel component's score (no context)
    final_stack: SpamStack  # fitted on every out-of-fold logit: the shipped one
    insult: npt.NDArray[np.float64]  # the pipeline's insult score (model and lexicon)


def out_of_fold(trainer: Trainer) -> OutOfFold:
    folds = trainer.config.folds
    fold_of = np.array([s.fold(folds) for s in trainer.samples])
    probs = np.zeros((len(trainer.samples), 2))
    models = []
    for k in range(folds):
        print(f"out-of-fold: fold {k + 1} of {folds}", file=sys.stderr, flush=True)
        model = trainer.fit(np.flatnonzero(fold_of != k).tolist())
        test = np.flatnonzero(fold_of == k)
        probs[test] = predict(model, [trainer.normalized[i] for i in test])
        models.append(model)
    x, y = stack_rows(trainer, probs[:, 1])
    stacks, spam = [], np.zeros(len(trainer.samples))
    for k in range(folds):
        stack = fit_stack(x[fold_of != k], y[fold_of != k], FEATURES)
        spam[fold_of == k] = stack.probabilities(x[fold_of == k])
        stacks.append(stack)
    final = fit_stack(x, y, FEATURES)
    insult = np.zeros(len(trainer.samples))
    for k, model in enumerate(models):
        test = np.flatnonzero(fold_of == k)
        lexicon = InsultLexicon(trainer.insult_entries, model=model)
        insult[test] = insult_scores(model, [trainer.samples[i].text for i in test], lexicon)
    return OutOfFold(probs, models, stacks, fold_of, spam, final, insult)


def insult_scores(
    model: TextModel, texts: Sequence[str], lexicon: InsultLexicon | None = None
) -> npt.NDArray[np.float64]:
    """The pipeline's insult score of each text: the model's (one-word rule included)
    or the lexicon's, whichever is higher."""
    components: list[Component] = [ToxicityModel(model), lexicon or InsultLexicon(model=model)]
    pipeline = Pipeline(components, Thresholds({}, {}, {}), explain=False)
    return np.array([v.scores["insult"] for v in pipeline.classify_many(texts)])


def stack_rows(
    trainer: Trainer, spam_probs: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    """The stacker's features (``FEATURES`` order) and spam labels of every sample."""
    p = np.clip(spam_probs, 1e-12, 1 - 1e-12)
    logits = np.log(p / (1 - p))
    x = [
        row(float(z), form_signals(s.text, n, find_offers(n).score))
        for s, n, z in zip(trainer.samples, trainer.normalized, logits, strict=True)
    ]
    return np.array(x), np.array([s.spam for s in trainer.samples])


def cross_domain(trainer: Trainer) -> dict[str, dict[str, Any]]:
    """Train on one labelled comment set, test on the other (insult output)."""
    sources = [s.source for s in trainer.samples]
    sets = {"2ch_pikabu": ("2ch_pikabu",), "russe": COMMENTS[1:]}
    report = {}
    for train_name, test_name in (("2ch_pikabu", "russe"), ("russe", "2ch_pikabu")):
        train = [i for i, s in enumerate(sources) if s in sets[train_name]]
        test = [i for i, s in enumerate(sources) if s in sets[test_name]]
        p = predict(trainer.fit(train), [trainer.normalized[i] for i in test])[:, 0]
        y = np.array([trainer.samples[i].insult for i in test])
        best = metrics.best_f1(y, p)
        report[f"{train_name} -> {test_name}"] = {
            "auc": metrics.auc(y, p),
            "at_0.5": metrics.at_threshold(y, p, 0.5),
            "best_f1": metrics.at_threshold(y, p, best),
        }
    return report


def choose_thresholds(trainer: Trainer, oof: OutOfFold) -> Thresholds:
    rows = [i for i, s in enumerate(trainer.samples) if s.source in INSULT_SOURCES]
    y = np.array([trainer.samples[i].insult for i in rows])
    p = oof.insult[rows]
    weight = source_weights([trainer.samples[i].source for i in rows], y)
    # The lexicon's hits score LEXICON_SCORE: the label threshold never rises above it, so
    # a curated insult word always labels and goes to review (the model's own best F1
    # threshold may be higher: its scores between the two go to review as well). On real
    # comments of public pages the model over-flags rude criticism, so their out-of-fold
    # best F1 sets the threshold when they are present.
    target = [k for k, i in enumerate(rows) if trainer.samples[i].source == TARGET]
    best = metrics.best_f1(y[target], p[target]) if target else None
    best = best if best is not None else metrics.best_f1(y, p, INSULT_PREVALENCE, weight)
    insult_label = min(best, LEXICON_SCORE)
    insult_delete = (
        metrics.for_precision(y, p, INSULT_DELETE_PRECISION, INSULT_PREVALENCE, weight) or 0.99
    )
    spam_label = _fpr_threshold(trainer, oof.spam, SPAM_LABEL_FPR)
    spam_delete = max(_fpr_threshold(trainer, oof.spam, SPAM_DELETE_FPR), spam_label)
    label = FIXED["label"] | {"insult": insult_label, "spam": spam_label}
    review = FIXED["review"] | {"insult": insult_label, "spam": spam_label}
    delete = FIXED["delete"] | {"insult": max(insult_delete, insult_label), "spam": spam_delete}
    return Thresholds(label, delete, review)


def _fpr_threshold(
    trainer: Trainer, spam: npt.NDArray[np.float64], fpr: float, rows: Sequence[int] | None = None
) -> float:
    """The lowest threshold that flags at most ``fpr`` of the ordinary texts and comments
    (of ``rows`` only, when given)."""
    allowed = range(len(trainer.samples)) if rows is None else rows
    chosen = [i for i in allowed if trainer.samples[i].source in SPAM_NEGATIVES]
    negatives = np.sort(spam[chosen])
    index = min(int(np.floor(len(negatives) * (1 - fpr))), len(negatives) - 1)
    return round(float(negatives[index]) + 1e-4, 4)


def spam_thresholds_by_fold(trainer: Trainer, oof: OutOfFold) -> list[tuple[float, float]]:
    """Per fold, the spam (label, delete) thresholds chosen by the shipped rule on the
    other folds' out-of-fold scores only: applied to that fold, they give held-out
    figures that threshold choice has not seen."""
    out = []
    for k in range(trainer.config.folds):
        others = np.flatnonzero(oof.fold_of != k).tolist()
        label = _fpr_threshold(trainer, oof.spam, SPAM_LABEL_FPR, others)
        delete = _fpr_threshold(trainer, oof.spam, SPAM_DELETE_FPR, others)
        out.append((label, max(label, delete)))
    return out


def with_spam(thresholds: Thresholds, label: float, delete: float) -> Thresholds:
    """``thresholds`` with other spam label/review and delete thresholds."""
    return Thresholds(
        thresholds.label | {"spam": label},
        thresholds.delete | {"spam": delete},
        thresholds.review | {"spam": label},
        thresholds.hide,
    )


def _labelled(
    trainer: Trainer,
    probs: npt.NDArray[np.float64],
    sources: Sequence[str],
    output: str,
    column: int,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    rows = [i for i, s in enumerate(trainer.samples) if s.source in sources]
    y = np.array([getattr(trainer.samples[i], output) for i in rows])
    return y, probs[rows, column]


def fold_pipeline(
    model: TextModel,
    stack: SpamStack,
    thresholds: Thresholds,
    insults: Sequence[Entry] | None = None,
) -> Pipeline:
    components: list[Component] = [
        ObscenityLexicon(),
        ToxicityModel(model),
        InsultLexicon(insults, model=model),
        SpamHeuristics(),
        SpamModel(model, stack),
    ]
    return Pipeline(components, thresholds, explain=False)


def verdicts_by_fold(
    trainer: Trainer,
    oof: OutOfFold,
    thresholds: Thresholds | Sequence[Thresholds],
    rows: Sequence[int],
    distorted: bool,
) -> dict[int, Verdict]:
    """Run each fold's pipeline on its held-out rows (clean or distorted text), with
    the same thresholds for every fold or one set per fold."""
    out: dict[int, Verdict] = {}
    for k, (model, stack) in enumerate(zip(oof.models, oof.stacks, strict=True)):
        mine = [i for i in rows if oof.fold_of[i] == k]
        texts = [_text(trainer, i, distorted) for i in mine]
        fold_thresholds = thresholds if isinstance(thresholds, Thresholds) else thresholds[k]
        pipeline = fold_pipeline(model, stack, fold_thresholds, trainer.insult_entries)
        out.update(zip(mine, pipeline.classify_many(texts), strict=True))
    return out


def _text(trainer: Trainer, index: int, distorted: bool) -> str:
    return trainer.distorted_raw(index) if distorted else trainer.samples[index].text


def insult_thresholds_by_prevalence(trainer: Trainer, oof: OutOfFold) -> dict[str, Any]:
    """The F1-best insult threshold and its figures for several assumed toxic shares
    (all insult-labelled sources, weighted per source as in training)."""
    rows = [i for i, s in enumerate(trainer.samples) if s.source in INSULT_SOURCES]
    y = np.array([trainer.samples[i].insult for i in rows])
    p = oof.insult[rows]
    weight = source_weights([trainer.samples[i].source for i in rows], y)
    table = {}
    for prevalence in (None, 0.3, 0.2, 0.1):
        t = metrics.best_f1(y, p, prevalence, weight)
        table[str(prevalence or "balanced")] = metrics.at_threshold(y, p, t, prevalence, weight)
    return table
