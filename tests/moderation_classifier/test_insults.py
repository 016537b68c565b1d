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


@pytest.mark.parametrize(
    "text",
    [
        "Хохлы во всём виноваты",
        "Понаехали чурки",
        "Ватники опять радуются",
        "Либерасты ноют",
        "Пендосы нам не указ",
        "Эти животные в администрации",
        "Вы не люди, вы скот",
        "Стадо баранов руководит областью",
        "Чинуши-дебилоиды опять всё испортили",
        "Быдломинистерство какое-то",
        "Мозгов как у курицы",
        "Хуже свиней живут эти депутаты",
        "Ведут себя как обезьяны",
        "Ну ты и клоун",
        "Тупорылые бюрократы",
        "Кремлеботы опять строчат",
    ],
)
def test_it_finds_slurs_dehumanising_words_and_derived_forms(lexicon, text):
    assert lexicon.analyze(Item(text))


@pytest.mark.parametrize(
    "text",
    [
        "Животные в приюте нуждаются в кормах",
        "Бараны пасутся у дороги, водители их объезжают",
        "Крысы в подвале, нужна дезинсекция",
        "Хохлома — наш народный промысел",
        "Какой идиотизм — закрыть единственную аптеку",
        "Овощи на рынке подорожали",
        "Укроп и петрушка в школьной столовой",
        "Цирк приехал, клоуны понравились детям",
    ],
)
def test_it_leaves_animals_and_other_senses_alone(lexicon, text):
    assert lexicon.analyze(Item(text)) == []


def test_it_reads_exact_forms_from_the_vk_lexicon():
    from gospablik.moderation.classifier.insults import Entry

    lexicon = InsultLexicon([Entry("form", "нищеброды", "")])
    assert [f.spans[0].text for f in lexicon.analyze(Item("Нищеброды, а не люди"))] == ["Нищеброды"]
