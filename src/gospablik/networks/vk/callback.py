"""VK Callback API and Bots Long Poll: turn VK events into :class:`InboundEvent`.

The Django view calls :func:`parse_callback` and answers ``result.status`` with
``result.reply`` as plain text; it de-duplicates ``event.event_id`` itself (VK resends an
event until it gets ``ok``).
"""

from __future__ import annotations

import hmac
import json
from dataclasses import dataclass, field
from typing import Any

from ..base import InboundEvent
from ..hostile import MALFORMED, network_id
from .convert import to_remote_comment

KINDS: dict[str, str] = {
    "wall_reply_new": "comment_new",
    "wall_reply_edit": "comment_edit",
    "wall_reply_restore": "comment_restore",
    "wall_reply_delete": "comment_delete",
    "message_new": "message_new",
    "wall_post_new": "post_new",
    "wall_repost": "repost",
    "group_officers_edit": "admins_changed",
    "group_change_settings": "settings_changed",
    "group_change_photo": "photo_changed",
}


@dataclass(frozen=True)
class CallbackResult:
    """What the view answers: ``status`` and plain-text ``reply``; ``events`` to process."""

    outcome: str  # "confirmation" | "rejected" | "event" | "ignored" | "bad_request"
    status: int
    reply: str
    events: list[InboundEvent] = field(default_factory=list)


def normalize(update: dict[str, Any]) -> InboundEvent | None:
    """One VK event (Callback body or Long Poll update) -> InboundEvent, or None if unused.

    >>> e = normalize({"type": "group_change_photo", "object": {"user_id": 1},
    ...                "group_id": 7, "event_id": "ab"})
    >>> (e.kind, e.community_id, e.event_id)
    ('photo_changed', '7', 'ab')
    """
    kind = KINDS.get(str(update.get("type")))
    if kind is None:
        return None
    obj = update.get("object") or {}
    if not isinstance(obj, dict):
        raise ValueError("VK event object is not a JSON object")
    comment = None
    if kind in ("comment_new", "comment_edit", "comment_restore"):
        comment = to_remote_comment(obj)
    return InboundEvent(
        network="vk",
        event_id=network_id(update.get("event_id")),
        kind=kind,
        community_id=network_id(update.get("group_id")),
        payload={k: v for k, v in update.items() if k != "secret"},  # never store it
        comment=comment,
    )


def parse_callback(
    body: bytes | str | dict[str, Any],
    *,
    confirmation_code: str,
    secret: str,
    group_id: int | str | None = None,
) -> CallbackResult:
    """Handle one Callback API request body.

    >>> parse_callback(b'{"type": "confirmation", "group_id": 7}',
    ...                confirmation_code="a1b2", secret="s").reply
    'a1b2'
    >>> parse_callback({"type": "wall_post_new", "secret": "bad", "group_id": 7},
    ...                confirmation_code="a1b2", secret="s").status
    403
    """
    data = _load(body)
    if data is None:
        return CallbackResult("bad_request", 400, "Bad Request")
    if group_id is not None and str(data.get("group_id")) != str(group_id).lstrip("-"):
        return CallbackResult("rejected", 403, "Bad Group")
    if data.get("type") == "confirmation":
        return CallbackResult("confirmation", 200, confirmation_code)
    given = str(data.get("secret", "")).encode("utf-8", "surrogatepass")
    if secret and not hmac.compare_digest(given, secret.encode("utf-8")):
        return CallbackResult("rejected", 403, "Bad Secret")
    try:
        event = normalize(data)
    except MALFORMED:
        return CallbackResult("bad_request", 400, "Bad Request")
    if event is None:
        return CallbackResult("ignored", 200, "ok")
    return CallbackResult("event", 200, "ok", [event])


def _load(body: bytes | str | dict[str, Any]) -> dict[str, Any] | None:
    if isinstance(body, dict):
        return body
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None
