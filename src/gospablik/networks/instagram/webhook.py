"""Instagram webhooks (``object: instagram``): ``comments`` changes and direct messages
(``entry[].messaging[]``, the Messenger shape read by :mod:`..facebook.webhook`; the
account's own messages come back as ``is_echo`` and are skipped), signed like all Meta
webhooks with ``X-Hub-Signature-256``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from gospablik.networks.hostile import network_id, timestamp

from ..base import InboundEvent, RemoteComment
from ..facebook.webhook import parse_meta_webhook


def change_events(entry: Mapping[str, Any], change: Mapping[str, Any]) -> list[InboundEvent]:
    """A ``comments`` change as a ``comment_new`` event (other fields are ignored).

    >>> entry = {"id": "178", "time": 0}
    >>> change = {"field": "comments", "value": {"id": "1", "text": "Спасибо",
    ...           "from": {"id": "9", "username": "anna"}, "media": {"id": "5"}}}
    >>> [(e.kind, e.comment.post_id, e.comment.author_name) for e in change_events(entry, change)]
    [('comment_new', '5', 'anna')]
    """
    if change.get("field") != "comments":
        return []
    value = change.get("value") or {}
    author = value.get("from") or {}
    comment = RemoteComment(
        comment_id=network_id(value.get("id"), required=True),
        post_id=network_id((value.get("media") or {}).get("id")),
        author_id=network_id(author.get("id")),
        author_name=str(author.get("username", "")),
        text=str(value.get("text") or ""),
        date=datetime.fromtimestamp(timestamp(entry.get("time")), tz=UTC),
        attachments=[],
        parent_id=network_id(value.get("parent_id")) or None,
    )
    page = network_id(entry.get("id"))
    event_id = f"ig:{page}:{comment.comment_id}"
    return [InboundEvent("instagram", event_id, "comment_new", page,
                         dict(value), comment)]  # fmt: skip


def parse_webhook(body: bytes, headers: Mapping[str, str], app_secret: str) -> list[InboundEvent]:
    return parse_meta_webhook("instagram", body, headers, app_secret, change_events)
