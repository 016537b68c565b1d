"""Document habits in a post: full official names, unknown abbreviations, «2024 г.», initials."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from gospablik.style.document import WORD, Document, Token
from gospablik.style.lexicon import data_lines, word_set
from gospablik.style.model import Issue

FULL_NAME_RE = re.compile(
    r"\b(?:[Гг]осударственн|[Мм]униципальн|[Фф]едеральн|[Оо]бластн)\w*\s+(?:[\w-]+\s+){0,4}?"
    r"(?:учреждени|предприяти|организаци)\w*(?:\s+[\w-]+){0,3}?\s*«[^»\n]{1,200}»"
)
YEAR_RE = re.compile(r"\b(\d{4})\s?(гг?)\.")
CITY_RE = re.compile(r"(?<![\w.])г\.\s?([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)")
INITIALS_RE = re.compile(
    r"(?<![\w.])[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
    r"|\b[А-ЯЁ][а-яё]+\s[А-ЯЁ]\.\s?[А-ЯЁ]\.(?!\w)"
)
GENITIVE_BEFORE_YEAR = frozenset(
    {"с", "до", "от", "после", "начала", "конца", "середины", "января", "февраля", "марта",
     "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"}
)  # fmt: skip
UPPER_WORD_RE = re.compile(r"^[А-ЯЁ]{3,}$")


@lru_cache(maxsize=1)
def legal_name_re() -> re.Pattern[str]:
    forms = "|".join(sorted(data_lines("legal_forms.txt"), key=len, reverse=True))
    quoted = r"(?:\s*«[^»\n]{1,200}»|\s*\"[^\"\n]{1,200}\")?"
    return re.compile(rf"\b(?:{forms})\b(?:\s+[А-ЯЁ]{{2,}})?{quoted}")


@dataclass(frozen=True)
class OfficialName:
    """Полное официальное название учреждения.

    >>> from gospablik.style.rules.base import flagged
    >>> flagged(OfficialName(), "Приём ведёт ГБУЗ «Кузбасская клиническая больница».")
    ['ГБУЗ «Кузбасская клиническая больница»']
    >>> flagged(OfficialName(), "Приём ведёт областная больница.")
    []
    """

    name: str = "official_name"
    category: str = "press_release"
    explanation_ru: str = (
        "Полное официальное название (ГБУЗ «…», «государственное автономное учреждение…») "
        "— примета пресс-релиза. Назовите так, как говорят жители: «областная больница»."
    )

    def find(self, doc: Document) -> Iterator[Issue]:
        message = "Официальное название: назовите учреждение так, как его называют жители"
        for regex in (FULL_NAME_RE, legal_name_re()):
            for m in regex.finditer(doc.text):
                yield Issue(self.name, self.category, m.start(), m.end(), message, None, 1.0)


def _mostly_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 10 and sum(ch.isupper() for ch in letters) > 0.6 * len(letters)


def _dictionary_word(token: Token) -> bool:
    """Words in capitals that the dictionary knows («ПРОВЕРКИ», «МИД», «СССР»)."""
    return token.info is not None and token.info.known


@dataclass(frozen=True)
class UnknownAbbreviation:
    """Аббревиатура, которую читатель не знает (первое упоминание).

    >>> from gospablik.style.rules.base import flagged
    >>> flagged(UnknownAbbreviation(), "Данные передаются в ЦУР и в КОМИАЦ. КОМИАЦ ответит.")
    ['ЦУР', 'КОМИАЦ']
    >>> flagged(UnknownAbbreviation(), "Документы принимает МФЦ, справки — ЗАГС.")
    []
    """

    name: str = "unknown_abbreviation"
    category: str = "press_release"
    explanation_ru: str = (
        "Аббревиатура, которую знают только чиновники (ГАУЗ, КОМИАЦ, ЦУР). "
        "Расшифруйте или назовите по-простому."
    )

    def find(self, doc: Document) -> Iterator[Issue]:
        known = word_set("common_abbreviations.txt")
        seen: set[str] = set()
        for paragraph in doc.paragraphs:
            for token in doc.tokens[paragraph.first : paragraph.stop]:
                if token.kind != WORD or not UPPER_WORD_RE.match(token.text):
                    continue
                if token.lower in known or token.text in seen or _dictionary_word(token):
                    continue
                if _mostly_upper(doc.text[paragraph.start : paragraph.end]):
                    break
                seen.add(token.text)
                message = f"«{token.text}» — аббревиатура не для всех: расшифруйте или упростите"
                yield Issue(self.name, self.category, token.start, token.end, message, None, 0.4)


def _year_suggestion(text: str, start: int, year: str) -> str:
    before = text[:start].rstrip().rsplit(maxsplit=1)
    word = before[-1].lower() if before else ""
    if word == "в":
        return f"{year} году"
    if word in GENITIVE_BEFORE_YEAR or re.fullmatch(r"\d{1,2}\.\d{1,2}\.?", word):
        return f"{year} года"
    return f"{year} год"


@dataclass(frozen=True)
class DocumentAbbreviation:
    """Сокращения из документов: «2024 г.», «г. Кемерово».

    >>> from gospablik.style.rules.base import flagged
    >>> rule = DocumentAbbreviation()
    >>> flagged(rule, "В 2024 г. в г. Кемерово открыли центр.")
    ['2024 г.', 'г. Кемерово']
    >>> [i.suggestion for i in rule.find(Document.of("С 2023 г. работаем"))]
    ['2023 года']
    >>> flagged(rule, "В 2024 году в Кемерове открыли центр.")
    []
    """

    name: str = "document_abbreviation"
    category: str = "press_release"
    explanation_ru: str = (
        "«2024 г.», «г. Кемерово» — сокращения из документов. "
        "В посте пишут «в 2024 году», «в Кемерове»."
    )

    def find(self, doc: Document) -> Iterator[Issue]:
        for m in YEAR_RE.finditer(doc.text):
            suggestion = _year_suggestion(doc.text, m.start(), m.group(1))
            message = "«г.» после года — из документов: в посте пишут словом"
            yield Issue(self.name, self.category, m.start(), m.end(), message, suggestion, 0.4)
        for m in CITY_RE.finditer(doc.text):
            message = "«г.» перед названием города — из документов: в посте просто «в Кемерове»"
            yield Issue(self.name, self.category, m.start(), m.end(), message, m.group(1), 0.4)


@dataclass(frozen=True)
class Initials:
    """Инициалы вместо имени: «Д.Е. Беглов».

    >>> from gospablik.style.rules.base import flagged
    >>> flagged(Initials(), "Приказ подписал Д.Е. Беглов, его проверил Петров И.И.")
    ['Д.Е. Беглов', 'Петров И.И.']
    >>> flagged(Initials(), "Приказ подписал министр Дмитрий Беглов.")
    []
    """

    name: str = "initials"
    category: str = "press_release"
    explanation_ru: str = (
        "Инициалы («Д.Е. Беглов») — примета документа. В посте пишут имя и фамилию."
    )

    def find(self, doc: Document) -> Iterator[Issue]:
        message = "Инициалы — примета документа: напишите имя и фамилию"
        for m in INITIALS_RE.finditer(doc.text):
            yield Issue(self.name, self.category, m.start(), m.end(), message, None, 0.4)
