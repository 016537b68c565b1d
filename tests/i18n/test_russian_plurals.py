"""Russian pages count in three forms («2 замечания», «5 замечаний»): our Russian catalogue
holds the plural forms of every counted message, so gettext does not fall back to 1-or-many."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation

LOCALE = Path(__file__).parents[2] / "src/gospablik/locale"


def test_counts_take_the_russian_forms() -> None:
    with translation.override("ru"):
        forms = [
            translation.ngettext("и ещё %(n)s замечание", "и ещё %(n)s замечаний", n) % {"n": n}
            for n in (1, 2, 5, 21)
        ]
    assert forms == ["и ещё 1 замечание", "и ещё 2 замечания", "и ещё 5 замечаний",
                     "и ещё 21 замечание"]  # fmt: skip


def test_every_counted_message_has_its_russian_forms() -> None:
    english = (LOCALE / "en/LC_MESSAGES/django.po").read_text("utf-8")
    russian = (LOCALE / "ru/LC_MESSAGES/django.po").read_text("utf-8")
    counted = set(re.findall(r'msgid "(.*)"\nmsgid_plural', english))
    assert counted and counted <= set(re.findall(r'msgid "(.*)"\nmsgid_plural', russian))
