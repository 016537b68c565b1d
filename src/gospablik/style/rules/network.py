"""Network fit: the target network's length limit, links and hashtags."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from gospablik.style.document import Document
from gospablik.style.model import Issue
from gospablik.style.networks import NetworkLimits, limits


def _limits(doc: Document) -> NetworkLimits:
    return doc.network or limits(None)


@dataclass(frozen=True)
class NetworkLength:
    """Текст длиннее лимита соцсети: лишнее обрежется или пост не опубликуется.

    >>> from gospablik.style.rules.base import flagged
    >>> [len(p) for p in flagged(NetworkLength(), "а" * 1100, network="telegram_caption")]
    [76]
    >>> flagged(NetworkLength(), "а" * 1100, network="vk")
    []
    """

    name: str = "network_length"
    category: str = "network"
    explanation_ru: str = "Текст не помещается в лимит выбранной соцсети."

    def find(self, doc: Document) -> Iterator[Issue]:
        net = _limits(doc)
        if net.max_chars is not None and len(doc.text) > net.max_chars:
            over = len(doc.text) - net.max_chars
            message = f"Лимит {net.label} — {net.max_chars} знаков, текст длиннее на {over}"
            yield Issue(self.name, self.category, net.max_chars, len(doc.text), message, None, 3.0)


@dataclass(frozen=True)
class TooManyLinks:
    """Слишком много ссылок: читатель не знает, куда нажать.

    >>> from gospablik.style.rules.base import flagged
    >>> flagged(TooManyLinks(), "Запись: https://a.ru, https://b.ru и https://c.ru")
    ['https://c.ru']
    >>> flagged(TooManyLinks(), "Запись: https://a.ru")
    []
    """

    name: str = "too_many_links"
    category: str = "network"
    explanation_ru: str = "Много ссылок в посте рассеивают внимание: оставьте одну главную."

    def find(self, doc: Document) -> Iterator[Issue]:
        net = _limits(doc)
        links = [t for t in doc.tokens if t.kind in ("url", "email")]
        for n, token in enumerate(links[net.advised_links :]):
            message = f"Ссылок {len(links)}; для {net.label} лучше не больше {net.advised_links}"
            weight = 0.4 if n == 0 else 0.1
            yield Issue(self.name, self.category, token.start, token.end, message, None, weight)


@dataclass(frozen=True)
class TooManyHashtags:
    """Слишком много хештегов (и жёсткий лимит Instagram — 30).

    >>> from gospablik.style.rules.base import flagged
    >>> flagged(TooManyHashtags(), "Пост #1 #два #три #четыре", network="telegram")
    ['#четыре']
    >>> flagged(TooManyHashtags(), "Пост #Кузбасс #здоровье")
    []
    """

    name: str = "too_many_hashtags"
    category: str = "network"
    explanation_ru: str = "Хештегов больше, чем нужно: два-три точных лучше десяти."

    def find(self, doc: Document) -> Iterator[Issue]:
        net = _limits(doc)
        tags = [t for t in doc.tokens if t.kind == "hashtag"]
        for n, token in enumerate(tags[net.advised_hashtags :], start=net.advised_hashtags + 1):
            hard = net.max_hashtags is not None and n > net.max_hashtags
            limit = net.max_hashtags if hard else net.advised_hashtags
            kind = "разрешено" if hard else "лучше"
            message = f"Хештегов {len(tags)}; для {net.label} {kind} не больше {limit}"
            weight = 1.0 if hard else 0.2
            yield Issue(self.name, self.category, token.start, token.end, message, None, weight)
