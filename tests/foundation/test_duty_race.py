"""Closing the same duty twice (two people at once, a double submit) is a conflict with a
message, never a server error."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client

from gospablik.audit.models import AuditEntry
from gospablik.duties import actions as duties_actions
from gospablik.duties.actions import DutyClosed, do_complete_duty
from gospablik.duties.models import Duty
from tests.conftest import PASSWORD
from tests.foundation.factories import register

DONE = {"method": "letter", "done_on": "2025-01-01"}


@pytest.fixture
def duty(health, keeper) -> Duty:
    account = register(health, keeper)
    return Duty.objects.get(subject_id=str(account.pk))


def test_the_second_of_two_closings_from_the_same_read_is_refused(duty, keeper):
    stale = Duty.objects.get(pk=duty.pk)  # both read the duty open
    do_complete_duty(duty, actor=keeper, resolution=DONE)
    with pytest.raises(DutyClosed):
        do_complete_duty(stale, actor=keeper, resolution=DONE)


def test_the_api_answers_409_to_the_second_closing(duty, keeper):
    client = Client(raise_request_exception=False)
    client.login(username=keeper.username, password=PASSWORD)
    url = f"/api/m/kuzbass-health-335/duties/{duty.pk}/complete/"
    first = client.post(url, DONE, content_type="application/json")
    second = client.post(url, DONE, content_type="application/json")
    assert (first.status_code, second.status_code) == (200, 409)
    assert "уже закрыта" in second.json()["detail"]


def test_the_page_shows_a_message_to_the_second_closing(duty, keeper):
    client = Client(raise_request_exception=False)
    client.login(username=keeper.username, password=PASSWORD)
    url = f"/kuzbass-health-335/duties/{duty.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    do_complete_duty(duty, actor=keeper, resolution=DONE)  # someone else, meanwhile
    response = client.post(url, DONE)
    assert response.status_code < 500


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL (CI)")
def test_two_people_closing_at_once_close_it_once(duty, keeper, monkeypatch):
    """Two threads, each with its own database connection, post the closing at the same
    moment; the first holds the row lock a little while (the evidence check is slowed), so
    the second really waits on it. One closes, one audit entry, the other gets 409."""
    checked = duties_actions.evidence_problem

    def slow_check(*args: Any) -> str:
        time.sleep(0.3)
        return checked(*args)

    monkeypatch.setattr(duties_actions, "evidence_problem", slow_check)
    url = f"/api/m/kuzbass-health-335/duties/{duty.pk}/complete/"
    start, answers = threading.Barrier(2), []

    def close() -> None:
        try:
            client = Client(raise_request_exception=False)
            client.force_login(keeper)
            start.wait()
            response = client.post(url, DONE, content_type="application/json")
            answers.append((response.status_code, response.json()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=close) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(status for status, _ in answers) == [200, 409]
    assert "уже закрыта" in next(body for status, body in answers if status == 409)["detail"]
    assert Duty.objects.get(pk=duty.pk).status == Duty.Status.DONE
    entries = AuditEntry.objects.filter(action="duty.complete", object_id=str(duty.pk))
    assert entries.count() == 1
