"""Validation figures at the shipped thresholds, from out-of-fold predictions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from gospablik.moderation.classifier.core import Thresholds, Verdict
from gospablik.moderation.classifier.pipeline import Pipeline, default_components, load_thresholds
from gospablik.moderation.classifier.training import metrics
from gospablik.moderation.classifier.training.data import CITIZENS_HOLDOUT, load_citizens
from gospablik.moderation.classifier.training.trainer import Trainer
from gospablik.moderation.classifier.training.validate import (
    COMMENTS,
    ORDINARY,
    TOXIC,
    OutOfFold,
    spam_thresholds_by_fold,
    verdicts_by_fold,
    with_spam,
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
    spam_rows = _rows(trainer, ("tg_spam", "tg_ham", "2ch_pikabu", "citizen", *ORDINARY))
    spam_verdicts = verdicts_by_fold(trainer, oof, thresholds, spam_rows, distorted=False)
    by_fold = spam_thresholds_by_fold(trainer, oof)
    held_out = [with_spam(thresholds, label, delete) for label, delete in by_fold]
    held_out_verdicts = verdicts_by_fold(trainer, oof, held_out, spam_rows, distorted=False)
    return {
        "insult_model": _insult_model(trainer, oof, thresholds),
        "toxic_pipeline": _toxic(
            trainer, clean, stress, lambda v: bool(set(v.labels) & set(TOXIC))
        ),
        "lexicon_only": _toxic(trainer, clean, stress, lambda v: "obscenity" in v.labels),
        "delete_precision_comments": _delete_precision(trainer, clean),
        "spam_model": _spam(trainer, lambda i: oof.spam[i], thresholds, spam_rows),
        "spam_pipeline": _spam_pipeline(trainer, spam_verdicts),
        "spam_pipeline_held_out_thresholds": _spam_pipeline(trainer, held_out_verdicts),
        "spam_thresholds_by_fold": [list(pair) for pair in by_fold],
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
        "fpr_citizen": ("citizen",),
    }
    out = {}
    for name, sources in groups.items():
        mine = [i for i in rows if trainer.samples[i].source in sources]
        out[name] = round(sum(1 for i in mine if hit(i)) / max(len(mine), 1), 4)
        out[f"n_{name.split('_', 1)[1]}"] = len(mine)
    return out


def citizen_holdout(model_dir: Path) -> dict[str, Any]:
    """The shipped model on the held-out citizen comments (never trained on)."""
    thresholds = load_thresholds(model_dir / "thresholds.json")
    pipeline = Pipeline(default_components(model_dir), thresholds, explain=False)
    texts = [s.text for s in load_citizens(CITIZENS_HOLDOUT)]
    verdicts = pipeline.classify_many(texts)
    flagged = [t for t, v in zip(texts, verdicts, strict=True) if "spam" in v.labels]
    return {
        "n": len(texts),
        "spam_flagged": round(len(flagged) / max(len(texts), 1), 4),
        "any_label": sum(1 for v in verdicts if v.labels),
        "deleted": sum(1 for v in verdicts if v.action == "delete"),
        "spam_flagged_texts": flagged,
    }
