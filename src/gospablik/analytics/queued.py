"""Statistics reads as operations of the outbound queue (kind ``analytics.read_stats``).

The executor reads with the connector the queue hands it (the shared rate limiter) and
stores the reading; a read the queue gives up on, or will retry, leaves the window's gap
with the network's reason (never zeros), replaced by figures when a later read succeeds.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from gospablik.analytics.collect import KIND, refused, store_reading
from gospablik.analytics.reading import Reading, read_stats
from gospablik.networks.base import BaseConnector
from gospablik.networks.outbound import Operation, executor, on_outcome, on_retry


def _window(op: Operation) -> tuple[date, date]:
    return date.fromisoformat(op.payload["since"]), date.fromisoformat(op.payload["until"])


@executor(KIND, job="analytics.collect")
def read(connector: BaseConnector, op: Operation) -> dict[str, Any]:
    since, until = _window(op)
    reading: Reading = read_stats(connector, since, until)
    store_reading(op.connection.account, reading, timezone.now())
    return {"days": len(reading.days), "posts": len(reading.posts),
            "refusals": list(dict.fromkeys(reading.refusals))[:5]}  # fmt: skip


@on_outcome(KIND)
def finished(op: Operation) -> None:
    if op.state != Operation.State.DONE:
        _gap(op)


@on_retry(KIND)
def retrying(op: Operation) -> None:
    _gap(op)


def _gap(op: Operation) -> None:
    since, until = _window(op)
    reason = op.last_error or "Соцсеть не ответила"
    store_reading(op.connection.account, refused(since, until, reason), timezone.now())
