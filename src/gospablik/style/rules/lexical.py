"""Lexicon rules: word lists matched on lemma sequences (every word form counts)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from gospablik.style.document import Document
from gospablik.style.lexicon import builtin_entries
from gospablik.style.model import Issue, LexiconEntry
from gospablik.style.patterns import PhraseMatcher
from gospablik.style.rules.base import match_case, token_issue


@dataclass(frozen=True)
class LexiconRule:
    """Flags the phrases of one word list; ministries may add entries of the same category.

    >>> from gospablik.style.rules.base import flagged
    >>> rule = bureaucratic_lexicon()
    >>> flagged(rule, "В целях информирования населения сообщаем: в настоящее время приём идёт.")
    ['В целях информирования', 'в настоящее время']
    >>> flagged(rule, "Чтобы вы знали: сейчас запись открыта.")
    []
    >>> [i.suggestion for i in rule.find(Document.of("В данном кабинете осуществляет приём врач."))]
    ['этом', 'принимать']
    """

    name: str
    category: str
    explanation_ru: str
    entries: tuple[LexiconEntry, ...]
    scale: float = 1.0  # multiplies every entry's weight (calibrated per list)
    _matcher: PhraseMatcher[LexiconEntry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        matcher = PhraseMatcher((entry.phrase, entry) for entry in self.entries)
        object.__setattr__(self, "_matcher", matcher)

    def find(self, doc: Document) -> Iterator[Issue]:
        for first, stop, entry in self._matcher.find(doc.tokens):
            original = doc.text[doc.tokens[first].start : doc.tokens[stop - 1].end]
            suggestion = match_case(entry.suggestion, original)
            weight = entry.weight * self.scale
            yield token_issue(self, doc.tokens, first, stop, entry.note, suggestion, weight)

    def extended(self, extra: Iterable[LexiconEntry]) -> LexiconRule:
        """The same rule with extra entries of its category (e.g. a ministry's own words)."""
        mine = tuple(e for e in extra if e.category == self.category)
        if not mine:
            return self
        entries = self.entries + mine
        return LexiconRule(self.name, self.category, self.explanation_ru, entries, self.scale)


def bureaucratic_lexicon() -> LexiconRule:
    return LexiconRule(
        "bureaucratic_lexicon",
        "bureaucratese",
        "Канцелярит: слова из приказов и отчётов («осуществлять», «в целях», «данный»).",
        builtin_entries("bureaucratese"),
        scale=1.5,  # the most telling sign of official prose (bench/style_calibration.py)
    )


def cliches() -> LexiconRule:
    """Газетные и отчётные штампы.

    >>> from gospablik.style.rules.base import flagged
    >>> flagged(cliches(), "Министр выразил благодарность врачам, работающим не покладая рук.")
    ['выразил благодарность', 'не покладая рук']
    >>> flagged(cliches(), "Министр поблагодарил врачей.")
    []
    """
    return LexiconRule(
        "cliche",
        "cliche",
        "Штамп: готовая формула, которую читатель пропускает («играет важную роль»).",
        builtin_entries("cliche"),
    )


def intensifiers() -> LexiconRule:
    """Усилители.

    >>> from gospablik.style.rules.base import flagged
    >>> flagged(intensifiers(), "Это крайне важно и, безусловно, нужно.")
    ['крайне', 'безусловно']
    >>> flagged(intensifiers(), "Это очень важно.")
    []
    """
    return LexiconRule(
        "intensifier",
        "intensifier",
        "Усилитель: слово, которое добавляет пафоса, но не смысла («крайне», «безусловно»).",
        builtin_entries("intensifier"),
    )


def vague_evaluations() -> LexiconRule:
    """Необъективная оценка.

    >>> from gospablik.style.rules.base import flagged
    >>> flagged(vague_evaluations(), "Уникальный центр оснащён современным оборудованием.")
    ['Уникальный', 'современным оборудованием']
    >>> flagged(vague_evaluations(), "В центре новый томограф: снимок за 10 минут.")
    []
    """
    return LexiconRule(
        "vague_evaluation",
        "vague",
        "Необъективная оценка: похвала без факта («уникальный», «эффективный»).",
        builtin_entries("vague"),
    )


def time_parasites() -> LexiconRule:
    """Паразиты времени.

    >>> from gospablik.style.rules.base import flagged
    >>> flagged(time_parasites(), "На сегодняшний день в текущем году привито 5000 человек.")
    ['На сегодняшний день', 'в текущем году']
    >>> flagged(time_parasites(), "Сегодня привито 5000 человек.")
    []
    """
    return LexiconRule(
        "time_parasite",
        "time_parasite",
        "Паразит времени: «на сегодняшний день», «в текущем году» — обычно можно убрать.",
        builtin_entries("time_parasite"),
    )


def press_release_phrases() -> LexiconRule:
    """Формулы пресс-релиза.

    >>> from gospablik.style.rules.base import flagged
    >>> rule = press_release_phrases()
    >>> flagged(rule, "Вчера состоялось рабочее совещание под председательством министра.")
    ['состоялось рабочее совещание', 'под председательством']
    >>> flagged(rule, "Вчера министр собрал главврачей и решил открыть ещё два ФАПа.")
    []
    """
    return LexiconRule(
        "press_release_phrase",
        "press_release",
        "Формула пресс-релиза: «состоялось совещание», «в рамках национального проекта».",
        builtin_entries("press_release"),
    )


def lexicon_rules() -> list[LexiconRule]:
    return [
        bureaucratic_lexicon(),
        cliches(),
        intensifiers(),
        vague_evaluations(),
        time_parasites(),
        press_release_phrases(),
    ]
