"""Webhooks of OK's Bot API for groups: what a person writes to the group in its messages.

OK signs nothing and sends no secret header (it only names its source networks
217.20.145.192/28, 217.20.151.160/28, 217.20.153.48/28), so the subscribed URL carries
the connection's webhook secret as its last path segment and the view compares it in
constant time before anything is parsed. The body follows graph.user.subscribe
(apiok/documentation): ``sender.user_id`` ("user:…"), ``recipient.chat_id`` ("chat:…"),
``message`` (``text``, ``seq``, ``mid``, ``attachments``), ``timestamp`` in ms.
"""

from __future__ import annotations

import hmac
import json
import re
from collections.abc import Mapping
from typing import Any

from gospablik.networks.hostile import network_id, timestamp

from ..base import ConnectorError, InboundEvent

SECRET_RE = re.compile(r"[A-Za-z0-9_-]{16,128}")


def check_secret(given: str, expected: str) -> None:
    """Refuse a webhook whose URL does not carry the connection's secret.

    >>> check_secret("s" * 16, "s" * 16)
    >>> check_secret("forged", "s" * 16)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gospablik.networks.base.ConnectorError: Запрос к вебхуку Одноклассников без верного секрета...
    """
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        raise ConnectorError("Запрос к вебхуку Одноклассников без верного секрета отклонён",
                             permanent=True, network="ok", code="bad_secret")  # fmt: skip


def hook_url(url: str, secret: str) -> str:
    """The URL to subscribe: the connection's hook URL with the secret appended.

    >>> hook_url("https://gp.example/hooks/ok/5/", "a" * 16)
    'https://gp.example/hooks/ok/5/aaaaaaaaaaaaaaaa/'
    """
    if not SECRET_RE.fullmatch(secret):
        raise ConnectorError("Одноклассники: секрет вебхука — от 16 до 128 символов: латинские "
                             "буквы, цифры, «_» и «-»", permanent=True, network="ok",
                             code="bad_webhook_secret")  # fmt: skip
    return f"{url.rstrip('/')}/{secret}/"


def bare_id(ref: Any) -> str:
    """OK's Graph ids carry their kind: ``user:575000000100`` is REST uid 575000000100.

    >>> bare_id("user:575000000100"), bare_id(42)
    ('575000000100', '42')
    """
    return str(ref or "").split(":", 1)[-1]


def chat_message(update: Mapping[str, Any]) -> dict[str, Any]:
    """A person's message in the flat shape the inbox reads (``date`` in seconds); the
    chat it came in goes along, as answers are sent into that chat.

    >>> m = chat_message({"sender": {"user_id": "user:5"}, "recipient": {"chat_id": "chat:C1"},
    ...     "message": {"text": "Здравствуйте", "seq": 1, "mid": "mid:C1.a"},
    ...     "timestamp": 1498581292941})
    >>> (m["id"], m["from_id"], m["chat_id"], m["text"], m["date"])
    ('mid:C1.a', '5', 'chat:C1', 'Здравствуйте', 1498581292)
    """
    message, sender = update.get("message") or {}, update.get("sender") or {}
    return {"id": network_id(message["mid"], required=True),
            "from_id": bare_id(network_id(sender.get("user_id"))),
            "from_name": str(sender.get("name") or ""), "text": str(message.get("text") or ""),
            "date": timestamp(update.get("timestamp"), millis=True) // 1000,
            "attachments": list(message.get("attachments") or []),
            "chat_id": network_id((update.get("recipient") or {}).get("chat_id"))}  # fmt: skip


def _is_system(text: str) -> bool:
    """Chat events (members added, title changed) come as JSON text with a ``ty`` key."""
    if not text.startswith("{"):
        return False
    try:
        return "ty" in json.loads(text)
    except (ValueError, TypeError):
        return False


def is_person_message(update: Mapping[str, Any]) -> bool:
    """A new message from a person. The documented body has no type field; newer bodies
    may name one (``webhookType``), and then only ``MESSAGE_CREATED`` counts."""
    kind = update.get("webhookType")
    message, sender = update.get("message"), update.get("sender")
    if kind not in (None, "MESSAGE_CREATED") or not isinstance(message, dict):
        return False
    author = str(sender.get("user_id") or "") if isinstance(sender, dict) else ""
    person = bool(author) and not author.startswith("group:")  # OK pushes no group's own
    return person and bool(message.get("mid")) and not _is_system(str(message.get("text", "")))


def parse_webhook(body: bytes, group_id: str) -> list[InboundEvent]:
    """One pushed body -> at most one ``message_new`` event (chat changes are dropped)."""
    try:
        update = json.loads(body)
    except ValueError:
        raise ConnectorError("Вебхук Одноклассников: тело не JSON", permanent=True,
                             network="ok", code="bad_json") from None  # fmt: skip
    if not isinstance(update, dict) or not is_person_message(update):
        return []
    flat = chat_message(update)
    return [InboundEvent("ok", f"message_created:{flat['id']}", "message_new", group_id,
                         {"message": flat, "webhook": update})]  # fmt: skip
