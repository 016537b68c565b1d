"""Reads on the queue's machinery: one error mapping and fault isolation for the
connection test, author names, OK polling and the wall import."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from gospablik.content.importer import import_walls
from gospablik.duties.models import Duty
from gospablik.moderation.authors import lookup
from gospablik.networks.connections import do_test_connection
from gospablik.networks.models import Connection
from gospablik.networks.outbound.reads import read


def test_an_expired_token_holds_the_connection_and_opens_its_repair_duty(vk_account, vk_emulator):
    vk_emulator.faults.push(5, method="users.get")  # authorization failed
    assert lookup(vk_account, ["200"]) == {}
    connection = Connection.objects.get(account=vk_account)
    assert connection.status == Connection.Status.NEEDS_PERSON
    assert Duty.objects.filter(kind="connection_repair").exists()
    called: list[Any] = []  # held now: a read makes no call until a person fixes it
    assert read(connection, called.append, job="moderation.names", default="held") == "held"
    assert called == []


def test_a_temporary_error_gives_the_default_and_changes_nothing(vk_account, vk_emulator):
    vk_emulator.faults.push(10, method="users.get")  # internal server error
    assert lookup(vk_account, ["200"]) == {}
    assert Connection.objects.get(account=vk_account).status != Connection.Status.NEEDS_PERSON


def _boom(connector: Any) -> Any:
    raise RuntimeError("a bug in one account's read")


def test_a_bug_is_recorded_as_the_jobs_fault_and_the_loop_goes_on(vk_account, monkeypatch):
    from gospablik.content import importer

    monkeypatch.setattr(importer, "store", lambda account, items: _boom(None))
    assert import_walls(timezone.now() - timedelta(days=1)) == {vk_account.pk: 0}
    duty = Duty.objects.get(kind="job_failure")
    assert "чтение стены аккаунта" in duty.title  # the job's name, not its code


def test_the_connection_test_runs_on_a_held_connection_and_notes_the_outcome(
    vk_account, vk_emulator, keeper
):
    connection = Connection.objects.get(account=vk_account)
    Connection.objects.filter(pk=connection.pk).update(status=Connection.Status.NEEDS_PERSON)
    connection.refresh_from_db()
    assert do_test_connection(connection, actor=keeper) is not None  # fixed: it reads again
    assert Connection.objects.get(pk=connection.pk).status == Connection.Status.OK
    vk_emulator.faults.push(10, method="groups.getById")
    assert do_test_connection(connection, actor=keeper) is None
    assert Connection.objects.get(pk=connection.pk).status == Connection.Status.ERROR
