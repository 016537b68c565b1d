"""Insults (оскорбления): a lexicon of abusive words matched on the de-obfuscated text.

The n-gram model misses an explicit insult inside an otherwise ordinary, polite
comment («Вы там совсем идиоты? Третий месяц не можем записаться»). This lexicon
(``model/insult_words.txt``, see its header) finds such words in every inflected
form: its lemmas are expanded with pymorphy3 when the lexicon loads, so matching is
a set look-up per word. Ambiguous words (``козёл`` is an animal, a knife is ``тупой``)
count only next to a person: a pronoun of address or a word for officials, staff or
people. Criticism of the authorities has no entry and is never flagged. Stems
(``stem`` lines: a regular expression for a whole word) catch derived forms and
neologisms of insulting words (``дебилоиды``, ``быдломинистерство``); ``phrase`` lines
catch insults by comparison and dehumanising set phrases; exact forms kept from the VK
moderation bot's lexicon (``model/vk_insult_words.txt``, built by the training command)
count like words.

A hit scores between the insult label/review threshold and the delete threshold, so
alone it labels the comment and sends it to review; with a model score of at least
``MODEL_SUPPORT`` it scores that model score (at least ``SUPPORTED_SCORE``), so a
lexicon word the model confirms above the delete threshold deletes — the only way an
insult without мат is deleted — unless all its words are ambiguous (``addressed``).
The pipeline takes the maximum of the scores.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from gospablik.moderation.classifier.core import Finding, Item
from gospablik.moderation.classifier.text_model import TextModel

MODEL_DIR = Path(__file__).parent / "model"
# A hit alone scores LEXICON_SCORE: the insult label threshold is capped at it, so a hit
# always labels and goes to review; on real comments the model alone needs more than the
# old 0.5 to flag without over-flagging criticism (validate.choose_thresholds). A hit the
# model supports scores at least SUPPORTED_SCORE, still below the delete threshold.
LEXICON_SCORE = 0.6
SUPPORTED_SCORE = 0.62
MODEL_SUPPORT = 0.3
WINDOW = 2  # words between an ambiguous word and the person it must be addressed to
_WORD = re.compile(r"[а-я]+")
_CLAUSE_BREAK = re.compile(r"[.!?;\n]")
_ADDRESSEES = (
    "ты вы тебя вас тебе вам тобой вами твой ваш эти этих этим этими такие таких сами"
    " ваши твои одни они"
).split()
_PEOPLE = (
    "чиновник чинуша депутат министр губернатор мэр начальник начальство руководство"
    " руководитель власть администрация работник сотрудник служащий бюрократ врач медик"
    " глава управленец специалист человек люди министерство правительство управление"
    " автор народ заведующий главврач директор чиновница депутатка"
).split()
_SELF = frozenset(("я", "мы"))
_FAIRY_TALE = frozenset(("иван", "ивана", "иваном", "ивану", "иванушка", "иванушки"))
_YOU = frozenset(_ADDRESSEES[:8])


@dataclass(frozen=True)
class Entry:
    """One lexicon line: ``kind`` (word|addressed|phrase), a ``key`` and POS or regex."""

    kind: str
    key: str
    value: str


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    entry: Entry


def load_entries(path: Path = MODEL_DIR / "insult_words.txt") -> list[Entry]:
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    return [Entry(kind, key, value) for kind, key, value in rows]


@cache
def _morph() -> object:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def word_forms(lemma: str, pos: str | None = None) -> set[str]:
    """All forms of ``lemma`` (lower case, ``ё``→``е``), by pymorphy3.

    >>> sorted(word_forms("козёл", "NOUN"))[:3]
    ['козел', 'козла', 'козлам']
    """
    parses = _morph().parse(lemma)  # type: ignore[attr-defined]
    chosen = [p for p in parses if p.normal_form == lemma and pos in (None, p.tag.POS)]
    chosen = chosen or [p for p in parses if p.normal_form == lemma]
    if chosen:
        forms = {f.word for p in chosen for f in p.lexeme}
    else:  # a participle (``зажравшийся``): its own forms only, not the verb's
        stem = lemma[:-3]
        lexeme = [f for p in parses if p.tag.POS == pos for f in p.lexeme]
        forms = {f.word for f in lexeme if f.tag.POS == pos and f.word.startswith(stem)}
    return {form.replace("ё", "е") for form in forms | {lemma}}


def load_forms(path: Path = MODEL_DIR / "vk_insult_words.txt") -> list[Entry]:
    """Exact word forms (one per line) kept from the VK moderation bot's lexicon."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Entry("form", w, "") for line in lines if (w := line.strip()) and w[0] != "#"]


