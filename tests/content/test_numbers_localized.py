"""Numbers follow the page's language: a decimal comma and a narrow space between thousands
in Russian, a point and a comma in English — in messages, counts and templates alike."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import timezone, translation

from gospablik.content.actions import do_schedule
from gospablik.numbers import number
from gospablik.web.keyset import COUNT_CAP, KeysetPage
from tests.foundation.factories import change_policy

from .conftest import make_post
from .test_style_gate import OFFICIALESE

NARROW = "\u202f"


def test_number_uses_the_languages_separators() -> None:
    with translation.override("ru"):
        assert number(1234567.891, 2) == f"1{NARROW}234{NARROW}567,89"
        assert number(0.25, 2) == "0,25"
    with translation.override("en"):
        assert number(1234567.891, 2) == "1,234,567.89"


def test_the_num_filter_groups_and_rounds() -> None:
    template = Template("{% load gospablik %}{{ x|num:1 }} {{ y|num:2 }} {{ z|num }}")
    with translation.override("ru"):
        text = template.render(Context({"x": 7.46, "y": 12345.5, "z": None}))
    assert text == f"7,5 12{NARROW}345,50 —"


def test_a_capped_count_is_grouped() -> None:
    page = KeysetPage[int]([], "", "", total=COUNT_CAP, total_capped=True)
    with translation.override("ru"):
        assert page.total_label == f"1{NARROW}000+"
    with translation.override("en"):
        assert page.total_label == "1,000+"


def test_the_style_gate_writes_a_decimal_comma(health, komiac, vk_account) -> None:
    change_policy(health, {"style.min_score": 5.5})
    post = make_post(health, komiac, [vk_account], text=OFFICIALESE)
    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        do_schedule(post, timezone.now(), actor=komiac)
    message = " ".join(refused.value.messages)
    assert re.search(r"Оценка стиля \d+,\d ниже порога 5,5", message), message
