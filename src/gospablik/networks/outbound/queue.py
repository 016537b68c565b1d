"""Putting operations on the queue and running what is due.

``enqueue`` stores the operation once per (connection, kind, key); with ``run_now`` it
is attempted right after the caller's transaction commits, inside the request, when the
rate limiter has a slot within :attr:`QueueConfig.inline_wait` — else the Celery task
``run_operation`` (and, should the broker be down, the ``run_due`` beat) takes it.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from gospablik.duties.faults import isolated
from gospablik.networks.connections import shared_limiter
from gospablik.networks.models import Connection
from gospablik.networks.ratelimit import NoWaitLimiter

from .claim import claim
from .kinds import EXECUTORS, load_kinds
from .models import Operation
from .policy import QueueConfig
from .step import run_claimed

log = logging.getLogger("gospablik.networks.outbound")
S = Operation.State
# the beat job a kind of operation stands for, as the fault duty names it
JOBS = {"content.publish": "content.dispatch", "security.snapshot": "security.snapshots",
        "analytics.read_stats": "analytics.collect"}  # fmt: skip


@dataclass
class RunResult:
    outcomes: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    @property
    def handled(self) -> int:
        return sum(self.outcomes.values())


def enqueue(
    kind: str,
    connection: Connection,
    payload: dict[str, Any],
    *,
    key: str,
    subject: models.Model | None = None,
    run_now: bool = True,
    not_before: datetime | None = None,
) -> Operation:
    """Queue ``kind`` on ``connection`` once per ``key`` (the same key returns the
    existing operation, whatever its state). ``not_before``: due then, not now."""
    load_kinds()
    if kind not in EXECUTORS:
        raise ValueError(f"unknown operation kind {kind!r}")
    defaults: dict[str, Any] = {
        "payload": payload,
        "next_try_at": not_before or timezone.now(),
    }
    if subject is not None:
        defaults["subject_type"] = ContentType.objects.get_for_model(subject)
        defaults["subject_id"] = str(subject.pk)
    op, created = Operation.objects.get_or_create(
        connection=connection, kind=kind, key=key, defaults=defaults
    )
    if created and run_now and not_before is None:
        if _committed():
            run_soon(op.pk)
        else:
            transaction.on_commit(lambda: run_soon(op.pk))
    return op


def _committed() -> bool:
    """Whether what was just written is committed (autocommit; the atomic blocks a test
    case wraps around each test count as none, as Django's ``durable`` check does)."""
    from django.db import connection

    return not connection.in_atomic_block or all(
        getattr(block, "_from_testcase", False) for block in connection.atomic_blocks
    )


def run_soon(pk: int, config: QueueConfig | None = None) -> str:
    """Attempt one operation inside the request if the limiter has room, else hand it
    to the worker; returns the outcome ("deferred" when handed over, "skipped" when
    someone else has it or it is not due)."""
    config = config or QueueConfig()
    limiter = NoWaitLimiter(shared_limiter(), config.inline_wait)
    outcome = run_one(pk, config=config, limiter=limiter)
    if outcome == "deferred":
        defer(pk)
    return outcome


def run_soon_all(pks: Iterable[int], config: QueueConfig | None = None) -> list[str]:
    """:func:`run_soon` in order; once one is deferred, the rest go to the worker too
    (so a ban never overtakes the deletion it follows)."""
    outcomes: list[str] = []
    for pk in pks:
        if outcomes and outcomes[-1] == "deferred":
            defer(pk)
            outcomes.append("deferred")
        else:
            outcomes.append(run_soon(pk, config))
    return outcomes


def run_one(
    pk: int,
    now: datetime | None = None,
    config: QueueConfig | None = None,
    limiter: NoWaitLimiter | None = None,
) -> str:
    """Claim and attempt the operation ``pk`` if it is due; "skipped" otherwise."""
    config = config or QueueConfig()
    token = uuid.uuid4().hex
    if not claim(now or timezone.now(), token, config, pk=pk):
        return "skipped"
    load_kinds()
    op = _claimed(token).get()
    return run_claimed(op, token, config, limiter)


def defer(pk: int) -> bool:
    """Hand ``pk`` to the Celery worker; False if the broker cannot take it (the row
    stays due, so the ``run_due`` beat takes it within seconds)."""
    from kombu.exceptions import KombuError

    from .tasks import run_operation

    try:
        run_operation.delay(pk)
    except (KombuError, OSError) as error:
        log.warning("operation %s left to the beat: %r", pk, error)
        return False
    return True


def run_once(
    now: datetime | None = None,
    config: QueueConfig | None = None,
    *,
    kinds: Iterable[str] | None = None,
) -> RunResult:
    """One step of a worker: claim a batch and attempt each. Tests freeze ``now``."""
    config = config or QueueConfig()
    token, result = uuid.uuid4().hex, RunResult()
    if not claim(now or timezone.now(), token, config, kinds=kinds):
        return result
    load_kinds()
    for op in _claimed(token).order_by("next_try_at", "pk"):
        # one tenant's unexpected error is recorded; its row is re-claimed after the lease
        step = partial(run_claimed, op, token, config)
        account = op.connection.account
        job = JOBS.get(op.kind, "networks.outbound")
        outcome = isolated(job, account, account.ministry_id, step, savepoint=False)
        result.add(outcome or "fault")
    return result


def run_due(config: QueueConfig | None = None, budget_seconds: float = 8.0) -> int:
    """Run until nothing is due or the time budget is spent (a beat tick)."""
    deadline, handled = timezone.now() + timedelta(seconds=budget_seconds), 0
    while timezone.now() < deadline:
        step = run_once(config=config).handled
        handled += step
        if step == 0:
            break
    return handled


def _claimed(token: str) -> models.QuerySet[Operation]:
    return Operation.objects.filter(claim_token=token).select_related(
        "connection", "connection__account", "connection__account__ministry"
    )


@transaction.atomic
def requeue(op: Operation, *, not_before: datetime | None = None) -> Operation:
    """Queue a finished (failed / needs a person) or waiting operation again, as new:
    a person's "retry" after fixing the cause. A running one is left to its worker."""
    Operation.objects.filter(pk=op.pk).exclude(state=S.RUNNING).update(
        state=S.QUEUED,
        attempts=0,
        next_try_at=not_before or timezone.now(),
        finished_at=None,
        last_error="",
        last_error_code="",
        updated_at=timezone.now(),
    )
    op.refresh_from_db()
    return op


def reschedule(op: Operation, when: datetime) -> bool:
    """Move a queued operation's due time; False if it is already running or finished."""
    return bool(
        Operation.objects.filter(pk=op.pk, state=S.QUEUED).update(
            next_try_at=when, updated_at=timezone.now()
        )
    )


def cancel(op: Operation, reason: str) -> bool:
    """Withdraw a queued operation (it ends "failed" with ``reason``, no handler runs);
    False if a worker has it or it is finished."""
    return bool(
        Operation.objects.filter(pk=op.pk, state=S.QUEUED).update(
            state=S.FAILED, last_error=reason, finished_at=timezone.now()
        )
    )


def for_subject(obj: models.Model) -> models.QuerySet[Operation]:
    """Operations about ``obj`` (newest first), for its page."""
    kind = ContentType.objects.get_for_model(obj)
    return Operation.objects.filter(subject_type=kind, subject_id=str(obj.pk)).order_by("-pk")
