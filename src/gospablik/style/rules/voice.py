"""Passive constructions, heavy participial phrases and tangled clauses."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from gospablik.style.document import WORD, Document, Token
from gospablik.style.lexicon import word_set
from gospablik.style.model import Issue
from gospablik.style.rules.base import plural, token_issue

BE_FORMS = frozenset({"был", "была", "было", "были", "будет", "будут", "будем"})
# Short participles that work as adjectives («был вынужден», «расположен», «связан»).
NOT_PASSIVE = frozenset(
    {"вынудить", "расположить", "связать", "посвятить", "обязать", "заинтересовать"}
)
PHRASE_BREAKS = frozenset(',;:.!?—–()«»"…')
PASSIVE_MESSAGE = (
    "Страдательный залог: непонятно, кто действует. Скажите, кто сделал: «врачи провели»"
)


def _passive_verb(token: Token, lemmas: frozenset[str]) -> bool:
    info = token.info
    if info is None or info.lemma not in lemmas:
        return False
    return info.pos == "INFN" or (info.pos == "VERB" and not info.best_has("impr"))


def _previous_word(tokens: Sequence[Token], i: int) -> Token | None:
    return tokens[i - 1] if i > 0 and tokens[i - 1].kind == WORD else None


@dataclass(frozen=True)
class PassiveVoice:
    """Страдательный залог: «было проведено», «осуществляется».

    >>> from gospablik.style.rules.base import flagged
    >>> flagged(PassiveVoice(), "Было проведено 20 осмотров. Приём осуществляется по записи.")
    ['Было проведено', 'осуществляется']
    >>> flagged(PassiveVoice(), "Врачи осмотрели 20 человек. Принимаем по записи, вход открыт.")
    []
    """

    name: str = "passive_voice"
    category: str = "passive"
    explanation_ru: str = (
        "Страдательный залог прячет того, кто действует («было проведено», «осуществляется»). "
        "В живой речи говорят: «мы провели», «врачи принимают»."
    )

    def find(self, doc: Document) -> Iterator[Issue]:
        verbs = word_set("passive_verbs.txt")
        participles = word_set("passive_participles.txt")
        tokens = doc.tokens
        for i, token in enumerate(tokens):
            if _passive_verb(token, verbs):
                yield token_issue(self, tokens, i, i + 1, PASSIVE_MESSAGE, None, 0.8)
            elif token.info is not None and token.info.best_has("PRTS", "pssv"):
                yield from self._participle(tokens, i, participles)

    def _participle(
        self, tokens: Sequence[Token], i: int, participles: frozenset[str]
    ) -> Iterator[Issue]:
        info = tokens[i].info
        if info is None or info.lemma in NOT_PASSIVE:
            return
        before = _previous_word(tokens, i)
        if before is not None and before.lower in BE_FORMS:
            yield token_issue(self, tokens, i - 1, i + 1, PASSIVE_MESSAGE, None, 1.0)
        elif info.lemma in participles:
            yield token_issue(self, tokens, i, i + 1, PASSIVE_MESSAGE, None, 0.6)


def _phrase_end(tokens: Sequence[Token], i: int, stop: int) -> int:
    """Index after the last word of the phrase that starts at tokens[i]."""
    j = i + 1
    while j < stop and tokens[j].text not in PHRASE_BREAKS:
        j += 1
    while j > i + 1 and tokens[j - 1].kind != WORD:
        j -= 1
    return j


def _after_comma(tokens: Sequence[Token], i: int) -> bool:
    """A participial phrase set off after its noun: «…, предоставляющих …» or «…, не имеющих …»."""
    j = i - 1
    if j >= 0 and tokens[j].lower == "не":
        j -= 1
    return j >= 0 and tokens[j].text in (",", "—", "–")


@dataclass(frozen=True)
class ParticipialPhrase:
    """Тяжёлый причастный оборот: причастие и ещё четыре слова и больше.

    >>> from gospablik.style.rules.base import flagged
    >>> flagged(ParticipialPhrase(), "Сайты, дающие возможности для ведения блогов, растут.")
    ['дающие возможности для ведения блогов']
    >>> flagged(ParticipialPhrase(), "Врачи, работающие в области, получат выплаты.")
    []
    """

    name: str = "participial_phrase"
    category: str = "participle"
    explanation_ru: str = (
        "Длинный причастный оборот («предоставляющих возможности для ведения блогов») "
        "утяжеляет фразу. Замените на «который…» или разбейте предложение."
    )
    min_words: int = 4

    def find(self, doc: Document) -> Iterator[Issue]:
        for sentence in doc.sentences:
            for i in range(sentence.first, sentence.stop):
                info = doc.tokens[i].info
                if info is not None and info.best_has("PRTF") and _after_comma(doc.tokens, i):
                    end = _phrase_end(doc.tokens, i, sentence.stop)
                    words = sum(t.kind == WORD for t in doc.tokens[i:end])
                    if words >= self.min_words:
                        message = (
                            f"Причастный оборот из {words} слов: замените на «который…» "
                            "или разбейте предложение"
                        )
                        yield token_issue(self, doc.tokens, i, end, message, None, 0.6)


@dataclass(frozen=True)
class WhichChain:
    """Два «который» и больше в одном предложении.

    >>> from gospablik.style.rules.base import flagged
    >>> flagged(WhichChain(), "Врач, который принимает детей, которые болеют, уехал.")
    ['Врач, который принимает детей, которые болеют, уехал.']
    >>> flagged(WhichChain(), "Врач, который принимает детей, уехал.")
    []
    """

    name: str = "which_chain"
    category: str = "syntax"
    explanation_ru: str = (
        "Несколько «который» в одном предложении — придаточные цепляются друг за друга. "
        "Разбейте на два предложения."
    )

    def find(self, doc: Document) -> Iterator[Issue]:
        for sentence in doc.sentences:
            tokens = doc.sentence_tokens(sentence)
            count = sum(t.info is not None and t.info.lemma == "который" for t in tokens)
            if count >= 2:
                times = plural(count, "раз", "раза", "раз")
                message = f"«Который» {count} {times} в одном предложении: разбейте его на два"
                yield token_issue(
                    self, doc.tokens, sentence.first, sentence.stop, message, None, 0.6
                )
