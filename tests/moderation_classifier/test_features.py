import numpy as np

from gospablik.moderation.classifier.features import HashedNgrams


def test_it_hashes_the_same_way_everywhere():
    # The shipped weights depend on these exact buckets: a change here needs retraining.
    docs, buckets = HashedNgrams(2, 5, 20).ngrams(["мат"])
    assert docs.tolist() == [0] * 10  # " мат ": 4 + 3 + 2 + 1 n-grams
    assert buckets[:3].tolist() == [154855, 362435, 455129]


def test_it_scores_like_the_training_matrix():
    features = HashedNgrams(2, 5, 16)
    texts = ["ну ты и дурак", "спасибо за помощь", "аааа", ""]
    weights = np.random.default_rng(0).normal(size=(features.size, 2)).astype(np.float32)
    bias = np.array([0.1, -0.2], dtype=np.float32)
    direct = features.score_batch(texts, weights, bias)
    via_matrix = features.matrix(texts) @ weights + bias
    assert np.allclose(direct, via_matrix, atol=1e-4)


def test_it_gives_unit_length_vectors():
    matrix = HashedNgrams(2, 5, 20).matrix(["длинный текст комментария", "да"])
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A1
    assert np.allclose(norms, 1.0)
