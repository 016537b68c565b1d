"""Plain-Python comment classifier: obscenity, insult, threat, spam, unlawful content.

>>> from gospablik.moderation.classifier import default_pipeline
>>> verdict = default_pipeline().classify("Работа на дому, доход от 3000р в день, пиши в лс")
>>> verdict.labels, verdict.action
(['spam'], 'delete')

The model card is ``docs/moderation-model.md``; ``gospablik moderate train`` rebuilds
the shipped model from the shared data sets.
"""

from gospablik.moderation.classifier.core import (
    CATEGORIES,
    Component,
    Context,
    Finding,
    Item,
    Span,
    Thresholds,
    UnlawfulRule,
    Verdict,
)
from gospablik.moderation.classifier.normalize import normalize
from gospablik.moderation.classifier.obscenity import ObscenityLexicon
from gospablik.moderation.classifier.pipeline import Pipeline, default_pipeline, load_thresholds
from gospablik.moderation.classifier.spam import SpamHeuristics, SpamModel
from gospablik.moderation.classifier.text_model import TextModel
from gospablik.moderation.classifier.toxicity import ToxicityModel
from gospablik.moderation.classifier.unlawful import UnlawfulRules

__all__ = [
    "CATEGORIES",
    "Component",
    "Context",
    "Finding",
    "Item",
    "ObscenityLexicon",
    "Pipeline",
    "Span",
    "SpamHeuristics",
    "SpamModel",
    "TextModel",
    "Thresholds",
    "ToxicityModel",
    "UnlawfulRule",
    "UnlawfulRules",
    "Verdict",
    "default_pipeline",
    "load_thresholds",
    "normalize",
]
