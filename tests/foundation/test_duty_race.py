"""Closing the same duty twice (two people at once, a double submit) is a conflict with a
message, never a server error."""

from __future__ import annotations

import pytest
from django.test import Client

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
