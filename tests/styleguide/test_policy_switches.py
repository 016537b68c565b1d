"""The switches of ``policy.style`` turn rule categories on and off for that ministry."""

from __future__ import annotations

import pytest

from gospablik.styleguide.checking import check_for
from tests.foundation.factories import change_policy

BUREAUCRATESE = "В целях информирования населения сообщаем о проведении мероприятия."
PRESS = (
    "Министерство здравоохранения Кузбасса информирует о том, что 15 мая состоялось "
    "торжественное открытие."
)
CHATTY = (
    "Это очень-очень важное и абсолютно уникальное событие, которое в настоящее время "
    "является беспрецедентным для всего нашего замечательного региона и которое, как "
    "отмечают многие эксперты, в скором времени изменит буквально всё."
)


def categories(ministry, text):
    return {issue.category for issue in check_for(ministry, text).issues}


@pytest.mark.policy_field("style.discourage_bureaucratese")
def test_bureaucratese_switch(health):
    assert "bureaucratese" in categories(health, BUREAUCRATESE)
    change_policy(health, {"style.discourage_bureaucratese": False})
    assert "bureaucratese" not in categories(health, BUREAUCRATESE)
    assert check_for(health, BUREAUCRATESE).score == 10.0


@pytest.mark.policy_field("style.discourage_press_release")
def test_press_release_switch(health):
    assert "press_release" in categories(health, PRESS)
    change_policy(health, {"style.discourage_press_release": False})
    assert "press_release" not in categories(health, PRESS)


@pytest.mark.policy_field("style.conversational")
def test_conversational_switch(health):
    assert {"readability", "vague", "intensifier"} <= categories(health, CHATTY)
    change_policy(health, {"style.conversational": False})
    assert not {"readability", "vague", "intensifier"} & categories(health, CHATTY)
    assert "bureaucratese" in categories(health, CHATTY)  # another switch, still on


def test_switches_are_per_ministry(health, social):
    change_policy(health, {"style.discourage_bureaucratese": False})
    assert "bureaucratese" in categories(social, BUREAUCRATESE)
