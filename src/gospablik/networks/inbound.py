"""Events pushed or polled from the networks: stored once, then handed to subscribers.

Modules subscribe in their AppConfig.ready(): ``subscribe("comment_new", handler)``;
a handler takes the stored :class:`~gospablik.networks.models.InboundEvent` and the
normalized :class:`~gospablik.networks.base.InboundEvent`. It may return a callable:
work that must wait until the event's transaction has committed (a network call). A
handler with a ``prepare(connection, event)`` method does its reads and look-ups there,
before the transaction, and returns the handler to run inside it (or None: nothing to
write).

The event row, the subscribers' writes and the "processed" mark commit together. A
crash before that commit leaves nothing behind, so the network's retry (it got no
answer) processes the event anew; a retry after it is a duplicate of a stored event id.
A failing subscriber rolls all of it back and the event is stored with its error, for
the sweeper (:func:`gospablik.moderation.recovery.resume_events`) to process again.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from gospablik.networks import base
from gospablik.networks.models import Connection, InboundEvent

log = logging.getLogger(__name__)
FollowUp = Callable[[], Any]
Handler = Callable[[InboundEvent, base.InboundEvent], FollowUp | None]
_HANDLERS: dict[str, list[Handler]] = {}


class _Duplicate(Exception):
    pass


class _HandlerFailed(Exception):
    pass


def subscribe(kind: str, handler: Handler) -> None:
    if handler not in _HANDLERS.setdefault(kind, []):
        _HANDLERS[kind].append(handler)


def receive(connection: Connection, event: base.InboundEvent) -> bool:
    """Store and process; False when the event was a duplicate."""
    try:
        steps = _prepare(connection, event)
        with transaction.atomic():
            stored = _insert(connection, event)
            follow_ups = _run(steps, stored, event)
    except _Duplicate:
        return False
    except _HandlerFailed as failed:
        _store_failed(connection, event, str(failed))
        return True
    _follow_up(stored, follow_ups)
    return True


def process(stored: InboundEvent, event: base.InboundEvent) -> None:
    """Run the subscribers of an event stored earlier with an error (the sweeper)."""
    try:
        with transaction.atomic():
            follow_ups = _run(_HANDLERS.get(stored.kind, []), stored, event)
            _mark(stored.pk, error="")
    except _HandlerFailed as failed:
        _mark(stored.pk, error=str(failed))
        return
    _follow_up(stored, follow_ups)


def _insert(connection: Connection, event: base.InboundEvent) -> InboundEvent:
    """The event row, already marked processed: it commits only if processing does.
    Runs first in the transaction, so a concurrent delivery of the same event waits on
    its unique key and then finds it stored."""
    try:
        return InboundEvent.objects.create(
            connection=connection,
            event_id=event_id_of(event),
            kind=event.kind,
            payload=event.payload,
            processed_at=timezone.now(),
        )
    except IntegrityError:
        raise _Duplicate from None


def _store_failed(connection: Connection, event: base.InboundEvent, error: str) -> None:
    try:
        with transaction.atomic():
            InboundEvent.objects.create(
                connection=connection,
                event_id=event_id_of(event),
                kind=event.kind,
                payload=event.payload,
                error=error,
            )
    except IntegrityError:
        pass  # a concurrent delivery of the same event got through meanwhile


def event_id_of(event: base.InboundEvent) -> str:
    """The network's event id, or one derived from the content (the same in every
    process, so that a retry reaching another worker is still recognised).

    >>> from gospablik.networks.base import InboundEvent as Event
    >>> event_id_of(Event("vk", "", "post_new", "1", {"object": {"id": 5}}))
    'post_new:f81135e4908bc0acbb378079f5eb40c0645bd4d2'
    """
    comment = event.comment
    if event.event_id:
        return event.event_id
    if comment is not None:
        return f"{event.kind}:{comment.comment_id}"
    canonical = json.dumps(event.payload, sort_keys=True, ensure_ascii=False, default=str)
    return f"{event.kind}:{hashlib.sha1(canonical.encode()).hexdigest()}"  # noqa: S324 — an id


def _prepare(connection: Connection, event: base.InboundEvent) -> list[Handler]:
    """Each subscriber's step inside the transaction, after its ``prepare`` if it has one."""
    steps = []
    for handler in _HANDLERS.get(event.kind, []):
        prepare = getattr(handler, "prepare", None)
        step = _guarded(handler, prepare, connection, event) if prepare else handler
        if step is not None:
            steps.append(step)
    return steps


def _run(steps: list[Handler], stored: InboundEvent, event: base.InboundEvent) -> list[FollowUp]:
    """The first failure aborts them all (their writes roll back)."""
    follow_ups = []
    for step in steps:
        follow_up = _guarded(step, step, stored, event)
        if follow_up is not None:
            follow_ups.append(follow_up)
    return follow_ups


def _guarded(handler: Any, call: Callable[..., Any], *args: Any) -> Any:
    try:
        return call(*args)
    except Exception as error:
        name = getattr(handler, "__name__", type(handler).__name__)
        log.exception("inbound handler %s failed", name)
        raise _HandlerFailed(f"{name}: {error}") from error


def _follow_up(stored: InboundEvent, follow_ups: list[FollowUp]) -> None:
    """After the commit. A failure is put on record: what it left undone (a network
    step) is due in its own table, and the sweeper processes the event again."""
    for follow_up in follow_ups:
        try:
            follow_up()
        except Exception as error:  # noqa: BLE001 — the event is stored; report, go on
            log.exception("inbound follow-up failed")
            _mark(stored.pk, error=f"{getattr(follow_up, '__qualname__', 'follow-up')}: {error}")


def _mark(pk: int, *, error: str) -> None:
    processed_at = None if error else timezone.now()
    InboundEvent.objects.filter(pk=pk).update(processed_at=processed_at, error=error)
