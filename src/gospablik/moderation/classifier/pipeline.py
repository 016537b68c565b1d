"""The classification pipeline: injected components, per-category scores, an action."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from pathlib import Path

from gospablik.moderation.classifier.core import (
    SEVERITY,
    Action,
    Component,
    Context,
    Finding,
    Item,
    Thresholds,
    UnlawfulRule,
    Verdict,
)
from gospablik.moderation.classifier.insults import InsultLexicon
from gospablik.moderation.classifier.obscenity import ObscenityLexicon
from gospablik.moderation.classifier.spam import SpamHeuristics, SpamModel
from gospablik.moderation.classifier.spam_stack import SpamStack
from gospablik.moderation.classifier.text_model import TextModel
from gospablik.moderation.classifier.toxicity import ToxicityModel
from gospablik.moderation.classifier.unlawful import UnlawfulRules

MODEL_DIR = Path(__file__).parent / "model"
BATCH = 256


def load_thresholds(path: Path = MODEL_DIR / "thresholds.json") -> Thresholds:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Thresholds(data["label"], data["delete"], data["review"], data.get("hide", {}))


def default_components(model_dir: Path = MODEL_DIR) -> list[Component]:
    model = TextModel.load(model_dir)
    return [
        ObscenityLexicon(),
        ToxicityModel(model),
        InsultLexicon(model=model),
        SpamHeuristics(),
        SpamModel(model, SpamStack.load(model_dir)),
    ]


class Pipeline:
    """Runs the components and turns their findings into a verdict.

    >>> pipeline = default_pipeline()
    >>> pipeline.classify("Ну ты и м*дак, х.у.й тебе а не льготы").labels[:2]
    ['obscenity', 'insult']
    >>> pipeline.classify("Подскажите, где получить справку для льготы?").action
    'keep'
    >>> verdict = pipeline.classify("Вы там совсем идиоты? Третий месяц не можем записаться")
    >>> verdict.labels, verdict.action
    (['insult'], 'delete')
    >>> pipeline.classify("Клоунада какая-то, а не совещание").action
    'review'
    >>> pipeline.classify("Чиновники опять ничего не сделали").labels
    []
    """

    def __init__(
        self,
        components: Sequence[Component] | None = None,
        thresholds: Thresholds | None = None,
        unlawful_rules: Sequence[UnlawfulRule] = (),
        explain: bool = True,
    ) -> None:
        self.components = list(default_components() if components is None else components)
        if unlawful_rules:
            self.components.append(UnlawfulRules(unlawful_rules))
        self.thresholds = thresholds or load_thresholds()
        self.categories = [c for comp in self.components for c in comp.categories]
        self.explain = explain  # False: findings without spans (same scores), faster

    def classify(self, text: str, context: Context | None = None) -> Verdict:
        return self._verdicts([Item(text, context, explain=self.explain)])[0]

    def classify_many(
        self, texts: Sequence[str], contexts: Sequence[Context | None] | None = None
    ) -> list[Verdict]:
        """Classify many texts, running the models in batches of ``BATCH``."""
        contexts = contexts or [None] * len(texts)
        pairs = zip(texts, contexts, strict=True)
        items = [Item(text, context, explain=self.explain) for text, context in pairs]
        verdicts: list[Verdict] = []
        for start in range(0, len(items), BATCH):
            verdicts += self._verdicts(items[start : start + BATCH])
        return verdicts

    def _verdicts(self, items: list[Item]) -> list[Verdict]:
        per_item: list[list[Finding]] = [[] for _ in items]
        for component in self.components:
            for findings, found in zip(per_item, _run(component, items), strict=True):
                findings.extend(found)
        return [self._verdict(findings) for findings in per_item]

    def _verdict(self, findings: list[Finding]) -> Verdict:
        scores = dict.fromkeys(self.categories, 0.0)
        for finding in findings:
            scores[finding.category] = max(scores[finding.category], finding.score)
        labels = [c for c, s in scores.items() if s >= self.thresholds.label.get(c, 2.0)]
        shown = [f for f in findings if f.score >= self._shown_from(f.category)]
        return Verdict(labels, scores, shown, self._action(findings))

    def _shown_from(self, category: str) -> float:
        t = self.thresholds
        return min(t.label.get(category, 2.0), t.review.get(category, 2.0))

    def _action(self, findings: list[Finding]) -> Action:
        """The most severe action of any finding, each held to its ``ceiling``."""
        actions = [
            min(
                self.thresholds.action_for(f.category, f.score), f.ceiling, key=SEVERITY.__getitem__
            )
            for f in findings
        ]
        return max(actions, key=SEVERITY.__getitem__, default="keep")


def _run(component: Component, items: list[Item]) -> list[list[Finding]]:
    analyze_many = getattr(component, "analyze_many", None)
    if analyze_many is not None:
        return list(analyze_many(items))
    return [component.analyze(item) for item in items]


_DEFAULTS: dict[bool, Pipeline] = {}
_LOCK = threading.Lock()


def default_pipeline(explain: bool = True) -> Pipeline:
    """Return the process-wide pipeline with the shipped model (loaded once)."""
    with _LOCK:
        if explain not in _DEFAULTS:
            _DEFAULTS[explain] = Pipeline(explain=explain)
        return _DEFAULTS[explain]
