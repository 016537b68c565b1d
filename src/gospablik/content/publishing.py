"""The network side of one publication attempt: build the draft, check before retry,
publish or repost.

``connector_factory`` is the seam to the network: it defaults to
:func:`gospablik.networks.connections.connector_for` (real HTTP); tests and the demo
replace it with one that mounts an emulator in-process.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from django.utils import timezone

from gospablik.content.models import Post, PostMedia, Publication
from gospablik.networks.base import (
    BaseConnector,
    Capability,
    ConnectorError,
    MediaFile,
    Poll,
    PostDraft,
    PublishedPost,
)
from gospablik.networks.connections import connector_for
from gospablik.networks.models import Connection
from gospablik.registry.models import Account

ConnectorFactory = Callable[[Connection], BaseConnector]
connector_factory: ConnectorFactory = connector_for
CHECK_MARGIN = timedelta(minutes=10)  # clock skew between us and the network
SCAN_LIMIT = 1000  # wall posts read back when looking for a lost one
_WALL = re.compile(r"wall-?\d+_\d+")


def get_connector(account: Account) -> tuple[Connection, BaseConnector]:
    """A fresh connector for ``account`` (the caller closes ``connector.http``)."""
    connection = _connection(account)
    return connection, connector_factory(connection)


def _connection(account: Account) -> Connection:
    connection = Connection.objects.filter(account=account).first()
    if connection is None:
        raise ConnectorError(
            "Аккаунт не подключён к соцсети: подключите его на странице аккаунта",
            permanent=True,
            code="not_connected",
            network=account.network,
        )
    return connection


_POOL: dict[tuple[int, str, ConnectorFactory], BaseConnector] = {}
_POOL_LOCK = threading.Lock()
POOL_SIZE = 256


def clear_pool() -> None:
    with _POOL_LOCK:
        for connector in _POOL.values():
            connector.http.close()
        _POOL.clear()


def pooled_connector(connection: Connection) -> BaseConnector:
    """Connectors are reused by a worker process until their connection is saved again
    (new settings or keys change ``updated_at``); building one costs an HTTP client."""
    key = (connection.pk, connection.updated_at.isoformat(), connector_factory)
    with _POOL_LOCK:
        connector = _POOL.get(key)
        if connector is None:
            connector = _POOL[key] = connector_factory(connection)
            while len(_POOL) > POOL_SIZE:
                _POOL.pop(next(iter(_POOL))).http.close()
        return connector


class ConnectorCache:
    """The connection row of each account, read once per dispatch pass."""

    def __init__(self) -> None:
        self._items: dict[int, tuple[Connection, BaseConnector]] = {}

    def get(self, account: Account) -> tuple[Connection, BaseConnector]:
        if account.pk not in self._items:
            connection = _connection(account)
            self._items[account.pk] = (connection, pooled_connector(connection))
        return self._items[account.pk]

    def connection(self, account_id: int) -> Connection | None:
        item = self._items.get(account_id)
        return item[0] if item else None


def media_file(media: PostMedia) -> MediaFile:
    with media.file.open("rb") as handle:
        content = handle.read()
    return MediaFile(media.original_name, content, media.mime, media.alt)


def build_draft(pub: Publication, capabilities: frozenset[Capability]) -> PostDraft:
    """What goes to the network; an MP4 animation goes as a video where the network has no
    animations."""
    post: Post = pub.post
    media = list(post.media.all())
    photos = [media_file(m) for m in media if m.kind == "image"]
    moving = next((m for m in media if m.kind in ("gif", "video")), None)
    as_animation = moving is not None and (
        moving.kind == "gif"
        or (post.format == "animation" and Capability.PUBLISH_ANIMATION in capabilities)
    )
    video = media_file(moving) if moving is not None and not as_animation else None
    animation = media_file(moving) if moving is not None and as_animation else None
    return PostDraft(
        text=pub.text,
        idempotency_key=str(pub.idempotency_key),
        photos=photos,
        video=video,
        animation=animation,
        link=pub.link or None,
        poll=_poll(post),
    )


def _poll(post: Post) -> Poll | None:
    if not post.poll:
        return None
    return Poll(
        str(post.poll.get("question", "")),
        [str(a) for a in post.poll["answers"]],
        anonymous=bool(post.poll.get("anonymous", True)),
        multiple=bool(post.poll.get("multiple", False)),
    )


def attempt(connector: BaseConnector, pub: Publication) -> tuple[PublishedPost, bool]:
    """Publish once; returns the post and whether it was found by the check-before-retry."""
    if pub.needs_check:
        found = find_existing(connector, pub)
        if found is not None:
            return found, True
    if pub.kind == Publication.Kind.REPOST:
        return connector.repost(pub.post.repost_source, pub.text, str(pub.idempotency_key)), False
    return connector.publish(build_draft(pub, type(connector).capabilities)), False


def check_since(pub: Publication) -> datetime:
    return (pub.first_attempt_at or timezone.now()) - CHECK_MARGIN


def find_existing(connector: BaseConnector, pub: Publication) -> PublishedPost | None:
    """Did an earlier attempt already make this post? (Never claims another one's post.)"""
    since = check_since(pub)
    if pub.kind == Publication.Kind.REPOST:
        return _scan_wall(connector, pub, since, repost=True)
    found = connector.find_published(str(pub.idempotency_key), since, text=pub.text)
    if found is None or owned_elsewhere(pub, found.post_id):
        # find_published looks at the newest ~100 posts: read deeper, back to ``since``
        return _scan_wall(connector, pub, since, repost=False)
    return found


def owned_elsewhere(pub: Publication, post_id: str) -> bool:
    others = Publication.objects.filter(account_id=pub.account_id, network_post_id=post_id)
    return others.exclude(pk=pub.pk).exists()


def _scan_wall(
    connector: BaseConnector, pub: Publication, since: datetime, *, repost: bool
) -> PublishedPost | None:
    if Capability.READ_WALL not in type(connector).capabilities:
        return None
    for item in connector.read_wall(since=since, limit=SCAN_LIMIT):
        same = (
            same_source(item.source or "", pub.post.repost_source)
            if repost
            else (item.text.strip() == pub.text.strip())
        )
        if same and item.is_repost == repost and not owned_elsewhere(pub, item.post_id):
            return PublishedPost(item.post_id, item.url, item.date)
    return None


def same_source(found: str, wanted: str) -> bool:
    """Whether two references name the same post.

    >>> same_source("wall-12_34", "https://vk.com/gov?w=wall-12_34")
    True
    >>> same_source("wall-12_35", "wall-12_34")
    False
    """
    a, b = _WALL.search(found), _WALL.search(wanted)
    if a and b:
        return a.group(0) == b.group(0)
    return bool(found) and found.strip() == wanted.strip()
