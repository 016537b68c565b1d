"""VK Callback API events raise alerts at once; forged calls are rejected."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from gospablik.security.actions import do_allow_admin
from gospablik.security.models import Alert
from gospablik.security.snapshots import snapshot_all
from tests.security.conftest import CALLBACK_SECRET, GROUP


@pytest.fixture
def hooked(connection, emulator, sec):
    """The emulated community pushes its events to our Callback endpoint."""
    web = Client()

    def send(url, body, headers):
        response = web.post(url, body, content_type="application/json")
        return response.status_code, response.content.decode()

    emulator.push.sender = send
    url = f"/hooks/vk/{connection.pk}/"
    assert emulator.add_callback_server(GROUP, url, CALLBACK_SECRET).status == "ok"
    account = connection.account
    do_allow_admin(account, user_id="100", name="Анна Смирнова", role="creator", actor=sec)
    snapshot_all()
    return account


def test_it_alerts_a_new_admin_from_the_callback_at_once(hooked, emulator):
    emulator.add_admin(GROUP, 666, "administrator")
    alert = Alert.objects.get()
    assert (alert.severity, alert.source, alert.key) == ("critical", "event", "admin:666")


def test_it_does_not_repeat_the_alert_at_the_next_snapshot(hooked, emulator):
    emulator.add_admin(GROUP, 666, "administrator")
    snapshot_all(timezone.now() + timedelta(minutes=11))
    assert Alert.objects.count() == 1


def test_it_alerts_a_rename_from_the_callback(hooked, emulator):
    emulator.rename_community(GROUP, "Продам гараж")
    alert = Alert.objects.get()
    assert (alert.kind, alert.severity) == ("title", "high")
    assert "Продам гараж" in alert.summary


def test_it_alerts_a_new_avatar_once_for_event_and_snapshot(hooked, emulator):
    emulator.change_photo(GROUP, "https://sun9-3.userapi.com/new.jpg")
    snapshot_all(timezone.now() + timedelta(minutes=11))
    assert list(Alert.objects.values_list("kind", flat=True)) == ["avatar"]


def test_it_rejects_a_forged_event(hooked, connection):
    body = {
        "type": "group_officers_edit",
        "group_id": GROUP,
        "event_id": "x1",
        "secret": "guessed",
        "object": {"user_id": 5, "level_old": 0, "level_new": 3},
    }
    response = Client().post(f"/hooks/vk/{connection.pk}/", body, content_type="application/json")
    assert response.status_code == 403
    assert not Alert.objects.exists()


def test_it_rejects_an_event_without_secret(hooked, connection):
    body = {
        "type": "group_change_photo",
        "group_id": GROUP,
        "event_id": "x2",
        "object": {"user_id": 5, "photo": {}},
    }
    response = Client().post(f"/hooks/vk/{connection.pk}/", body, content_type="application/json")
    assert response.status_code == 403
