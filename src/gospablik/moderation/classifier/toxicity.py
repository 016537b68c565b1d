"""Insult/toxicity (trained model) and threat (patterns weighted by toxicity)."""

from __future__ import annotations

from collections.abc import Sequence

from gospablik.moderation.classifier.core import Action, Finding, Item, Span
from gospablik.moderation.classifier.text_model import WORD, TextModel
from gospablik.moderation.classifier.threat import find_threats

EXPLAIN_ABOVE = 0.3  # below this the insult finding carries no word spans
TOP_WORDS = 3
# A word that pulls less than this share of the strongest one is not shown to moderators
# («Да пошли вы нахуй со своей…»: «нахуй», not «своей» and «Да»).
RELATIVE_PULL = 0.33
# threat score = pattern strength * (THREAT_BASE + (1 - THREAT_BASE) * toxicity)
THREAT_BASE = 0.6
# A one-word text gives the n-gram model a handful of n-grams that other words share
# («ура» inside «дура»): its score is halved, so alone it never deletes.
ONE_WORD_FACTOR = 0.5
# The n-gram model alone never deletes: it also scores rude criticism high («Клоунада, а
# не совещание», «сдохнем тут все без врачей»). A deletion for an insult needs a word of
# the insult lexicon that the model confirms (``InsultLexicon``) or мат (obscenity).
MODEL_CEILING: Action = "review"


class ToxicityModel:
    """Insult score from the trained model; threats from patterns, weighted by it.

    >>> from gospablik.moderation.classifier.text_model import WORD, TextModel
    >>> toxicity = ToxicityModel(TextModel.load())
    >>> insult, threat = toxicity.analyze(Item("Ты тупой дебил, я тебя найду и убью"))
    >>> insult.score > 0.8, [s.text for s in threat.spans]
    (True, ['найду и', 'убью'])
    >>> [f.category for f in toxicity.analyze(Item("Спасибо за ответ, всё понятно"))
    ...  if f.score >= 0.5]
    []
    """

    name: str = "toxicity"
    categories: tuple[str, ...] = ("insult", "threat")

    def __init__(self, model: TextModel) -> None:
        self.model = model

    def analyze(self, item: Item) -> list[Finding]:
        return self.analyze_many([item])[0]

    def analyze_many(self, items: Sequence[Item]) -> list[list[Finding]]:
        column = self.model.outputs.index("insult")
        scores = [
            float(s) * (ONE_WORD_FACTOR if len(WORD.findall(item.normalized)) <= 1 else 1.0)
            for item, s in zip(items, self.model.probabilities(items)[:, column], strict=True)
        ]
        explained = [
            item
            for item, score in zip(items, scores, strict=True)
            if score >= EXPLAIN_ABOVE and item.explain
        ]
        words = dict(zip(map(id, explained), self._top_words(explained), strict=True))
        return [
            [self._insult(item, score, words.get(id(item), [])), *self._threat(item, score)]
            for item, score in zip(items, scores, strict=True)
        ]

    def _insult(self, item: Item, score: float, spans: list[Span]) -> Finding:
        words = ", ".join(f"«{s.text}»" for s in spans)
        text = f"Модель оскорблений: вероятность {score:.2f}"
        explanation = f"{text}; сильнее всего повлияли {words}" if words else text
        return Finding("insult", score, spans, explanation, ceiling=MODEL_CEILING)

    def _top_words(self, items: list[Item]) -> list[list[Span]]:
        ranked = self.model.word_contributions(items, "insult") if items else []
        return [
            [item.span(s, e, "insult:model") for s, e, _ in sorted(_strong(words[:TOP_WORDS]))]
            for item, words in zip(items, ranked, strict=True)
        ]

    def _threat(self, item: Item, toxicity: float) -> list[Finding]:
        hits = find_threats(item.normalized)
        if not hits:
            return []
        strength = max(hit.rule.strength for hit in hits)
        score = strength * (THREAT_BASE + (1 - THREAT_BASE) * toxicity)
        ordered = sorted(hits, key=lambda h: h.start)
        spans = item.spans([(h.start, h.end, f"threat:{h.rule.key}") for h in ordered])
        kinds = "; ".join(dict.fromkeys(h.rule.explanation for h in hits))
        shown = [s.text for s in spans] or [item.normalized[h.start : h.end] for h in ordered]
        quoted = ", ".join(f"«{text}»" for text in shown)
        return [Finding("threat", round(score, 4), spans, f"{kinds}: {quoted}")]


def _strong(words: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Words (largest first) that pull towards an insult clearly enough to be shown.

    >>> _strong([(0, 5, 3.6), (6, 11, 0.8), (12, 14, 0.3)])
    [(0, 5, 3.6)]
    >>> _strong([(0, 5, 1.0), (6, 11, 0.9), (12, 14, 0.04)])
    [(0, 5, 1.0), (6, 11, 0.9)]
    """
    top = words[0][2] if words else 0.0
    return [w for w in words if w[2] > 0.05 and w[2] >= RELATIVE_PULL * top]
