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

from gospablik.moderation.classifier.text_model import WORD, sigmoid

MODEL_DIR = Path(__file__).parent / "model"
_RAW_WORD = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[а-яё]", re.I)
_LATIN = re.compile(r"[a-z]", re.I)
_DIGIT = re.compile(r"\d")
_CONTACT = re.compile(r"\[(?:link|phone|username|email)\]")
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b50\u203c\u2049]")
SHORT_WORDS = 5
# A text of fewer than SHORT_WORDS words without any contact is rarely spam (1.7% of the
# spam set), but greetings open many spam messages, so the model rates «Добрый день»
# high. Such a text keeps SHORT_FACTOR of its score: review at most, never deletion.
SHORT_FACTOR = 0.15

_GREETING = re.compile(
    r"^(?:\W*(?:(?:всем|ребята|друзья|уважаемые)\s+)?"
    r"(?:привет\w*|здравствуй\w*|здрасьте|добр\w+\s+(?:день|вечер|утро|ночи|дня|времени\s+суток)"
    r"|доброго\s+(?:дня|времени\s+суток)|хай|салют)(?:\s+(?:всем|всем\s+участникам))?\b)+\W*"
)


def strip_greeting(normalized: str) -> str:
    """The text without its opening greeting: what the spam output reads.

    Telegram spam (the training set) opens with «Добрый день», while chat messages
    and news do not; on a ministry's page citizens greet too, so the greeting tells
    nothing there.

    >>> strip_greeting("добрый день! подскажите, где получить справку?")
    'подскажите, где получить справку?'
    >>> strip_greeting("всем привет, заработок от 5000 в день")
    'заработок от 5000 в день'
    >>> strip_greeting("хайп вокруг здравоохранения")
    'хайп вокруг здравоохранения'
    """
    return _GREETING.sub("", normalized, count=1)


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
    """The non-model features of a text (raw and normalized forms).

    >>> s = form_signals("He ycпeвaeшь? Haпиши Haм!", "не успеваешь? напиши нам!", 0.0)
    >>> s["mixed_words"], s["exclamations"], s["short_no_contact"]
    (3.0, 1.0, 1.0)
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
    }


@dataclass(frozen=True)
class SpamStack:
    """Logistic regression over ``FEATURES``."""

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
        """Spam scores of rows of features in ``FEATURES`` order."""
        z = x @ np.array([self.coefficients[name] for name in FEATURES]) + self.intercept
        p = sigmoid(z)
        short = x[:, FEATURES.index("short_no_contact")] > 0
        result: npt.NDArray[np.float64] = np.where(short, p * SHORT_FACTOR, p)
        return result


def row(model_logit: float, signals: dict[str, float]) -> list[float]:
    """The features in ``FEATURES`` order (for fitting)."""
    return [model_logit] + [signals[name] for name in FEATURES[1:]]


def logit(probability: float) -> float:
    p = min(max(probability, 1e-12), 1 - 1e-12)
    return math.log(p / (1 - p))
