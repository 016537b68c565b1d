"""Order style: a sentence that commands with an infinitive — «Утвердить порядок»."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from gospablik.style.document import WORD, Document, Token
from gospablik.style.lexicon import word_set
from gospablik.style.model import Issue
from gospablik.style.rules.base import token_issue

ADDRESSEE_POS = frozenset({"NOUN", "ADJF", "PRTF", "PREP", "CONJ"})
# «Организовать праздник легко» is an infinitive subject, not an order.
PREDICATIVES = frozenset({"можно", "нужно", "надо", "легко", "просто", "сложно", "трудно", "важно"})


def _words(tokens: Sequence[Token]) -> list[int]:
    return [i for i, t in enumerate(tokens) if t.kind == WORD]


def _order_verb(tokens: Sequence[Token], verbs: frozenset[str]) -> int | None:
    """Index of an order infinitive that opens the sentence, maybe after a dative addressee."""
    words = _words(tokens)
    if any(tokens[i].norm in PREDICATIVES for i in words):
        return None
    for n, i in enumerate(words[:6]):
        info = tokens[i].info
        if info is None:
            return None
        if info.pos == "INFN":
            return i if info.lemma in verbs else None
        if info.pos not in ADDRESSEE_POS or (n == 0 and not info.can_be("datv")):
            return None
    return None


@dataclass(frozen=True)
class OrderInfinitive:
    """Приказной инфинитив: «Утвердить порядок», «Отделу кадров довести до сведения».

    >>> from gospablik.style.rules.base import flagged
    >>> flagged(OrderInfinitive(), "1. Утвердить порядок. 2. Отделу кадров обеспечить контроль.")
    ['Утвердить', 'Отделу кадров обеспечить']
    >>> flagged(OrderInfinitive(), "Организовать праздник легко. Утвердили новый порядок.")
    []
    """

    name: str = "order_infinitive"
    category: str = "bureaucratese"
    explanation_ru: str = (
        "«Утвердить…», «Обеспечить…» — язык приказа. В посте скажите, кто и что сделал: "
        "«Министерство утвердило…», «Мы разместим…»."
    )

    def find(self, doc: Document) -> Iterator[Issue]:
        verbs = word_set("order_verbs.txt")
        for sentence in doc.sentences:
            tokens = doc.sentence_tokens(sentence)
            verb = _order_verb(tokens, verbs)
            if verb is not None:
                first = sentence.first + _words(tokens)[0]
                message = "Язык приказа: скажите, кто и что сделал («министерство утвердило»)"
                yield token_issue(
                    self, doc.tokens, first, sentence.first + verb + 1, message, None, 1.0
                )
