"""De-obfuscating normalizer shared by the lexicons and the models.

Steps, in order: fold characters (NFKC, lower case, ``ё``→``е``, invisible characters
dropped), replace links/phones/usernames/e-mails/hashtags/currency/times with
placeholders (``[link]`` …, as in the shared spam set), undo homoglyphs, digits for
letters and transliteration inside words, collapse letters repeated three or more
times, and join words spelt letter by letter (``х.у.й``, ``п и з д а``).

``normalize`` is the fast path; ``normalize_with_offsets`` returns the same text and,
for each of its characters, the index of the original character it came from, so
that findings can point into the text a moderator sees.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from gospablik.moderation.classifier.glyphs import map_token_indexed

# A replacement is either plain text or text plus, per output character, the index
# (relative to the match) of the input character it stands for.
Replacement = str | tuple[str, list[int]]

_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad")
_EXTRA_FOLD = {"ё": "е", "і": "и", "ї": "и", "є": "е", "ў": "у", "α": "а", "ο": "о"}
_EXTRA_FOLD |= {"ρ": "р", "ε": "е", "κ": "к", "τ": "т", "χ": "х", "υ": "у", "ν": "v"}
# Canadian syllabics and other "fancy font" letters used to dodge filters.
_EXTRA_FOLD |= dict(zip("ᑕᗩᑎᗪᑭᖇᗰᑌᗯᕼᗷᖴᔕᐯᗅᏒᎥᏆᎪᎬᎻᏦᎷᏢᎢᏔᎡ", "candprmuwhbfsvaritaehkmptwr", strict=True))
_EXTRA_FOLD |= dict(
    zip("σγπηωᴋᴄʙᴍʜᴛᴇᴀᴏᴘʏᴦᴨɑϲѕԁһіјӏԛԝ", "оупнвксвмнтеаоруrпасsdhijlqw", strict=True)
)


def _fold_char(char: str) -> str:
    if char in _INVISIBLE or unicodedata.combining(char):
        return ""
    if unicodedata.category(char) == "Cc":
        return " " if char in "\n\r\t" else ""
    folded = unicodedata.normalize("NFKC", char).lower()
    return "".join(_EXTRA_FOLD.get(c, c) for c in folded)


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_FOLD = _FoldTable()

_TLD = (
    r"(?:ru|рф|com|net|org|su|me|io|info|biz|pro|online|site|store|shop|club|xyz"
    r"|top|ly|gl|cc|tk|link|ua|by|kz|uz|ws|to)\b"
)
_URL_TAIL = r"[^\s<>\"'«»]*[^\s<>\"'«».,;:!?)]"
_DIGITS3 = re.compile(r"\d\d\d")
_DOT_TLD = re.compile(rf"\.{_TLD}", re.I)
_DIGIT_DOT = re.compile(r"\d\.\d")

# (cheap gate, pattern, placeholder), applied in order; a gate skips the regex for the
# many texts that cannot match it. "" keeps the match in lower case (the spam set's tags).
_PLACEHOLDERS: list[tuple[Callable[[str], object], str, str]] = [
    (lambda t: "[" in t, r"\[(?:LINK|PHONE|USERNAME|EMAIL|HASHTAG|CURRENCY|TIME|DATE)\]", ""),
    (lambda t: "@" in t, r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]*\w", "[email]"),
    (
        lambda t: "http" in t or "www." in t or _DOT_TLD.search(t),
        rf"(?:https?://|www\.){_URL_TAIL}|(?<![\w@.-])(?=[\w-]+\.)[\w-]+(?:\.[\w-]+)*\.{_TLD}"
        rf"(?:/{_URL_TAIL})?",
        "[link]",
    ),
    (lambda t: "@" in t, r"(?<![\w@])@[a-z0-9_.]{3,}", "[username]"),
    (
        _DIGITS3.search,
        r"(?<![\d+])(?:\+7|8|7)?[\s(-]{0,2}\d{3}[\s)-]{0,2}\d{3}[\s-]?\d{2}[\s-]?\d{2}(?!\d)",
        "[phone]",
    ),
    (lambda t: "#" in t, r"(?<![\w#])#\w+", "[hashtag]"),
    (lambda t: ":" in t, r"\b\d{1,2}:\d{2}\b", "[time]"),
    (_DIGIT_DOT.search, r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b", "[date]"),
    (
        lambda t: any(c in t for c in "₽€£¥$usdeUSDE"),
        r"[₽€£¥]|(?<=\d)\s?\$|\$(?=\s?\d)|(?<=\d)\s?(?:usdt|usd|eur)\b",
        " [currency]",
    ),
]


def _placeholder(value: str) -> Callable[[re.Match[str]], Replacement]:
    return (lambda match: match.group().lower()) if not value else (lambda _match: value)


_LETTERS = "0-9a-zа-яё@$"
_TOKEN = re.compile(rf"(?<![\[{_LETTERS}])[{_LETTERS}]*[0-9a-z@$][{_LETTERS}]*")
_REPEATS = re.compile(r"([^\W\d_])\1{2,}")
# Three or more single letters with the same separator between them: "х.у.й", "п и з д а"
# (the same separator, so that "и х.у.й" keeps its "и").
_SPELT = re.compile(
    r"(?<![^\W_])[^\W\d_]([ .*_\-]{1,3})[^\W\d_](?![^\W_])(?:\1[^\W\d_](?![^\W_]))+"
)


def _spread(length: int, source: list[int]) -> list[int]:
    """Map ``length`` output characters onto the ``source`` offsets proportionally."""
    if length == len(source):
        return source
    return [source[i * len(source) // length] for i in range(length)]


def _sub(
    pattern: re.Pattern[str],
    repl: Callable[[re.Match[str]], Replacement],
    text: str,
    offsets: list[int] | None,
) -> tuple[str, list[int] | None]:
    if offsets is None:
        return pattern.sub(lambda m: _text_of(repl(m)), text), None
    parts: list[str] = []
    new_offsets: list[int] = []
    pos = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        parts.append(text[pos:start])
        new_offsets.extend(offsets[pos:start])
        replacement = repl(match)
        source = offsets[start:end] or [offsets[start] if start < len(offsets) else start]
        if isinstance(replacement, tuple):
            replacement, relative = replacement
            new_offsets.extend(source[i] for i in relative)
        else:
            new_offsets.extend(_spread(len(replacement), source))
        parts.append(replacement)
        pos = end
    parts.append(text[pos:])
    new_offsets.extend(offsets[pos:])
    return "".join(parts), new_offsets


def _text_of(replacement: Replacement) -> str:
    return replacement if isinstance(replacement, str) else replacement[0]


# Characters whose fold is plain lower case (and ё→е): texts made only of them skip
# the per-character table.
_PLAIN = re.compile("[\n\t\x20-\x7eА-яЁё«»—–]*")


def _fold(text: str, offsets: list[int] | None) -> tuple[str, list[int] | None]:
    if offsets is None:
        if _PLAIN.fullmatch(text):
            return text.lower().replace("ё", "е").replace("\n", " ").replace("\t", " "), None
        return text.translate(_FOLD), None
    parts = [_FOLD[ord(char)] for char in text]
    return "".join(parts), [i for i, part in enumerate(parts) for _ in part]


def _join_spelt(match: re.Match[str]) -> Replacement:
    kept = [i for i, char in enumerate(match.group()) if char.isalpha()]
    return "".join(match.group()[i] for i in kept), kept


def _read_token(match: re.Match[str]) -> Replacement:
    word, source = map_token_indexed(match.group())
    return word if source is None else (word, source)


_Step = tuple[
    Callable[[str], object] | None, re.Pattern[str], Callable[[re.Match[str]], Replacement]
]
_STEPS: list[_Step] = [
    *((gate, re.compile(body, re.I), _placeholder(value)) for gate, body, value in _PLACEHOLDERS),
    (None, _TOKEN, _read_token),
    (None, _REPEATS, lambda m: (m.group(1), [0])),
    (None, _SPELT, _join_spelt),
]


def _run(text: str, offsets: list[int] | None) -> tuple[str, list[int] | None]:
    text, offsets = _fold(text, offsets)
    for gate, pattern, repl in _STEPS:
        if gate is None or gate(text):
            text, offsets = _sub(pattern, repl, text, offsets)
    return text, offsets


def normalize(text: str) -> str:
    """Return the de-obfuscated, lower-cased form of ``text``.

    >>> normalize("Ты х.у.й, 3аебал уже, ХУЙ")
    'ты хуй, заебал уже, хуй'
    >>> normalize("Пиши в лс @job_bot, оплата от 5000$ https://vk.cc/abc")
    'пиши в лс [username], оплата от 5000 [currency] [link]'
    >>> normalize("Спасибо, всё починили!")
    'спасибо, все починили!'
    """
    return _run(text, None)[0]


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Return ``normalize(text)`` and the original index of each of its characters.

    >>> norm, offsets = normalize_with_offsets("ну х.у.й")
    >>> norm, offsets
    ('ну хуй', [0, 1, 2, 3, 5, 7])
    """
    normalized, offsets = _run(text, list(range(len(text))))
    assert offsets is not None  # noqa: S101 - the offsets path always returns them
    return normalized, offsets


def original_span(text: str, offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """Map the normalized span ``[start, end)`` back to ``text``.

    >>> text = "ну х.у.й!"
    >>> norm, offsets = normalize_with_offsets(text)
    >>> s, e = original_span(text, offsets, norm.index("хуй"), norm.index("хуй") + 3)
    >>> text[s:e]
    'х.у.й'
    """
    orig_start = offsets[start] if start < len(offsets) else len(text)
    orig_end = offsets[end] if end < len(offsets) else len(text)
    while orig_end > orig_start + 1 and text[orig_end - 1] in " \t\r\n,;:!?)(\"'«»":
        orig_end -= 1
    return orig_start, max(orig_end, orig_start + 1)
