from gospablik.style.rules.formulas import DocumentFormula, SplitPredicate
from gospablik.style.rules.officialese import (
    DocumentAbbreviation,
    Initials,
    OfficialName,
    UnknownAbbreviation,
)
from gospablik.style.rules.press import NoReaderAddress, OfficialTitle, PressOpening

from .helpers import passages


def test_it_flags_a_press_release_opening_only_at_the_start():
    text = "Первое. Второе. Министерство информирует о новом графике."
    assert passages(PressOpening(), text) == []
    assert passages(PressOpening(), "Пресс-служба сообщает: график новый.") == [
        "Пресс-служба сообщает"
    ]


def test_it_flags_a_long_title_before_a_name():
    text = (
        "Главный внештатный специалист министерства здравоохранения Кузбасса Анна Смирнова пришла."
    )
    assert passages(OfficialTitle(), text) == [
        "специалист министерства здравоохранения Кузбасса Анна Смирнова"
    ]


def test_it_wants_a_word_to_the_reader_in_long_texts_only():
    short = "Министерство провело проверку поликлиник области."
    assert passages(NoReaderAddress(), short) == []
    long = " ".join([short] * 12)
    assert passages(NoReaderAddress(), long + " Приходите на приём.") == []
    assert passages(NoReaderAddress(), long + " Мы ждём.") == []


def test_it_flags_full_official_names():
    text = "Государственное бюджетное учреждение здравоохранения «Областная больница» открыто."
    assert passages(OfficialName(), text) == [
        "Государственное бюджетное учреждение здравоохранения «Областная больница»"
    ]


def test_it_skips_known_abbreviations_and_all_caps_headlines():
    assert passages(UnknownAbbreviation(), "Звоните в МЧС, МИД и ГИБДД.") == []
    assert passages(UnknownAbbreviation(), "ВНИМАНИЕ! ГАУЗ КОМИАЦ ПЕРЕЕХАЛ НА НОВЫЙ АДРЕС") == []


def test_it_suggests_the_year_in_words():
    rule = DocumentAbbreviation()
    assert passages(rule, "Родился 1 мая 1945 г.") == ["1945 г."]
    from gospablik.style.document import Document

    issues = list(rule.find(Document.of("1 мая 1945 г. и 2024 г.")))
    assert [i.suggestion for i in issues] == ["1945 года", "2024 год"]


def test_it_flags_initials_but_not_single_letters():
    assert passages(Initials(), "А. Пушкин и И.И. Иванов") == ["И.И. Иванов"]


def test_it_flags_document_formulas():
    text = "1.2.3. Ведение реестра (далее — Реестр) по приказу от 01.02.2024 № 12-п."
    assert passages(DocumentFormula(), text) == [
        "(далее — Реестр)",
        "от 01.02.2024 № 12-п",
        "1.2.3.",
    ]


def test_it_flags_split_predicates_with_modifiers():
    assert passages(SplitPredicate(), "Нужно осуществить своевременное согласование.") == [
        "осуществить своевременное согласование"
    ]
