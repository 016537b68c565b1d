"""Page webhooks: the subscription handshake, signed ``feed`` changes and Messenger
``messaging`` events.

Meta signs the raw body with the app secret: ``X-Hub-Signature-256: sha256=<hex hmac>``.
A comment arrives as ``entry[].changes[]`` with ``field == "feed"`` and
``value.item == "comment"`` (verbs ``add``, ``edited``, ``remove``, ``hide``, ``unhide``).
A private message arrives as ``entry[].messaging[]`` (``sender.id`` = the person's
page-scoped id, ``timestamp`` in milliseconds); the Page's own messages come back as
echoes (``message.is_echo``) and are skipped. Instagram messages have the same shape.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from gospablik.networks.hostile import network_id, timestamp

from ..base import ConnectorError, InboundEvent, RemoteComment

SIGNATURE_HEADER = "X-Hub-Signature-256"
_VERBS = {"add": "comment_new", "edited": "comment_edit", "remove": "comment_delete"}


def verify_subscription(params: Mapping[str, str], verify_token: str) -> str:
    """Answer Meta's GET handshake: return ``hub.challenge`` when the token matches.

    >>> verify_subscription({"hub.mode": "subscribe", "hub.verify_token": "t",
    ...                      "hub.challenge": "1158201444"}, "t")
    '1158201444'
    """
    if params.get("hub.mode") != "subscribe" or not hmac.compare_digest(
        str(params.get("hub.verify_token", "")), verify_token
    ):
        raise ConnectorError("Неверный verify_token подписки вебхука", permanent=True,
                             network="facebook", code="bad_verify_token")  # fmt: skip
    return str(params.get("hub.challenge", ""))


def signature(body: bytes, app_secret: str) -> str:
    """The ``X-Hub-Signature-256`` value Meta sends with ``body``."""
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def check_signature(body: bytes, headers: Mapping[str, str], app_secret: str) -> None:
    given = next((v for k, v in headers.items() if k.lower() == SIGNATURE_HEADER.lower()), "")
    expected = signature(body, app_secret)
    if not app_secret or not hmac.compare_digest(given, expected):
        raise ConnectorError("Подпись вебхука Meta неверна — запрос отклонён", permanent=True,
                             network="facebook", code="bad_signature")  # fmt: skip


def graph_id(value: Any) -> str:
    """A Graph object id as Meta sends it (digits and underscores, a string or a number);
    anything else is a malformed body (ValueError → 400), never a too-long database value.

    >>> graph_id("123_456"), graph_id(789), graph_id(None)
    ('123_456', '789', '')
    """
    text = network_id(value)
    if text and not text.replace("_", "").isdigit():
        raise ValueError("not a Graph id")
    return text


def _comment(value: Mapping[str, Any]) -> RemoteComment:
    author = value.get("from") or {}
    parent = graph_id(value.get("parent_id"))
    return RemoteComment(
        comment_id=graph_id(value.get("comment_id")),
        post_id=graph_id(value.get("post_id")),
        author_id=graph_id(author.get("id")),
        author_name=str(author.get("name", "")),
        text=str(value.get("message") or ""),
        date=datetime.fromtimestamp(timestamp(value.get("created_time")), tz=UTC),
        attachments=[],
        parent_id=parent if parent and parent != graph_id(value.get("post_id")) else None,
    )


def change_events(entry: Mapping[str, Any], change: Mapping[str, Any]) -> list[InboundEvent]:
    value = change.get("value") or {}
    if change.get("field") != "feed":
        return []
    page = graph_id(entry.get("id"))
    item, verb = str(value.get("item"))[:16], str(value.get("verb"))[:16]
    subject = graph_id(value.get("comment_id")) or graph_id(value.get("post_id"))
    when = timestamp(value.get("created_time") or entry.get("time"))
    event_id = f"{page}:{item}:{verb}:{subject}:{when}"
    if item == "comment" and verb in _VERBS:
        comment = _comment(value) if verb != "remove" else None
        return [InboundEvent("facebook", event_id, _VERBS[verb], page, dict(value), comment)]
    if item in ("status", "post", "photo", "video") and verb == "add":
        return [InboundEvent("facebook", event_id, "post_new", page, dict(value))]
    return []


def dialog_message(event: Mapping[str, Any]) -> dict[str, Any]:
    """A ``messaging`` event's message in the flat shape the inbox reads (seconds).

    >>> m = dialog_message({"sender": {"id": "55"}, "recipient": {"id": "1"},
    ...     "timestamp": 1457764197627, "message": {"mid": "m_1", "text": "Здравствуйте"}})
    >>> (m["id"], m["from_id"], m["text"], m["date"])
    ('m_1', '55', 'Здравствуйте', 1457764197)
    """
    message = event.get("message") or {}
    return {"id": str(message.get("mid", "")), "from_id": str(event["sender"]["id"]),
            "text": str(message.get("text") or ""),
            "date": timestamp(event.get("timestamp"), millis=True) // 1000,
            "attachments": list(message.get("attachments") or [])}  # fmt: skip


def messaging_events(network: str, entry: Mapping[str, Any]) -> list[InboundEvent]:
    """People's new messages among ``entry.messaging`` (echoes, reads, deliveries skipped)."""
    events = []
    for item in entry.get("messaging") or []:
        message = item.get("message") or {}
        if not message.get("mid") or message.get("is_echo") or "sender" not in item:
            continue
        flat = dialog_message(item)
        events.append(
            InboundEvent(
                network,
                f"{network}:message:{flat['id']}",
                "message_new",
                str(entry.get("id", "")),
                {"message": flat, "event": item},
            )
        )
    return events


ChangeReader = Callable[[Mapping[str, Any], Mapping[str, Any]], list[InboundEvent]]


def parse_meta_webhook(
    network: str, body: bytes, headers: Mapping[str, str], app_secret: str, changes: ChangeReader
) -> list[InboundEvent]:
    """Check the signature and turn one Meta webhook delivery (a Page's or an Instagram
    account's) into events: its ``changes`` read by ``changes``, and its direct messages."""
    check_signature(body, headers, app_secret)
    try:
        payload = json.loads(body)
    except ValueError:
        raise ConnectorError("Вебхук Meta: тело не JSON", permanent=True, network=network,
                             code="bad_json") from None  # fmt: skip
    events: list[InboundEvent] = []
    for entry in payload.get("entry") or []:
        for change in entry.get("changes") or []:
            events.extend(changes(entry, change))
        events.extend(messaging_events(network, entry))
    return events


def parse_webhook(body: bytes, headers: Mapping[str, str], app_secret: str) -> list[InboundEvent]:
    return parse_meta_webhook("facebook", body, headers, app_secret, change_events)
