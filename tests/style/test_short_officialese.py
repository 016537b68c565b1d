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
