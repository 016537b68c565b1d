"""Training helpers: the hand-labelled sets, source weights, NB ratios, threshold curves,
the VK-lexicon filter."""

import numpy as np
import scipy.sparse as sp

from gospablik.moderation.classifier.training import metrics
from gospablik.moderation.classifier.training.data import MINISTRY_TRAIN, read_labelled
from gospablik.moderation.classifier.training.handset import EVAL_SET
from gospablik.moderation.classifier.training.lexicon import vk_insult_words
from gospablik.moderation.classifier.training.weighting import nb_ratios, source_weights

LABELS = {"ordinary", "criticism", "insult", "obscenity", "threat", "spam"}


def _folded(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def test_the_evaluation_set_is_never_in_the_training_set():
    evaluation = read_labelled(EVAL_SET)
    training = read_labelled(MINISTRY_TRAIN)
    assert len(evaluation) >= 400
    assert {label for label, _ in evaluation + training} <= LABELS
    assert not {_folded(t) for _, t in evaluation} & {_folded(t) for _, t in training}


def test_each_source_weighs_by_the_square_root_of_its_size():
    sources = ["big"] * 100 + ["small"] * 4
    labels = np.array([0] * 100 + [0] * 4)
    w = source_weights(sources, labels)
    assert np.isclose(w[:100].sum() / w[100:].sum(), 10 / 2)
    assert np.isclose(w.mean(), 1.0)


def test_classes_weigh_the_same_in_total():
    labels = np.array([1] * 10 + [0] * 90)
    w = source_weights(["a"] * 100, labels)
    assert np.isclose(w[labels == 1].sum(), w[labels == 0].sum())


def test_nb_ratios_favour_features_of_positives():
    x = sp.csr_matrix(np.array([[1, 0, 1], [1, 0, 0], [0, 1, 1], [0, 1, 0]], dtype=np.float32))
    r = nb_ratios(x, np.array([1, 1, 0, 0]))
    assert r[0] > 0 > r[1] and abs(r[2]) < 1e-6


def test_best_f1_matches_a_brute_force_search():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 300)
    p = np.clip(y * 0.3 + rng.random(300) * 0.7, 0, 1)
    w = rng.random(300) + 0.5
    t = metrics.best_f1(y, p, 0.2, w)
    brute = max(metrics.at_threshold(y, p, c, 0.2, w)["f1"] for c in metrics.candidates(p))
    assert metrics.at_threshold(y, p, t, 0.2, w)["f1"] == brute


def test_it_keeps_vk_forms_seen_in_toxic_texts_only(tmp_path):
    (tmp_path / "abuse_words.txt").write_text("нищеброды\nзабор\nхуйло\n", encoding="utf-8")
    toxic = ["нищеброды вы", "одни нищеброды", "нищеброды кругом", "забор ваш", "хуйло"] * 1
    clean = ["покрасили забор у школы"]
    assert vk_insult_words(tmp_path, toxic, clean) == ["нищеброды"]
