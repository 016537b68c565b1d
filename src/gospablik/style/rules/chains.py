"""Noun chains: «проведение мероприятий по обеспечению реализации…»."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from gospablik.style.document import Document, Token
from gospablik.style.model import Issue
from gospablik.style.rules.base import token_issue

MODIFIER_POS = frozenset({"ADJF", "PRTF", "NUMR"})


@dataclass(frozen=True, slots=True)
class Chain:
    first: int
    stop: int
    nouns: int
    verbal: int


def is_noun(token: Token) -> bool:
    """A common noun; a capitalized word that may be a name («Роман», «Беглова») is not."""
    info = token.info
    if info is None or not info.noun:
        return False
    return not (info.person and token.text[:1].isupper())


def is_verbal(token: Token) -> bool:
    """Nouns made from verbs: «проведение», «развитие», «реализация»."""
    return token.info is not None and token.info.verbal


def _skip_modifiers(tokens: Sequence[Token], i: int, case: str) -> int:
    while i < len(tokens) and tokens[i].info is not None:
        info = tokens[i].info
        if info is None or info.pos not in MODIFIER_POS or not info.can_be(case):
            break
        i += 1
    return i


def _next_link(tokens: Sequence[Token], i: int) -> int | None:
    """Index of the next noun that depends on the chain: a genitive or «по» + dative."""
    case = "gent"
    if i < len(tokens) and tokens[i].lower == "по":
        i, case = i + 1, "datv"
    j = _skip_modifiers(tokens, i, case)
    if j >= len(tokens) or not is_noun(tokens[j]):
        return None
    info = tokens[j].info
    if info is not None and info.can_be(case) and (case == "gent" or info.verbal):
        return j
    return None


def find_chains(tokens: Sequence[Token]) -> Iterator[Chain]:
    """Maximal chains of nouns where each next noun hangs on the previous one."""
    i = 0
    while i < len(tokens):
        if not is_noun(tokens[i]):
            i += 1
            continue
        last, nouns, verbal = i, 1, int(is_verbal(tokens[i]))
        while (j := _next_link(tokens, last + 1)) is not None:
            last, nouns, verbal = j, nouns + 1, verbal + int(is_verbal(tokens[j]))
        yield Chain(i, last + 1, nouns, verbal)
        i = last + 1


def sentence_chains(doc: Document) -> Iterator[Chain]:
    for sentence in doc.sentences:
        for chain in find_chains(doc.sentence_tokens(sentence)):
            yield Chain(
                chain.first + sentence.first, chain.stop + sentence.first, chain.nouns, chain.verbal
            )


def is_verbal_chain(chain: Chain) -> bool:
    return chain.nouns >= 3 and chain.verbal >= 2


def is_long_chain(doc: Document, chain: Chain) -> bool:
    """Four nouns, or three nouns stretched over six words and more by their adjectives."""
    words = sum(t.kind == "word" for t in doc.tokens[chain.first : chain.stop])
    return chain.nouns >= 4 or (chain.nouns >= 3 and words >= 6)


@dataclass(frozen=True)
class VerbalNounChain:
    """Цепочка отглагольных существительных.

    >>> from gospablik.style.rules.base import flagged
    >>> flagged(VerbalNounChain(), "Идёт проведение мероприятий по обеспечению реализации проекта.")
    ['проведение мероприятий по обеспечению реализации проекта']
    >>> flagged(VerbalNounChain(), "Мы строим новую школу для детей района.")
    []
    """

    name: str = "verbal_noun_chain"
    category: str = "noun_chain"
    explanation_ru: str = (
        "Цепочка отглагольных существительных («проведение мероприятий по обеспечению») — "
        "текст буксует. Скажите глаголом: кто что делает."
    )

    def find(self, doc: Document) -> Iterator[Issue]:
        for chain in sentence_chains(doc):
            if is_verbal_chain(chain):
                message = (
                    f"Цепочка из {chain.nouns} существительных, из них {chain.verbal} "
                    "отглагольных: скажите глаголом — кто что делает"
                )
                weight = 1.0 + 0.25 * (chain.nouns - 3)
                yield token_issue(self, doc.tokens, chain.first, chain.stop, message, None, weight)


@dataclass(frozen=True)
class GenitiveChain:
    """Цепочка существительных в родительном падеже.

    >>> from gospablik.style.rules.base import flagged
    >>> flagged(GenitiveChain(), "Есть реестр аккаунтов министерства здравоохранения Кузбасса.")
    ['реестр аккаунтов министерства здравоохранения Кузбасса']
    >>> flagged(GenitiveChain(), "Министерство здравоохранения Кузбасса открыло реестр.")
    []
    """

    name: str = "genitive_chain"
    category: str = "noun_chain"
    explanation_ru: str = (
        "Три-четыре и больше существительных подряд в родительном падеже "
        "(«реестр аккаунтов министерства здравоохранения») — читатель теряет нить."
    )

    def find(self, doc: Document) -> Iterator[Issue]:
        for chain in sentence_chains(doc):
            if is_long_chain(doc, chain) and not is_verbal_chain(chain):
                message = (
                    f"Цепочка из {chain.nouns} существительных в родительном падеже: "
                    "разбейте или упростите"
                )
                weight = 0.8 + 0.2 * (chain.nouns - 4)
                yield token_issue(self, doc.tokens, chain.first, chain.stop, message, None, weight)
