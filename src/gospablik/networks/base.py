"""The contract every network connector implements.

Contract (stable; the Telegram/MAX/Facebook/Instagram/blog connectors rely on it):

* A connector is a class in ``gospablik/networks/<net>/connector.py`` that subclasses
  :class:`BaseConnector`, sets ``network`` (``"vk"``, ``"ok"``, ``"telegram"`` …),
  ``capabilities`` (a frozenset of :class:`Capability` the network really has) and
  ``config_schema`` (the :class:`ConfigField` list the "connect account" form shows), and
  overrides the operations it supports. An operation it does not override raises
  :class:`Unsupported` (permanent) — never a silent no-op. The UI reads ``capabilities``.
* It is built as ``Connector(config, credentials, http=HttpClient(...), limiter=...,
  memory=...)``; ``config`` holds non-secret keys (``group_id``, ``api_base``),
  ``credentials`` the secrets (tokens, keys). All HTTP goes through ``self.http``
  (:mod:`.http`); every call first takes a slot with ``self.throttle(token,
  rate_per_sec)`` (:mod:`.ratelimit`). What must outlive one call goes to
  ``self.memory`` (:mod:`.memory`; in-process unless a store is passed). A subclass sets
  up its own attributes in ``_setup()``, not by overriding ``__init__``.
* Every failure is a :class:`ConnectorError`: ``permanent`` (do not retry),
  ``retry_after`` (seconds to wait before a retry), ``needs_person`` (captcha, expired
  token, 2FA: stop the account's jobs and alert a human), ``maybe_applied`` (a write may
  have happened although we got no answer — check with ``find_published`` before
  publishing again), ``code`` (the network's own code). ``message`` is plain Russian.
* ``find_published(key, since, text=...)`` is the check-before-retry after a
  ``maybe_applied`` error: networks without an idempotency key match by text.
* Registration: ``CONNECTOR_PATHS`` in :mod:`gospablik.networks.registry` and
  ``EMULATOR_PATHS`` in :mod:`gospablik_emulators` list all seven networks as lazy strings
  (``"telegram": "gospablik.networks.telegram.connector:TelegramConnector"``,
  ``"telegram": "gospablik_emulators.telegram.emulator:make_app"``); a network is live
  once its module defines that name. Nothing else to register.
* Emulators: ``make_app(seed: dict | None = None) -> WSGI app``; the app exposes
  ``faults`` (:class:`~gospablik_emulators.emulation.FaultQueue`) and ``state``, and uses
  :mod:`gospablik_emulators.emulation` (fault kinds ``timeout`` / ``http_500`` / ``error``
  with ``code`` / ``accept_then_drop`` / ``rate_limit``, WSGI request helpers,
  ``emulator_transport`` for in-process tests, ``PushDelivery`` for webhooks,
  ``PushingEmulator`` as a skeleton). If it has ``push``
  (a ``PushDelivery``) and ``add_callback_server(...)``, ``gospablik emulator NET
  --callback-url`` wires webhooks to our app. Fixtures: ``<net>/fixtures/*.json`` as
  ``{"_source": ..., "body": ...}``, compared with :func:`gospablik_emulators.shapes.shape_diff`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, ClassVar, NoReturn, Protocol

from .http import HttpClient
from .memory import PROCESS_MEMORY, Memory, send_once
from .ratelimit import RateLimiter, get_limiter, token_key


class ConnectorError(Exception):
    """The one error type of all connectors.

    >>> e = ConnectorError("Слишком много запросов", retry_after=1.0, code=6, network="vk")
    >>> (e.permanent, e.retry_after, e.code, str(e))
    (False, 1.0, 6, 'Слишком много запросов')
    """

    def __init__(
        self,
        message: str,
        *,
        permanent: bool = False,
        retry_after: float | None = None,
        code: str | int | None = None,
        needs_person: bool = False,
        network: str = "",
        maybe_applied: bool = False,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent or needs_person
        self.retry_after = retry_after
        self.code = code
        self.needs_person = needs_person
        self.network = network
        self.maybe_applied = maybe_applied
        self.details = dict(details or {})  # e.g. captcha_sid/captcha_img, redirect_uri

    def __repr__(self) -> str:
        return (
            f"ConnectorError({self.message!r}, network={self.network!r}, code={self.code!r}, "
            f"permanent={self.permanent}, retry_after={self.retry_after}, "
            f"needs_person={self.needs_person}, maybe_applied={self.maybe_applied})"
        )


class Unsupported(ConnectorError):
    """The network has no such operation (see the connector's ``capabilities``)."""

    def __init__(self, message: str, *, network: str = "", code: str | int | None = None) -> None:
        super().__init__(message, permanent=True, network=network, code=code)


class Capability(StrEnum):
    PUBLISH_TEXT = "publish_text"
    PUBLISH_PHOTO = "publish_photo"
    PUBLISH_VIDEO = "publish_video"
    PUBLISH_POLL = "publish_poll"
    PUBLISH_LINK = "publish_link"
    PUBLISH_ANIMATION = "publish_animation"
    SCHEDULE_NATIVE = "schedule_native"
    DELETE_POST = "delete_post"
    REPOST = "repost"
    READ_WALL = "read_wall"
    READ_COMMENTS = "read_comments"
    DELETE_COMMENT = "delete_comment"
    RESTORE_COMMENT = "restore_comment"
    HIDE_COMMENT = "hide_comment"
    BAN_USER = "ban_user"
    UNBAN_USER = "unban_user"
    BAN_REASON = "ban_reason"
    BAN_END_DATE = "ban_end_date"
    READ_PROFILE = "read_profile"
    READ_ADMINS = "read_admins"
    UPLOAD_COVER = "upload_cover"
    READ_STATS = "read_stats"
    PUSH_EVENTS = "push_events"
    IDEMPOTENT_PUBLISH = "idempotent_publish"
    BLOCK_AUTHOR_ON_DELETE = "block_author_on_delete"
    SEND_MESSAGE = "send_message"
    READ_NAMES = "read_names"


CAPABILITY_LABELS_RU: dict[Capability, str] = {
    Capability.PUBLISH_TEXT: "Публикация текста",
    Capability.PUBLISH_PHOTO: "Публикация фотографий",
    Capability.PUBLISH_VIDEO: "Публикация видео",
    Capability.PUBLISH_POLL: "Публикация опроса",
    Capability.PUBLISH_LINK: "Публикация ссылки",
    Capability.PUBLISH_ANIMATION: "Публикация анимации (GIF)",
    Capability.SCHEDULE_NATIVE: "Отложенная публикация средствами соцсети",
    Capability.DELETE_POST: "Удаление публикации",
    Capability.REPOST: "Репост",
    Capability.READ_WALL: "Чтение ленты сообщества",
    Capability.READ_COMMENTS: "Чтение комментариев",
    Capability.DELETE_COMMENT: "Удаление комментария",
    Capability.RESTORE_COMMENT: "Восстановление комментария",
    Capability.HIDE_COMMENT: "Скрытие комментария",
    Capability.BAN_USER: "Блокировка пользователя",
    Capability.UNBAN_USER: "Разблокировка пользователя",
    Capability.BAN_REASON: "Причина блокировки",
    Capability.BAN_END_DATE: "Срок блокировки",
    Capability.READ_PROFILE: "Чтение профиля сообщества",
    Capability.READ_ADMINS: "Чтение списка администраторов",
    Capability.UPLOAD_COVER: "Загрузка обложки",
    Capability.READ_STATS: "Чтение статистики",
    Capability.PUSH_EVENTS: "Мгновенные уведомления о событиях",
    Capability.IDEMPOTENT_PUBLISH: "Защита от повторной публикации на стороне соцсети",
    Capability.BLOCK_AUTHOR_ON_DELETE: "Блокировка автора при удалении комментария",
    Capability.SEND_MESSAGE: "Ответ на личное сообщение сообществу",
    Capability.READ_NAMES: "Имена авторов по их id",
}

NETWORK_LABELS_RU: dict[str, str] = {
    "vk": "ВКонтакте",
    "ok": "Одноклассники",
    "telegram": "Telegram",
    "max": "MAX",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "blog": "Блог",
}

BAN_REASONS: tuple[str, ...] = ("spam", "insult", "obscenity", "flood", "other")
ADMIN_ROLES: tuple[str, ...] = ("creator", "administrator", "editor", "moderator", "advertiser")


@dataclass(frozen=True)
class MediaFile:
    filename: str
    content: bytes
    mime: str
    alt: str = ""


@dataclass(frozen=True)
class Poll:
    question: str
    answers: list[str]
    anonymous: bool = True
    multiple: bool = False


@dataclass(frozen=True)
class PostDraft:
    text: str
    idempotency_key: str
    photos: list[MediaFile] = field(default_factory=list)
    video: MediaFile | None = None
    animation: MediaFile | None = None
    link: str | None = None
    poll: Poll | None = None
    publish_at: datetime | None = None


@dataclass(frozen=True)
class PublishedPost:
    post_id: str
    url: str
    published_at: datetime | None


@dataclass(frozen=True)
class RemotePost:
    post_id: str
    text: str
    date: datetime
    is_repost: bool
    source: str | None
    author_id: str | None
    url: str
    kind: str  # "post" | "repost" | "scheduled"


@dataclass(frozen=True)
class RemoteComment:
    comment_id: str
    post_id: str
    author_id: str
    author_name: str
    text: str
    date: datetime
    attachments: list[dict[str, Any]]
    parent_id: str | None = None


@dataclass(frozen=True)
class Profile:
    community_id: str
    title: str
    screen_name: str
    description: str
    avatar_url: str
    cover_url: str | None
    members_count: int | None
    verified: bool | None


@dataclass(frozen=True)
class Admin:
    user_id: str
    name: str
    role: str  # one of ADMIN_ROLES


@dataclass(frozen=True)
class Stats:
    """Totals over ``since``..``until`` (inclusive days, UTC); ``members`` is the member
    count at the end of the period (or now, where the network gives no history)."""

    since: date
    until: date
    views: int | None
    visitors: int | None
    reach: int | None
    members: int | None


@dataclass(frozen=True)
class InboundEvent:
    """A normalized push/poll event. ``kind`` is one of ``EVENT_KINDS``."""

    network: str
    event_id: str
    kind: str
    community_id: str
    payload: dict[str, Any]
    comment: RemoteComment | None = None


EVENT_KINDS: tuple[str, ...] = (
    "comment_new",
    "comment_edit",
    "comment_delete",
    "comment_restore",
    "message_new",
    "post_new",
    "repost",
    "admins_changed",
    "settings_changed",
    "photo_changed",
)


@dataclass(frozen=True)
class ConfigField:
    """One field of the "connect account" form. ``secret`` fields go to ``credentials``."""

    key: str
    label: str
    secret: bool = False
    required: bool = True
    help: str = ""


class Connector(Protocol):
    network: ClassVar[str]
    capabilities: ClassVar[frozenset[Capability]]
    config_schema: ClassVar[tuple[ConfigField, ...]]

    def publish(self, draft: PostDraft) -> PublishedPost: ...
    def find_published(
        self, idempotency_key: str, since: datetime, *, text: str | None = None
    ) -> PublishedPost | None: ...
    def delete_post(self, post_id: str) -> None: ...
    def repost(
        self, source: str, message: str = "", idempotency_key: str = ""
    ) -> PublishedPost: ...
    def read_wall(self, since: datetime | None = None, limit: int = 100) -> list[RemotePost]: ...
    def read_comments(self, post_id: str, since_id: str | None = None) -> list[RemoteComment]: ...
    def delete_comment(self, comment: RemoteComment, *, block_author: bool = False) -> None: ...
    def restore_comment(self, comment: RemoteComment) -> None: ...
    def hide_comment(self, comment: RemoteComment) -> None: ...
    def ban(
        self, user_id: str, *, reason: str, until: datetime | None, comment: str = ""
    ) -> None: ...
    def unban(self, user_id: str) -> None: ...
    def read_profile(self) -> Profile: ...
    def read_admins(self) -> list[Admin]: ...
    def upload_cover(self, image: MediaFile) -> None: ...
    def read_stats(self, since: date, until: date) -> Stats: ...
    def send_message(self, peer_id: str, text: str, idempotency_key: str) -> str: ...


class BaseConnector:
    """Shared behaviour. Subclasses override the operations they support."""

    network: ClassVar[str] = ""
    capabilities: ClassVar[frozenset[Capability]] = frozenset()
    config_schema: ClassVar[tuple[ConfigField, ...]] = ()

    def __init__(
        self,
        config: Mapping[str, Any],
        credentials: Mapping[str, str],
        *,
        http: HttpClient,
        limiter: RateLimiter | None = None,
        memory: Memory | None = None,
    ) -> None:
        self.config = dict(config)
        self.credentials = dict(credentials)
        self.http = http
        self.limiter: RateLimiter = limiter or get_limiter()
        self.memory: Memory = PROCESS_MEMORY if memory is None else memory
        self._check_required()
        self._setup()

    def _setup(self) -> None:
        """Hook for subclasses: read ``config``/``credentials`` into attributes (runs at
        the end of ``__init__``, after the required fields were checked)."""

    def _check_required(self) -> None:
        for f in self.config_schema:
            source = self.credentials if f.secret else self.config
            if f.required and not source.get(f.key):
                raise ConnectorError(
                    f"Не заполнено поле «{f.label}»", permanent=True, network=self.network
                )

    def error(self, message: str, **kwargs: Any) -> ConnectorError:
        return ConnectorError(message, network=self.network, **kwargs)

    def require(self, capability: Capability) -> None:
        if capability not in self.capabilities:
            self.unsupported(capability)

    def unsupported(self, capability: Capability) -> NoReturn:
        label = CAPABILITY_LABELS_RU[capability]
        where = NETWORK_LABELS_RU.get(self.network, self.network)
        raise Unsupported(
            f"{label}: недоступно в соцсети «{where}»",
            network=self.network,
            code=str(capability),
        )

    def throttle(self, token: str, rate_per_sec: float) -> None:
        self.limiter.acquire(token_key(self.network, token), rate_per_sec)

    # Operations: each default raises Unsupported; connectors override what they have.
    def publish(self, draft: PostDraft) -> PublishedPost:
        self.unsupported(Capability.PUBLISH_TEXT)

    def find_published(
        self, idempotency_key: str, since: datetime, *, text: str | None = None
    ) -> PublishedPost | None:
        """Check-before-retry after a publish that ``maybe_applied``: the post published
        since ``since`` carrying ``idempotency_key`` where the network keeps it, else the
        one whose text equals ``text``; None when nothing matches."""
        self.unsupported(Capability.READ_WALL)

    def delete_post(self, post_id: str) -> None:
        self.unsupported(Capability.DELETE_POST)

    def repost(self, source: str, message: str = "", idempotency_key: str = "") -> PublishedPost:
        self.unsupported(Capability.REPOST)

    def read_wall(self, since: datetime | None = None, limit: int = 100) -> list[RemotePost]:
        self.unsupported(Capability.READ_WALL)

    def read_comments(self, post_id: str, since_id: str | None = None) -> list[RemoteComment]:
        self.unsupported(Capability.READ_COMMENTS)

    def delete_comment(self, comment: RemoteComment, *, block_author: bool = False) -> None:
        self.unsupported(Capability.DELETE_COMMENT)

    def restore_comment(self, comment: RemoteComment) -> None:
        self.unsupported(Capability.RESTORE_COMMENT)

    def hide_comment(self, comment: RemoteComment) -> None:
        self.unsupported(Capability.HIDE_COMMENT)

    def ban(self, user_id: str, *, reason: str, until: datetime | None, comment: str = "") -> None:
        self.unsupported(Capability.BAN_USER)

    def unban(self, user_id: str) -> None:
        self.unsupported(Capability.UNBAN_USER)

    def read_profile(self) -> Profile:
        self.unsupported(Capability.READ_PROFILE)

    def read_admins(self) -> list[Admin]:
        self.unsupported(Capability.READ_ADMINS)

    def upload_cover(self, image: MediaFile) -> None:
        self.unsupported(Capability.UPLOAD_COVER)

    def read_stats(self, since: date, until: date) -> Stats:
        self.unsupported(Capability.READ_STATS)

    def send_message(self, peer_id: str, text: str, idempotency_key: str) -> str:
        """Send ``text`` to ``peer_id`` as the community; return the message id."""
        self.unsupported(Capability.SEND_MESSAGE)

    def read_names(self, author_ids: Sequence[str]) -> dict[str, str]:
        """Display names of people (or communities) by id, for events that carry only ids."""
        self.unsupported(Capability.READ_NAMES)

    def answer_to(self, peer_id: str, text: str, max_text: int) -> int:
        """The numeric user id an answer goes to; a text over ``max_text`` characters or
        an id that is not a number is refused before any call."""
        if len(text) > max_text:
            raise self.error(f"Текст длиннее {max_text} символов", permanent=True, code="too_long")
        if not peer_id.isdigit():
            where = NETWORK_LABELS_RU.get(self.network, self.network)
            raise self.error(f"{where}: «{peer_id}» — не id пользователя", permanent=True,
                             code="bad_peer")  # fmt: skip
        return int(peer_id)

    def answer_once(self, idempotency_key: str, send: Callable[[], str]) -> str:
        """``send`` once per key, for networks whose messaging API keeps no idempotency key."""
        return send_once(self.memory, f"{self.network}:answer:{idempotency_key}", send)


def check_draft(connector: BaseConnector, draft: PostDraft) -> None:
    """Refuse a draft that needs a capability the connector lacks (before any HTTP)."""
    needs = [
        (draft.photos, Capability.PUBLISH_PHOTO),
        (draft.video, Capability.PUBLISH_VIDEO),
        (draft.animation, Capability.PUBLISH_ANIMATION),
        (draft.link, Capability.PUBLISH_LINK),
        (draft.poll, Capability.PUBLISH_POLL),
        (draft.publish_at, Capability.SCHEDULE_NATIVE),
    ]
    for value, capability in needs:
        if value:
            connector.require(capability)
