"""What polite citizens write and the spam model, learnt from chat spam, mistakes for spam.

Spam in the training set opens with «Добрый день» and asks to «написать в личные
сообщения», and so do citizens on a ministry's page. Two explicit rules, outside the
model, keep them safe:

* ``is_courtesy``: a comment made only of a greeting, thanks or a short reply
  («Здравствуйте!», «Спасибо большое!», «Понятно, спасибо») is not spam;
* ``is_polite_request``: a comment with a polite request («пожалуйста»,
  «подскажите», «помогите»…) is never deleted for spam on the model's word alone
  (``spam.py`` caps it at review unless a contact, link or offer is there too).
"""

from __future__ import annotations

import re
from pathlib import Path

from gospablik.moderation.classifier.text_model import WORD

MODEL_DIR = Path(__file__).parent / "model"
MAX_COURTESY_WORDS = 8

_GREETING = re.compile(
    r"^(?:\W*(?:(?:всем|ребята|друзья|уважаемые)\s+)?"
    r"(?:привет\w*|здравствуй\w*|здрасьте|добр\w+\s+(?:день|вечер|утро|ночи|дня|времени\s+суток)"
    r"|доброго\s+(?:дня|времени\s+суток)|хай|салют)(?:\s+(?:всем|всем\s+участникам))?\b)+\W*"
)
_POLITE = re.compile(
    r"(?<![а-я])(?:пожалуйста|подскажите|скажите|помогите|ответьте|прошу|благодар\w*|спасибо"
    r"|уважаем\w*)(?![а-я])"
)
_CONTACT = re.compile(r"\[(?:link|phone|username|email)\]")


def _words(path: Path) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


COURTESY_WORDS = _words(MODEL_DIR / "courtesy_words.txt")


def strip_greeting(normalized: str) -> str:
    """The text without its opening greeting.

    >>> strip_greeting("добрый день! подскажите, где получить справку?")
    'подскажите, где получить справку?'
    >>> strip_greeting("всем привет, заработок от 5000 в день")
    'заработок от 5000 в день'
    >>> strip_greeting("хайп вокруг здравоохранения")
    'хайп вокруг здравоохранения'
    """
    return _GREETING.sub("", normalized, count=1)


def is_courtesy(normalized: str) -> bool:
    """Whether a normalized text is only a greeting, thanks or a short polite reply.

    >>> [is_courtesy(t) for t in ("здравствуйте!", "добрый день", "спасибо большое!")]
    [True, True, True]
    >>> is_courtesy("всем привет, понятно, спасибо за ответ")
    True
    >>> [is_courtesy(t) for t in ("привет, нужна работа?", "спасибо [link]", "", "сорт")]
    [False, False, False, False]
    """
    if _CONTACT.search(normalized):
        return False
    words = WORD.findall(normalized)
    if not words or len(words) > MAX_COURTESY_WORDS:
        return False
    return all(word in COURTESY_WORDS for word in WORD.findall(strip_greeting(normalized)))


def is_polite_request(normalized: str) -> bool:
    """Whether a normalized text holds a polite request or thanks.

    >>> is_polite_request("напишите мне в личные сообщения, пожалуйста")
    True
    >>> is_polite_request("подскажите телефон регистратуры")
    True
    >>> is_polite_request("пиши в лс, расскажу про заработок")
    False
    """
    return bool(_POLITE.search(normalized))
