"""The one durable queue of outgoing network operations.

What enqueues, what claims, what records::

    content / moderation / security actions
        └─ enqueue(kind, connection, payload, key=…, subject=…)   one row per key
    Celery beat ``run_due`` · task ``run_operation`` · in-request ``run_soon``
        └─ claim (FOR UPDATE SKIP LOCKED | one UPDATE on SQLite) under a lease
            └─ @read_back(kind) first if an earlier attempt may have been applied
            └─ @executor(kind)(connector_for(connection), op) → result ids
        └─ record once (token-conditional): done | retry (backoff, retry_after)
           | failed | needs_person (+ duty) | held (the connection needs a person)
            └─ @on_outcome(kind)(op) in the same transaction

Public API: :func:`enqueue`, :func:`executor`, :func:`read_back`, :func:`on_outcome`,
:func:`on_retry`, :func:`prepare`, :func:`on_done_batch`, :class:`Operation`,
:func:`run_once` / :func:`run_due` (workers), :func:`requeue`, :func:`reschedule`,
:func:`cancel`, :func:`for_subject`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .kinds import executor, on_done_batch, on_outcome, on_retry, prepare, read_back
from .policy import QueueConfig, backoff

if TYPE_CHECKING:
    from .models import Operation
    from .queue import (
        RunResult,
        cancel,
        enqueue,
        for_subject,
        requeue,
        reschedule,
        run_due,
        run_once,
        run_one,
        run_soon,
        run_soon_all,
    )

__all__ = [
    "Operation",
    "QueueConfig",
    "RunResult",
    "backoff",
    "cancel",
    "enqueue",
    "executor",
    "for_subject",
    "on_done_batch",
    "on_outcome",
    "on_retry",
    "prepare",
    "read_back",
    "requeue",
    "reschedule",
    "run_due",
    "run_one",
    "run_once",
    "run_soon",
    "run_soon_all",
]
_QUEUE = {
    "RunResult", "cancel", "enqueue", "for_subject", "requeue", "reschedule",
    "run_due", "run_one", "run_once", "run_soon", "run_soon_all",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    """The Django side loads on first use (the models package imports this package)."""
    if name == "Operation":
        from .models import Operation

        return Operation
    if name in _QUEUE:
        from . import queue

        return getattr(queue, name)
    raise AttributeError(name)
