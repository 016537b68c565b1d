from gospablik.moderation.classifier import Context, Item, SpamHeuristics

HEURISTICS = SpamHeuristics()


def test_it_flags_earn_from_home_offers_with_contacts():
    findings = HEURISTICS.analyze(Item("Удалённая работа, доход от 3000р в день, пиши в лс @job"))
    assert findings[0].score >= 0.8
    assert {s.rule for s in findings[0].spans} >= {"spam:earn", "spam:username"}


def test_it_does_not_flag_a_citizen_with_a_link():
    text = "Вот новость об этом: https://kuzbass.ru/news/1 — когда починят?"
    assert HEURISTICS.analyze(Item(text)) == []


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
