"""A worker's claimed batch: attempt every operation, then record all outcomes in one
transaction.

One commit (a disk flush) per batch instead of per operation, the done rows written with
two statements, and a kind's ``@on_done_batch`` handler writing its reactions in bulk. The
outcome of each operation and its handler still share a transaction, and every write is
still conditional on the claim token. Should anything in the batch's transaction fail
(one tenant's handler hitting a bug), it is rolled back whole and each operation is
recorded on its own, the failing one isolated as a fault (``duties.faults.isolated``).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from functools import partial

from django.db import transaction
from django.utils import timezone

from gospablik.duties.faults import isolated

from .kinds import DONE_BATCH, JOBS, OUTCOMES, PREPARERS
from .models import Operation
from .policy import QueueConfig
from .step import Attempt, attempt, done_fields, mirror, record

log = logging.getLogger("gospablik.networks.outbound")
S = Operation.State
DONE_COLUMNS = list(done_fields({}, timezone.now()))


def run_batch(ops: list[Operation], token: str, config: QueueConfig) -> list[str | None]:
    """Each operation's outcome (None: a fault was recorded; the lease brings it back)."""
    _prepare(ops)
    attempts = [attempt(op) for op in ops]
    try:
        with transaction.atomic():
            return record_all(ops, attempts, token, config)
    except Exception:  # noqa: BLE001 - recorded one by one below, the culprit isolated
        log.warning("outbound batch: recording it whole failed; one by one", exc_info=True)
    fresh = {op.pk: op for op in _reload([op.pk for op in ops])}
    outcomes: list[str | None] = []
    for op, tried in zip(ops, attempts, strict=True):
        op = fresh.get(op.pk, op)
        step = partial(record, op, token, tried, config)
        account = op.connection.account
        job = JOBS.get(op.kind, "networks.outbound")
        outcomes.append(isolated(job, account, account.ministry_id, step, savepoint=False))
    return outcomes


def _prepare(ops: list[Operation]) -> None:
    for kind, group in _by_kind(ops).items():
        load = PREPARERS.get(kind)
        if load is None:
            continue
        try:
            load(group)
        except Exception:  # noqa: BLE001 - only a speed-up: each executor loads what is missing
            log.exception("outbound batch: preparing %s failed", kind)


def record_all(
    ops: list[Operation], attempts: list[Attempt], token: str, config: QueueConfig
) -> list[str | None]:
    outcomes: dict[int, str] = {}
    done = [op for op, tried in zip(ops, attempts, strict=True) if _is_done(tried)]
    results = {op.pk: tried.result for op, tried in zip(ops, attempts, strict=True)}
    mine = set(
        Operation.objects.select_for_update()
        .filter(pk__in=[op.pk for op in done], claim_token=token, state=S.RUNNING)
        .values_list("pk", flat=True)
    ) if done else set()  # fmt: skip
    now, recorded = timezone.now(), []
    for op in done:
        if op.pk not in mine:
            log.warning("operation %s: lease lost after it was done: %s", op.pk, results[op.pk])
            outcomes[op.pk] = "lost"
            continue
        mirror(op, done_fields(results[op.pk] or {}, now))
        recorded.append(op)
        outcomes[op.pk] = "done"
    if recorded:
        Operation.objects.bulk_update(recorded, DONE_COLUMNS)
    for kind, group in _by_kind(recorded).items():
        _react(kind, group)
    for op, tried in zip(ops, attempts, strict=True):
        if op.pk not in outcomes:  # errors and releases: rare, each as in a single step
            outcomes[op.pk] = record(op, token, tried, config)
    return [outcomes[op.pk] for op in ops]


def _react(kind: str, ops: list[Operation]) -> None:
    batch = DONE_BATCH.get(kind)
    if batch is not None:
        batch(ops)
        return
    handler = OUTCOMES.get(kind)
    if handler is not None:
        for op in ops:
            handler(op)


def _is_done(tried: Attempt) -> bool:
    return not tried.release and tried.error is None


def _by_kind(ops: list[Operation]) -> dict[str, list[Operation]]:
    groups: dict[str, list[Operation]] = defaultdict(list)
    for op in ops:
        groups[op.kind].append(op)
    return groups


def _reload(pks: list[int]) -> list[Operation]:
    return list(
        Operation.objects.filter(pk__in=pks).select_related(
            "connection", "connection__account", "connection__account__ministry"
        )
    )
