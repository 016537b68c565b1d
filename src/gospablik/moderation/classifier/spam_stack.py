"""The spam score: the text model's spam output combined with a few signals of form.

Spammers write in ways the n-gram model does not see after normalization: Cyrillic
words with Latin or digit look-alikes (``3aдaчи``, ``He ycпeвaeшь``), capitals,
emoji, many lines, a bare link. ``SpamStack`` is a logistic regression over the
model's spam logit and these signals, fitted on out-of-fold logits
(``gospablik moderate train``) and shipped as ``spam_stack.json`` (names,
coefficients, intercept: no code runs from it).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from gospablik.moderation.classifier.courtesy import is_courtesy
from gospablik.moderation.classifier.text_model import WORD, sigmoid

MODEL_DIR = Path(__file__).parent / "model"
_RAW_WORD = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[а-яё]", re.I)
_LATIN = re.compile(r"[a-z]", re.I)
_DIGIT = re.compile(r"\d")
_CONTACT = re.compile(r"\[(?:link|phone|username|email)\]")
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b50\u203c\u2049]")
SHORT_WORDS = 5
# A text made only of a greeting or thanks (``courtesy.is_courtesy``) keeps this share of
# its score: chat spam opens with «Добрый день», so the model rates bare greetings high.
COURTESY_FACTOR = 0.1


FEATURES = (
    "model",  # the text model's spam logit
    "offers",  # SpamSignals offer score (0 … 0.85)
    "short_no_contact",  # fewer than SHORT_WORDS words and no link, phone or username
    "mixed_words",  # words mixing Cyrillic with Latin letters or digits (at most 3)
    "mixed_share",
    "upper_share",  # capital letters among letters
    "latin_share",  # wholly Latin words among words
    "log_words",
    "links",
    "phones",
    "usernames",
    "emoji",
    "exclamations",
    "lines",
)


def mixed_script_words(text: str) -> list[re.Match[str]]:
    """Words that mix Cyrillic letters with Latin letters or digits.

    >>> [m.group() for m in mixed_script_words("3aдaчи решим быcтp0, тел 2-й, 10к")]
    ['3aдaчи', 'быcтp0', '10к']
    """
    return [
        m
        for m in _RAW_WORD.finditer(text)
        if _CYRILLIC.search(m.group()) and (_LATIN.search(m.group()) or _DIGIT.search(m.group()))
    ]


def form_signals(text: str, normalized: str, offers: float) -> dict[str, float]:
    """The non-model features of a text (raw and normalized forms), and ``courtesy``.

    >>> s = form_signals("He ycпeвaeшь? Haпиши Haм!", "не успеваешь? напиши нам!", 0.0)
    >>> s["mixed_words"], s["exclamations"], s["short_no_contact"], s["courtesy"]
    (3.0, 1.0, 1.0, 0.0)
    """
    raw_words = _RAW_WORD.findall(text)
    words = max(len(raw_words), 1)
    mixed = len(mixed_script_words(text))
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for w in raw_words if _LATIN.search(w) and not _CYRILLIC.search(w))
    contact = bool(_CONTACT.search(normalized))
    short = len(WORD.findall(normalized)) < SHORT_WORDS
    return {
        "offers": offers,
        "short_no_contact": float(short and not contact),
        "mixed_words": float(min(mixed, 3)),
        "mixed_share": mixed / words,
        "upper_share": sum(c.isupper() for c in letters) / max(len(letters), 1),
        "latin_share": latin / words,
        "log_words": math.log1p(len(raw_words)),
        "links": float(min(normalized.count("[link]"), 3)),
        "phones": float(min(normalized.count("[phone]"), 3)),
        "usernames": float(min(normalized.count("[username]") + normalized.count("[email]"), 3)),
        "emoji": float(min(len(_EMOJI.findall(text)), 10)),
        "exclamations": float(min(text.count("!"), 10)),
        "lines": float(min(text.count("\n"), 10)),
        "courtesy": float(is_courtesy(normalized)),
    }


@dataclass(frozen=True)
class SpamStack:
    """Logistic regression over ``FEATURES``; a courtesy text keeps ``COURTESY_FACTOR``."""

    coefficients: dict[str, float]
    intercept: float

    @classmethod
    def load(cls, directory: Path = MODEL_DIR) -> SpamStack:
        data = json.loads((directory / "spam_stack.json").read_text(encoding="utf-8"))
        return cls(data["coefficients"], data["intercept"])

    def save(self, directory: Path) -> None:
        data = {"coefficients": self.coefficients, "intercept": self.intercept}
        (directory / "spam_stack.json").write_text(json.dumps(data, indent=1) + "\n")

    def probability(self, model_logit: float, signals: dict[str, float]) -> float:
        """The spam score of one text (``signals`` from ``form_signals``)."""
        return float(self.probabilities(np.array([row(model_logit, signals)]))[0])

    def probabilities(self, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Spam scores of rows made by ``row``."""
        coefficients = np.array([self.coefficients[name] for name in FEATURES])
        p = sigmoid(x[:, : len(FEATURES)] @ coefficients + self.intercept)
        result: npt.NDArray[np.float64] = np.where(x[:, -1] > 0, p * COURTESY_FACTOR, p)
        return result


def row(model_logit: float, signals: dict[str, float]) -> list[float]:
    """The features in ``FEATURES`` order, then the courtesy flag (not fitted)."""
    return [model_logit] + [signals[name] for name in FEATURES[1:]] + [signals["courtesy"]]


def logit(probability: float) -> float:
    p = min(max(probability, 1e-12), 1 - 1e-12)
    return math.log(p / (1 - p))
