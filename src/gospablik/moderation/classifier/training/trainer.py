"""Fitting the two-output text model (insult, spam) on a set of samples.

Texts are normalized and vectorised once per ``Trainer`` (and cached on disk under
``var/moderation-cache`` of the working directory when ``Config.cache`` is set); a fit
slices the rows it needs. Two recipes are kept so that the model card can compare
them in one run: ``v1`` (the model shipped before issue 17: 2ch/pikabu, russe_detox,
news, chat spam; unweighted; plain logistic regression) and ``v2`` (every source
including ``extra/`` and our ministry comments, balanced by weight per source; the
insult output is NB-LR).
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from gospablik.moderation.classifier.features import HashedNgrams, HashedWords
from gospablik.moderation.classifier.insults import Entry
from gospablik.moderation.classifier.normalize import normalize
from gospablik.moderation.classifier.obscenity import ObscenityLexicon
from gospablik.moderation.classifier.text_model import WORD_SCALE, TextModel, WordBlock, sigmoid
from gospablik.moderation.classifier.training.augment import Distorter
from gospablik.moderation.classifier.training.data import Sample
from gospablik.moderation.classifier.training.fit import ALPHA, fit_output
from gospablik.moderation.classifier.training.weighting import nb_ratios, source_weights

# Weights of samples by source in the spam output (others count once). Our hand-written
# citizen comments (``citizen_comments.txt``) are few against tens of thousands of chat
# and forum texts; forum comments and chat messages count twice (out-of-fold: forum
# false positives 1.40% -> 1.28% at the same recall; 4 cost 0.2 points of recall).
SPAM_WEIGHTS = {"citizen": 10.0, "2ch_pikabu": 2.0, "tg_ham": 2.0, "ministry": 10.0}

OUTPUTS = ("insult", "spam")
# Outputs that also see word n-grams. Spam gained 0.6 points of recall at a fixed
# false-positive rate from them; insult is fitted on characters only.
WORD_OUTPUTS = ("spam",)
RECIPES = ("v1", "v2")


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
    recipe: str = "v2"
    cache: Path | None = None  # folder for normalized texts and matrices


@dataclass
class _Texts:
    normalized: list[str]
    distorted: dict[int, tuple[str, str]]  # sample index -> (raw, normalized)


class Trainer:
    """Holds the normalized, vectorised samples; fits models on subsets of them."""

    def __init__(self, config: Config, samples: Sequence[Sample]) -> None:
        self.config = config
        self.samples = list(samples)
        self._lexicon = ObscenityLexicon()
        self.insult_entries: list[Entry] | None = None  # the lexicon validation runs with
        self.augmented = np.array([self._augmented(s) for s in self.samples])
        key = _digest(config, self.samples)
        self._distorted: dict[int, tuple[str, str]] = {}
        texts = self._cached(key, "texts", self._texts)
        self.normalized = texts.normalized
        self._distorted.update(texts.distorted)
        self.aug_rows = np.flatnonzero(self.augmented)
        aug_texts = [self._distorted[int(i)][1] for i in self.aug_rows]
        self.chars = self._matrix(key, "chars", self.normalized + aug_texts, config.features)
        self.words = self._matrix(key, "words", self.normalized + aug_texts, config.words)

    def _augmented(self, sample: Sample) -> bool:
        h = zlib.crc32(f"{self.config.seed}:{sample.source}:{sample.group}:{sample.text}".encode())
        return h / 2**32 < self.config.augment

    def _texts(self) -> _Texts:
        normalized = [normalize(s.text) for s in self.samples]
        distorted = {int(i): self._distort(int(i)) for i in np.flatnonzero(self.augmented)}
        return _Texts(normalized, distorted)

    def _cached(self, key: str, name: str, build: Callable[[], _Texts]) -> _Texts:
        path = self.config.cache / f"{key}-{name}.json" if self.config.cache else None
        if path is not None and path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            distorted = {int(k): (v[0], v[1]) for k, v in data["distorted"].items()}
            return _Texts(data["normalized"], distorted)
        value = build()
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            data = {"normalized": value.normalized, "distorted": value.distorted}
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return value

    def _matrix(
        self, key: str, name: str, texts: list[str], features: HashedNgrams | HashedWords
    ) -> sp.csr_matrix:
        path = self.config.cache / f"{key}-{name}.npz" if self.config.cache else None
        if path is not None and path.exists():
            return sp.load_npz(path).tocsr()
        matrix = features.matrix(texts)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            sp.save_npz(path, matrix)
        return matrix

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

    def fit(
        self,
        indices: Sequence[int],
        outputs: Sequence[str] = OUTPUTS,
        recipe: str | None = None,
    ) -> TextModel:
        """Fit the outputs on samples ``indices`` (plus their distorted copies) with
        ``recipe`` (the config's by default); outputs left out get zero weights."""
        rows, matrix_rows = self._training_rows(indices)
        chars = self.chars[matrix_rows]
        both = sp.hstack([chars, WORD_SCALE * self.words[matrix_rows]]).tocsr()
        weights, word_weights, biases = [], [], []
        for name in OUTPUTS:
            labelled = [
                (i, label) for i, s in enumerate(rows) if (label := getattr(s, name)) is not None
            ]
            index = np.array([i for i, _ in labelled], dtype=np.int64)
            y = np.array([label for _, label in labelled], dtype=np.int64)
            if name not in outputs or not len(index):
                w, b = np.zeros(both.shape[1], dtype=np.float32), -10.0
            else:
                x = both if name in WORD_OUTPUTS else chars
                chosen = [rows[i] for i in index]
                w, b = self._fit_one(name, x[index], y, chosen, recipe or self.config.recipe)
            weights.append(w[: chars.shape[1]])
            word_weights.append(
                w[chars.shape[1] :] if name in WORD_OUTPUTS else np.zeros(self.config.words.size)
            )
            biases.append(b)
        words = WordBlock(self.config.words, np.stack(word_weights, 1).astype(np.float32))
        return TextModel(
            self.config.features, OUTPUTS, np.stack(weights, 1), np.array(biases), words
        )

    def _fit_one(
        self,
        name: str,
        x: sp.csr_matrix,
        y: npt.NDArray[np.int64],
        rows: list[Sample],
        recipe: str,
    ) -> tuple[npt.NDArray[np.float32], float]:
        seed = self.config.seed
        if name == "spam":
            weight = np.array([SPAM_WEIGHTS.get(s.source, 1.0) for s in rows])
            return fit_output(x, y, seed, ALPHA["spam"], weight)
        if recipe == "v1":
            return fit_output(x, y, seed, ALPHA["insult"])
        weight = source_weights([s.source for s in rows], y)
        r = nb_ratios(x, y, weight)
        w, b = fit_output((x @ sp.diags(r)).tocsr(), y, seed, ALPHA["insult_nb"], weight)
        return w * r, b

    def _training_rows(self, indices: Sequence[int]) -> tuple[list[Sample], list[int]]:
        """The samples to fit on and their rows in the cached matrices."""
        chosen = np.asarray(indices, dtype=np.int64)
        extra = chosen[self.augmented[chosen]]
        matrix_rows = np.concatenate(
            [chosen, len(self.samples) + np.searchsorted(self.aug_rows, extra)]
        )
        rows = [self.samples[i] for i in chosen] + [self.samples[i] for i in extra]
        return rows, matrix_rows.tolist()


def _digest(config: Config, samples: Sequence[Sample]) -> str:
    h = hashlib.sha256(f"{config.seed}:{config.augment}:{config.features}:{config.words}".encode())
    for s in samples:
        h.update(f"{s.source}\x00{s.text}\x01".encode())
    return h.hexdigest()[:16]


def predict(model: TextModel, texts: Sequence[str]) -> npt.NDArray[np.float64]:
    """Probabilities (texts × outputs) of normalized ``texts``, in batches."""
    parts = []
    for i in range(0, len(texts), 2048):
        parts.append(sigmoid(model.scores(texts[i : i + 2048])))
    return np.concatenate(parts) if parts else np.zeros((0, len(model.outputs)))
