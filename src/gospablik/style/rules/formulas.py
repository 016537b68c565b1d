"""Document formulas in a post: «(далее — …)», «от 21.05.2024 № 335», «3.1.», split predicates."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from gospablik.style.document import WORD, Document, Token
from gospablik.style.model import Issue
from gospablik.style.rules.base import token_issue
from gospablik.style.rules.chains import is_verbal

# (pattern, message, weight): the norm's own formulas weigh most — they never occur in talk
FORMULAS: tuple[tuple[re.Pattern[str], str, float], ...] = (
    (
        re.compile(r"\(далее\s*[-–—]?\s*[^()\n]{1,80}\)", re.IGNORECASE),
        "«(далее — …)» — определение из документа: в посте просто повторите короткое название",
        0.8,
    ),
    (
        re.compile(r"\bот\s+\d{1,2}\.\d{1,2}\.\d{2,4}\s*(?:г\.\s*)?№\s*[\w/-]+"),
        "Реквизиты документа («от 21.05.2024 № 335») — читателю важна суть, а не номер",
        0.8,
    ),
    (
        re.compile(r"(?m)^\s*\d+\.\d+(?:\.\d+)*\.?(?=\s)"),
        "Многоуровневая нумерация («3.1.») — примета документа: в посте хватит списка",
        0.8,
    ),
    # formulas of normative text (п.2.4: «не рекомендуется … использовать канцеляризмы»)
    (
        re.compile(r"\bподлеж(?:ит|ат|ать)\s+\w+(?:нию|тию)\b", re.IGNORECASE),
        "«Подлежит удалению» — язык нормы: скажите, кто что сделает («удалим»)",
        1.4,
    ),
    (
        re.compile(r"\bв\s+порядке,?\s+(?:определ|установл|предусмотр)[её]нн\w+", re.IGNORECASE),
        "«В порядке, установленном …» — ссылка нормы на норму: в посте она не нужна",
        1.4,
    ),
    (
        re.compile(r"\bот\s+общего\s+(?:количества|числа|объ[её]ма)\b", re.IGNORECASE),
        "«От общего количества» — формула отчёта: назовите число или долю проще",
        0.8,
    ),
    (
        re.compile(r"\bдолж(?:ен|на|но|ны)\s+составлять\b", re.IGNORECASE),
        "«Должно составлять» — язык нормы: скажите прямо, сколько",
        1.0,
    ),
    (
        re.compile(r"(?:^|(?<=[.!?]\s))при\s+\w+(?:нии|тии)\b", re.IGNORECASE),
        "«При ведении…», «При написании…» в начале фразы — зачин нормы: начните с главного",
        0.8,
    ),
    (
        re.compile(r"\b(?:не\s+)?(?:рекомендуется|допускается|запрещается)\s+\w+ть\b", re.I),
        "«Рекомендуется / допускается / запрещается …» — безличная норма: обратитесь к читателю",
        1.0,
    ),
)
LIGHT_VERBS = frozenset(
    {"осуществлять", "осуществить", "производить", "произвести", "обеспечивать", "обеспечить"}
)  # fmt: skip
MODIFIER_POS = frozenset({"ADJF", "PRTF", "NPRO"})


@dataclass(frozen=True)
class DocumentFormula:
    """Формулы документа: «(далее — Министерство)», «от 21.05.2024 № 335», «3.1.».

    >>> from gospablik.style.rules.base import flagged
    >>> text = "Приказом от 21.05.2024 № 335 министерство (далее – Министерство) решило."
    >>> flagged(DocumentFormula(), text)
    ['(далее – Министерство)', 'от 21.05.2024 № 335']
    >>> flagged(DocumentFormula(), "Министерство решило: с 1 июня запись через Госуслуги.")
    []
    """

    name: str = "document_formula"
    category: str = "bureaucratese"
    explanation_ru: str = (
        "Формулы документа — «(далее — …)», реквизиты приказов, нумерация «3.1.» — "
        "в посте не нужны: перескажите суть."
    )

    def find(self, doc: Document) -> Iterator[Issue]:
        for regex, message, weight in FORMULAS:
            for m in regex.finditer(doc.text):
                start = m.start() + len(m.group()) - len(m.group().lstrip())
                yield Issue(self.name, self.category, start, m.end(), message, None, weight)
        yield from _nominal_sentences(self, doc)


def _light_verb_object(tokens: Sequence[Token], i: int) -> int | None:
    """Index of the verbal noun that the light verb at i takes («обеспечить его размещение»)."""
    j = i + 1
    while j < len(tokens) and j <= i + 3 and tokens[j].kind == WORD:
        info = tokens[j].info
        if info is not None and info.pos == "NOUN" and info.can_be("accs"):
            return j if is_verbal(tokens[j]) else None
        if info is None or info.pos not in MODIFIER_POS:
            return None
        j += 1
    return None


@dataclass(frozen=True)
class SplitPredicate:
    """Расщеплённое сказуемое: «обеспечить размещение» вместо «разместить».

    >>> from gospablik.style.rules.base import flagged
    >>> flagged(SplitPredicate(), "Отделу обеспечить его размещение на сайте.")
    ['обеспечить его размещение']
    >>> flagged(SplitPredicate(), "Отдел разместит приказ на сайте и обеспечит врачей формой.")
    []
    """

    name: str = "split_predicate"
    category: str = "bureaucratese"
    explanation_ru: str = (
        "Пустой глагол плюс отглагольное существительное («осуществить согласование», "
        "«обеспечить размещение») — скажите одним глаголом: «согласовать», «разместить»."
    )

    def find(self, doc: Document) -> Iterator[Issue]:
        for i, token in enumerate(doc.tokens):
            if token.info is None or token.info.lemma not in LIGHT_VERBS:
                continue
            j = _light_verb_object(doc.tokens, i)
            if j is not None:
                message = "Пустой глагол с отглагольным существительным: скажите одним глаголом"
                yield token_issue(self, doc.tokens, i, j + 1, message, None, 1.0)


VERB_POS = frozenset({"VERB", "INFN", "PRTS", "GRND"})


def _nominal_sentences(rule: DocumentFormula, doc: Document) -> Iterator[Issue]:
    """A sentence of verbal nouns with no verb at all, like a heading of a regulation:
    «Техническое обслуживание и сопровождение аккаунтов в социальных сетях.»"""
    for span in doc.sentences:
        words = [t for t in doc.sentence_tokens(span) if t.kind == WORD]
        if not doc.text[span.start : span.start + 1].isalpha():
            continue  # a list item or a heading with a bullet: not a sentence of a document
        if len(words) < 5 or any(t.info is not None and t.info.pos in VERB_POS for t in words):
            continue
        verbal = [
            t for t in words[:4] if is_verbal(t) and t.info is not None and t.info.can_be("nomn")
        ]
        if len(verbal) >= 2:
            message = (
                "Фраза из одних отглагольных существительных — заголовок документа: "
                "скажите глаголом"
            )
            yield Issue(rule.name, rule.category, span.start, span.end, message, None, 1.2)
