"""Readability: long sentences, phone-screen paragraphs, the Oborneva–Flesch index."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from gospablik.style.document import WORD, Document
from gospablik.style.model import Issue
from gospablik.style.rules.base import plural, token_issue


def flesch_oborneva(words: int, sentences: int, syllables: int) -> float:
    """Flesch reading ease adapted to Russian by I. V. Oborneva (2006): higher is easier.

    >>> round(flesch_oborneva(words=100, sentences=10, syllables=230), 1)
    55.6
    """
    if not words or not sentences:
        return 100.0
    return 206.835 - 1.3 * (words / sentences) - 60.1 * (syllables / words)


def text_stats(doc: Document) -> dict[str, float]:
    """Figures shown next to the score.

    >>> text_stats(Document.of("Приходите завтра. Ждём всех!"))["words"]
    4.0
    """
    word_tokens = [t for t in doc.tokens if t.kind == WORD and t.info is not None]
    syllables = [t.info.syllables for t in word_tokens if t.info is not None]
    words = len(word_tokens)
    sentences = max(1, sum(s.words > 0 for s in doc.sentences))
    return {
        "chars": float(len(doc.text)),
        "words": float(words),
        "sentences": float(sentences),
        "paragraphs": float(len(doc.paragraphs)),
        "avg_sentence_words": round(words / sentences, 1),
        "max_sentence_words": float(max((s.words for s in doc.sentences), default=0)),
        "avg_word_syllables": round(sum(syllables) / words, 2) if words else 0.0,
        "avg_word_chars": round(sum(len(t.text) for t in word_tokens) / words, 2) if words else 0.0,
        "long_words_share": round(sum(s >= 5 for s in syllables) / words, 3) if words else 0.0,
        "flesch_oborneva": round(flesch_oborneva(words, sentences, sum(syllables)), 1),
        "links": float(sum(t.kind == "url" for t in doc.tokens)),
        "hashtags": float(sum(t.kind == "hashtag" for t in doc.tokens)),
    }


@dataclass(frozen=True)
class LongSentence:
    """Длинное предложение.

    >>> from gospablik.style.rules.base import flagged
    >>> long = "Мы " + " ".join(["очень"] * 30) + " рады."
    >>> [i.message for i in LongSentence().find(Document.of(long))]
    ['Предложение из 32 слов: разбейте на два-три']
    >>> flagged(LongSentence(), "Завтра открываем поликлинику. Приходите!")
    []
    """

    name: str = "long_sentence"
    category: str = "readability"
    explanation_ru: str = (
        "Предложение длиннее 25 слов читают с трудом, особенно с телефона. Разбейте его."
    )
    max_words: int = 25

    def find(self, doc: Document) -> Iterator[Issue]:
        for s in doc.sentences:
            if s.words > self.max_words:
                words = plural(s.words, "слова", "слов", "слов")
                message = f"Предложение из {s.words} {words}: разбейте на два-три"
                weight = min(1.4, 0.3 + 0.03 * (s.words - self.max_words))
                yield token_issue(self, doc.tokens, s.first, s.stop, message, None, weight)


@dataclass(frozen=True)
class LongParagraph:
    """Абзац длиннее экрана телефона.

    >>> from gospablik.style.rules.base import flagged
    >>> text = "Короткий абзац.\\n" + "Длинный абзац без переносов строк. " * 25
    >>> [len(p) for p in flagged(LongParagraph(), text)]
    [874]
    >>> flagged(LongParagraph(), "Первый абзац.\\nВторой абзац.")
    []
    """

    name: str = "long_paragraph"
    category: str = "readability"
    explanation_ru: str = (
        "Абзац длиннее 600 знаков не помещается на экран телефона: читатель видит стену текста."
    )
    max_chars: int = 600

    def find(self, doc: Document) -> Iterator[Issue]:
        for p in doc.paragraphs:
            text = doc.text[p.start : p.end].rstrip()
            if len(text) > self.max_chars:
                message = f"Абзац из {len(text)} знаков не влезает в экран телефона: разбейте"
                weight = min(1.5, 0.3 + 0.5 * (len(text) - self.max_chars) / self.max_chars)
                yield Issue(
                    self.name, self.category, p.start, p.start + len(text), message, None, weight
                )


@dataclass(frozen=True)
class HardToRead:
    """Трудный текст по индексу Флеша–Оборнёвой (для текстов от 40 слов).

    >>> from gospablik.style.rules.base import flagged
    >>> hard = ("Обеспечение информационно-телекоммуникационного взаимодействия "
    ...         "исполнительных органов государственной власти осуществляется "
    ...         "посредством использования автоматизированных систем. ") * 5
    >>> [i.rule for i in HardToRead().find(Document.of(hard))]
    ['hard_to_read']
    >>> flagged(HardToRead(), "Мы открыли новую поликлинику. Там есть врач и лаборатория. " * 8)
    []
    """

    name: str = "hard_to_read"
    category: str = "readability"
    explanation_ru: str = (
        "Индекс Флеша–Оборнёвой ниже 30: длинные предложения и длинные слова. "
        "Такой текст читают только по обязанности."
    )
    threshold: float = 30.0
    min_words: int = 40

    def find(self, doc: Document) -> Iterator[Issue]:
        if doc.word_count < self.min_words:
            return
        stats = text_stats(doc)
        index = stats["flesch_oborneva"]
        if index < self.threshold:
            message = (
                f"Индекс читаемости {index:.0f} из 100: текст трудный — "
                "короче предложения, проще слова"
            )
            weight = min(1.25, (self.threshold - index) / 40)
            yield Issue(self.name, self.category, 0, len(doc.text), message, None, weight)
