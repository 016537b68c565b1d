"""Content formats of clause 2.3 and what each network can take (plain Python).

A post is described by :class:`Content` (what it carries); :func:`format_errors` says
what the format itself lacks, :func:`network_problems` what a network cannot take —
both before scheduling, never after a failed publish.

>>> post = Content(format="poll", text="Нам важно ваше мнение",
...                poll_question="Удобна ли запись к врачу?", poll_answers=2)
>>> format_errors(post)
[]
>>> network_problems(post, "instagram", frozenset({Capability.PUBLISH_PHOTO}))
['Instagram: нельзя опубликовать текст без фото и видео', 'Instagram: нельзя опубликовать опрос']
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from gospablik.networks.base import NETWORK_LABELS_RU, Capability

C = Capability


class Format(StrEnum):
    TEXT = "text"
    PHOTO = "photo"
    INFOGRAPHIC = "infographic"
    CARD = "card"
    ANIMATION = "animation"
    VIDEO = "video"
    LIVE = "live"
    POLL = "poll"
    CONTEST = "contest"
    CAMPAIGN = "campaign"
    REPOST = "repost"


FORMAT_LABELS_RU: dict[str, str] = {
    "text": "Текст",
    "photo": "Фото",
    "infographic": "Инфографика",
    "card": "Карточки",
    "animation": "Анимация (GIF/MP4)",
    "video": "Видео",
    "live": "Прямой эфир (анонс или ссылка)",
    "poll": "Опрос",
    "contest": "Конкурс",
    "campaign": "Акция",
    "repost": "Репост",
}
IMAGE_FORMATS = frozenset({"photo", "infographic", "card"})
ALT_REQUIRED = frozenset({"infographic", "card"})
RULED_FORMATS = frozenset({"contest", "campaign"})

# Hard text limits (characters). OK's 10000 is the editor's figure, not a documented one.
TEXT_LIMITS: dict[str, int | None] = {
    "vk": 16384,
    "ok": 10000,
    "telegram": 4096,
    "max": 4000,
    "facebook": 63206,
    "instagram": 2200,
    "blog": None,
}
TELEGRAM_CAPTION = 1024
INSTAGRAM_MAX_HASHTAGS = 30
# Networks that show a link as an attachment (a preview card); elsewhere it goes in the text.
LINK_ATTACHMENT_NETWORKS = frozenset({"vk", "ok", "blog", "facebook"})

CANNOT_RU: dict[Capability, str] = {
    C.PUBLISH_TEXT: "нельзя опубликовать текст без фото и видео",
    C.PUBLISH_PHOTO: "нельзя опубликовать фотографии",
    C.PUBLISH_VIDEO: "нельзя опубликовать видео",
    C.PUBLISH_ANIMATION: "нельзя опубликовать GIF-анимацию",
    C.PUBLISH_POLL: "нельзя опубликовать опрос",
    C.REPOST: "нельзя сделать репост",
}


@dataclass(frozen=True)
class Content:
    """What a post carries, independent of storage."""

    format: str
    text: str = ""
    images: int = 0
    images_without_alt: int = 0
    gifs: int = 0
    videos: int = 0  # MP4 files (a video, or an animation sent as MP4)
    link: str = ""
    poll_question: str = ""
    poll_answers: int = 0
    repost_source: str = ""
    rules: str = ""
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    results_at: datetime | None = None

    @property
    def has_media(self) -> bool:
        return bool(self.images or self.gifs or self.videos)


def format_errors(content: Content) -> list[str]:
    """What the format itself requires, in Russian (empty when the post is complete).

    >>> format_errors(Content(format="card", text="Памятка", images=2, images_without_alt=1))
    ['Для формата «Карточки» у каждого изображения нужен альтернативный текст (не заполнен у 1)']
    >>> format_errors(Content(format="repost"))
    ['Укажите запись, которую репостим (например, https://vk.com/wall-1_123)']
    """
    checks = _COMMON if content.format != Format.REPOST else ()
    errors = [
        message
        for check in (*checks, *_BY_FORMAT.get(content.format, ()))
        for message in check(content)
    ]
    return errors


def _text_required(c: Content) -> list[str]:
    return [] if c.text.strip() else ["Добавьте текст публикации"]


def _images_required(c: Content) -> list[str]:
    if c.format in IMAGE_FORMATS and not c.images:
        return [f"Для формата «{FORMAT_LABELS_RU[c.format]}» прикрепите хотя бы одно изображение"]
    if c.format in ALT_REQUIRED and c.images_without_alt:
        label = FORMAT_LABELS_RU[c.format]
        return [
            f"Для формата «{label}» у каждого изображения нужен альтернативный текст "
            f"(не заполнен у {c.images_without_alt})"
        ]
    return []


def _one_animation(c: Content) -> list[str]:
    if c.gifs + c.videos != 1 or c.images:
        return ["Для анимации прикрепите ровно один файл GIF или MP4 (без фотографий)"]
    return []


def _one_video(c: Content) -> list[str]:
    return [] if c.videos == 1 and not c.gifs else ["Для видео прикрепите ровно один файл MP4"]


def _live_link(c: Content) -> list[str]:
    return [] if c.link else ["Для анонса эфира укажите ссылку на трансляцию"]


def _poll(c: Content) -> list[str]:
    errors = [] if c.poll_question.strip() else ["Укажите вопрос опроса"]
    if not 2 <= c.poll_answers <= 10:
        errors.append("В опросе должно быть от 2 до 10 вариантов ответа")
    return errors


def _rules(c: Content) -> list[str]:
    kind = FORMAT_LABELS_RU[c.format].lower()
    errors = [] if c.rules.strip() else [f"Опишите правила: {kind} без правил не проводится"]
    if not (c.starts_at and c.ends_at and c.results_at):
        errors.append("Укажите даты начала, окончания и подведения итогов")
    elif not c.starts_at < c.ends_at <= c.results_at:
        errors.append("Даты должны идти по порядку: начало < окончание ≤ подведение итогов")
    return errors


def _repost(c: Content) -> list[str]:
    errors = (
        []
        if c.repost_source.strip()
        else ["Укажите запись, которую репостим (например, https://vk.com/wall-1_123)"]
    )
    if c.has_media or c.poll_answers:
        errors.append("Репост публикуется без изменений: вложения и опрос к нему не добавить")
    return errors


_COMMON = (_text_required,)
_BY_FORMAT = {
    "photo": (_images_required,),
    "infographic": (_images_required,),
    "card": (_images_required,),
    "animation": (_one_animation,),
    "video": (_one_video,),
    "live": (_live_link,),
    "poll": (_poll,),
    "contest": (_rules,),
    "campaign": (_rules,),
    "repost": (_repost,),
}


def needed_capabilities(content: Content, capabilities: frozenset[Capability]) -> list[Capability]:
    """What the network must support to take ``content`` (an MP4 animation goes as a video
    where the network has no animations).

    >>> needed_capabilities(Content(format="animation", text="x", videos=1),
    ...                     frozenset({Capability.PUBLISH_VIDEO}))
    [<Capability.PUBLISH_VIDEO: 'publish_video'>]
    """
    if content.format == Format.REPOST:
        return [C.REPOST]
    needs = [] if content.has_media else [C.PUBLISH_TEXT]
    needs += [C.PUBLISH_PHOTO] if content.images else []
    needs += [C.PUBLISH_ANIMATION] if content.gifs else []
    if content.videos:
        animation = content.format == Format.ANIMATION and C.PUBLISH_ANIMATION in capabilities
        needs.append(C.PUBLISH_ANIMATION if animation else C.PUBLISH_VIDEO)
    needs += [C.PUBLISH_POLL] if content.poll_answers else []
    return needs


def network_problems(
    content: Content, network: str, capabilities: frozenset[Capability]
) -> list[str]:
    """Why ``network`` cannot take ``content`` (Russian; empty when it can)."""
    label = NETWORK_LABELS_RU.get(network, network)
    missing = [c for c in needed_capabilities(content, capabilities) if c not in capabilities]
    return [f"{label}: {CANNOT_RU.get(c, str(c))}" for c in sorted(missing, key=_order)]


def _order(capability: Capability) -> int:
    return list(CANNOT_RU).index(capability) if capability in CANNOT_RU else 99


TYPICAL: dict[str, Content] = {
    "text": Content("text", "x"),
    "photo": Content("photo", "x", images=1),
    "infographic": Content("infographic", "x", images=1),
    "card": Content("card", "x", images=2),
    "animation": Content("animation", "x", gifs=1),
    "video": Content("video", "x", videos=1),
    "live": Content("live", "x", link="https://example.org/live"),
    "poll": Content("poll", "x", poll_question="?", poll_answers=2),
    "contest": Content("contest", "x"),
    "campaign": Content("campaign", "x"),
    "repost": Content("repost", repost_source="wall-1_1"),
}


def support_table(
    networks: dict[str, frozenset[Capability]],
) -> dict[str, dict[str, bool]]:
    """Format -> network -> can a typical post of the format go there.

    >>> table = support_table({"ok": frozenset({Capability.PUBLISH_TEXT})})
    >>> table["text"]["ok"], table["photo"]["ok"]
    (True, False)
    """
    return {
        fmt: {net: not network_problems(content, net, caps) for net, caps in networks.items()}
        for fmt, content in TYPICAL.items()
    }
