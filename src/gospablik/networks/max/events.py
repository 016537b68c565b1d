"""MAX updates (long polling ``GET /updates`` or webhook) -> InboundEvent."""

from __future__ import annotations

import hmac
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from gospablik.networks.hostile import network_id, timestamp

from ..base import ConnectorError, InboundEvent, RemoteComment

SECRET_HEADER = "X-Max-Bot-Api-Secret"  # noqa: S105 (a header name)
KINDS = {
    "comment_created": "comment_new",
    "comment_edited": "comment_edit",
    "comment_removed": "comment_delete",
    "message_created": "post_new",
    "chat_title_changed": "settings_changed",
}


def from_ms(value: int | None) -> datetime:
    """MAX times are milliseconds since the epoch, UTC.

    >>> from_ms(1775053255737).isoformat()
    '2026-04-01T14:20:55.737000+00:00'
    """
    return datetime.fromtimestamp((value or 0) / 1000, tz=UTC)


def to_comment(comment: Mapping[str, Any]) -> RemoteComment:
    """A MAX comment object as a RemoteComment.

    >>> c = to_comment({"recipient": {"chat_id": -7, "chat_type": "channel", "post_id": "mid.a"},
    ...                 "timestamp": 0, "body": {"mid": "mid.b", "seq": 1, "text": "Спасибо"},
    ...                 "sender": {"user_id": 5, "name": "Анна Орлова"}})
    >>> (c.comment_id, c.post_id, c.author_id, c.author_name, c.text)
    ('mid.b', 'mid.a', '5', 'Анна Орлова', 'Спасибо')
    """
    body = comment.get("body") or {}
    sender = comment.get("sender") or {}
    link = comment.get("link") or {}
    return RemoteComment(
        comment_id=str(body.get("mid", "")),
        post_id=str(comment.get("recipient", {}).get("post_id", "")),
        author_id=str(sender.get("user_id", "")),
        author_name=str(sender.get("name") or sender.get("first_name") or ""),
        text=str(body.get("text") or ""),
        date=from_ms(comment.get("timestamp")),
        attachments=list(body.get("attachments") or []),
        parent_id=str(link["mid"]) if link.get("type") == "reply" else None,
    )


def _chat_of(update: Mapping[str, Any]) -> str:
    message = update.get("message") or {}
    chat = message.get("recipient", {}).get("chat_id", update.get("chat_id", ""))
    return str(chat)


def dialog_message(message: Mapping[str, Any]) -> dict[str, Any]:
    """A person's message in their dialog with the bot, in the flat shape the inbox reads
    (``date`` in seconds).

    >>> m = dialog_message({"recipient": {"chat_id": 9, "chat_type": "dialog"},
    ...     "timestamp": 1775053255737, "sender": {"user_id": 5, "name": "Анна"},
    ...     "body": {"mid": "mid.c", "seq": 1, "text": "Здравствуйте"}})
    >>> (m["id"], m["from_id"], m["text"], m["date"])
    ('mid.c', '5', 'Здравствуйте', 1775053255)
    """
    body = message.get("body") or {}
    sender = message.get("sender") or {}
    return {"id": network_id(body.get("mid"), required=True),
            "from_id": network_id(sender.get("user_id")),
            "from_name": str(sender.get("name") or sender.get("first_name") or ""),
            "text": str(body.get("text") or ""),
            "date": timestamp(message.get("timestamp"), millis=True) // 1000,
            "attachments": list(body.get("attachments") or [])}  # fmt: skip


def _dialog_events(update: Mapping[str, Any], chat_id: int | str | None) -> list[InboundEvent]:
    message = update["message"]
    if (message.get("sender") or {}).get("is_bot"):
        return []  # the bot's own answers
    flat = dialog_message(message)
    event_id = f"message_created:{flat['id']}"
    return [InboundEvent("max", event_id, "message_new", str(chat_id or ""),
                         {"message": flat, "update": dict(update)})]  # fmt: skip


def _is_dialog(update: Mapping[str, Any]) -> bool:
    message = update.get("message") or {}
    return update.get("update_type") == "message_created" and (
        (message.get("recipient") or {}).get("chat_type") == "dialog"
    )


def update_events(
    update: Mapping[str, Any], chat_id: int | str | None = None
) -> list[InboundEvent]:
    """The events one MAX update means for gospablik: the channel's own updates, and what
    people write to the bot in a dialog (updates of other chats are dropped)."""
    if _is_dialog(update):
        return _dialog_events(update, chat_id)
    kind = KINDS.get(str(update.get("update_type")))
    community = _chat_of(update)
    if kind is None or (chat_id is not None and community != str(chat_id)):
        return []
    event_id = f"{update.get('update_type')}:{update.get('timestamp')}:{_mid(update)}"
    comment = None
    if kind in ("comment_new", "comment_edit"):
        comment = to_comment(update["message"])
    return [InboundEvent("max", event_id, kind, community, dict(update), comment)]


def _mid(update: Mapping[str, Any]) -> str:
    message = update.get("message") or {}
    return str(message.get("body", {}).get("mid") or update.get("message_id") or "")


def parse_webhook(
    body: bytes, headers: Mapping[str, str], secret: str, chat_id: int | str | None = None
) -> list[InboundEvent]:
    """Check ``X-Max-Bot-Api-Secret`` and turn one pushed update into events."""
    given = next((v for k, v in headers.items() if k.lower() == SECRET_HEADER.lower()), "")
    if not secret or not hmac.compare_digest(given.encode(), secret.encode()):
        raise ConnectorError("Запрос к вебхуку MAX без верного секрета отклонён",
                             permanent=True, network="max", code="bad_secret")  # fmt: skip
    try:
        update = json.loads(body)
    except ValueError:
        raise ConnectorError("Вебхук MAX: тело не JSON", permanent=True, network="max",
                             code="bad_json") from None  # fmt: skip
    return update_events(update, chat_id)
