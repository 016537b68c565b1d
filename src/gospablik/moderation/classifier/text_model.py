"""A multi-output linear model over hashed character n-grams, stored as plain numpy.

The artefact is ``text_model.npz`` (``weights``: character buckets × outputs,
float16; ``bias``: outputs, float32; optionally ``word_weights``: word buckets ×
outputs) plus ``text_model.json`` (feature settings and output names). A text's
score is its character-n-gram part plus ``words.scale`` times its word part (zero
weights for an output that was fitted on characters only). Loading uses
``numpy.load(allow_pickle=False)``: no code runs from the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from gospablik.moderation.classifier.core import Item
from gospablik.moderation.classifier.features import HashedNgrams, HashedWords

MODEL_DIR = Path(__file__).parent / "model"
WORD = re.compile(r"[а-яa-z0-9]+")  # a word of a normalized text
WORD_SCALE = 0.7  # weight of the word block against the character block


@dataclass(frozen=True)
class WordBlock:
    """The optional word-n-gram block of a ``TextModel``."""

    features: HashedWords
    weights: npt.NDArray[np.float32]  # buckets × outputs
    scale: float = WORD_SCALE


class TextModel:
    """Scores normalized texts; results are memoized on each ``Item``."""

    def __init__(
        self,
        features: HashedNgrams,
        outputs: Sequence[str],
        weights: npt.NDArray[np.float32],
        bias: npt.NDArray[np.float32],
        words: WordBlock | None = None,
    ) -> None:
        self.features = features
        self.outputs = tuple(outputs)
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.words = words
        self._memo_key = f"text_model:{id(self)}"

    @classmethod
    def load(cls, directory: Path = MODEL_DIR) -> TextModel:
        meta = json.loads((directory / "text_model.json").read_text(encoding="utf-8"))
        with np.load(directory / "text_model.npz", allow_pickle=False) as arrays:
            weights, bias = arrays["weights"], arrays["bias"]
            words = None
            if "words" in meta:
                w = meta["words"]
                block = arrays["word_weights"].astype(np.float32)
                words = WordBlock(HashedWords(w["bits"]), block, w["scale"])
        return cls(HashedNgrams(**meta["features"]), meta["outputs"], weights, bias, words)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        features = {
            "low": self.features.low,
            "high": self.features.high,
            "bits": self.features.bits,
        }
        meta: dict[str, object] = {"features": features, "outputs": list(self.outputs)}
        arrays: dict[str, npt.NDArray[Any]] = {
            "weights": self.weights.astype(np.float16),
            "bias": self.bias,
        }
        if self.words is not None:
            meta["words"] = {"bits": self.words.features.bits, "scale": self.words.scale}
            arrays["word_weights"] = self.words.weights.astype(np.float16)
        (directory / "text_model.json").write_text(json.dumps(meta, indent=2) + "\n")
        np.savez_compressed(directory / "text_model.npz", **arrays)  # type: ignore[arg-type]

    def scores(self, normalized: Sequence[str]) -> npt.NDArray[np.float64]:
        """Linear scores (texts × outputs) of normalized texts."""
        result = self.features.score_batch(normalized, self.weights, self.bias)
        if self.words is not None:
            words = self.words.features.score_batch(normalized, self.words.weights)
            result += self.words.scale * words
        return result

    def probabilities(self, items: Sequence[Item]) -> npt.NDArray[np.float64]:
        """Return an (items × outputs) array of probabilities, computing only new items."""
        todo = [item for item in items if self._memo_key not in item.memo]
        if todo:
            scores = self.scores([i.normalized for i in todo])
            for item, row in zip(todo, sigmoid(scores), strict=True):
                item.memo[self._memo_key] = row
        return np.array([item.memo[self._memo_key] for item in items]).reshape(
            -1, len(self.outputs)
        )

    def probability(self, item: Item, output: str) -> float:
        return float(self.probabilities([item])[0, self.outputs.index(output)])

    def word_contributions(
        self, items: Sequence[Item], output: str
    ) -> list[list[tuple[int, int, float]]]:
        """Per item, (start, end, contribution) of each word of its normalized text,
        largest first. A word's contribution is the part of the linear score that
        comes from the n-grams inside it (with its bounding spaces).
        """
        words = [list(WORD.finditer(item.normalized)) for item in items]
        flat = [w.group() for item_words in words for w in item_words]
        if not flat:
            return [[] for _ in items]
        docs, buckets = self.features.ngrams(flat)
        sums = np.bincount(
            docs, weights=self.weights[buckets, self.outputs.index(output)], minlength=len(flat)
        )
        totals = np.bincount(
            self.features.ngrams([i.normalized for i in items])[0], minlength=len(items)
        )
        result, offset = [], 0
        for item_words, total in zip(words, totals, strict=True):
            values = sums[offset : offset + len(item_words)] / np.sqrt(max(total, 1))
            offset += len(item_words)
            ranked = sorted(zip(item_words, values, strict=True), key=lambda p: -p[1])
            result.append([(w.start(), w.end(), float(v)) for w, v in ranked])
        return result


def sigmoid(scores: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return 1.0 / (1.0 + np.exp(-np.clip(scores, -30, 30)))
