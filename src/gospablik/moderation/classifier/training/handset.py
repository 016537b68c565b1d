"""Figures on our hand-labelled ministry comments (``data/moderation/ministry_eval.tsv``).

The set is never trained on. Per gold category: the share flagged (a toxic label for
insult/obscenity/threat, the spam label for spam), the share labelled with exactly that
category, and the share deleted; for ``ordinary`` and ``criticism`` the share wrongly
flagged and deleted. Toxic-vs-not P/R/F1 on the texts as written and with distorted
spellings (``augment.py``), and spam recall against the flag rate of ordinary comments.
"""

from __future__ import annotations

import collections
from pathlib import Path
from typing import Any

import numpy as np

from gospablik.moderation.classifier.core import Verdict
from gospablik.moderation.classifier.obscenity import ObscenityLexicon
from gospablik.moderation.classifier.pipeline import Pipeline
from gospablik.moderation.classifier.training.augment import Distorter
from gospablik.moderation.classifier.training.crossdomain import toxic_figures
from gospablik.moderation.classifier.training.data import TOXIC_CLASSES, read_labelled
from gospablik.moderation.classifier.training.validate import TOXIC

REPO = Path(__file__).resolve().parents[5]
EVAL_SET = REPO / "data" / "moderation" / "ministry_eval.tsv"
CLEAN = ("ordinary", "criticism")


def evaluate(pipeline: Pipeline, seed: int, path: Path = EVAL_SET) -> dict[str, Any]:
    if not path.exists():
        return {}
    rows = read_labelled(path)
    labels = [label for label, _ in rows]
    clean = pipeline.classify_many([text for _, text in rows])
    lexicon = ObscenityLexicon()
    distorted_texts = [
        Distorter(seed + i, lexicon).distort(text) for i, (_, text) in enumerate(rows)
    ]
    distorted = pipeline.classify_many(distorted_texts)
    not_spam = [i for i, label in enumerate(labels) if label != "spam"]
    y = np.array([int(labels[i] in TOXIC_CLASSES) for i in not_spam])
    out: dict[str, Any] = {"n": dict(collections.Counter(labels))}
    out["toxic_clean"] = toxic_figures(y, [clean[i] for i in not_spam])
    out["toxic_distorted"] = toxic_figures(y, [distorted[i] for i in not_spam])
    out["by_category"] = {c: _category(c, labels, clean) for c in dict.fromkeys(labels)}
    out["wrongly_deleted"] = [
        rows[i][1] for i, v in enumerate(clean) if labels[i] in CLEAN and v.action == "delete"
    ]
    out["missed_toxic"] = [
        rows[i][1]
        for i, v in enumerate(clean)
        if labels[i] in TOXIC_CLASSES and not set(v.labels) & set(TOXIC)
    ]
    out["flagged_clean"] = [
        rows[i][1]
        for i, v in enumerate(clean)
        if labels[i] in CLEAN and (set(v.labels) & {*TOXIC, "spam"})
    ]
    return out


def _category(category: str, labels: list[str], verdicts: list[Verdict]) -> dict[str, float]:
    mine = [v for label, v in zip(labels, verdicts, strict=True) if label == category]
    wanted = {"spam"} if category == "spam" else set(TOXIC)
    flagged = [bool(set(v.labels) & wanted) for v in mine]
    spam = [("spam" in v.labels) for v in mine]
    return {
        "n": len(mine),
        "flagged": _share(flagged),
        "labelled_as_category": _share([category in v.labels for v in mine]),
        "flagged_spam": _share(spam),
        "deleted": _share([v.action == "delete" for v in mine]),
        "reviewed": _share([v.action in ("review", "hide") for v in mine]),
    }


def _share(flags: list[bool]) -> float:
    return round(sum(flags) / len(flags), 4) if flags else 0.0
