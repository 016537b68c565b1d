import pytest

from gospablik.moderation.classifier import Item, ObscenityLexicon

LEXICON = ObscenityLexicon()


@pytest.mark.parametrize(
    "text",
    [
        "ну и хуйня",
        "нахуя это всё",
        "x.y.й",
        "бл*",
        "п***ц полный",
        "пиз дец",
        "3аебал",
        "долбоёб",
        "ПИЗДЕЦ",
        "распиздяи",
        "выебываться",
        "с*ка",
        "еб твою мать",
        "блядство",
    ],
)
def test_it_finds_obscenity(text):
    findings = LEXICON.analyze(Item(text))
    assert findings and findings[0].category == "obscenity"


@pytest.mark.parametrize(
    "text",
    [
        "застрахуйте машину",
        "не психуй",
        "купите хлеба",
        "скажи себе и тебе",
        "оскорблять нельзя",
        "в Херсонской области",
        "оформите ЕБС в банке",
        "ЕБРР выделил кредит",
        "мудрое решение",
        "атеросклеротическая бляшка",
        "Себастьян приехал",
        "мандарины и мандат",
        "педикюр и педагог",
        "сучковатая палка",
        "Ирина Олеговна",
        "сразу сработало",
        "Екатеринбург, он же Ебург",
    ],
)
def test_it_leaves_ordinary_words_alone(text):
    assert LEXICON.analyze(Item(text)) == []


def test_it_points_at_the_original_spelling():
    finding = LEXICON.analyze(Item("Да вы о.х.у.е.л.и там!"))[0]
    assert finding.spans[0].text == "о.х.у.е.л.и"
    assert "замаскированная" in finding.explanation


def test_it_scores_mat_above_masked_above_vulgar():
    mat = LEXICON.analyze(Item("хуйня"))[0].score
    masked = LEXICON.analyze(Item("х*йня"))[0].score
    vulgar = LEXICON.analyze(Item("жопа"))[0].score
    assert mat > masked > vulgar
