import pytest

from gospablik.moderation.classifier.normalize import (
    normalize,
    normalize_with_offsets,
    original_span,
)

TRICKY = [
    "Ты х.у.й",
    "п и з д а рулю",
    "3аебал уже",
    "CYKA блять",
    "xуйня какая-то",
    "пиздеееееец",
    "Пишите в лс @job_bot или +7 (913) 123-45-67, https://vk.cc/x",
    "﻿Ｐｉｚｄｅｃ",
    "Ребята, 10к за 2-й этап — норм",
    "п\u200bи\u200bз\u200bд\u200bа",
    "",
]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("х.у.й", "хуй"),
        ("х у й", "хуй"),
        ("х*у*й", "хуй"),
        ("3аебал", "заебал"),
        ("6ля", "бля"),
        ("CYKA", "сука"),
        ("xyйня", "хуйня"),
        ("pizdec", "пиздец"),
        ("хуууууй", "хуй"),
        ("Ёлки", "елки"),
        ("п\u200bи\u200bз\u200bд\u200bа", "пизда"),
    ],
)
def test_it_undoes_obfuscation(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize("text", ["10к рублей", "2-й этап", "ддр5 память", "в 1920г"])
def test_it_keeps_numbers_that_are_numbers(text):
    assert normalize(text) == text.lower()


def test_it_replaces_contacts_with_placeholders():
    text = "Пишите @job_bot, +7 (913) 123-45-67, a@b.ru, https://vk.cc/x, #работа, 500$"
    assert normalize(text) == (
        "пишите [username], [phone], [email], [link], [hashtag], 500 [currency]"
    )


def test_it_lowercases_placeholders_of_the_spam_set():
    assert normalize("Оплата 200 [CURRENCY] [LINK]") == "оплата 200 [currency] [link]"


@pytest.mark.parametrize("text", TRICKY)
def test_it_gives_the_same_text_with_offsets(text):
    normalized, offsets = normalize_with_offsets(text)
    assert normalized == normalize(text)
    assert len(offsets) == len(normalized)
    assert offsets == sorted(offsets)


def test_it_maps_spans_back_to_the_original():
    text = "Да ты п и з д а, а не водитель"
    normalized, offsets = normalize_with_offsets(text)
    start = normalized.index("пизда")
    s, e = original_span(text, offsets, start, start + 5)
    assert text[s:e] == "п и з д а"
