"""Cached morphology: one pymorphy3 analysis per distinct lowercase word form.

>>> info = analyze("целях")
>>> info.lemma, info.has_lemma("цель"), info.can_be("NOUN", "loct")
('цель', True, True)
>>> analyze("данные").has_lemma("данный")
True
>>> normal_form("рамках"), normal_form("данный")
('рамка', 'данный')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pymorphy3

VOWELS = frozenset("аеёиоуыэюяaeiouy")
NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Init", "Abbr"})
PERSON_TAGS = frozenset({"Name", "Surn", "Patr"})
VERBAL_SUFFIXES = ("ние", "тие")
# Words in -ние/-тие that name a thing or a domain, not an action.
NOT_VERBAL = frozenset(
    {"здание", "мнение", "знание", "собрание", "издание", "учреждение", "население", "отделение",
     "помещение", "растение", "поколение", "заведение", "сооружение", "предприятие", "событие",
     "правление", "здравоохранение", "образование", "значение", "отношение", "положение",
     "направление", "расписание", "объявление", "заявление", "удостоверение", "решение",
     "предложение", "сообщение", "выступление", "движение", "лечение", "питание", "задание",
     "покрытие", "понятие", "занятие", "сознание", "учение", "отечество", "мышление"}
)  # fmt: skip
# Nouns in -ция are verbal only in this list («реализация»), not «организация», «станция».
VERBAL_CIA = frozenset(
    {"реализация", "модернизация", "вакцинация", "иммунизация", "диспансеризация", "оптимизация",
     "регистрация", "реорганизация", "стабилизация", "компенсация", "консультация", "эксплуатация",
     "реконструкция", "реабилитация", "абилитация", "госпитализация", "ликвидация", "активизация",
     "популяризация", "систематизация", "цифровизация", "информатизация", "газификация",
     "модификация", "сертификация", "аккредитация", "верификация", "идентификация", "интеграция",
     "координация", "маршрутизация", "мобилизация", "реставрация", "трансформация", "адаптация",
     "локализация", "нормализация", "минимизация", "дезинфекция", "стерилизация", "экспертиза"}
)  # fmt: skip


def is_verbal_lemma(lemma: str) -> bool:
    """«проведение», «развитие», «реализация» — but not «здание» or «организация».

    >>> [is_verbal_lemma(w) for w in ("проведение", "здание", "реализация", "организация")]
    [True, False, True, False]
    """
    if lemma in VERBAL_CIA:
        return True
    return lemma.endswith(VERBAL_SUFFIXES) and lemma not in NOT_VERBAL


@dataclass(frozen=True, slots=True)
class Parse:
    lemma: str
    grammemes: frozenset[str]


@dataclass(frozen=True, slots=True)
class WordInfo:
    """Everything the rules ask about a word form, computed once per form."""

    lemma: str
    pos: str | None
    parses: tuple[Parse, ...]
    lemmas: frozenset[str]
    syllables: int
    known: bool
    noun: bool  # a common noun (not a name or an abbreviation) in the most probable parse
    verbal: bool  # a noun made from a verb: «проведение», «развитие», «реализация»
    person: bool  # some parse is a first name, surname or patronymic

    def has_lemma(self, lemma: str, grammemes: frozenset[str] = frozenset()) -> bool:
        """True if some parse has this normal form (and all the given grammemes)."""
        if lemma not in self.lemmas:
            return False
        return any(p.lemma == lemma and grammemes <= p.grammemes for p in self.parses)

    def can_be(self, *grammemes: str) -> bool:
        """True if some parse carries all the grammemes (POS tags count as grammemes)."""
        wanted = frozenset(grammemes)
        return any(wanted <= p.grammemes for p in self.parses)

    def best_has(self, *grammemes: str) -> bool:
        """True if the most probable parse carries all the grammemes."""
        return bool(self.parses) and frozenset(grammemes) <= self.parses[0].grammemes


@lru_cache(maxsize=1)
def analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def analyze(word: str) -> WordInfo:
    """Morphology of a lowercase word form (cached: every form is parsed once per process)."""
    raw = analyzer().parse(word)[:8]
    parses = tuple(Parse(p.normal_form, frozenset(p.tag.grammemes)) for p in raw)
    lemma = parses[0].lemma if parses else word
    noun = bool(raw) and raw[0].tag.POS == "NOUN" and NAME_TAGS.isdisjoint(parses[0].grammemes)
    return WordInfo(
        lemma=lemma,
        pos=raw[0].tag.POS if raw else None,
        parses=parses,
        lemmas=frozenset(p.lemma for p in parses),
        syllables=sum(ch in VOWELS for ch in word),
        known=analyzer().word_is_known(word),
        noun=noun,
        verbal=noun and is_verbal_lemma(lemma),
        person=any(not PERSON_TAGS.isdisjoint(p.grammemes) for p in parses),
    )


@lru_cache(maxsize=20_000)
def normal_form(word: str) -> str:
    """The lemma a pattern word stands for: the word itself if it is a dictionary lemma."""
    info = analyze(word.lower())
    return word.lower() if word.lower() in info.lemmas else info.lemma
