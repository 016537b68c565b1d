"""OK's webhook for group messages: OK signs nothing, so the secret is the last segment
of the subscribed URL; a body reaches the inbox only with the connection's secret."""

from __future__ import annotations

import json

from django.test import Client

from gospablik.moderation.models import Message
from gospablik.networks.connections import do_connect_account
from gospablik.networks.models import InboundEvent
from tests.content.conftest import OK_GID, OK_SECRETS
from tests.foundation.factories import register

SECRET = "ok_secret_for_tests"
BODY = {  # the documented webhook body (graph.user.subscribe)
    "sender": {"user_id": "user:575000000100"},
    "recipient": {"chat_id": "chat:C3ecb9d02a600"},
    "message": {"text": "Где получить справку?", "seq": 1, "mid": "mid:C3ecb9d02a600.1"},
    "timestamp": 1498581292941,
}


def ok_group(health, keeper, **secrets: str):
    account = register(health, keeper, network="ok", url="https://ok.ru/group/kuzdrav")
    return do_connect_account(account, {"group_id": OK_GID}, OK_SECRETS | secrets, actor=keeper)


def post(connection, secret: str, body: object = BODY):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    url = f"/hooks/ok/{connection.pk}/{secret}/"
    return Client().post(url, raw, content_type="application/json")


def test_a_message_with_the_secret_is_stored_once(health, keeper):
    connection = ok_group(health, keeper, webhook_secret=SECRET)
    assert post(connection, SECRET).status_code == 200
    assert post(connection, SECRET).status_code == 200
    assert InboundEvent.objects.filter(connection=connection, kind="message_new").count() == 1
    assert Message.objects.get().author_id == "575000000100"


def test_a_forged_secret_is_refused_and_nothing_is_stored(health, keeper):
    connection = ok_group(health, keeper, webhook_secret=SECRET)
    assert post(connection, "ok_secret_for_test5").status_code == 403
    assert not InboundEvent.objects.exists() and not Message.objects.exists()


def test_without_a_secret_on_the_connection_every_body_is_refused(health, keeper):
    connection = ok_group(health, keeper)
    assert post(connection, "anything-at-all-here").status_code == 403
    assert not InboundEvent.objects.exists()


def test_the_hook_without_its_secret_segment_does_not_exist(health, keeper):
    connection = ok_group(health, keeper, webhook_secret=SECRET)
    url = f"/hooks/ok/{connection.pk}/"
    assert Client().post(url, b"{}", content_type="application/json").status_code == 404


def test_a_chat_event_is_accepted_but_is_not_a_message(health, keeper):
    connection = ok_group(health, keeper, webhook_secret=SECRET)
    system = BODY | {"message": {"text": '{"ai":1,"tn":"Чат","ty":"THEME_CHANGED"}', "mid": "m"}}
    assert post(connection, SECRET, system).status_code == 200
    assert not InboundEvent.objects.exists()


def test_a_body_that_is_not_json_is_a_bad_request(health, keeper):
    connection = ok_group(health, keeper, webhook_secret=SECRET)
    assert post(connection, SECRET, b"not json").status_code == 400
