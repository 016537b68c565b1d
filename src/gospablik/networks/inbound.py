"""Events pushed or polled from the networks: stored once, then handed to subscribers.

Modules subscribe in their AppConfig.ready(): ``subscribe("comment_new", handler)``;
a handler takes the stored :class:`~gospablik.networks.models.InboundEvent` and the
normalized :class:`~gospablik.networks.base.InboundEvent`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from gospablik.networks import base
from gospablik.networks.models import Connection, InboundEvent

log = logging.getLogger(__name__)
Handler = Callable[[InboundEvent, base.InboundEvent], Any]
_HANDLERS: dict[str, list[Handler]] = {}


def subscribe(kind: str, handler: Handler) -> None:
    if handler not in _HANDLERS.setdefault(kind, []):
        _HANDLERS[kind].append(handler)


def store(connection: Connection, event: base.InboundEvent) -> InboundEvent | None:
    """Store an event unless its id was seen for this connection (retries, replays)."""
    try:
        with transaction.atomic():
            return InboundEvent.objects.create(
                connection=connection,
                event_id=event.event_id or _synthetic_id(event),
                kind=event.kind,
                payload=event.payload,
            )
    except IntegrityError:
        return None


def _synthetic_id(event: base.InboundEvent) -> str:
    comment = event.comment
    return f"{event.kind}:{comment.comment_id if comment else hash(str(event.payload))}"


def process(stored: InboundEvent, event: base.InboundEvent) -> None:
    """Run every subscriber; a failing one is recorded and retried by the sweeper."""
    errors = []
    for handler in _HANDLERS.get(stored.kind, []):
        try:
            handler(stored, event)
        except Exception as error:  # noqa: BLE001 — one handler must not stop the others
            log.exception("inbound handler %s failed", getattr(handler, "__name__", handler))
            errors.append(f"{getattr(handler, '__name__', handler)}: {error}")
    InboundEvent.objects.filter(pk=stored.pk).update(
        processed_at=None if errors else timezone.now(), error="\n".join(errors)
    )


def receive(connection: Connection, event: base.InboundEvent) -> bool:
    """Store and process; False when the event was a duplicate."""
    stored = store(connection, event)
    if stored is None:
        return False
    process(stored, event)
    return True
