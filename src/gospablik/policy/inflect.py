"""Organization names and document titles in the case a sentence needs.

An official name is a noun phrase whose head comes first («Министерство здравоохранения
Кузбасса», «Государственное автономное учреждение здравоохранения «…»»): the leading
adjectives and the head noun take the case, the rest stays as it is.

>>> inflect("Министерство здравоохранения Кузбасса", "gent")
'Министерства здравоохранения Кузбасса'
>>> inflect("Государственное автономное учреждение здравоохранения «КОМИАЦ»", "datv")
'Государственному автономному учреждению здравоохранения «КОМИАЦ»'
>>> inflect("Центр управления регионом – Кемеровская область – Кузбасс", "datv")
'Центру управления регионом – Кемеровская область – Кузбасс'
>>> inflect("Главное управление по работе со средствами массовой информации", "gent")
'Главного управления по работе со средствами массовой информации'
>>> inflect("ГАУЗ «КОМИАЦ им. Р.М. Зельковича»", "gent")
'ГАУЗ «КОМИАЦ им. Р.М. Зельковича»'
"""

from __future__ import annotations

import re
from functools import lru_cache

import pymorphy3

WORD = re.compile(r"\S+")


@lru_cache(maxsize=1)
def _morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def _nominatives(word: str) -> list[pymorphy3.analyzer.Parse]:
    if not word.isalpha() or word.isupper():
        return []  # abbreviations («ГАУЗ», «ЦУР») and quoted names do not change
    return [
        p for p in _morph().parse(word.lower()) if "nomn" in p.tag and p.tag.POS in ("NOUN", "ADJF")
    ]


def _nominative(word: str, following: str) -> pymorphy3.analyzer.Parse | None:
    """The nominative reading of ``word``: an adjective when a noun follows («Главное
    управление»), else the first reading."""
    parses = _nominatives(word)
    adjective = next((p for p in parses if p.tag.POS == "ADJF"), None)
    if adjective is not None and any(p.tag.POS == "NOUN" for p in _nominatives(following)):
        return adjective
    return parses[0] if parses else None


def _match_case(form: str, original: str) -> str:
    """Capitalized like the original; no «ё» the original did not write («казенное»)."""
    if "ё" not in original.lower():
        form = form.replace("ё", "е")
    return form[:1].upper() + form[1:] if original[:1].isupper() else form


def inflect(name: str, case: str) -> str:
    """``name`` with its leading adjectives and head noun put in ``case`` (pymorphy3 tags:
    gent, datv, accs, ablt, loct)."""
    words = name.split(" ")
    for i, word in enumerate(words):
        parse = _nominative(word, words[i + 1] if i + 1 < len(words) else "")
        if parse is None:
            return name
        form = parse.inflect({case})
        if form is None:
            return name
        words[i] = _match_case(form.word, word)
        if parse.tag.POS == "NOUN":
            return " ".join(words)
    return name
