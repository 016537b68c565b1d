"""Officialese of any length scores low, conversational posts of any length score high."""

from __future__ import annotations

import statistics

import pytest

from gospablik.style import check

from .helpers import blocks

TARGETS = "Целевые показатели, характеризующие достижение результатов программы, представлены в приложении № 3."  # noqa: E501
EVENT = "Информация о проведении мероприятия размещена на официальном сайте учреждения."


def flagged(text: str) -> list[str]:
    return [text[i.start : i.end] for i in check(text).issues]


def test_participial_officialese_scores_low():
    report = check(TARGETS)
    assert report.score < 5
    assert "представлены в приложении" in flagged(TARGETS)
    assert "характеризующие достижение результатов программы" in flagged(TARGETS)


def test_information_about_an_event_scores_low():
    assert check(EVENT).score < 5
    assert {"Информация о проведении", "размещена на официальном сайте"} <= set(flagged(EVENT))


@pytest.mark.parametrize("text", blocks("conversational_short.txt"))
def test_a_short_conversational_post_scores_high(text):
    assert check(text).score >= 7


def test_short_officialese_scores_low_on_the_whole():
    scores = [check(t).score for t in blocks("official_short.txt")]
    assert statistics.median(scores) < 5
    assert sum(s < 5 for s in scores) / len(scores) >= 0.8


# Normative formulas and heading-like sentences (our own examples, not the orders' sentences)
NORMATIVE = [
    "Такие материалы подлежат удалению в порядке, установленном правилами сообщества.",
    "Не допускается размещать сведения о пациентах без их согласия.",
    "При проведении проверки используется единая форма отчёта.",
    "Организация и проведение обучения сотрудников подведомственных учреждений.",
]


@pytest.mark.parametrize("text", NORMATIVE)
def test_normative_language_scores_low(text):
    assert check(text).score < 5, flagged(text)


def test_the_formulas_are_what_is_flagged():
    assert "подлежат удалению" in flagged(NORMATIVE[0])
    assert "в порядке, установленном" in flagged(NORMATIVE[0])
    assert "При проведении" in flagged(NORMATIVE[2])
    assert NORMATIVE[3] in flagged(NORMATIVE[3])  # the whole heading-like sentence


@pytest.mark.parametrize(
    "text",
    [
        "При плохой погоде лучше остаться дома и заказать лекарства с доставкой.",
        "Прививку можно сделать в любой поликлинике, а запись — через Госуслуги.",
        "Новая поликлиника, удобная парковка и запись онлайн — всё для вас!",
    ],
)
def test_talk_is_not_taken_for_a_norm(text):
    assert [i.rule for i in check(text).issues if i.rule == "document_formula"] == []
