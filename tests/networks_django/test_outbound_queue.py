"""The outbound queue: one claim, one backoff, one check-before-retry, one outcome write.

A test kind reads the VK community's profile through the HTTP seam (the VK emulator
in-process); faults are the emulator's own."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection as db
from django.utils import timezone

from gospablik.duties.models import Duty
from gospablik.networks import connector_for
from gospablik.networks.models import Connection
from gospablik.networks.outbound import (
    Operation,
    QueueConfig,
    enqueue,
    executor,
    on_outcome,
    read_back,
    requeue,
    run_once,
)
from gospablik.networks.outbound.claim import claim
from gospablik.networks.outbound.step import on_done

KIND = "test.read_profile"
SEEN: list[tuple[str, str, str]] = []
CHECKED: list[int] = []
NOW = QueueConfig(max_delay=0.0)  # retries are due at once


@executor(KIND)
def _read(connector: Any, op: Operation) -> dict[str, Any]:
    return {"title": connector.read_profile().title}


@read_back(KIND)
def _check(connector: Any, op: Operation) -> dict[str, Any] | None:
    CHECKED.append(op.pk)
    return {"title": "found"} if op.payload.get("applied") else None


@on_outcome(KIND)
def _outcome(op: Operation) -> None:
    stored = Operation.objects.get(pk=op.pk)  # same transaction: the outcome is visible
    assert db.in_atomic_block and stored.state == op.state
    SEEN.append((op.state, op.last_error, str(op.result.get("title", ""))))


@pytest.fixture(autouse=True)
def _clean() -> None:
    SEEN.clear()
    CHECKED.clear()


def queued(account: Any, key: str = "k1", **payload: Any) -> Operation:
    return enqueue(KIND, account.connection, payload, key=key, run_now=False)


def test_the_same_key_is_queued_once(vk_account):
    first, again = queued(vk_account), queued(vk_account)
    assert first.pk == again.pk and Operation.objects.count() == 1
    assert queued(vk_account, "k2").pk != first.pk


def test_an_unknown_kind_is_refused(vk_account):
    with pytest.raises(ValueError):
        enqueue("no.such.kind", vk_account.connection, {}, key="x")


def test_done_records_the_result_and_calls_the_outcome_handler(vk_account):
    op = queued(vk_account)
    assert run_once(config=NOW).outcomes == {"done": 1}
    op.refresh_from_db()
    assert op.state == "done" and op.attempts == 1 and op.result["title"]
    assert SEEN == [("done", "", op.result["title"])]
    assert run_once(config=NOW).handled == 0  # nothing twice


def test_a_temporary_fault_backs_off_then_succeeds(vk_account, vk_emulator):
    vk_emulator.faults.push("http_500", method="groups.getById")
    op = queued(vk_account)
    assert run_once().outcomes == {"retry": 1}
    op.refresh_from_db()
    assert op.state == "queued" and "HTTP 500" in op.last_error and op.needs_check
    assert op.next_try_at > timezone.now()
    assert run_once().handled == 0  # not due yet
    assert run_once(op.next_try_at + timedelta(seconds=1)).outcomes == {"done": 1}
    assert CHECKED == [op.pk]  # the write may have happened: read back first
    assert SEEN[0][0] == "done"


def test_a_rate_limit_waits_for_retry_after(vk_account, vk_emulator):
    vk_emulator.faults.push(6, method="groups.getById")
    op = queued(vk_account)
    assert run_once().outcomes == {"retry": 1}
    op.refresh_from_db()
    assert timedelta(0) < op.next_try_at - timezone.now() <= timedelta(seconds=1)


def test_a_permanent_error_fails_with_the_reason_in_russian(vk_account, vk_emulator):
    vk_emulator.faults.push(15, method="groups.getById")
    op = queued(vk_account)
    assert run_once().outcomes == {"failed": 1}
    op.refresh_from_db()
    assert op.state == "failed" and op.last_error.startswith("ВКонтакте: доступ запрещён")
    assert SEEN == [("failed", op.last_error, "")]
    requeue(op)
    assert run_once().outcomes == {"done": 1}


def test_exhausted_attempts_need_a_person_with_a_duty(vk_account, vk_emulator):
    vk_emulator.faults.push("http_500", count=2, method="groups.getById")
    op = queued(vk_account)
    config = QueueConfig(max_delay=0.0, max_attempts=2)
    assert [run_once(config=config).outcomes for _ in range(2)] == [
        {"retry": 1},
        {"needs_person": 1},
    ]
    op.refresh_from_db()
    assert op.state == "needs_person" and op.last_error.startswith("Не удалось выполнить за 2")
    duty = Duty.objects.get(kind="outbound_operation", status="open")
    assert "Не удалось выполнить за 2" in duty.title
    assert SEEN[-1][0] == "needs_person"


def test_an_expired_token_holds_the_connection(vk_account, vk_emulator):
    vk_emulator.faults.push(5, method="groups.getById")
    op = queued(vk_account)
    assert run_once(config=NOW).outcomes == {"held": 1}
    assert Connection.objects.get(account=vk_account).status == "needs_person"
    assert Duty.objects.filter(kind="connection_repair", status="open").count() == 1
    assert run_once(config=NOW).handled == 0  # held while the connection needs a person
    Connection.objects.filter(account=vk_account).update(status="ok")
    assert run_once(config=NOW).outcomes == {"done": 1}
    op.refresh_from_db()
    assert op.state == "done" and SEEN == [("done", "", op.result["title"])]


def test_a_dead_workers_operation_is_read_back_after_its_lease(vk_account):
    op = queued(vk_account, applied=True)
    assert claim(timezone.now(), "dead-worker", QueueConfig(lease_seconds=60)) == 1
    assert run_once().handled == 0  # the lease still holds
    later = timezone.now() + timedelta(seconds=61)
    assert run_once(later).outcomes == {"done": 1}
    op.refresh_from_db()
    assert op.result == {"title": "found", "found_by_check": True} and CHECKED == [op.pk]


def test_a_worker_that_lost_its_lease_cannot_overwrite(vk_account):
    op = queued(vk_account)
    claim(timezone.now(), "slow", QueueConfig(lease_seconds=1))
    claim(timezone.now() + timedelta(seconds=2), "fast", QueueConfig())
    op.refresh_from_db()
    assert on_done(op, "slow", {"title": "x"}) == "lost"
    assert Operation.objects.get(pk=op.pk).state == "running" and SEEN == []


def test_run_now_attempts_in_the_request_after_commit(
    vk_account, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        op = enqueue(KIND, vk_account.connection, {}, key="now")
    op.refresh_from_db()
    assert op.state == "done" and SEEN[0][0] == "done"


def test_connector_for_is_the_one_way(vk_account, vk_emulator):
    assert connector_for(vk_account.connection).read_profile().title
