"""The VK Callback endpoint: handshake, secret check, de-duplication, `ok` reply."""

from __future__ import annotations

import json

from django.test import Client

from gospablik.networks.inbound import subscribe
from gospablik.networks.models import InboundEvent
from tests.conftest import VK_CALLBACK_SECRET, VK_GROUP


def post(connection_id: int, body: dict, **headers: str):
    return Client().post(
        f"/hooks/vk/{connection_id}/", json.dumps(body), content_type="application/json", **headers
    )


def test_it_confirms_the_server(vk_account, vk_emulator):
    server = vk_emulator.state.community(VK_GROUP).callback_servers[0]
    assert server.status == "ok"


def test_it_stores_a_new_comment_once(vk_account, vk_emulator):
    vk_emulator.add_comment(VK_GROUP, 3, 200, "Когда откроют поликлинику?")
    assert InboundEvent.objects.filter(kind="comment_new").count() == 1


def test_it_ignores_a_replayed_event(vk_account):
    body = {
        "type": "wall_reply_new",
        "group_id": VK_GROUP,
        "event_id": "e1",
        "v": "5.199",
        "secret": VK_CALLBACK_SECRET,
        "object": {
            "id": 9,
            "from_id": 5,
            "post_id": 3,
            "owner_id": -VK_GROUP,
            "date": 1700000000,
            "text": "раз",
        },
    }
    connection = vk_account.connection.pk
    assert post(connection, body).content == b"ok"
    assert post(connection, body, HTTP_X_RETRY_COUNTER="1").content == b"ok"
    assert InboundEvent.objects.count() == 1


def test_it_rejects_a_forged_event(vk_account):
    body = {
        "type": "group_officers_edit",
        "group_id": VK_GROUP,
        "event_id": "x",
        "secret": "guess",
        "object": {"user_id": 666, "level_new": 3},
    }
    response = post(vk_account.connection.pk, body)
    assert response.status_code == 403
    assert not InboundEvent.objects.exists()


def test_it_rejects_events_when_no_secret_is_configured(vk_account):
    connection = vk_account.connection
    connection.secrets = {k: v for k, v in connection.secrets.items() if k != "callback_secret"}
    connection.save()
    body = {"type": "wall_post_new", "group_id": VK_GROUP, "event_id": "y", "object": {}}
    assert post(connection.pk, body).status_code == 403


def test_it_hands_events_to_subscribers(vk_account, vk_emulator):
    seen = []
    subscribe("admins_changed", lambda stored, event: seen.append(event.payload["object"]))
    vk_emulator.add_admin(VK_GROUP, 777, "administrator")
    assert seen and seen[-1]["user_id"] == 777


def test_it_answers_404_for_an_unknown_connection(db):
    assert post(999, {"type": "confirmation", "group_id": 1}).status_code == 404
