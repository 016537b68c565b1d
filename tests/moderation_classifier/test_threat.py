import pytest

from gospablik.moderation.classifier.normalize import normalize
from gospablik.moderation.classifier.threat import find_threats


@pytest.mark.parametrize(
    "text",
    [
        "Я тебя найду и убью",
        "знаю где ты живешь",
        "голову тебе оторву",
        "сожгу твой дом",
        "чиновников надо расстрелять",
        "ты труп",
    ],
)
def test_it_finds_threats(text):
    assert find_threats(normalize(text))


@pytest.mark.parametrize(
    "text",
    ["убийство раскрыто полицией", "я тебя не убью", "убить время", "найду время зайти"],
)
def test_it_ignores_non_threats(text):
    assert find_threats(normalize(text)) == []
