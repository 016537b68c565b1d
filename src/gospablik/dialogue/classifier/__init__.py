"""Does a resident's comment need an answer? Plain Python, rule-based and explainable.

>>> classify("Подскажите, когда откроется запись к терапевту?").kind
'question'
>>> classify("Спасибо врачам за заботу!").needs_answer
False
"""

from gospablik.dialogue.classifier.core import (
    KINDS,
    NEEDS_ANSWER,
    Classifier,
    Verdict,
    classify,
    default_classifier,
)

__all__ = ["KINDS", "NEEDS_ANSWER", "Classifier", "Verdict", "classify", "default_classifier"]
