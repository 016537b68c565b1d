"""Telegram updates -> :class:`~gospablik.networks.base.InboundEvent`.

Channel comments are messages in the linked discussion group. Telegram auto-forwards each
channel post there (``is_automatic_forward``, ``forward_origin.message_id`` = the channel
post id); a comment replies to that copy and carries ``message_thread_id`` = the copy's id.
A reply to a comment only names the comment it answers, so the thread -> post map learned
from the auto-forwards (kept in a :class:`~..memory.Memory`, by default this process's)
resolves deeper replies; when it does not know a thread the comment's ``post_id`` is
``"thread:<id>"``.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from gospablik.networks.hostile import integer_id, timestamp

from ..base import ConnectorError, InboundEvent, RemoteComment
from ..memory import PROCESS_MEMORY, Memory

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 (a header name)
SERVICE_USER_ID = 777000


def _thread_key(group_id: int, thread_id: int) -> str:
    return f"telegram:thread:{group_id}:{thread_id}"


def remember_thread(
    group_id: int, thread_id: int, post_id: int, memory: Memory = PROCESS_MEMORY
) -> None:
    memory.set(_thread_key(group_id, thread_id), post_id)


def when(timestamp: int) -> datetime:
    return datetime.fromtimestamp(timestamp, tz=UTC)


def message_text(message: Mapping[str, Any]) -> str:
    if "poll" in message:
        return str(message["poll"].get("question", ""))
    return str(message.get("text") or message.get("caption") or "")


def _attachments(message: Mapping[str, Any]) -> list[dict[str, Any]]:
    kinds = ("photo", "video", "animation", "document", "sticker", "voice", "audio", "poll")
    return [{"type": kind} for kind in kinds if kind in message]


def _author(message: Mapping[str, Any]) -> tuple[str, str]:
    sender = message.get("sender_chat")
    if sender:  # an anonymous admin or a channel speaking in the group
        return str(integer_id(sender["id"], signed=True)), str(sender.get("title", ""))
    user = message.get("from") or {}
    name = " ".join(p for p in (user.get("first_name"), user.get("last_name")) if p)
    user_id = user.get("id")
    return (str(integer_id(user_id)) if user_id is not None else ""), name


def _post_and_parent(message: Mapping[str, Any], memory: Memory) -> tuple[str, str | None]:
    group_id = integer_id(message["chat"]["id"], signed=True)
    parent = message.get("reply_to_message") or {}
    parent_id = integer_id(parent["message_id"]) if parent else None
    thread = integer_id(message.get("message_thread_id") or parent_id or 0)
    if parent_id is not None and parent.get("is_automatic_forward"):
        post_id = integer_id(parent["forward_origin"]["message_id"])
        remember_thread(group_id, parent_id, post_id, memory)
        return str(post_id), None
    known = memory.get(_thread_key(group_id, thread))
    return (str(known) if known else f"thread:{thread}"), (
        str(parent_id) if parent_id is not None else None
    )
    return (str(known) if known else f"thread:{thread}"), parent_id


def to_comment(message: Mapping[str, Any], memory: Memory = PROCESS_MEMORY) -> RemoteComment:
    """A discussion-group message that answers a channel post, as a RemoteComment.

    >>> copy = {"message_id": 7, "is_automatic_forward": True, "forward_origin": {"message_id": 3}}
    >>> msg = {"message_id": 9, "chat": {"id": -100}, "date": 0, "text": "Спасибо",
    ...        "from": {"id": 5, "first_name": "Анна"}, "reply_to_message": copy}
    >>> c = to_comment(msg)
    >>> (c.comment_id, c.post_id, c.author_name, c.parent_id)
    ('9', '3', 'Анна', None)
    """
    post_id, parent_id = _post_and_parent(message, memory)
    author_id, author_name = _author(message)
    return RemoteComment(
        comment_id=str(integer_id(message["message_id"])),
        post_id=post_id,
        author_id=author_id,
        author_name=author_name,
        text=message_text(message),
        date=when(timestamp(message.get("edit_date") or message["date"])),
        attachments=_attachments(message),
        parent_id=parent_id,
    )


def is_comment(message: Mapping[str, Any]) -> bool:
    if message.get("is_automatic_forward"):
        return False
    return bool(message.get("message_thread_id") or message.get("reply_to_message"))


def _event(update: Mapping[str, Any], kind: str, community: str, **extra: Any) -> InboundEvent:
    event_id = str(integer_id(update["update_id"]))
    return InboundEvent("telegram", event_id, kind, community, dict(update),
                        **extra)  # fmt: skip


def dialog_message(message: Mapping[str, Any]) -> dict[str, Any]:
    """A private message to the bot in the flat shape the inbox reads. ``message_id`` is
    unique only within its chat, so the id carries the chat (= the person's id).

    >>> m = dialog_message({"message_id": 4, "chat": {"id": 5, "type": "private"}, "date": 9,
    ...                     "from": {"id": 5, "first_name": "Анна"}, "text": "Здравствуйте"})
    >>> (m["id"], m["from_id"], m["text"])
    ('5:4', '5', 'Здравствуйте')
    """
    author_id, author_name = _author(message)
    chat_id = integer_id(message["chat"]["id"], signed=True)
    message_id = integer_id(message["message_id"])
    return {"id": f"{chat_id}:{message_id}", "from_id": author_id, "from_name": author_name,
            "text": message_text(message), "date": timestamp(message["date"]),
            "attachments": _attachments(message)}  # fmt: skip


def _dialog_event(update: Mapping[str, Any], community: str) -> InboundEvent:
    message = dialog_message(update["message"])
    return InboundEvent("telegram", str(integer_id(update["update_id"])), "message_new", community,
                        {"message": message, "update": dict(update)})  # fmt: skip


def update_events(
    update: Mapping[str, Any], channel_id: int | None = None, memory: Memory = PROCESS_MEMORY
) -> list[InboundEvent]:
    """The events one Telegram update means for gospablik (often none)."""
    if "channel_post" in update:
        post = update["channel_post"]
        return [_event(update, "post_new", str(integer_id(post["chat"]["id"], signed=True)))]
    for key, kind in (("message", "comment_new"), ("edited_message", "comment_edit")):
        message = update.get(key)
        if message is None:
            continue
        chat_id = integer_id(message["chat"]["id"], signed=True)
        timestamp(message.get("date"))
        community = str(channel_id or chat_id)
        if message["chat"].get("type") == "private":  # a person writes to the bot
            return [_dialog_event(update, community)] if key == "message" else []
        if message.get("is_automatic_forward"):
            origin = message["forward_origin"]
            copy_id = integer_id(message["message_id"])
            remember_thread(chat_id, copy_id, integer_id(origin["message_id"]), memory)
            origin_chat = str(integer_id(origin["chat"]["id"], signed=True))
            return [_event(update, "post_new", origin_chat)] if key == "message" else []
        if is_comment(message):
            return [_event(update, kind, community, comment=to_comment(message, memory))]
        return []  # other talk in the discussion group is neither a comment nor a message
    return []


def check_secret(headers: Mapping[str, str], secret_token: str) -> None:
    given = next((v for k, v in headers.items() if k.lower() == SECRET_HEADER.lower()), "")
    if not secret_token or not hmac.compare_digest(given.encode(), secret_token.encode()):
        raise ConnectorError(
            "Запрос к вебхуку Telegram без верного секретного токена отклонён",
            permanent=True, network="telegram", code="bad_secret",
        )  # fmt: skip


def parse_webhook(
    body: bytes,
    headers: Mapping[str, str],
    secret_token: str,
    channel_id: int | None = None,
    memory: Memory = PROCESS_MEMORY,
) -> list[InboundEvent]:
    """Check ``X-Telegram-Bot-Api-Secret-Token`` and turn one pushed Update into events.

    >>> body = b'{"update_id": 1, "channel_post": {"message_id": 2, "chat": {"id": -1}, "date": 0}}'
    >>> [e.kind for e in parse_webhook(body, {SECRET_HEADER: "s3cret"}, "s3cret")]
    ['post_new']
    >>> parse_webhook(body, {}, "s3cret")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gospablik.networks.base.ConnectorError: Запрос к вебхуку Telegram без верного ...
    """
    check_secret(headers, secret_token)
    try:
        update = json.loads(body)
    except ValueError:
        raise ConnectorError("Вебхук Telegram: тело не JSON", permanent=True,
                             network="telegram", code="bad_json") from None  # fmt: skip
    return update_events(update, channel_id, memory)
