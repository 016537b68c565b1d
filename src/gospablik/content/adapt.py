"""Write once, adapt per network: hashtags, link handling, length limits (plain Python).

>>> caps = frozenset({Capability.PUBLISH_TEXT, Capability.PUBLISH_LINK})
>>> a = adapt("Открыли запись", network="vk", capabilities=caps,
...           link="https://kuzdrav.ru/news/1", hashtags="здоровье, #Кузбасс")
>>> a.text, a.link
('Открыли запись\\n\\n#здоровье #Кузбасс', 'https://kuzdrav.ru/news/1')
>>> b = adapt("Открыли запись", network="instagram", capabilities=frozenset(),
...           link="https://kuzdrav.ru/news/1", has_media=True)
>>> b.text, b.link
('Открыли запись\\n\\nhttps://kuzdrav.ru/news/1', None)
>>> b.notes
['Instagram: ссылки в подписи не кликабельны']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gospablik.content.formats import (
    INSTAGRAM_MAX_HASHTAGS,
    LINK_ATTACHMENT_NETWORKS,
    TELEGRAM_CAPTION,
    TEXT_LIMITS,
)
from gospablik.networks.base import NETWORK_LABELS_RU, Capability

_TAG = re.compile(r"#?([\w][\w-]*)")


@dataclass(frozen=True)
class Adapted:
    """The text one network gets, and what the editor should know about it."""

    network: str
    text: str  # exactly what appears on the wall
    link: str | None  # passed to the connector (None: no link, or folded into the text)
    limit: int | None
    errors: list[str] = field(default_factory=list)  # block scheduling
    notes: list[str] = field(default_factory=list)  # shown in the preview

    @property
    def length(self) -> int:
        return len(self.text)


def parse_hashtags(raw: str) -> list[str]:
    """Hashtags from free input, with "#", no repeats.

    >>> parse_hashtags("здоровье,  #Кузбасс здоровье")
    ['#здоровье', '#Кузбасс']
    """
    tags = [f"#{m.group(1)}" for m in _TAG.finditer(raw)]
    return list(dict.fromkeys(tags))


def with_hashtags(text: str, tags: list[str]) -> str:
    missing = [t for t in tags if t.lower() not in text.lower()]
    return f"{text}\n\n{' '.join(missing)}".strip() if missing else text


def link_attached(network: str, capabilities: frozenset[Capability], has_photos: bool) -> bool:
    """Whether the network shows the link as an attachment rather than in the text."""
    if Capability.PUBLISH_LINK not in capabilities or network not in LINK_ATTACHMENT_NETWORKS:
        return False
    return not (network == "facebook" and has_photos)


def adapt(
    text: str,
    *,
    network: str,
    capabilities: frozenset[Capability],
    link: str = "",
    hashtags: str = "",
    has_photos: bool = False,
    has_media: bool = False,
    override: str = "",
    appendix: str = "",
) -> Adapted:
    body = "\n\n".join(p for p in ((override or text).strip(), appendix.strip()) if p)
    body = with_hashtags(body, parse_hashtags(hashtags))
    attach = bool(link) and link_attached(network, capabilities, has_photos)
    if link and not attach and link not in body:
        body = f"{body}\n\n{link}".strip()
    draft_link = link if link and Capability.PUBLISH_LINK in capabilities else None
    limit = TEXT_LIMITS.get(network)
    errors = _length_errors(body, network, limit) + _hashtag_errors(body, network)
    return Adapted(network, body, draft_link, limit, errors, _notes(body, network, link, has_media))


def _label(network: str) -> str:
    return NETWORK_LABELS_RU.get(network, network)


def _length_errors(body: str, network: str, limit: int | None) -> list[str]:
    if limit is None or len(body) <= limit:
        return []
    return [
        f"{_label(network)}: текст длиннее {limit} символов на {len(body) - limit} — "
        "сократите его или задайте отдельный текст для этой соцсети"
    ]


def _hashtag_errors(body: str, network: str) -> list[str]:
    count = len(re.findall(r"(?<!\w)#\w", body))
    if network == "instagram" and count > INSTAGRAM_MAX_HASHTAGS:
        return [f"Instagram: не больше {INSTAGRAM_MAX_HASHTAGS} хештегов, сейчас {count}"]
    return []


def _notes(body: str, network: str, link: str, has_media: bool) -> list[str]:
    notes = []
    if network == "instagram" and link:
        notes.append("Instagram: ссылки в подписи не кликабельны")
    if network == "telegram" and has_media and len(body) > TELEGRAM_CAPTION:
        notes.append(
            f"Telegram: подпись к медиа — до {TELEGRAM_CAPTION} символов, поэтому "
            "медиа и текст уйдут отдельными сообщениями"
        )
    return notes
