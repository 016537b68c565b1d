import pytest

from gospablik.style.model import LexiconEntry
from gospablik.style.rules.lexical import (
    bureaucratic_lexicon,
    cliches,
    press_release_phrases,
    time_parasites,
    vague_evaluations,
)

from .helpers import passages


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("Приём осуществляли в соответствии с графиком.", ["осуществляли", "в соответствии с"]),
        ("На территории Кузбасса открыто 5 центров.", ["На территории Кузбасса"]),
        ("Данная услуга является бесплатной.", ["Данная", "является"]),
        ("Работаем в рамках реализации проекта.", ["в рамках реализации"]),
    ],
)
def test_it_flags_bureaucratese_in_any_form(text, flagged):
    assert passages(bureaucratic_lexicon(), text) == flagged


@pytest.mark.parametrize(
    "text",
    [
        "По данным Росстата, базы данных обновили.",
        "На территории больницы запрещено курить.",
        "Этот врач принимает по четвергам.",
    ],
)
def test_it_leaves_plain_words_alone(text):
    assert passages(bureaucratic_lexicon(), text) == []


def test_it_suggests_a_rewrite_matching_the_case():
    rule = bureaucratic_lexicon()
    from gospablik.style.document import Document

    issues = list(rule.find(Document.of("В настоящее время запись закрыта.")))
    assert [i.suggestion for i in issues] == ["Сейчас"]


def test_it_flags_press_release_and_cliche_phrases():
    assert passages(press_release_phrases(), "Прошло заседание коллегии.") == ["Прошло заседание"]
    assert passages(cliches(), "Спорт играет важную роль.") == ["играет важную роль"]
    assert passages(time_parasites(), "На сегодняшний день всё готово.") == ["На сегодняшний день"]
    assert passages(vague_evaluations(), "Прошёл грандиозный праздник.") == ["грандиозный"]


def test_it_accepts_a_ministrys_own_entries():
    rule = bureaucratic_lexicon().extended(
        [LexiconEntry("соцзащита населения", "bureaucratese", "соцзащита", "Проще «соцзащита»")]
    )
    assert passages(rule, "Обратитесь в соцзащиту населения.") == ["соцзащиту населения"]


def test_it_ignores_own_entries_of_other_categories():
    rule = cliches()
    entry = LexiconEntry("соцзащита", "bureaucratese", None, "m")
    assert rule.extended([entry]) is rule
