"""Undo homoglyphs, digits-for-letters and transliteration inside one word.

A word that mixes Cyrillic with Latin letters or digits (``xуй``, ``3аебал``) is
read letter by letter as Cyrillic look-alikes. A word written wholly in Latin is
read as look-alikes when every letter has a Cyrillic twin (``CYKA``), otherwise as
transliteration (``pizdec``, ``blyat``). Digits are read as letters only when they
stand alone inside a word with at least two Cyrillic letters (``6ля``), so that
``10к`` or ``2-й`` stay as they are.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Tokens arrive in lower case. Look-alikes of the printed letters (b as В, h as Н);
# "loose" ones resemble handwriting (n as п, u as и) and count only inside a word
# that has Cyrillic letters too.
_GLYPHS = dict(zip("abcehkmoptxy", "авсенкмортху", strict=True))
_GLYPH_LOOSE = dict(zip("nruiw", "пгииш", strict=True))
_DIGITS = {"0": "о", "1": "и", "3": "з", "4": "ч", "6": "б", "@": "а", "$": "с"}
_TRANSLIT_1 = dict(zip("abcdefghijklmnopqrstuvwxz", "абцдефгхийклмнопкрстувшкз", strict=True))
_TRANSLIT_2 = {
    "shch": "щ",
    "sch": "щ",
    "sh": "ш",
    "ch": "ч",
    "zh": "ж",
    "kh": "х",
    "ts": "ц",
    "ya": "я",
    "yu": "ю",
    "yo": "е",
    "ye": "е",
    "ja": "я",
    "ju": "ю",
    "jo": "е",
}
_VOWELS = frozenset("aeiouаеиоуыэюя")
_CYRILLIC = re.compile(r"[а-яё]")
_ORDINAL = re.compile(
    r"\d+-?(?:й|я|е|го|ого|му|ому|м|х|ый|ий|ая|ое|ые|ой|ом|ых|ым|ти|ми|ка|ки|ку|к)"
)


def map_token(token: str) -> str:
    """Return the Cyrillic reading of ``token`` (lower case).

    >>> [map_token(t) for t in ("xуй", "3аебал", "6ля", "10к", "CYKA", "2-й")]
    ['хуй', 'заебал', 'бля', '10к', 'сука', '2-й']
    >>> map_token("pizdec"), map_token("nahuy"), map_token("2024")
    ('пиздец', 'нахуй', '2024')
    """
    return map_token_indexed(token)[0]


@lru_cache(maxsize=65536)
def map_token_indexed(token: str) -> tuple[str, list[int] | None]:
    """Return the reading and, if its length differs, the source index of each letter."""
    token = token.lower()
    if not any(c.isalpha() for c in token):
        return token, None
    if _CYRILLIC.search(token):
        return _mixed(token), None
    if all(c in _GLYPHS for c in token):
        return "".join(_GLYPHS[c] for c in token), None
    word, source = _translit(token)
    return word, (None if len(word) == len(token) else source)


def _mixed(token: str) -> str:
    letters = sum(1 for c in token if c.isalpha())
    read_digits = letters >= 2 and not _ORDINAL.fullmatch(token)
    out = []
    for i, char in enumerate(token):
        if char.isdigit() or char in "@$":
            out.append(_digit(token, i) if read_digits else char)
        else:
            out.append(_letter(char))
    return "".join(out)


def _digit(token: str, i: int) -> str:
    lone = not (i > 0 and token[i - 1].isdigit()) and not (
        i + 1 < len(token) and token[i + 1].isdigit()
    )
    return _DIGITS.get(token[i], token[i]) if lone else token[i]


def _letter(char: str) -> str:
    for table in (_GLYPHS, _GLYPH_LOOSE, _TRANSLIT_1):
        if char in table:
            return table[char]
    return char


def _translit(word: str) -> tuple[str, list[int]]:
    out: list[str] = []
    source: list[int] = []
    i = 0
    while i < len(word):
        piece, width = _translit_at(word, i)
        out.append(piece)
        source.extend([i] * len(piece))
        i += width
    return "".join(out), source


def _translit_at(word: str, i: int) -> tuple[str, int]:
    for width in (4, 3, 2):
        if word[i : i + width] in _TRANSLIT_2:
            return _TRANSLIT_2[word[i : i + width]], width
    char = word[i]
    if char == "y":
        return ("й" if i > 0 and word[i - 1] in _VOWELS else "ы"), 1
    if char.isdigit() or char in "@$":
        return (_digit(word, i) if char in "01@$" else char), 1
    return _TRANSLIT_1.get(char, char), 1
