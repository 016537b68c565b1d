"""Validation figures at the shipped thresholds, from out-of-fold predictions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from gospablik.moderation.classifier.core import Thresholds, Verdict
from gospablik.moderation.classifier.training import metrics
from gospablik.moderation.classifier.training.trainer import Trainer
from gospablik.moderation.classifier.training.validate import (
    COMMENTS,
    ORDINARY,
    TOXIC,
    OutOfFold,
    verdicts_by_fold,
)

SOURCE_SETS = {
    "2ch_pikabu": ("2ch_pikabu",),
    "russe_detox": COMMENTS[1:],
    "all_comments": COMMENTS,
}


def figures(trainer: Trainer, oof: OutOfFold, thresholds: Thresholds) -> dict[str, Any]:
    comments = _rows(trainer, COMMENTS)
    clean = verdicts_by_fold(trainer, oof, thresholds, comments, distorted=False)
    stress = verdicts_by_fold(trainer, oof, thresholds, comments, distorted=True)
    spam_rows = _rows(trainer, ("tg_spam", "tg_ham", "2ch_pikabu", *ORDINARY))
    spam_verdicts = verdicts_by_fold(trainer, oof, thresholds, spam_rows, distorted=False)
    return {
        "insult_model": _insult_model(trainer, oof, thresholds),
        "toxic_pipeline": _toxic(
            trainer, clean, stress, lambda v: bool(set(v.labels) & set(TOXIC))
        ),
        "lexicon_only": _toxic(trainer, clean, stress, lambda v: "obscenity" in v.labels),
        "delete_precision_comments": _delete_precision(trainer, clean),
        "spam_model": _spam(trainer, lambda i: oof.spam[i], thresholds, spam_rows),
        "spam_pipeline": _spam_pipeline(trainer, spam_verdicts),
    }


def _rows(trainer: Trainer, sources: Sequence[str]) -> list[int]:
    return [i for i, s in enumerate(trainer.samples) if s.source in sources]


def _insult_model(trainer: Trainer, oof: OutOfFold, t: Thresholds) -> dict[str, Any]:
    out = {}
    for name, sources in SOURCE_SETS.items():
        rows = _rows(trainer, sources)
        y = np.array([trainer.samples[i].insult for i in rows])
        p = oof.probs[rows, 0]
        out[name] = {
            "auc": metrics.auc(y, p),
            "at_label": metrics.at_threshold(y, p, t.label["insult"]),
            "at_delete": metrics.at_threshold(y, p, t.delete["insult"]),
        }
    return out


def _toxic(
    trainer: Trainer,
    clean: dict[int, Verdict],
    stress: dict[int, Verdict],
    flagged: Callable[[Verdict], bool],
) -> dict[str, Any]:
    out = {}
    for name, sources in SOURCE_SETS.items():
        rows = _rows(trainer, sources)
        y = np.array([trainer.samples[i].insult for i in rows])
        for kind, verdicts in (("clean", clean), ("distorted", stress)):
            p = np.array([1.0 if flagged(verdicts[i]) else 0.0 for i in rows])
            out[f"{name}/{kind}"] = metrics.at_threshold(y, p, 0.5)
    return out


def _delete_precision(trainer: Trainer, clean: dict[int, Verdict]) -> dict[str, float]:
    deleted = [i for i, v in clean.items() if v.action == "delete" and set(v.labels) & set(TOXIC)]
    toxic = sum(1 for i in deleted if trainer.samples[i].insult == 1)
    return {"deleted": len(deleted), "precision": round(toxic / max(len(deleted), 1), 4)}


def _spam(
    trainer: Trainer, score: Callable[[int], float], t: Thresholds, rows: list[int]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, threshold in (("label", t.label["spam"]), ("delete", t.delete["spam"])):
        out[name] = _spam_rates(trainer, rows, _at_least(score, threshold))
    return out


def _at_least(score: Callable[[int], float], threshold: float) -> Callable[[int], bool]:
    return lambda i: score(i) >= threshold


def _spam_pipeline(trainer: Trainer, verdicts: dict[int, Verdict]) -> dict[str, Any]:
    rows = list(verdicts)
    return {
        "label": _spam_rates(trainer, rows, lambda i: "spam" in verdicts[i].labels),
        "delete": _spam_rates(
            trainer, rows, lambda i: verdicts[i].action == "delete" and "spam" in verdicts[i].labels
        ),
    }


def _spam_rates(trainer: Trainer, rows: list[int], hit: Callable[[int], bool]) -> dict[str, float]:
    groups = {
        "recall_tg_spam": ("tg_spam",),
        "fpr_ordinary": ORDINARY,
        "fpr_2ch_pikabu": ("2ch_pikabu",),
        "fpr_tg_ham": ("tg_ham",),
    }
    out = {}
    for name, sources in groups.items():
        mine = [i for i in rows if trainer.samples[i].source in sources]
        out[name] = round(sum(1 for i in mine if hit(i)) / max(len(mine), 1), 4)
        out[f"n_{name.split('_', 1)[1]}"] = len(mine)
    return out
