"""A worker's batch: attempted one by one, recorded in one transaction, in bulk where a
kind allows — and one tenant's failing handler still costs only its own operation."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection as db
from django.test.utils import CaptureQueriesContext

from gospablik.audit.log import record_many, verify
from gospablik.audit.models import AuditEntry
from gospablik.duties.models import Duty
from gospablik.networks.outbound import (
    Operation,
    QueueConfig,
    enqueue,
    executor,
    on_done_batch,
    on_outcome,
    prepare,
    run_once,
)

BATCHED, SINGLE = "test.batched", "test.single"
PREPARED: list[list[int]] = []
BATCHES: list[list[int]] = []


@executor(BATCHED)
@executor(SINGLE, job="content.dispatch")
def _read(connector: Any, op: Operation) -> dict[str, Any]:
    return {"title": connector.read_profile().title, "prepared": getattr(op, "_ready", False)}


@prepare(BATCHED)
def _prepare(ops: list[Operation]) -> None:
    PREPARED.append([op.pk for op in ops])
    for op in ops:
        op._ready = True  # type: ignore[attr-defined]


@on_done_batch(BATCHED)
def _batch(ops: list[Operation]) -> None:
    assert db.in_atomic_block
    assert {o.state for o in Operation.objects.filter(pk__in=[op.pk for op in ops])} == {"done"}
    BATCHES.append([op.pk for op in ops])


@on_outcome(SINGLE)
def _single(op: Operation) -> None:
    if op.payload.get("bug"):
        raise RuntimeError("a tenant's handler bug")


@pytest.fixture(autouse=True)
def _clean() -> None:
    PREPARED.clear()
    BATCHES.clear()


def _queue(account: Any, kind: str, n: int, **payload: Any) -> list[Operation]:
    return [
        enqueue(kind, account.connection, payload, key=f"{kind}{i}", run_now=False)
        for i in range(n)
    ]


def test_a_batch_is_prepared_once_and_its_done_operations_handled_together(vk_account):
    ops = _queue(vk_account, BATCHED, 5)
    assert run_once(config=QueueConfig(batch=5)).outcomes == {"done": 5}
    assert PREPARED == [[op.pk for op in ops]] and BATCHES == [[op.pk for op in ops]]
    done = Operation.objects.filter(state="done", claim_token="", lease_until=None)
    assert done.count() == 5 and all(op.result["prepared"] for op in done)


def test_one_failing_handler_costs_only_its_own_operation(vk_account):
    good = _queue(vk_account, SINGLE, 3)
    bad = enqueue(SINGLE, vk_account.connection, {"bug": True}, key="bad", run_now=False)
    outcomes = run_once(config=QueueConfig(batch=10)).outcomes
    assert outcomes == {"done": 3, "fault": 1}
    assert Operation.objects.filter(pk__in=[op.pk for op in good], state="done").count() == 3
    bad.refresh_from_db()
    assert bad.state == "running"  # its lease brings it back, read back first
    fault = Duty.objects.get(kind="job_failure")
    assert fault.subject_type.endswith("@content.dispatch")  # the kind's own job name


def test_a_batch_records_its_outcomes_in_few_statements(vk_account):
    _queue(vk_account, BATCHED, 10)
    with CaptureQueriesContext(db) as queries:
        assert run_once(config=QueueConfig(batch=10)).outcomes == {"done": 10}
    writes = [q["sql"] for q in queries if q["sql"].startswith("UPDATE")]
    assert len(writes) == 2  # the claim and the ten outcomes


def test_entries_appended_together_keep_the_chain(health):
    from gospablik.audit.log import record

    before = record("test.before", ministry=health, after={"n": 0})
    made = record_many(
        [("test.many", {"ministry": health, "after": {"n": n}}) for n in range(1, 4)]
    )
    after = record("test.after", ministry=health, after={"n": 4})
    assert [e.seq for e in made] == [before.seq + 1, before.seq + 2, before.seq + 3]
    assert made[0].prev_hash == before.hash and after.prev_hash == made[2].hash
    assert AuditEntry.objects.filter(action="test.many").count() == 3
    assert verify().ok
