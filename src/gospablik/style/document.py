"""The shared analysis of one text: tokens with offsets, sentences, paragraphs, morphology.

Built once per check and handed to every rule.

>>> doc = Document.of("Привет, Кузбасс! Пишите на www.kuzdrav.ru #здоровье")
>>> [(t.text, t.kind) for t in doc.tokens][:4]
[('Привет', 'word'), (',', 'punct'), ('Кузбасс', 'word'), ('!', 'punct')]
>>> [t.kind for t in doc.tokens][-2:]
['url', 'hashtag']
>>> [doc.text[s.start:s.end] for s in doc.sentences]
['Привет, Кузбасс!', 'Пишите на www.kuzdrav.ru #здоровье']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from razdel import sentenize

from gospablik.style.morph import WordInfo, analyze

if TYPE_CHECKING:
    from gospablik.style.networks import NetworkLimits

WORD, NUMBER, URL, EMAIL, HASHTAG, MENTION, PUNCT = (
    "word",
    "number",
    "url",
    "email",
    "hashtag",
    "mention",
    "punct",
)

_TLD = r"(?:ru|рф|su|com|org|net|info|io|me|online|pro|gov)"
TOKEN_RE = re.compile(
    rf"""
    (?P<url>(?:https?://|www\.)[^\s<>«»"]*[^\s<>«».,;:!?)\]"']
      |\b[a-zA-Z0-9][\w-]*(?:\.[\w-]+)*\.{_TLD}\b(?:/[^\s<>«»"]*[^\s<>«».,;:!?)\]"'])?)
    |(?P<email>[\w.+-]+@[\w-]+\.[\w.-]*\w)
    |(?P<hashtag>\#[^\W_][\w]*)
    |(?P<mention>@\w+)
    |(?P<word>[^\W\d_]+(?:[-‐‑][^\W\d_]+)*)
    |(?P<number>\d+(?:[.,:]\d+)*)
    |(?P<punct>[^\w\s])
    """,
    re.VERBOSE,
)
LINE_RE = re.compile(r"[^\n]+")


@dataclass(slots=True)
class Token:
    """One token; ``norm`` is the lowercase form with «ё» as «е». Treat as immutable."""

    text: str
    start: int
    end: int
    kind: str
    lower: str
    norm: str
    info: WordInfo | None = None

    @property
    def is_word(self) -> bool:
        return self.kind == WORD


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence or a paragraph: character offsets and its token index range."""

    start: int
    end: int
    first: int
    stop: int
    words: int


@dataclass
class Document:
    text: str
    tokens: list[Token]
    sentences: list[Span]
    paragraphs: list[Span]
    network: NetworkLimits | None = None
    _word_count: int = field(default=-1, repr=False)

    @classmethod
    def of(cls, text: str, network: NetworkLimits | None = None) -> Document:
        tokens = tokenize(text)
        starts = [t.start for t in tokens]
        paragraphs, sentences = [], []
        for line in LINE_RE.finditer(text):
            if line.group().strip():
                paragraphs.append(_span(tokens, starts, line.start(), line.end()))
                sentences.extend(_sentences(tokens, starts, line.group(), line.start()))
        return cls(text, tokens, sentences, paragraphs, network)

    @property
    def word_count(self) -> int:
        if self._word_count < 0:
            self._word_count = sum(t.kind == WORD for t in self.tokens)
        return self._word_count

    def sentence_tokens(self, span: Span) -> list[Token]:
        return self.tokens[span.first : span.stop]


def tokenize(text: str) -> list[Token]:
    """Tokens with offsets; word tokens carry cached morphology.

    >>> [(t.text, t.start, t.end) for t in tokenize("В 2024 г. — медико-санитарная")][2:]
    [('г', 7, 8), ('.', 8, 9), ('—', 10, 11), ('медико-санитарная', 12, 29)]
    """
    tokens: list[Token] = []
    append = tokens.append
    for m in TOKEN_RE.finditer(text):
        kind = m.lastgroup or PUNCT
        value = m.group()
        lower = value.lower()
        norm = lower.replace("ё", "е")
        start, end = m.span()
        append(Token(value, start, end, kind, lower, norm, analyze(norm) if kind == WORD else None))
    return tokens


def _sentences(tokens: list[Token], starts: list[int], line: str, offset: int) -> list[Span]:
    return [
        _span(tokens, starts, offset + s.start, offset + s.stop)
        for s in sentenize(line)
        if s.text.strip()
    ]


def _span(tokens: list[Token], starts: list[int], start: int, end: int) -> Span:
    first = bisect_left(starts, start)
    stop = bisect_left(starts, end)
    words = sum(tokens[i].kind == WORD for i in range(first, stop))
    return Span(start, end, first, stop, words)
