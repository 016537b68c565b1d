"""Leave-one-source-out validation of the toxic-vs-not decision.

For each labelled comment source, the insult output is fitted on every other source
(same recipe, same augmentation) and the whole pipeline — obscenity lexicon, insult
model and lexicon, threat rules — runs on the held-out source, on its texts as written
and with deliberately distorted spellings, at the shipped thresholds. This is the
closest the shared data gets to "a new site's comments": the held-out source's style,
topics and labelling were never seen.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from gospablik.moderation.classifier.core import Thresholds, Verdict
from gospablik.moderation.classifier.insults import Entry
from gospablik.moderation.classifier.spam_stack import SpamStack
from gospablik.moderation.classifier.text_model import TextModel
from gospablik.moderation.classifier.training import metrics
from gospablik.moderation.classifier.training.trainer import Trainer, predict
from gospablik.moderation.classifier.training.validate import TOXIC, fold_pipeline

# Held-out groups: name -> sources. News sentences stay in training (not comments).
HELD_OUT = {
    "2ch_pikabu": ("2ch_pikabu",),
    "russe_detox": ("russe_train", "russe_train_neutral", "russe_dev", "russe_dev_neutral"),
    "ok": ("ok",),
    "sariellee": ("sariellee",),
    "appeals": ("appeals",),
    "ministry_train": ("ministry",),
}


@dataclass(frozen=True)
class Recipe:
    """What to validate: a recipe name, the rows it may train on, its lexicon and
    thresholds; ``fallback`` is a model of this recipe trained on all its rows, used
    for held-out sources the recipe never trains on anyway (no refit needed)."""

    name: str
    rows: Sequence[int]
    thresholds: Thresholds
    stack: SpamStack
    insults: Sequence[Entry] | None = None
    fallback: TextModel | None = None


def leave_one_source_out(trainer: Trainer, recipe: Recipe) -> dict[str, Any]:
    allowed = set(recipe.rows)
    report = {}
    for name, sources in HELD_OUT.items():
        held = [i for i, s in enumerate(trainer.samples) if s.source in sources]
        train = [i for i in recipe.rows if trainer.samples[i].source not in sources]
        if not held:
            continue
        print(f"  held out: {name}", file=sys.stderr, flush=True)
        if recipe.fallback is not None and not allowed.intersection(held):
            model = recipe.fallback
        else:
            model = trainer.fit(train, outputs=("insult",), recipe=recipe.name)
        report[name] = _figures(trainer, recipe, model, held)
    return report


def _figures(trainer: Trainer, recipe: Recipe, model: TextModel, held: list[int]) -> dict[str, Any]:
    y = np.array([trainer.samples[i].insult for i in held])
    pipeline = fold_pipeline(model, recipe.stack, recipe.thresholds, recipe.insults)
    out: dict[str, Any] = {"n": len(held), "toxic": int(y.sum())}
    p = predict(model, [trainer.normalized[i] for i in held])[:, 0]
    out["auc"] = metrics.auc(y, p)
    for kind in ("clean", "distorted"):
        texts = [
            trainer.distorted_raw(i) if kind == "distorted" else trainer.samples[i].text
            for i in held
        ]
        out[kind] = toxic_figures(y, pipeline.classify_many(texts))
    return out


def toxic_figures(y: np.ndarray, verdicts: Sequence[Verdict]) -> dict[str, float | None]:
    """Precision/recall/F1 of "labelled toxic", and the share of toxic and non-toxic
    comments deleted."""
    flagged = np.array([bool(set(v.labels) & set(TOXIC)) for v in verdicts], dtype=float)
    deleted = np.array([v.action == "delete" for v in verdicts])
    row: dict[str, float | None] = dict(metrics.at_threshold(y, flagged, 0.5))
    row.pop("threshold")
    row["flagged_non_toxic"] = round(float(flagged[y == 0].mean()), 4) if (y == 0).any() else None
    row["deleted_non_toxic"] = round(float(deleted[y == 0].mean()), 4) if (y == 0).any() else None
    row["deleted_toxic"] = round(float(deleted[y == 1].mean()), 4) if (y == 1).any() else None
    return row
