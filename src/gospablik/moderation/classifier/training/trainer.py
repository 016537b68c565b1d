"""Fitting the two-output text model (insult, spam) on a set of samples."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from gospablik.moderation.classifier.features import HashedNgrams, HashedWords
from gospablik.moderation.classifier.normalize import normalize
from gospablik.moderation.classifier.obscenity import ObscenityLexicon
from gospablik.moderation.classifier.text_model import WORD_SCALE, TextModel, WordBlock, sigmoid
from gospablik.moderation.classifier.training.augment import Distorter
from gospablik.moderation.classifier.training.data import Sample
from gospablik.moderation.classifier.training.fit import ALPHA, fit_output

# Weights of samples by source in the spam output (others count once). Our hand-written
# citizen comments (``citizen_comments.txt``) are few against tens of thousands of chat
# and forum texts; forum comments and chat messages count twice (out-of-fold: forum
# false positives 1.40% -> 1.28% at the same recall; 4 cost 0.2 points of recall).
SPAM_WEIGHTS = {"citizen": 10.0, "2ch_pikabu": 2.0, "tg_ham": 2.0}

OUTPUTS = ("insult", "spam")
# Outputs that also see word n-grams. Spam gained 0.6 points of recall at a fixed
# false-positive rate from them; insult is fitted on characters only.
WORD_OUTPUTS = ("spam",)


@dataclass(frozen=True)
class Config:
    data: Path
    out: Path
    seed: int = 20240521
    folds: int = 5
    news_limit: int = 30000
    augment: float = 0.3  # share of training samples that also get a distorted copy
    features: HashedNgrams = field(default_factory=lambda: HashedNgrams(2, 5, 20))
    words: HashedWords = field(default_factory=lambda: HashedWords(18))


class Trainer:
    """Holds the normalized samples; fits models on subsets of them."""

    def __init__(self, config: Config, samples: Sequence[Sample]) -> None:
        self.config = config
        self.samples = list(samples)
        self.normalized = [normalize(s.text) for s in self.samples]
        self._distorted: dict[int, tuple[str, str]] = {}
        self._lexicon = ObscenityLexicon()

    def distorted_raw(self, index: int) -> str:
        """A fixed distorted spelling of sample ``index``."""
        return self._distort(index)[0]

    def distorted(self, index: int) -> str:
        """The normalized form of ``distorted_raw(index)``."""
        return self._distort(index)[1]

    def _distort(self, index: int) -> tuple[str, str]:
        if index not in self._distorted:
            distorter = Distorter(self.config.seed + index, self._lexicon)
            raw = distorter.distort(self.samples[index].text)
            self._distorted[index] = (raw, normalize(raw))
        return self._distorted[index]

    def fit(self, indices: Sequence[int]) -> TextModel:
        texts, rows = self._training_rows(indices)
        chars = self.config.features.matrix(texts)
        both = sp.hstack([chars, WORD_SCALE * self.config.words.matrix(texts)]).tocsr()
        spam_weight = np.array([SPAM_WEIGHTS.get(s.source, 1.0) for s in rows])
        weights, word_weights, biases = [], [], []
        for name in OUTPUTS:
            labelled = [
                (i, label) for i, s in enumerate(rows) if (label := getattr(s, name)) is not None
            ]
            index = np.array([i for i, _ in labelled])
            y = np.array([label for _, label in labelled])
            x = both if name in WORD_OUTPUTS else chars
            weight = spam_weight[index] if name == "spam" else None
            w, b = fit_output(x[index], y, self.config.seed, ALPHA[name], weight)
            weights.append(w[: chars.shape[1]])
            word_weights.append(
                w[chars.shape[1] :] if name in WORD_OUTPUTS else np.zeros(self.config.words.size)
            )
            biases.append(b)
        words = WordBlock(self.config.words, np.stack(word_weights, 1).astype(np.float32))
        return TextModel(
            self.config.features, OUTPUTS, np.stack(weights, 1), np.array(biases), words
        )

    def _training_rows(self, indices: Sequence[int]) -> tuple[list[str], list[Sample]]:
        rng = random.Random(self.config.seed)  # noqa: S311 - reproducible sampling
        texts = [self.normalized[i] for i in indices]
        rows = [self.samples[i] for i in indices]
        extra = [i for i in indices if rng.random() < self.config.augment]
        return texts + [self.distorted(i) for i in extra], rows + [self.samples[i] for i in extra]


def predict(model: TextModel, texts: Sequence[str]) -> npt.NDArray[np.float64]:
    """Probabilities (texts × outputs) of normalized ``texts``, in batches."""
    parts = []
    for i in range(0, len(texts), 2048):
        parts.append(sigmoid(model.scores(texts[i : i + 2048])))
    return np.concatenate(parts) if parts else np.zeros((0, len(model.outputs)))
