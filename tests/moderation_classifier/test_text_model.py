import numpy as np

from gospablik.moderation.classifier import Item, TextModel
from gospablik.moderation.classifier.features import HashedNgrams


def test_it_round_trips_through_numpy_files(tmp_path):
    features = HashedNgrams(2, 3, 12)
    weights = np.random.default_rng(1).normal(size=(features.size, 2)).astype(np.float32)
    model = TextModel(features, ("insult", "spam"), weights, np.array([0.5, -0.5]))
    model.save(tmp_path)
    loaded = TextModel.load(tmp_path)
    item = Item("проверка связи")
    assert loaded.outputs == ("insult", "spam")
    assert np.allclose(
        loaded.probabilities([item]), model.probabilities([Item(item.text)]), atol=1e-2
    )


def test_it_ships_a_small_model():
    from gospablik.moderation.classifier.text_model import MODEL_DIR

    assert (MODEL_DIR / "text_model.npz").stat().st_size < 15 * 2**20
    assert TextModel.load().features == HashedNgrams(2, 5, 20)


def test_it_names_the_words_behind_an_insult():
    model = TextModel.load()
    ranked = model.word_contributions([Item("ты тупой дебил")], "insult")[0]
    top = "ты тупой дебил"[ranked[0][0] : ranked[0][1]]
    assert top in ("тупой", "дебил")