class InsultLexicon:
    """Finds abusive words and phrases aimed at people.

    >>> lexicon = InsultLexicon()
    >>> [(f.score, f.spans[0].text) for f in lexicon.analyze(
    ...     Item("Вы там совсем идиоты? Третий месяц не можем записаться"))]
    [(0.6, 'идиоты')]
    >>> [f.explanation for f in lexicon.analyze(Item("Эти к0злы опять всё сломали"))]
    ['Оскорбительное слово в адрес людей: «к0злы» (козёл)']
    >>> lexicon.analyze(Item("Чиновники опять ничего не сделали, козы гуляют у дороги"))
    []
    >>> lexicon.analyze(Item("Нож совсем тупой, а козёл съел капусту"))
    []
    """

    name: str = "insults"
    categories: tuple[str, ...] = ("insult",)

    def __init__(self, entries: Iterable[Entry] | None = None, model: TextModel | None = None):
        self.entries = list(load_entries() + load_forms() if entries is None else entries)
        self.model = model  # its insult score (memoized on the item) lifts a hit's score
        self._forms = {e.key: e for e in self.entries if e.kind == "form"}
        self._forms |= {
            form: entry
            for entry in self.entries
            if entry.kind in ("word", "addressed")
            for form in word_forms(entry.key, entry.value)
        }
        stems = [e for e in self.entries if e.kind == "stem"]
        self._stem_entries = {f"s{i}": e for i, e in enumerate(stems)}
        alternatives = "|".join(f"(?P<s{i}>{e.value})" for i, e in enumerate(stems))
        self._stems = re.compile(rf"(?<![а-я])(?:{alternatives})(?![а-я])") if stems else None
        self._people = {form for lemma in _PEOPLE for form in word_forms(lemma)}
        self._people |= set(_ADDRESSEES)
        phrases = [e for e in self.entries if e.kind == "phrase"]
        self._phrases = [(e, re.compile(rf"(?<![а-я])(?:{e.value})")) for e in phrases]

    def find(self, normalized: str) -> list[Hit]:
        """Return the hits in a normalized text, in order."""
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(normalized)]
        entries = {start: self._forms[word] for start, _e, word in words if word in self._forms}
        if self._stems is not None:
            for m in self._stems.finditer(normalized):
                entries.setdefault(m.start(), self._stem_entries[m.lastgroup or ""])
        hits = [
            Hit(start, end, entries[start])
            for i, (start, end, _word) in enumerate(words)
            if start in entries and self._counts(normalized, words, i, entries[start])
        ]
        for entry, pattern in self._phrases:
            hits += [Hit(m.start(), m.end(), entry) for m in pattern.finditer(normalized)]
        return sorted(hits, key=lambda hit: hit.start)

    def analyze(self, item: Item) -> list[Finding]:
        return self.analyze_many([item])[0]

    def analyze_many(self, items: Sequence[Item]) -> list[list[Finding]]:
        found = [self.find(item.normalized) for item in items]
        hit_items = [item for item, hits in zip(items, found, strict=True) if hits]
        support = dict(zip(map(id, hit_items), self._model_scores(hit_items), strict=True))
        return [
            [self._finding(item, hits, support[id(item)])] if hits else []
            for item, hits in zip(items, found, strict=True)
        ]

    def _counts(self, text: str, words: list[tuple[int, int, str]], i: int, entry: Entry) -> bool:
        before = [w for _s, _e, w in _clause(text, words, i, -WINDOW - 1)]
        if before[-1:] == ["не"] or (_SELF & set(before[-3:]) and not _YOU & set(before)):
            return False  # «не дураки были», «я не идиот», «мы не быдло»
        if _FAIRY_TALE & set(before[-1:]):
            return False  # «с Иваном-дураком»: the fairy-tale hero
        if entry.kind != "addressed":
            return True
        near = _clause(text, words, i, -WINDOW) + _clause(text, words, i, WINDOW)
        return any(w in self._people for _s, _e, w in near)

    def _model_scores(self, items: list[Item]) -> list[float]:
        if self.model is None or not items:
            return [0.0] * len(items)
        column = self.model.outputs.index("insult")
        return [float(s) for s in self.model.probabilities(items)[:, column]]

    def _finding(self, item: Item, hits: list[Hit], model_score: float) -> Finding:
        # Confirmed by the model, the hit carries the model's score: it may delete (the
        # model's own finding may not, see ``toxicity.MODEL_CEILING``) unless every word
        # is an ambiguous one (``addressed``: «тупые чиновники» goes to a moderator).
        score = max(SUPPORTED_SCORE, model_score) if model_score >= MODEL_SUPPORT else LEXICON_SCORE
        ambiguous = all(h.entry.kind == "addressed" for h in hits)
        spans = item.spans([(h.start, h.end, f"insult:{h.entry.key}") for h in hits])
        shown = [s.text for s in spans] or [item.normalized[h.start : h.end] for h in hits]
        keys = [h.entry.key for h in hits]
        quoted = ", ".join(
            f"«{text}» ({key})"
            if text.lower().replace("ё", "е") != key.replace("ё", "е")
            else f"«{text}»"
            for text, key in zip(shown, keys, strict=True)
        )
        explanation = f"Оскорбительное слово в адрес людей: {quoted}"
        return Finding("insult", score, spans, explanation, "review" if ambiguous else "delete")


def _clause(
    text: str, words: list[tuple[int, int, str]], i: int, step: int
) -> list[tuple[int, int, str]]:
    """Up to ``|step|`` words before (step < 0) or after ``words[i]`` in its clause."""
    if step < 0:
        near = words[max(i + step, 0) : i]
        return [w for w in near if not _CLAUSE_BREAK.search(text, w[1], words[i][0])]
    near = words[i + 1 : i + 1 + step]
    return [w for w in near if not _CLAUSE_BREAK.search(text, words[i][1], w[0])]
