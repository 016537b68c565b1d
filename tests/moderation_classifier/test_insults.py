import json

import pytest

from gospablik.moderation.classifier.core import Item
from gospablik.moderation.classifier.insults import (
    LEXICON_SCORE,
    MODEL_DIR,
    SUPPORTED_SCORE,
    InsultLexicon,
)


@pytest.fixture(scope="module")
def lexicon() -> InsultLexicon:
    return InsultLexicon()


def test_it_scores_between_review_and_delete():
    thresholds = json.loads((MODEL_DIR / "thresholds.json").read_text(encoding="utf-8"))
    assert thresholds["review"]["insult"] <= LEXICON_SCORE < SUPPORTED_SCORE
    assert SUPPORTED_SCORE < thresholds["delete"]["insult"]


@pytest.mark.parametrize(
    "text",
    [
        "Вы там совсем идиоты? Третий месяц не можем записаться",
        "Руки бы оторвать тем, кто это строил",
        "Эти чинуши зажравшиеся",
        "Кто это придумал, дeбилы?",
        "тупые чиновники",
        "Главврач - ворюга, а вы его покрываете",
        "Хватит врать людям, позорники",
        "Ты чё, самый умный? Рот закрой",
        "Заткнитесь уже со своей вакцинацией",
        "Сдохните все",
        "чтоб вы сдохли со своими реформами",
    ],
)
def test_it_finds_insults(lexicon, text):
    assert lexicon.analyze(Item(text))


@pytest.mark.parametrize(
    "text",
    [
        "Чиновники опять ничего не сделали",
        "Нож совсем тупой",
        "Козёл съел капусту в огороде",
        "Предки не дураки были",
        "Я не идиот, всё понимаю",
        "Падёж скота в районе",
        "Аккумулятор сдох за неделю, телефон сдохнет к вечеру",
        "Закройте окно, дует",
        "Позор такой медицине",
    ],
)
def test_it_ignores_criticism_and_other_senses(lexicon, text):
    assert lexicon.analyze(Item(text)) == []
