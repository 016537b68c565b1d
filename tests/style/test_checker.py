import pytest

from gospablik.style import CATEGORIES, LexiconEntry, StyleChecker, check, default_checker
from gospablik.style.rules.readability import LongSentence

from .helpers import blocks

OFFICIAL = (
    "Министерство здравоохранения Кузбасса информирует, что в целях обеспечения доступности "
    "медицинской помощи на территории региона осуществляется реализация мероприятий по "
    "модернизации первичного звена здравоохранения."
)
CONVERSATIONAL = (
    "В Киселёвске открыли новый ФАП. Теперь не нужно ехать в город, чтобы сдать анализы!"
)


def test_it_scores_official_prose_lower_than_a_post():
    assert check(OFFICIAL).score + 4 < check(CONVERSATIONAL).score


@pytest.mark.parametrize(
    "text",
    [
        "Завтра в 10:00 открываем новую поликлинику на Ленина, 5. Приходите!",
        "Поздравляем медиков с праздником! Спасибо за вашу работу ❤",
        "Внимание! С 1 июня регистратура работает с 8:00 до 20:00.",
    ],
)
def test_it_gives_short_normal_texts_at_least_9(text):
    assert check(text).score >= 9


def test_it_keeps_every_span_inside_the_text_and_sorted():
    for text in blocks("official.txt") + blocks("conversational.txt"):
        issues = check(text, network="telegram_caption").issues
        assert all(0 <= i.start <= i.end <= len(text) for i in issues)
        assert [(i.start, -i.end) for i in issues] == sorted((i.start, -i.end) for i in issues)


def test_it_uses_known_categories_and_russian_messages():
    for issue in check(OFFICIAL).issues:
        assert issue.category in CATEGORIES
        assert any("а" <= ch <= "я" for ch in issue.message.lower())


def test_it_drops_a_phrase_nested_in_a_longer_one():
    issues = check("В рамках реализации национального проекта открыли ФАП.").issues
    assert [i.rule for i in issues] == ["press_release_phrase"]


def test_it_splits_lost_points_between_categories():
    report = check(OFFICIAL)
    assert sum(report.penalties.values()) == pytest.approx(10 - report.score, abs=0.05)
    assert set(report.penalties) == {i.category for i in report.issues}


def test_it_reports_stats():
    stats = check(OFFICIAL).stats
    assert stats["sentences"] == 1 and stats["max_sentence_words"] == stats["words"]


def test_it_runs_only_the_given_rules():
    checker = StyleChecker(rules=[LongSentence()])
    assert check(OFFICIAL).issues and checker.check(OFFICIAL).issues == []


def test_it_adds_ministry_words_to_the_lexicon():
    entry = LexiconEntry("соцзащита населения", "bureaucratese", "соцзащита", "Проще «соцзащита»")
    report = StyleChecker(extra_lexicon=[entry]).check("Обращайтесь в соцзащиту населения.")
    assert [(i.rule, i.suggestion) for i in report.issues] == [
        ("bureaucratic_lexicon", "соцзащита")
    ]


def test_it_refuses_ministry_words_of_an_unknown_category():
    with pytest.raises(ValueError):
        StyleChecker(extra_lexicon=[LexiconEntry("слово", "spelling", None, "m")])


def test_it_applies_the_network_given_per_check_or_per_checker():
    text = "Да!\n" * 375
    assert StyleChecker(network="telegram_caption").check(text).issues
    assert StyleChecker().check(text, network="telegram_caption").issues
    assert not StyleChecker().check(text).issues


def test_it_shares_one_default_checker():
    assert default_checker() is default_checker()


def test_it_handles_empty_and_odd_texts():
    assert check("").score == 10.0
    assert check("   \n\n  ").issues == []
    assert check("👍👍👍").score == 10.0


def test_it_flags_passages_without_surrounding_spaces():
    for text in blocks("official.txt") + blocks("conversational.txt"):
        for issue in check(text).issues:
            passage = text[issue.start : issue.end]
            if (issue.start, issue.end) != (0, len(text)):
                assert passage and passage == passage.strip(), (issue.rule, passage)
