from gospablik.moderation.classifier import Context, Item, SpamHeuristics, SpamModel, TextModel
from gospablik.moderation.classifier.pipeline import load_thresholds

HEURISTICS = SpamHeuristics()
MODEL = SpamModel(TextModel.load())
SPAM_LABEL = load_thresholds().label["spam"]


def test_it_flags_earn_from_home_offers_with_contacts():
    finding = MODEL.analyze(Item("Удалённая работа, доход от 3000р в день, пиши в лс @job"))[0]
    assert finding.score >= 0.8
    assert {s.rule for s in finding.spans} >= {"spam:earn", "spam:username"}
    assert "заработок" in finding.explanation


def test_it_does_not_flag_a_citizen_with_a_link():
    text = "Вот новость об этом: https://kuzbass.ru/news/1 — когда починят?"
    assert MODEL.analyze(Item(text))[0].score < SPAM_LABEL
    assert HEURISTICS.analyze(Item(text)) == []


def test_it_points_at_words_disguised_with_latin_letters():
    finding = MODEL.analyze(Item("He ycпeвaeшь c yчёбoй? Haпиши Haм, cдeлaeм быcтpo!"))[0]
    assert finding.score >= SPAM_LABEL
    mixed = [s.text for s in finding.spans if s.rule == "spam:mixed_script"]
    assert "ycпeвaeшь" in mixed and "быcтpo" in mixed
    assert "латиницей" in finding.explanation


def test_it_keeps_a_citizen_who_writes_a_number_with_a_unit():
    text = "Пенсию 15к подняли на 2-й месяц, а тарифы выросли. Когда пересчитают?"
    assert MODEL.analyze(Item(text))[0].score < SPAM_LABEL


def test_it_flags_a_text_repeated_by_its_author():
    text = "Купите наши окна со скидкой, лучшие окна в городе!"
    context = Context(author_id="1", recent_by_author=[text, text.upper()])
    finding = HEURISTICS.analyze(Item(text, context))[0]
    assert finding.score >= 0.95
    assert "Повтор текста" in finding.explanation


def test_it_ignores_a_short_repeated_text():
    context = Context(recent_by_author=["Спасибо!", "Спасибо!"])
    assert HEURISTICS.analyze(Item("Спасибо!", context)) == []


def test_it_does_not_call_greetings_spam():
    from gospablik.moderation.classifier import default_pipeline

    for text in ("Здравствуйте", "Привет", "Спасибо!", "Добрый день"):
        assert "spam" not in default_pipeline().classify(text).labels, text


def test_it_deletes_a_job_offer_with_a_contact():
    from gospablik.moderation.classifier import default_pipeline

    verdict = default_pipeline().classify("Удалённая работа, от 3000р в день. Пиши в лс @job_bot")
    assert verdict.labels == ["spam"] and verdict.action == "delete"


def test_it_sends_a_polite_request_to_write_in_private_to_review_at_most():
    from gospablik.moderation.classifier import default_pipeline

    text = "Напишите мне в личные сообщения, пожалуйста, у меня вопрос по маминой пенсии."
    finding = MODEL.analyze(Item(text))[0]
    assert finding.ceiling == "review"
    assert "только на проверку" in finding.explanation
    assert default_pipeline().classify(text).action != "delete"


def test_it_still_deletes_a_polite_offer_with_a_contact():
    from gospablik.moderation.classifier import default_pipeline

    text = "Пожалуйста, пишите @job_bot: удалённая работа, доход от 3000р в день"
    assert MODEL.analyze(Item(text))[0].ceiling == "delete"
    assert default_pipeline().classify(text).action == "delete"


CITIZENS = [
    "Добрый день! Подскажите, пожалуйста, где получить справку?",
    "Здравствуйте, когда будет запись к терапевту?",
    "Здравствуйте!",
    "Всем привет",
    "Ура!",
    "Спасибо большое врачам",
    "Подскажите телефон регистратуры",
    "Скиньте ссылку на форму",
    "Как подать заявление через Госуслуги?",
    "Мой номер 89051234567, перезвоните по поводу льготы",
    "Работа для инвалидов есть в городе?",
    "Скидка для пенсионеров есть?",
    "Бесплатные лекарства положены?",
    "Ищу работу, помогите",
    "Напишите мне в личку, пожалуйста, не хочу писать здесь номер полиса",
    "Здравствуйте, можно я вам в личку напишу? Там мои данные.",
]


def test_it_never_deletes_a_polite_citizen_on_its_own():
    from gospablik.moderation.classifier import default_pipeline

    for text in CITIZENS:
        assert default_pipeline().classify(text).action != "delete", text
