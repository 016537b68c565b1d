"""Document formulas in a post: «(далее — …)», «от 21.05.2024 № 335», «3.1.», split predicates."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from gospablik.style.document import WORD, Document, Token
from gospablik.style.model import Issue
from gospablik.style.rules.base import token_issue
from gospablik.style.rules.chains import is_verbal

FORMULAS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\(далее\s*[-–—]?\s*[^()\n]{1,80}\)", re.IGNORECASE),
        "«(далее — …)» — определение из документа: в посте просто повторите короткое название",
    ),
    (
        re.compile(r"\bот\s+\d{1,2}\.\d{1,2}\.\d{2,4}\s*(?:г\.\s*)?№\s*[\w/-]+"),
        "Реквизиты документа («от 21.05.2024 № 335») — читателю важна суть, а не номер",
    ),
    (
        re.compile(r"(?m)^\s*\d+\.\d+(?:\.\d+)*\.?(?=\s)"),
        "Многоуровневая нумерация («3.1.») — примета документа: в посте хватит списка",
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
        for regex, message in FORMULAS:
            for m in regex.finditer(doc.text):
                start = m.start() + len(m.group()) - len(m.group().lstrip())
                yield Issue(self.name, self.category, start, m.end(), message, None, 0.8)


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
