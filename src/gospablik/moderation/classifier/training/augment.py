"""Deliberately distorted spellings, for training augmentation and the stress test.

``distort`` rewrites one or two words of a text the way people dodge filters:
Latin homoglyphs, digits for letters, letters spaced out with dots/spaces/asterisks,
letters masked with asterisks, repeated letters, a word split by a space, swapped
vowels. Obscene words (found by the lexicon) are chosen first, since those are
the words people disguise.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from gospablik.moderation.classifier.obscenity import ObscenityLexicon

_WORD = re.compile(r"[А-Яа-яЁё]{3,}")
_HOMOGLYPHS = dict(zip("аеорсухкАЕОРСУХКВМТН", "aeopcyxkAEOPCYXKBMTH", strict=True))
_DIGITS = {"з": "3", "о": "0", "б": "6", "ч": "4", "а": "@", "и": "1"}
_VOWEL_SWAPS = {"е": "и", "и": "е", "о": "а", "а": "о"}


def _homoglyphs(word: str, rng: random.Random) -> str:
    return "".join(_HOMOGLYPHS.get(c, c) if rng.random() < 0.7 else c for c in word)


def _digits(word: str, rng: random.Random) -> str:
    return "".join(_DIGITS.get(c, c) if rng.random() < 0.7 else c for c in word)


def _spaced(word: str, rng: random.Random) -> str:
    return rng.choice([".", " ", "*", "-", "_"]).join(word)


def _masked(word: str, rng: random.Random) -> str:
    if len(word) <= 3:
        return word[:2] + "*"
    inner = rng.randrange(1, len(word) - 1)
    return word[:inner] + "*" * rng.randint(1, 3) + word[inner + rng.randint(1, 2) :]


def _repeated(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    return word[: i + 1] + word[i] * rng.randint(2, 5) + word[i + 1 :]


def _split(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word))
    return f"{word[:i]} {word[i:]}"


def _vowels(word: str, rng: random.Random) -> str:
    spots = [i for i, c in enumerate(word) if c in _VOWEL_SWAPS]
    if not spots:
        return word
    i = rng.choice(spots)
    return word[:i] + _VOWEL_SWAPS[word[i]] + word[i + 1 :]


DISTORTIONS: list[Callable[[str, random.Random], str]] = [
    _homoglyphs,
    _digits,
    _spaced,
    _masked,
    _repeated,
    _split,
    _vowels,
]


class Distorter:
    """Distort texts reproducibly.

    >>> Distorter(seed=1).distort("ну ты и дурак") != "ну ты и дурак"
    True
    """

    def __init__(self, seed: int, lexicon: ObscenityLexicon | None = None) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - reproducible sampling
        self.lexicon = lexicon or ObscenityLexicon()

    def distort(self, text: str) -> str:
        words = list(_WORD.finditer(text))
        if not words:
            return text
        targets = self._targets(text, words)
        for match in sorted(targets, key=lambda m: -m.start()):
            change = self.rng.choice(DISTORTIONS)
            text = text[: match.start()] + change(match.group(), self.rng) + text[match.end() :]
        return text

    def _targets(self, text: str, words: list[re.Match[str]]) -> list[re.Match[str]]:
        lowered = text.lower().replace("ё", "е")
        hits = self.lexicon.find(lowered)
        obscene = [w for w in words if any(h.start <= w.start() < h.end for h in hits)]
        pool = obscene or sorted(words, key=lambda w: -len(w.group()))[:4]
        return self.rng.sample(pool, min(len(pool), self.rng.choice([1, 1, 2])))
