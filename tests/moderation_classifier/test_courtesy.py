from gospablik.moderation.classifier import default_pipeline, normalize
from gospablik.moderation.classifier.courtesy import is_courtesy, is_polite_request
from gospablik.moderation.classifier.training.data import CITIZENS_HOLDOUT, load_citizens

# The shipped model on the held-out citizen comments (docs/moderation-model.md): 11 of 106
# flagged as spam (sent to review; 9 before issue 17, 12 after its first round: the spam
# output gained new negatives and moved its threshold), none deleted (was 1).
HOLDOUT_FLAGGED_AT_MOST = 0.105
HOLDOUT_DELETED_AT_MOST = 0.01


def test_it_reads_greetings_and_thanks_as_courtesy():
    for text in (
        "Здравствуйте!",
        "Доброго времени суток",
        "Спасибо большое за ответ!",
        "Ок, понятно",
    ):
        assert is_courtesy(normalize(text)), text


def test_it_does_not_read_a_request_or_a_contact_as_courtesy():
    for text in (
        "Привет, нужна работа?",
        "Спасибо, пишите @job_bot",
        "Добрый день, КОНТАКТЫ",
        "🔥🔥",
    ):
        assert not is_courtesy(normalize(text)), text


def test_it_finds_polite_requests():
    assert is_polite_request(normalize("Напишите мне в личные сообщения, пожалуйста"))
    assert not is_polite_request(normalize("Пиши в лс, всё расскажу"))


def test_it_keeps_bare_greetings():
    for text in ("Здравствуйте", "Добрый вечер!", "Всем привет", "Благодарю!"):
        verdict = default_pipeline().classify(text)
        assert "spam" not in verdict.labels and verdict.action == "keep", text


def test_it_rarely_flags_and_almost_never_deletes_held_out_citizen_comments():
    texts = [s.text for s in load_citizens(CITIZENS_HOLDOUT)]
    verdicts = default_pipeline(explain=False).classify_many(texts)
    assert len(texts) >= 100
    deleted = sum(1 for v in verdicts if v.action == "delete")
    assert deleted / len(texts) <= HOLDOUT_DELETED_AT_MOST
    flagged = sum(1 for v in verdicts if "spam" in v.labels)
    assert flagged / len(texts) <= HOLDOUT_FLAGGED_AT_MOST
